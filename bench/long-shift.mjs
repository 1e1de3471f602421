// Long shift: 10,000 simulated calls (1,000 with BENCH_QUICK=1) through one signed-in panel page.
// Each call rings (pbx.inbound), is answered on the softphone after 5 s, talks 1–3 min and is hung
// up by the caller, then 10 s of wrap-up: simulated time moves on the simulator's accelerated clock
// (`clock.advance`), so a call takes as long as the panel needs to show each state, not minutes.
// The next call starts when the panel shows idle again; every call is rendered (ringing, talking,
// idle: counted in the page), screen-popped and logged as a Task (counted in the host) like a real one.
//
// Measured after a forced GC (CDP HeapProfiler.collectGarbage), at the start (after a warm-up),
// every tenth of the run and at the end:
//   - JS heap used (CDP Runtime.getHeapUsage). The panel page is same-origin with the dev host, so
//     both share one V8 heap: the figure is host + panel. The fake Lightning host keeps every Task,
//     screen pop, LMS message and Open CTI call in arrays and lists the Tasks in its DOM (real
//     Lightning keeps them on the server): the bench empties those arrays every 250 calls and
//     before each sample, so what grows is the panel's (and any real leak of the host);
//   - DOM nodes attached to the panel's document (shadow roots included), and the renderer's node
//     count including detached nodes (CDP Memory.getDOMCounters);
//   - event listeners in the panel (CDP DOMDebugger.getEventListeners on its document, whole
//     subtree through shadow roots, plus its window) and the renderer's jsEventListeners.
// Run alone: node bench/long-shift.mjs   (BENCH_CALLS=n overrides the number of calls)
import { join } from 'node:path';
import { QUICK, ROOT, launchBrowser, openSignedIn, progress, row, runDirectly, startSystem } from './lib/common.mjs';

export const TARGET_HEAP_GROWTH = 2 * 1024 * 1024;
const TRIM_EVERY = 250;
const PANEL_IFRAME_JS = `document.querySelector('dev-lightning').shadowRoot.querySelector('dev-utility-bar').shadowRoot.querySelector('iframe[title="BIZTEL Softphone"]')`;

/** Empties the fake host's per-call records (see above); returns how many Tasks it held. */
async function trimHost(page) {
  return page.evaluate(async () => {
    const host = document.querySelector('dev-lightning');
    const c = host.container;
    const tasks = c.saved.length;
    for (const list of [c.saved, c.calls, c.published, c.pops]) list.length = 0;
    host.requestUpdate();
    await host.updateComplete;
    return tasks;
  });
}

/** Attached nodes of a document, through open shadow roots. */
function countNodesIn(doc) {
  let n = 0;
  const walk = (root) => {
    const it = doc.createTreeWalker(root, NodeFilter.SHOW_ALL);
    for (let node = it.currentNode; node; node = it.nextNode()) {
      n += 1;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(doc);
  return n;
}

async function listenersOf(cdp, expression) {
  const { result } = await cdp.send('Runtime.evaluate', { expression });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth: -1, pierce: true });
  await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  return listeners.length;
}

async function sample(cdp, page, frame, calls) {
  await page.waitForTimeout(300); // let the last call's screen pop / Task / timers settle
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  const fn = `(${countNodesIn.toString()})`;
  return {
    calls,
    heapUsed: heap.usedSize,
    heapTotal: heap.totalSize,
    panelNodes: await frame.evaluate(`${fn}(document)`),
    hostNodes: await page.evaluate(`${fn}(document)`),
    panelListeners: (await listenersOf(cdp, `${PANEL_IFRAME_JS}.contentDocument`)) + (await listenersOf(cdp, `${PANEL_IFRAME_JS}.contentWindow`)),
    renderer: { documents: counters.documents, nodes: counters.nodes, jsEventListeners: counters.jsEventListeners },
  };
}

