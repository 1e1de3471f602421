// Injected into every frame before its own scripts (playwright `addInitScript`); active only in the
// softphone page (/apex/BiztelSoftphone), the SCV connector page (/scv/connector.html: start-up
// marks only) and the bench's blank Lit page (/blank). Records, on the
// frame's own clock (`performance.now()`, relative to `performance.timeOrigin`):
//   - start-up: when the sign-in form became interactive and when the signed-in view appeared,
//     seen by a MutationObserver on the document and on every shadow root (attachShadow is wrapped);
//   - the time of the last click (its event timeStamp), i.e. when the sign-in click was dispatched;
//   - call states: after `watchCalls()`, one observer on the call panel's shadow root logs every
//     change of `section.call[data-state]` (idle when absent), with the time the DOM showed it, the
//     time after the next paint (rAF, then a posted message), and for ringing the time the
//     WebSocket message carrying the ringing snapshot was dispatched to the page.
// Nothing here sends anything anywhere: node reads `window.__bench` through page.evaluate.
(() => {
  const path = location.pathname;
  if (path !== '/apex/BiztelSoftphone' && path !== '/blank' && path !== '/scv/connector.html') return;
  const now = () => performance.now();
  const bench = {
    marks: { formReady: null, signedIn: null, lastClick: null, socketOpen: null },
    events: [],
    /** How many times each call state was shown (idle included). */
    shown: {},
    seq: 0,
    lastRingMessage: null,
    waiters: [],
    global: null,
    calls: null,
  };
  Object.defineProperty(window, '__bench', { value: bench, enumerable: false });

  // ---- start-up probes -----------------------------------------------------------------------
  const shadow = (el) => (el ? el.shadowRoot : null);
  function probeForm() {
    if (path === '/blank') {
      const b = shadow(document.querySelector('bench-blank'))?.querySelector('button.submit');
      return !!b && !b.disabled;
    }
    const shell = path === '/scv/connector.html' ? 'biztel-scv-login' : 'biztel-softphone';
    const form = shadow(shadow(document.querySelector(shell))?.querySelector('biztel-sign-in-form'));
    const button = form?.querySelector('button.submit');
    return !!button && !button.disabled && (form.querySelector('select')?.options.length ?? 0) > 0;
  }
  function probeSignedIn() {
    if (path === '/scv/connector.html') return false; // the SCV host says when the connector is ready
    if (path === '/blank') return !!shadow(document.querySelector('bench-blank'))?.querySelector('p.signed-in');
    const panel = shadow(shadow(document.querySelector('biztel-softphone'))?.querySelector('biztel-call-panel'));
    return !!panel?.querySelector('p.message.idle[data-state="idle"]');
  }
  const markWaiters = [];
  const setMark = (name, t) => {
    bench.marks[name] = t;
    for (const w of markWaiters.filter((x) => x.name === name)) w.resolve(t);
  };
  /** Resolves with the mark's time once it is set (no polling in the page). */
  bench.whenMark = (name) => (bench.marks[name] !== null ? Promise.resolve(bench.marks[name]) : new Promise((resolve) => markWaiters.push({ name, resolve })));
  function check() {
    const t = now();
    if (bench.marks.formReady === null && probeForm()) setMark('formReady', t);
    if (bench.marks.signedIn === null && probeSignedIn()) {
      setMark('signedIn', t);
      // Start-up is over: stop observing every root (the call watcher observes one root only).
      bench.global?.disconnect();
      bench.global = null;
    }
  }
  bench.global = new MutationObserver(check);
  const observeRoot = (root) => bench.global?.observe(root, { childList: true, subtree: true, attributes: true });
  observeRoot(document);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    observeRoot(root);
    return root;
  };
  addEventListener('click', (e) => (bench.marks.lastClick = e.timeStamp), true);

  // ---- the WebSocket message that carried the ringing snapshot ------------------------------
  const NativeWebSocket = window.WebSocket;
  class BenchWebSocket extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => (bench.marks.socketOpen ??= now()));
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.includes('"ringing"')) bench.lastRingMessage = { at: now(), created: e.timeStamp };
      });
    }
  }
  window.WebSocket = BenchWebSocket;

  // ---- call states ---------------------------------------------------------------------------
  const afterPaint = (fn) =>
    requestAnimationFrame((frameTime) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => fn(frameTime, now());
      channel.port2.postMessage(null);
    });

  function settle() {
    bench.waiters = bench.waiters.filter((w) => {
      const hit = bench.events.find((e) => e.seq > w.after && e.state === w.state && (!w.paint || e.paint !== null));
      if (hit) w.resolve(hit);
      return !hit;
    });
  }

  bench.watchCalls = () => {
    const root = shadow(shadow(document.querySelector('biztel-softphone'))?.querySelector('biztel-call-panel'));
    if (!root) throw new Error('the call panel is not shown');
    bench.calls?.disconnect();
    let last = null;
    const record = () => {
      const state = root.querySelector('section.call')?.getAttribute('data-state') ?? 'idle';
      if (state === last) return;
      last = state;
      bench.seq += 1;
      bench.shown[state] = (bench.shown[state] ?? 0) + 1;
      const event = { seq: bench.seq, state, dom: now(), frame: null, paint: null, message: null };
      if (state === 'ringing') event.message = bench.lastRingMessage;
      bench.lastRingMessage = null;
      bench.events.push(event);
      if (bench.events.length > 32) bench.events.shift();
      afterPaint((frame, painted) => {
        event.frame = frame;
        event.paint = painted;
        settle();
      });
      settle();
    };
    bench.calls = new MutationObserver(record);
    bench.calls.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] });
    record();
    return bench.seq;
  };
  /** Resolves with the first logged event of `state` after sequence `after` (after its paint if `paint`). */
  bench.waitFor = (state, after, paint = false) =>
    new Promise((resolve) => {
      bench.waiters.push({ state, after, paint, resolve });
      settle();
    });
})();
