// Builds the panel bundle (the `biztel_softphone` static resource the Visualforce page loads)
// and the dev host's scripts (fake opencti_min.js, fake Lightning page).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: { noEmit: false, declaration: false, sourceMap: false, types: [] },
    include: ['web-components/src/**/*.ts', 'dev-host/src/**/*.ts'],
    // Test-only code never reaches the bundle.
    exclude: ['**/*.test.ts', '**/test-helpers.ts', '**/fuzz-support.ts'],
    noEmitOnError: true,
  });
const plugins = () => [nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }), ts(), terser({ format: { comments: false } })];

/** Where the generated static resource goes: force-app holds it for `sf project deploy start`. */
export const PANEL_BUNDLE = 'force-app/main/default/staticresources/biztel_softphone.js';

export default [
  {
    input: 'web-components/src/main.ts',
    output: { file: PANEL_BUNDLE, format: 'iife', name: 'BiztelSoftphoneBundle' },
    plugins: plugins(),
  },
  {
    input: 'dev-host/src/opencti-fake.ts',
    output: { file: 'dist/dev-host/opencti-fake.js', format: 'iife' },
    plugins: plugins(),
  },
  {
    input: 'dev-host/src/lightning-host.ts',
    output: { file: 'dist/dev-host/lightning-host.js', format: 'iife' },
    plugins: plugins(),
  },
];
