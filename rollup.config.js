// Builds the panel bundle (the `biztel_softphone` static resource the Visualforce page loads)
// and the dev host's scripts (fake opencti_min.js, fake Lightning page).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { minifyTemplates } from './build/minify-templates.js';

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: { noEmit: false, declaration: false, sourceMap: false, types: [] },
    include: ['web-components/src/**/*.ts', 'dev-host/src/**/*.ts'],
    // Test-only code never reaches the bundle.
    exclude: ['**/*.test.ts', '**/test-helpers.ts', '**/fuzz-support.ts'],
    noEmitOnError: true,
  });
/**
 * Terser for browsers of 2020 on (Lightning's supported browsers): three compress passes and
 * ES2020 output. Nothing unsafe and no property mangling: Lit reactive properties, protocol
 * fields and Open CTI arguments are read by name, and getters may have effects.
 */
export const terserOptions = {
  ecma: 2020,
  compress: { ecma: 2020, passes: 3 },
  format: { comments: false, ecma: 2020 },
};
const plugins = () => [nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }), ts(), minifyTemplates(), terser(terserOptions)];

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
