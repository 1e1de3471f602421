// Network back → panel live (issue 17): one signed-in panel in Chromium reaches the event server
// through a TCP proxy (./lib/tcp-proxy.mjs); each fault below is injected 5 times (2 with
// BENCH_QUICK=1), and the time from the moment the network is back to the moment the panel is live
// again is measured — signed in, no reconnecting banner, over a new connection. Not fault → live:
// the outage itself is not the panel's to shorten.
//   drop      every connection cut (no close handshake), the server reachable at once;
//   outage    connections cut and refused for 1.5 s, then for 4 s (the panel backs off meanwhile);
//   offline   the browser offline for 3 s (DevTools network emulation) while the proxy refuses,
//             then online again: the page's `online` event.
// Live is polled from node every 10 ms (the figure is at most that late).   Run alone: node bench/reconnect.mjs
import { QUICK, launchBrowser, nextUser, panelFrame, percentile, progress, row, runDirectly, signIn, startSystem, summary, waitMark } from './lib/common.mjs';
import { startTcpProxy } from './lib/tcp-proxy.mjs';

export const TARGET_P95_MS = 1000;
const POLL_MS = 10;

/** Whether the panel is signed in and shows no reconnecting banner (shadow roots walked). */
function liveInPage() {
  const found = (selector) => {
    const walk = (root) => {
      if (root.querySelector(selector)) return true;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot && walk(el.shadowRoot)) return true;
      return false;
    };
    return walk(document);
  };
  return found('biztel-call-panel') && !found('[data-connection="offline"]');
}

export async function run({ repeats = QUICK ? 2 : 5 } = {}) {
  const system = await startSystem();
  const proxy = await startTcpProxy(Number(new URL(system.eventServerUrl).port));
  const browser = await launchBrowser();
  const samples = [];
  try {
    const page = await browser.context.newPage();
    await page.goto(`${system.url}/?${new URLSearchParams({ serverUrl: proxy.url, user: nextUser() })}`);
    const frame = await panelFrame(page);
    await waitMark(frame, 'formReady');
    await signIn(frame, system);
    await waitMark(frame, 'signedIn');
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    const offline = (on) => cdp.send('Network.emulateNetworkConditions', { offline: on, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const faults = [
      { kind: 'drop', inject: async () => (proxy.drop(), Date.now()) },
      { kind: 'outage 1.5 s', inject: async () => waitUntil(proxy.outage(1500)) },
      { kind: 'outage 4 s', inject: async () => waitUntil(proxy.outage(4000)) },
      {
        kind: 'offline 3 s',
        inject: async () => {
          await offline(true);
          await waitUntil(proxy.outage(3000));
          await offline(false);
          return Date.now();
        },
      },
    ];
    for (const fault of faults) {
      for (let i = 0; i < repeats; i += 1) {
        const before = proxy.forwarded;
        const backAt = await fault.inject();
        const deadline = Date.now() + 30_000;
        for (;;) {
          if (proxy.forwarded > before && (await frame.evaluate(liveInPage))) break;
          if (Date.now() > deadline) throw new Error(`${fault.kind}: the panel was not live again within 30 s`);
          await sleep(POLL_MS);
        }
        samples.push({ kind: fault.kind, ms: Math.max(0, Date.now() - backAt) });
        await sleep(300); // settled before the next fault
      }
      progress(`reconnect: ${fault.kind} done`);
    }
  } finally {
    await browser.close();
    await proxy.close();
    await system.stop();
  }
  const all = samples.map((s) => s.ms);
  const byKind = Object.fromEntries([...new Set(samples.map((s) => s.kind))].map((k) => [k, summary(samples.filter((s) => s.kind === k).map((s) => s.ms))]));
  const R = 'reconnect';
  return {
    name: 'reconnect',
    rows: [
      row(R, `network back → panel live, p50 (${all.length} faults)`, percentile(all, 50), 'ms'),
      row(R, 'network back → panel live, p95', percentile(all, 95), 'ms', { target: TARGET_P95_MS }),
    ],
    data: { repeats, pollMs: POLL_MS, targetP95Ms: TARGET_P95_MS, byKind, samples },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until epoch time `at`; answers it. */
async function waitUntil(at) {
  await sleep(Math.max(0, at - Date.now()));
  return at;
}

await runDirectly(import.meta.url, async () => {
  const result = await run();
  console.log(JSON.stringify(result.data.byKind, null, 1));
  return result;
});
