// One `jest` run covers every project: pure/Node unit + integration tests, Lit components in
// jsdom, Lightning web components (sfdx-lwc-jest) and end-to-end tests in real Chromium.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');

/** Lit and friends ship ESM only: transform them (and our TS) to CommonJS for Jest. */
const esmPackages = [
  'lit',
  'lit-html',
  'lit-element',
  '@lit',
  '@lit-labs',
  'msw',
  '@mswjs',
  'until-async',
  'rettime',
  '@open-draft',
  'outvariant',
  'strict-event-emitter',
  'headers-polyfill',
  'is-node-process',
  'axe-core',
];
const tsTransform = {
  '^.+\\.(ts|js|mjs)$': [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', verbatimModuleSyntax: false, isolatedModules: true }, diagnostics: false },
  ],
};
const common = {
  transform: tsTransform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // Workspace packages (`@biztel/*`) are read from their TypeScript source: no build before a test.
  testEnvironmentOptions: { customExportConditions: ['source', 'node', 'node-addons'] },
};

export default {
  // Generous, for every project (Jest reads the time-out from the global config only, not per
  // project): a test must never fail because a busy machine ran it slowly. Tests wait on
  // conditions (`until` from @biztel/testing, whose safety net of 30 s is shorter), not on time.
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/packages', '<rootDir>/web-components/src', '<rootDir>/server/src', '<rootDir>/dev-host/src'],
      testMatch: ['**/*.test.ts'],
      // *.cluster.test.ts need Redis: only the cluster project runs them.
      testPathIgnorePatterns: ['/web-components/src/ui/', '\\.cluster\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'dom',
      testEnvironment: 'jest-fixed-jsdom',
      roots: ['<rootDir>/web-components/src/ui'],
      testMatch: ['**/*.test.ts'],
      testEnvironmentOptions: { customExportConditions: ['source', ''] },
    },
    {
      // The server integration tests again, with two event-server nodes sharing Redis
      // (TEST_REDIS_URL, else a local redis-server: cluster-global-setup.cjs): `two-nodes.setup.ts`
      // sets TEST_EVENT_NODES=2, which `startTestSystem` reads.
      ...common,
      displayName: 'cluster',
      testEnvironment: 'node',
      roots: ['<rootDir>/server/src'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/simulator/', '/config/', 'protocol-fuzz', 'origins', 'logger', 'rate-limit'],
      globalSetup: '<rootDir>/server/cluster-global-setup.cjs',
      globalTeardown: '<rootDir>/server/cluster-global-teardown.cjs',
      setupFiles: ['<rootDir>/server/src/testing/two-nodes.setup.ts'],
    },
    {
      // The softphone conformance kit (conformance/) against our simulated softphone process, the
      // Python reference softphone and deliberately broken ones. Needs the build (npm test builds first).
      ...common,
      displayName: 'conformance',
      testEnvironment: 'node',
      roots: ['<rootDir>/conformance'],
      testMatch: ['**/*.test.ts'],
    },
    {
      ...lwcJestConfig,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      testMatch: ['**/lwc/**/__tests__/**/*.test.js'],
      moduleNameMapper: {
        '^lightning/messageService$': '<rootDir>/force-app/test/jest-mocks/lightning/messageService',
      },
      // `@salesforce/label/c.*` from the labels' metadata (a label missing there fails the import).
      setupFiles: ['<rootDir>/force-app/test/jest-mocks/labels.setup.cjs'],
    },
    {
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      // scale-out.e2e.test.ts runs two nodes on Redis, found or started like the cluster project's.
      globalSetup: '<rootDir>/server/cluster-global-setup.cjs',
      globalTeardown: '<rootDir>/server/cluster-global-teardown.cjs',
      roots: ['<rootDir>/e2e'],
      testMatch: ['**/*.e2e.test.ts'],
    },
  ],
};
