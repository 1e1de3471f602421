// Builds the panel bundle (the `biztel_softphone` static resource the Visualforce page loads)
// and the dev host's scripts (fake opencti_min.js, fake Lightning page).
import { readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { minifyTemplates } from './build/minify-templates.js';

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: { noEmit: false, declaration: false, sourceMap: false, types: [] },
    // The dev host's browser side only: its server (dev-host/src/server) is built by tsc.
    include: ['packages/*/src/**/*.ts', 'web-components/src/**/*.ts', 'dev-host/src/page/**/*.ts', 'dev-host/src/sim-client.ts'],
    // Test-only code never reaches the bundle.
    exclude: ['**/*.test.ts', '**/*test-helpers.ts', '**/testing/**'],
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
const plugins = () => [nodeResolve({ browser: true, exportConditions: ['source', 'browser', 'production'] }), ts(), minifyTemplates(), terser(terserOptions)];

const ROOT = dirname(fileURLToPath(import.meta.url));

/**
 * Where the generated static resource goes: force-app holds it for `sf project deploy start`, as an
 * expanded zip static resource (a folder the CLI zips on deploy). In it: `panel-ja.js` and
 * `panel-en.js` (ES module entries; the page loads one), `chunks/` (the shared start chunk and the
 * views loaded on demand).
 */
export const PANEL_DIR = 'force-app/main/default/staticresources/biztel_softphone';
/** The single-file IIFE resource of earlier builds; removed so it cannot sit beside the folder. */
const OLD_PANEL_FILE = 'force-app/main/default/staticresources/biztel_softphone.js';

/** Empties the output folder first: a chunk that is no longer built must not be deployed. */
const cleanPanelDir = () => ({
  name: 'clean-panel-dir',
  buildStart() {
    rmSync(resolve(ROOT, PANEL_DIR), { recursive: true, force: true });
    rmSync(resolve(ROOT, OLD_PANEL_FILE), { force: true });
  },
});

/**
 * One language per page: every import of `i18n/ja.ts` or `i18n/en.ts` reads the catalogue the entry
 * provides instead (`i18n/provided.ts`), so a page gets its start strings from its entry and the
 * views' strings from one chunk of its language (`ja-views` / `en-views`), loaded with the views.
 */
const oneLocale = () => {
  const I18N = resolve(ROOT, 'web-components/src/i18n');
  const ENTRIES = new Set(['panel-ja.ts', 'panel-en.ts'].map((f) => resolve(ROOT, 'web-components/src', f)));
  const PREFIX = '\0biztel-locale:';
  return {
    name: 'one-locale',
    async resolveId(source, importer) {
      if (!importer || ENTRIES.has(importer) || !/\/i18n\/(ja|en)\.js$|^\.\/(ja|en)\.js$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      const locale = resolved && /^(ja|en)\.ts$/.exec(resolved.id.slice(I18N.length + 1))?.[1];
      return resolved?.id.startsWith(`${I18N}/`) && locale ? `${PREFIX}${locale}` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      return `export { provided as ${id.slice(PREFIX.length)} } from ${JSON.stringify(resolve(I18N, 'provided.ts'))};`;
    },
  };
};

/**
 * engine.io-client with its WebSocket transport only: the panel connects with `transports:
 * ['websocket']` and never falls back (see docs/decisions/0007-panel-bundle-budget.md), so
 * the long-polling and WebTransport code is left out of the bundle.
 */
const websocketOnly = () => ({
  name: 'websocket-only',
  load(id) {
    if (/[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/.test(id)) {
      return `import { WS } from "./websocket.js";\nexport const transports = { websocket: WS };\n`;
    }
    // The XHR polling transport runs code at load (an XHR probe, an unload listener), so tree-shaking
    // kept it although nothing uses it: an empty stand-in for what the package index re-exports.
    if (/[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]polling-xhr\.js$/.test(id)) {
      return 'export class BaseXHR {}\nexport class Request {}\nexport class XHR {}\n';
    }
    return null;
  },
});

/**
 * socket.io-parser without binary attachments: the panel's protocol is JSON only (validated by
 * protocol/), so nothing it sends holds binary and a binary packet from the server is refused like
 * any malformed one (socket.io-client closes with "parse error" and reconnects).
 */
const jsonOnlyParser = () => ({
  name: 'json-only-parser',
  load(id) {
    const file = /[\\/]socket\.io-parser[\\/]build[\\/]esm[\\/](binary|is-binary)\.js$/.exec(id)?.[1];
    if (file === 'is-binary') return 'export const isBinary = () => false;\nexport const hasBinary = () => false;\n';
    if (file === 'binary') {
      return 'const unsupported = () => {\n  throw new Error("binary packets are not supported");\n};\nexport const deconstructPacket = unsupported;\nexport const reconstructPacket = unsupported;\n';
    }
    return null;
  },
});

/**
 * scv-connector-base from the ES modules it publishes in `src/main/` (the same code as its webpack
 * `dist/` build, which rollup could only take whole, as CommonJS): tree-shaken with the connector.
 */
const scvConnectorBase = () => ({
  name: 'scv-connector-base',
  resolveId(source) {
    return source === '@salesforce/scv-connector-base' ? resolve(ROOT, 'node_modules/@salesforce/scv-connector-base/src/main/index.js') : null;
  },
});

/** Where the SCV connector page is built: the contact center's adapter URL serves this folder. */
export const SCV_CONNECTOR_DIR = 'dist/scv-connector';

/** The connector's HTML page beside its script, emptied first like the panel's folder. */
const connectorPage = () => ({
  name: 'connector-page',
  buildStart() {
    rmSync(resolve(ROOT, SCV_CONNECTOR_DIR), { recursive: true, force: true });
  },
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'connector.html', source: readFileSync(resolve(ROOT, 'web-components/src/scv/connector.html'), 'utf8') });
  },
});

export default [
  {
    input: { 'panel-ja': 'web-components/src/panel-ja.ts', 'panel-en': 'web-components/src/panel-en.ts' },
    output: { dir: PANEL_DIR, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name].js' },
    plugins: [cleanPanelDir(), oneLocale(), websocketOnly(), jsonOnlyParser(), ...plugins()],
  },
  {
    input: { connector: 'web-components/src/scv/connector-page.ts' },
    output: { dir: SCV_CONNECTOR_DIR, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name].js' },
    plugins: [connectorPage(), scvConnectorBase(), oneLocale(), websocketOnly(), jsonOnlyParser(), ...plugins()],
  },
  {
    input: 'dev-host/src/page/opencti-fake.ts',
    output: { file: 'dist/dev-host/opencti-fake.js', format: 'iife' },
    plugins: plugins(),
  },
  {
    input: 'dev-host/src/page/lightning-host.ts',
    output: { file: 'dist/dev-host/lightning-host.js', format: 'iife' },
    plugins: plugins(),
  },
  {
    input: 'dev-host/src/page/scv-host.ts',
    // The element class is exported (for its tag's type): the script's global name for it.
    output: { file: 'dist/dev-host/scv-host.js', format: 'iife', name: 'devScvHost' },
    plugins: plugins(),
  },
];
