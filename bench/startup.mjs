// Start-up in headless Chromium, medians over ≥ 20 runs (5 with BENCH_QUICK=1), each in a new page:
//   - navigation → sign-in form interactive: from the panel frame's navigation start (its
//     performance.timeOrigin) to the moment the form's submit button is enabled with the sign-in
//     statuses loaded (MutationObserver in the frame); also from the dev host page's navigation start;
//   - sign-in click → signed-in view: from the click event's timeStamp to the call panel showing
//     待機中 (idle), through the real event server and simulated softphone on loopback.
//   - the SCV connector (issue 18): its frame's navigation → its sign-in form interactive on the SCV
//     dev host, and the sign-in click → the connector's CONNECTOR_READY at the host, beside the panel's.
// Baseline: a blank Lit page (lit only, bundled with the panel's rollup settings) with a one-button
// form whose submit renders a second view, timed the same way. Pages are served `no-store` (as the
// dev host does), so every run fetches and compiles the scripts again.   Run alone: node bench/startup.mjs
import { createServer } from 'node:http';
import { join } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { QUICK, ROOT, launchBrowser, median, nextUser, panelFrame, progress, row, runDirectly, signIn, startSystem, summary, waitMark } from './lib/common.mjs';

const BLANK_ELEMENT = `import { LitElement, html } from 'lit';
class BenchBlank extends LitElement {
  static properties = { signedIn: { state: true } };
  constructor() { super(); this.signedIn = false; }
  submit(e) { e.preventDefault(); this.signedIn = true; }
  render() {
    return this.signedIn
      ? html\`<p class="signed-in">Signed in</p>\`
      : html\`<form @submit=\${this.submit}><label>Account <input name="account"></label><button class="submit" type="submit">Sign in</button></form>\`;
  }
}
customElements.define('bench-blank', BenchBlank);`;

const BLANK_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>blank</title><script src="/blank.js"></script></head>
<body><bench-blank></bench-blank></body></html>`;

async function blankScript() {
  const entry = '\0blank';
  const build = await rollup({
    input: entry,
    plugins: [
      { name: 'blank', resolveId: (id) => (id === entry ? id : null), load: (id) => (id === entry ? BLANK_ELEMENT : null) },
      nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
      terser({ format: { comments: false } }),
    ],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'iife' });
  await build.close();
  return output[0].code;
}

/** A tiny server for the blank Lit page (same headers as the dev host: no-store). */
async function serveBlank() {
  const script = await blankScript();
  const server = createServer((req, res) => {
    const [type, body] = req.url === '/blank.js' ? ['text/javascript', script] : ['text/html', BLANK_PAGE];
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)), bytes: script.length };
}

async function panelRun(browser, system) {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${system.url}/?user=${nextUser()}`, { waitUntil: 'commit' });
    const frame = await panelFrame(page);
    const formReady = await waitMark(frame, 'formReady');
    const origins = { host: await page.evaluate(() => performance.timeOrigin), frame: await frame.evaluate(() => performance.timeOrigin) };
    // Where the frame's start-up time goes: its scripts (opencti_min.js + the bundle) fetched and run
    // by DOMContentLoaded, the event server's WebSocket open, then the form.
    const phases = await frame.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      // The panel's start files (entry + the chunks it imports): the last one's arrival.
      const bundle = performance.getEntriesByType('resource').filter((r) => r.name.includes('/resource/biztel_softphone/'));
      return {
        bundleLoaded: bundle.length ? Math.max(...bundle.map((r) => r.responseEnd)) : null,
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
        socketOpen: window.__bench.marks.socketOpen,
      };
    });
    await signIn(frame, system);
    const signedIn = await waitMark(frame, 'signedIn');
    const click = await frame.evaluate(() => window.__bench.marks.lastClick);
    // Signs out through the menu, so the next run's sign-in is a fresh one on a free seat.
    await frame.getByRole('button', { name: /ステータス:/ }).click();
    await frame.getByRole('menuitem', { name: 'サインアウト' }).click();
    await frame.getByRole('button', { name: 'サインイン', exact: true }).waitFor();
    return { ...phases, frameToForm: formReady, hostToForm: origins.frame + formReady - origins.host, clickToSignedIn: signedIn - click };
  } finally {
    await page.close();
  }
}

/** The SCV connector page on the SCV dev host: to its sign-in form, then the sign-in to SCV's ready. */
async function connectorRun(browser, system) {
  const page = await browser.context.newPage();
  try {
    await page.goto(system.scvUrl, { waitUntil: 'commit' });
    const handle = await page.waitForSelector('iframe[title="BIZTEL connector"]', { state: 'attached' });
    let frame = await handle.contentFrame();
    while (!frame?.url().includes('/scv/connector.html')) {
      await page.waitForTimeout(5);
      frame = await handle.contentFrame();
    }
    const formReady = await waitMark(frame, 'formReady');
    await signIn(frame, system);
    await page.waitForFunction(() => performance.getEntriesByName('connector-ready').length > 0);
    const click = await frame.evaluate(() => window.__bench.marks.lastClick);
    const host = await page.evaluate(() => ({ origin: performance.timeOrigin, ready: performance.getEntriesByName('connector-ready')[0].startTime }));
    const frameOrigin = await frame.evaluate(() => performance.timeOrigin);
    // Signs out through SCV's log-out, so the next run signs in afresh.
    await page.getByRole('button', { name: 'Log out' }).click();
    await frame.getByRole('button', { name: 'サインイン', exact: true }).waitFor();
    return { frameToForm: formReady, clickToReady: host.origin + host.ready - (frameOrigin + click) };
  } finally {
    await page.close();
  }
}

