// Shared pieces of the benchmarks: the local system and Chromium (the same flags as the e2e tests),
// statistics, clock alignment between node and a page, and the result row format.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const QUICK = process.env.BENCH_QUICK === '1';
export const PANEL_FRAME = 'iframe[title="BIZTEL Softphone"]';
export const PANEL_PATH = '/apex/BiztelSoftphone';
const PROBE = readFileSync(new URL('./page-probe.js', import.meta.url), 'utf8');

/** Epoch milliseconds with sub-millisecond precision on node's monotonic clock. */
export const nodeNow = () => performance.timeOrigin + performance.now();

/** Starts the local system on free ports, quiet, no auto-answer (the benches drive every call). */
/** The local system on free ports; `options` go to `startLocalSystem` (e.g. `floodLimits`). */
export async function startSystem(options = {}) {
  const built = join(ROOT, 'dist/server/local-system.js');
  if (!existsSync(built)) throw new Error('dist/server is missing: run npm run build (npm run bench builds when needed)');
  const { startLocalSystem } = await import(built);
  return startLocalSystem({ root: ROOT, port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent', ...options });
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Headless Chromium with a fresh profile and the page probe in every frame; it reaches the SCV dev
 * host's Salesforce name on this machine and accepts its throw-away certificate.
 */
export async function launchBrowser() {
  const executablePath = process.env.CHROME_PATH ?? CANDIDATES.find((p) => existsSync(p));
  if (!executablePath) throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROME_PATH.');
  const profile = mkdtempSync(join(tmpdir(), 'biztel-bench-'));
  const { SCV_DEV_HOST } = await import(join(ROOT, 'dist/server/local-system.js'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    ignoreHTTPSErrors: true,
    args: [
      `--host-resolver-rules=MAP ${SCV_DEV_HOST} 127.0.0.1`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Lets the long-shift bench read the heap precisely (performance.memory is bucketed otherwise).
      '--enable-precise-memory-info',
    ],
  });
  await context.addInitScript({ content: PROBE });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

let users = 0;
/** A fresh Salesforce user id per page, so no page resumes another's session. */
export function nextUser() {
  users += 1;
  return `005${String(process.pid % 1000).padStart(3, '0')}${String(users).padStart(9, '0')}BEN`;
}

/** The panel's frame inside the dev host page (waits until it is attached). */
export async function panelFrame(page) {
  const handle = await page.waitForSelector(PANEL_FRAME, { state: 'attached' });
  for (;;) {
    const frame = await handle.contentFrame();
    if (frame && frame.url().includes(PANEL_PATH)) return frame;
    await page.waitForTimeout(5);
  }
}

/** Waits for one of the page probe's start-up marks (resolved by the probe, no polling). */
export async function waitMark(frame, mark, timeoutMs = 15_000) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${mark} not reached within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([frame.evaluate((m) => window.__bench.whenMark(m), mark), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Milliseconds between the password's keystrokes: a fast typist (about 3 times the speed of a 100 wpm one). */
export const TYPING_DELAY_MS = 40;

/**
 * Fills in the sign-in form through the real UI (labels as the manual names them) and clicks Sign in.
 * The password is typed key by key, as an agent does (what the panel does while it is typed — loading
 * the signed-in view — is part of what is measured), the other fields filled at once.
 */
export async function signIn(frame, system, account = 'agent01', extension = '1001') {
  await frame.getByLabel('アカウント', { exact: true }).fill(account);
  await frame.getByLabel('アカウントパスワード').pressSequentially(system.demo.password, { delay: TYPING_DELAY_MS });
  await frame.getByLabel('サインイン端末').fill(extension);
  await frame.getByRole('button', { name: 'サインイン', exact: true }).click();
}

/** Opens the dev host as a new user, signs in agent01 on 1001 and starts the call watcher. */
export async function openSignedIn(browser, system) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${system.url}/?user=${nextUser()}`);
  const frame = await panelFrame(page);
  await waitMark(frame, 'formReady');
  await signIn(frame, system);
  await waitMark(frame, 'signedIn');
  await frame.evaluate(() => window.__bench.watchCalls());
  return { page, frame, errors };
}

/**
 * Offset of a frame's epoch clock (`performance.timeOrigin + performance.now()`) from node's, by
 * round trips: the sample with the shortest round trip wins; its error is at most half that trip.
 */
export async function clockOffset(frame, samples = 40) {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < samples; i += 1) {
    const t0 = nodeNow();
    const pageNow = await frame.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = nodeNow();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: pageNow - (t0 + t1) / 2 };
  }
  return best;
}

// ---- statistics ------------------------------------------------------------------------------

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}
export const median = (values) => percentile(values, 50);

/** p50, p90, p99, min, max of a list, rounded to 0.01. */
export function summary(values) {
  const r = (x) => Math.round(x * 100) / 100;
  return {
    n: values.length,
    p50: r(percentile(values, 50)),
    p90: r(percentile(values, 90)),
    p99: r(percentile(values, 99)),
    min: r(Math.min(...values)),
    max: r(Math.max(...values)),
  };
}

// ---- result rows -----------------------------------------------------------------------------

/**
 * One line of the combined table. `target` is a budget the figure must stay within (status ok/OVER);
 * `baseline` a reference it is compared with (ratio = value / baseline, no status).
 */
/**
 * One figure of the table: `target` an absolute ceiling; `baseline` what it is measured against,
 * with `maxRatio` the ceiling of value / baseline (status ok / OVER either way).
 */
export function row(bench, figure, value, unit, { target, baseline, baselineLabel, maxRatio, note } = {}) {
  const ref = target ?? baseline;
  const ratio = ref ? Math.round((value / ref) * 100) / 100 : null;
  const status = target !== undefined ? (value <= target ? 'ok' : 'OVER') : maxRatio !== undefined && ratio !== null ? (ratio <= maxRatio ? 'ok' : 'OVER') : '';
  return {
    bench,
    figure,
    value,
    unit,
    ...(target !== undefined ? { target } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(baselineLabel ? { baselineLabel } : {}),
    ...(maxRatio !== undefined ? { maxRatio } : {}),
    ratio,
    status,
    ...(note ? { note } : {}),
  };
}

export function fmt(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'KB') return `${(value / 1024).toFixed(1)} KB`;
  if (unit === 'MB') return `${(value / 1048576).toFixed(2)} MB`;
  if (unit === 'ms') return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
  return `${value}${unit ? ` ${unit}` : ''}`;
}

/** Renders rows as one aligned text table. */
export function table(rows) {
  const head = ['bench', 'figure', 'value', 'target / baseline', 'ratio', 'status'];
  const body = rows.map((r) => [
    r.bench,
    r.figure,
    fmt(r.value, r.unit),
    r.target !== undefined
      ? `≤ ${fmt(r.target, r.unit)}`
      : r.baseline !== undefined
        ? `${r.maxRatio !== undefined ? `≤ ${r.maxRatio}× ` : ''}${fmt(r.baseline, r.unit)}${r.baselineLabel ? ` (${r.baselineLabel})` : ''}`
        : '',
    r.ratio === null || r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    r.status ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Progress line on stderr (the table goes to stdout). */
export const progress = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/** Runs `main` when the file is run directly (`node bench/x.mjs`), printing its rows. */
export async function runDirectly(metaUrl, main) {
  if (process.argv[1] && fileURLToPath(metaUrl) === process.argv[1]) {
    const result = await main();
    console.log(table(result.rows));
  }
}
