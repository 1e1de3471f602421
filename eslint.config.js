// ESLint 9 flat config. TypeScript: typescript-eslint's type-aware recommended rules; Lit sources: + lit and lit-a11y;
// force-app/**/lwc: Salesforce's recommended LWC config only (own Babel parser); other JS: recommended rules without types.
// Formatting is Prettier's job: eslint-config-prettier comes last.
import js from '@eslint/js';
import lwcConfig from '@salesforce/eslint-config-lwc';
import prettierConfig from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LWC = ['force-app/**/lwc/**/*.js'];
const LIT = ['web-components/src/**/*.ts', 'dev-host/src/**/*.ts'];

export default defineConfig([
  // Generated output and results (the static resource is the rollup bundle).
  globalIgnores(['**/dist/', 'coverage/', 'force-app/main/default/staticresources/', 'bench/results/', 'e2e/results/', 'test-results/', '.tmp/', '.sf/']),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    ignores: LWC,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
      // One program from the root tsconfig (it includes every TS folder): faster and lighter than projectService here.
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (positional callbacks, omitted fields).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // The sanitisers match C0/C1 control characters on purpose.
      'no-control-regex': 'off',
      // `async` without `await` is how a sync implementation satisfies a Promise-returning interface (in-memory SharedState, fakes).
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], extends: [tseslint.configs.disableTypeChecked] },
  // CommonJS on purpose (Jest globalSetup/globalTeardown).
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Browser code: the panel and the dev host; bench and scripts pass functions to page.evaluate().
  { files: [...LIT, 'bench/**/*.{js,mjs}', 'scripts/**/*.mjs'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['bench/lib/page-probe.js'], languageOptions: { sourceType: 'script' } },
  { files: ['force-app/test/**/*.{js,cjs}'], languageOptions: { globals: { ...globals.jest, ...globals.node } } },

  // Lit templates: correctness and accessibility.
  { files: LIT, extends: [lit.configs['flat/recommended'], litA11y.configs.recommended] },
  // Lit binds `@event=${this.method}` listeners to the element, so an unbound method in a template is correct.
  { files: ['web-components/src/ui/**/*.ts'], rules: { '@typescript-eslint/unbound-method': 'off' } },

  // Lightning web components: Salesforce's recommended LWC rules.
  { files: LWC, extends: [lwcConfig.configs.recommended] },
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.js'],
    // Jest runs them in Node: `__dirname`, and `require` inside `jest.isolateModules`.
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off', // sfdx-lwc-jest tests drive wire adapters: getRecord.emit(...)
      'no-script-url': 'off', // the tests feed `javascript:` URLs to check that they are refused
    },
  },

  prettierConfig,
]);