async function blankRun(browser, blank) {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${blank.url}/blank`, { waitUntil: 'commit' });
    const formReady = await waitMark(page.mainFrame(), 'formReady');
    await page.locator('bench-blank button.submit').click();
    const signedIn = await waitMark(page.mainFrame(), 'signedIn');
    const click = await page.evaluate(() => window.__bench.marks.lastClick);
    return { toForm: formReady, clickToView: signedIn - click };
  } finally {
    await page.close();
  }
}

/** The server's own check of a sign-in: one scrypt password verification, as the event server runs it (median). */
async function passwordCheckMs(runs) {
  const { hashPassword, verifyPassword } = await import(join(ROOT, 'dist/server/config/passwords.js'));
  const hash = await hashPassword('bench-password');
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await verifyPassword('bench-password', hash);
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function run({ runs = QUICK ? 5 : 20, warmup = 2 } = {}) {
  const system = await startSystem({ scvPort: 0 });
  const blank = await serveBlank();
  const browser = await launchBrowser();
  const panel = [];
  const base = [];
  const connector = [];
  try {
    for (let i = 0; i < warmup + runs; i += 1) {
      const p = await panelRun(browser, system);
      const b = await blankRun(browser, blank);
      const c = await connectorRun(browser, system);
      if (i >= warmup) {
        panel.push(p);
        base.push(b);
        connector.push(c);
      }
      if ((i + 1) % 5 === 0 || i + 1 === warmup + runs) progress(`startup: ${Math.max(0, i + 1 - warmup)}/${runs} runs`);
    }
  } finally {
    await browser.close();
    await blank.close();
    await system.stop();
  }
  const pick = (list, key) => list.map((x) => x[key]);
  const S = 'start-up';
  const blankForm = median(pick(base, 'toForm'));
  const blankClick = median(pick(base, 'clickToView'));
  const frameToForm = median(pick(panel, 'frameToForm'));
  const scrypt = await passwordCheckMs(runs);
  const clickToSignedIn = median(pick(panel, 'clickToSignedIn'));
  const rows = [
    row(S, `panel frame nav → sign-in form interactive (median of ${runs})`, frameToForm, 'ms', {
      baseline: blankForm,
      baselineLabel: 'blank Lit page',
      maxRatio: 2,
    }),
    row(S, 'dev host nav → sign-in form interactive', median(pick(panel, 'hostToForm')), 'ms', { baseline: blankForm, baselineLabel: 'blank Lit page' }),
    row(S, 'sign-in click → signed-in view', clickToSignedIn, 'ms', { baseline: blankClick, baselineLabel: 'blank Lit re-render' }),
    row(S, `… beyond the server's password check (scrypt ${scrypt.toFixed(1)} ms)`, clickToSignedIn - scrypt, 'ms', { target: 20 }),
    row(S, 'SCV connector frame nav → its sign-in form interactive', median(pick(connector, 'frameToForm')), 'ms', {
      baseline: frameToForm,
      baselineLabel: 'the panel',
    }),
    row(S, 'SCV connector sign-in click → CONNECTOR_READY at the host', median(pick(connector, 'clickToReady')), 'ms', {
      baseline: clickToSignedIn,
      baselineLabel: 'the panel, signed-in view',
    }),
  ];
  return {
    name: 'startup',
    rows,
    data: {
      runs,
      warmup,
      panel: {
        frameNavToForm: summary(pick(panel, 'frameToForm')),
        frameNavToBundleLoaded: summary(pick(panel, 'bundleLoaded')),
        frameNavToDomContentLoaded: summary(pick(panel, 'domContentLoaded')),
        frameNavToSocketOpen: summary(pick(panel, 'socketOpen')),
        hostNavToForm: summary(pick(panel, 'hostToForm')),
        clickToSignedIn: summary(pick(panel, 'clickToSignedIn')),
        serverPasswordCheckMedianMs: scrypt,
      },
      scvConnector: { frameNavToForm: summary(pick(connector, 'frameToForm')), clickToConnectorReady: summary(pick(connector, 'clickToReady')) },
      blankLitPage: { scriptBytes: blank.bytes, navToForm: summary(pick(base, 'toForm')), clickToView: summary(pick(base, 'clickToView')) },
      raw: { panel, blank: base, connector },
    },
  };
}

await runDirectly(import.meta.url, () => run());