export async function run({ calls = Number(process.env.BENCH_CALLS) || (QUICK ? 1000 : 10_000), warmup = 50 } = {}) {
  // A shift of calls in minutes: the simulated softphone reports far faster than the event server's
  // per-connection budget admits (its states would be coalesced and calls never seen answered).
  const { NO_FLOOD_LIMITS } = await import(join(ROOT, 'dist/server/flood-limits.js'));
  const system = await startSystem({ floodLimits: NO_FLOOD_LIMITS });
  const browser = await launchBrowser();
  const samples = [];
  let tasks = 0;
  let errors;
  let shown = {};
  const started = Date.now();
  try {
    const session = await openSignedIn(browser, system);
    const { page, frame } = session;
    errors = session.errors;
    const cdp = await browser.context.newCDPSession(page);
    const { pbx } = system.simulator;
    const clock = system.clock;
    let seq = await frame.evaluate(() => window.__bench.seq);
    const waitFor = async (state) => {
      seq = (await frame.evaluate(([s, after]) => window.__bench.waitFor(s, after), [state, seq])).seq;
    };
    /** Waits until the host has every Task of the calls so far (the panel logs after the call ended). */
    const waitTasks = async (expected) => {
      for (let i = 0; ; i += 1) {
        const held = await page.evaluate(() => document.querySelector('dev-lightning').container.saved.length);
        if (tasks + held >= expected) return;
        if (i > 500) throw new Error(`only ${tasks + held} of ${expected} Tasks saved`);
        await page.waitForTimeout(10);
      }
    };
    // The three steps go out back to back; the panel receives each snapshot as its own WebSocket
    // message, so it renders ringing, talking and idle in turn (counted below, see `shown`).
    const oneCall = async (i) => {
      const placed = pbx.inbound('1001', `080${String(10_000_000 + (i % 50_000)).slice(-8)}`);
      if (!placed.ok) throw new Error(`call ${i}: inbound refused (${placed.code})`);
      clock.advance(5_000);
      const answered = pbx.command('1001', { type: 'answer', id: `bench-${i}`, callId: placed.callId });
      if (!answered.ok) throw new Error(`call ${i}: answer refused (${answered.code})`);
      clock.advance(60_000 + (Math.abs(i) % 120) * 1000);
      pbx.remoteHangup(placed.callId);
      await waitFor('idle');
      clock.advance(10_000);
    };
    for (let i = 0; i < warmup; i += 1) await oneCall(-1 - i);
    await waitTasks(warmup);
    tasks += await trimHost(page);
    samples.push(await sample(cdp, page, frame, 0));
    const every = Math.max(1, Math.round(calls / 10));
    for (let i = 0; i < calls; i += 1) {
      await oneCall(i);
      const done = i + 1;
      if (done % TRIM_EVERY === 0 || done % every === 0) {
        await waitTasks(warmup + done);
        tasks += await trimHost(page);
      }
      if (done % every === 0) {
        const s = await sample(cdp, page, frame, done);
        samples.push(s);
        const perCall = ((Date.now() - started) / (done + warmup)).toFixed(1);
        progress(
          `long-shift: ${done}/${calls} calls, heap ${(s.heapUsed / 1048576).toFixed(2)} MB, panel nodes ${s.panelNodes}, listeners ${s.panelListeners} (${perCall} ms/call)`,
        );
      }
    }
    shown = await frame.evaluate(() => ({ ...window.__bench.shown }));
    await cdp.detach();
  } finally {
    await browser.close();
    await system.stop();
  }
  const first = samples[0];
  const last = samples.at(-1);
  const L = 'long shift';
  const n = last.calls;
  // Every call must have been shown ringing and talking and logged (a sanity check of the run).
  const handled = Math.min(shown.ringing ?? 0, shown.talking ?? 0, tasks) - warmup;
  const complete = {
    ...row(L, 'calls shown ringing + talking and logged as Tasks', handled, '', { baseline: n, baselineLabel: 'placed' }),
    status: handled === n ? 'ok' : 'MISSED',
  };
  const rows = [
    row(L, `JS heap growth over ${n} calls (host+panel heap)`, last.heapUsed - first.heapUsed, 'MB', { target: TARGET_HEAP_GROWTH }),
    row(L, 'JS heap used after', last.heapUsed, 'MB', { baseline: first.heapUsed, baselineLabel: 'before' }),
    complete,
    row(L, 'panel DOM nodes after', last.panelNodes, '', { target: first.panelNodes }),
    row(L, 'renderer DOM nodes after (incl. detached)', last.renderer.nodes, '', { baseline: first.renderer.nodes, baselineLabel: 'before' }),
    row(L, 'panel event listeners after', last.panelListeners, '', { target: first.panelListeners }),
    row(L, 'renderer JS event listeners after', last.renderer.jsEventListeners, '', { baseline: first.renderer.jsEventListeners, baselineLabel: 'before' }),
  ];
  return {
    name: 'long-shift',
    rows,
    data: {
      calls: n,
      warmup,
      tasksLogged: tasks,
      /** Times the panel's DOM showed each state (warm-up included; idle once more for sign-in). */
      statesShown: shown,
      seconds: Math.round((Date.now() - started) / 1000),
      targetHeapGrowth: TARGET_HEAP_GROWTH,
      hostRecordsTrimmedEvery: TRIM_EVERY,
      samples,
      pageErrors: errors,
    },
  };
}

await runDirectly(import.meta.url, async () => {
  const result = await run();
  console.log(JSON.stringify({ ...result.data, samples: result.data.samples.length }, null, 1));
  return result;
});
