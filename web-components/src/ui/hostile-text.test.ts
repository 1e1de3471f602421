/**
 * Hostile text through the real <biztel-softphone>: valid snapshots (and host data) whose free
 * text is markup or script — status labels, remote numbers, business labels, chat texts and links,
 * screen-transfer names and notes, caller-ID names, CRM record names, the seat holder, error
 * details. Nothing may become an element or an event-handler attribute anywhere in the shadow
 * trees, every payload must be visible as text, and chat links may only be http(s).
 * A seeded round pushes random hostile-but-valid snapshots; reproduce with `FUZZ_SEED=<seed>`.
 * Over ~350 lines on purpose: one harness (the payload tables, the mounted shell, the shadow-tree
 * checks and their own tests) serves every case; the cases read best as one list beside it.
 */
import { jest } from '@jest/globals';
import { chatSchema, parse, snapshotSchema, type Call, type Snapshot } from '@biztel/protocol';
import { CONTROL_PAYLOADS, MARKUP_PAYLOADS, SURROGATE_PAYLOADS, fuzzSeed, hostileString, mutate, rng, type Rng } from '@biztel/protocol/testing';
import { BiztelSoftphone } from './biztel-softphone.js';
import { registerElements } from './register.js';
import { $, settle, typeInto, useDomFormData } from '../testing/dom.js';
import { HostError } from '../testing/fake-host.js';
import { SERVER_TIME, STATUSES, heldCall, ringingCall, snapshotFixture } from '../testing/fixtures.js';
import { fakeServices, type FakeServices } from '../testing/fake-services.js';

registerElements();

const SEED = fuzzSeed(0x5eed_0003);
const RANDOM_ROUNDS = 30;
/** Mutated snapshots that still pass the schema, pushed one after another. */
const STRUCTURE_ROUNDS = 60;

/** Each payload calls `pwn(n)` if it ever runs; all fit the shortest free-text field (40 characters). */
const P = {
  img: '<img src=x onerror=pwn(1)>',
  script: '<script>pwn(2)</script>',
  svg: '"><svg onload=pwn(3)>',
  link: '<a href="javascript:pwn(4)">x</a>',
  iframe: "<iframe srcdoc='<b onclick=pwn(5)>'>",
  entity: '&lt;b&gt; {number} ${pwn(6)} <!--',
  style: '<style>*{display:none}</style>',
  details: '<details open ontoggle=pwn(7)>',
} as const;
/** A remote number that is markup yet has enough digits for a CRM search. */
const NUMBER_PAYLOAD = '<img src=x onerror=pwn(1234567)>';
const RECORD_ID = '0035g00000AbCdEAAZ';

/** Elements that must never come from data. `<style>` is allowed only where Lit puts it: directly in a shadow root. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'img',
  'iframe',
  'object',
  'embed',
  'frame',
  'frameset',
  'link',
  'meta',
  'base',
  'audio',
  'video',
  'source',
  'math',
  'template',
  'b',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster']);

let services: FakeServices;
let restoreFormData: () => void;
let pwn: jest.Mock;

beforeAll(() => {
  restoreFormData = useDomFormData();
});

afterAll(() => restoreFormData());

beforeEach(() => {
  services = fakeServices();
  BiztelSoftphone.services = () => services;
  pwn = jest.fn();
  (window as unknown as { pwn: unknown }).pwn = pwn;
});

afterEach(() => {
  document.body.replaceChildren();
  expect(pwn).not.toHaveBeenCalled();
});

// ---- walking the shadow trees -----------------------------------------------------------------

/** `root` and every element below it, descending into every open shadow root. */
function* elementsOf(root: Element | ShadowRoot): Generator<Element> {
  if (root instanceof Element) yield root;
  const children = root instanceof Element ? [...(root.shadowRoot ? [root.shadowRoot] : []), root] : [root];
  for (const parent of children) {
    for (const child of parent.children) yield* elementsOf(child);
  }
}

/** All text a user can see, across shadow roots (slotted light DOM included), minus `<style>`. */
function deepText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && node.localName === 'style') return '';
  let text = '';
  if (node instanceof Element && node.shadowRoot) text += deepText(node.shadowRoot);
  for (const child of node.childNodes) text += deepText(child);
  return text;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Everything in the trees under `host` that data could have turned into markup or code. */
function injections(host: Element): string[] {
  const found: string[] = [];
  for (const el of elementsOf(host)) {
    const name = el.localName;
    if (FORBIDDEN_ELEMENTS.has(name)) found.push(`<${name}> in ${el.parentNode?.nodeName}`);
    if (name === 'style' && !(el.parentNode instanceof ShadowRoot)) found.push(`<style> inside <${(el.parentNode as Element | null)?.localName}>`);
    if (name === 'a' && !isHttpUrl(el.getAttribute('href'))) found.push(`<a href="${el.getAttribute('href')}">`);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${name}[${attr.name}="${attr.value}"]`);
      if (!/^[a-z][a-z0-9:_.-]*$/i.test(attr.name)) found.push(`${name}[${attr.name}] (an attribute name from data)`);
      if (URL_ATTRIBUTES.has(attr.name.toLowerCase()) && !isHttpUrl(attr.value)) found.push(`${name}[${attr.name}="${attr.value}"]`);
    }
  }
  return found;
}

function isHttpUrl(value: string | null): boolean {
  if (value === null) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** The payloads of `texts` that are not visible as text under `host`. */
function invisible(host: Element, texts: readonly string[]): string[] {
  const shown = normalise(deepText(host));
  return texts.filter((t) => normalise(t) !== '' && !shown.includes(normalise(t)));
}

// ---- driving the panel ------------------------------------------------------------------------

async function mount(): Promise<BiztelSoftphone> {
  const el = document.createElement('biztel-softphone');
  document.body.append(el);
  await settle(el);
  return el;
}

async function submitSignIn(el: BiztelSoftphone, seatId = ''): Promise<void> {
  const form = $(el, 'biztel-sign-in-form');
  typeInto($<HTMLInputElement>(form, '#account'), 'yamada.taro');
  typeInto($<HTMLInputElement>(form, '#password'), 'Tr0ub4dor&3');
  typeInto($<HTMLInputElement>(form, '#extension'), '1001');
  if (seatId) typeInto($<HTMLInputElement>(form, '#seatId'), seatId);
  $<HTMLButtonElement>(form, 'button[type="submit"]').click();
  await settle(el);
}

async function signedIn(snapshot: Snapshot): Promise<BiztelSoftphone> {
  services.server.signInReply = { ok: true, snapshot };
  const el = await mount();
  await submitSignIn(el);
  return el;
}

async function push(el: BiztelSoftphone, snapshot: Snapshot): Promise<void> {
  services.server.push(snapshot);
  await settle(el);
  await settle(el);
}

const HOSTILE_STATUSES = [
  { id: 'available', label: P.img },
  { id: 'break', label: P.script },
  { id: 'away', label: P.svg },
  { id: 'logoff', label: P.style },
];

/** A ringing call from the chatbot IVR, transferred with a screen, everything free-text hostile. */
function hostileCall(chatMessages: NonNullable<Call['chat']>): Call {
  return ringingCall({
    remoteNumber: NUMBER_PAYLOAD,
    businessLabel: P.script,
    transferredBy: '1002',
    screen: { recordId: RECORD_ID, recordName: P.svg, note: P.link, fromExtension: '1002', fromName: P.iframe },
    chat: chatMessages,
  });
}

const HOSTILE_CHAT = parse(
  chatSchema,
  {
    status: 'ok',
    messages: [
      { from: 'customer', kind: 'text', text: P.img, at: SERVER_TIME - 9000 },
      { from: 'bot', kind: 'text', text: P.details, at: SERVER_TIME - 8000 },
      { from: 'customer', kind: 'url', text: P.entity, url: 'javascript:pwn(8)', at: SERVER_TIME - 7000 },
      { from: 'customer', kind: 'upload', text: '', url: 'data:text/html,<script>pwn(9)</script>', at: SERVER_TIME - 6000 },
      { from: 'bot', kind: 'url', text: '', url: 'https://chat.example.com/?q=<script>pwn(10)</script>', at: SERVER_TIME - 5000 },
    ],
  },
  'chat',
);

// ---- the tests --------------------------------------------------------------------------------

describe('<biztel-softphone> with hostile text', () => {
  it("shows the server's hostile status labels on the sign-in form as text", async () => {
    services.server.statuses = HOSTILE_STATUSES;

    const el = await mount();

    expect(injections(el)).toEqual([]);
    expect(
      invisible(
        el,
        HOSTILE_STATUSES.map((s) => s.label),
      ),
    ).toEqual([]);
  });

  it('renders every free text of a hostile snapshot as text: labels, numbers, screen, chat, caller IDs, parked calls, CRM records', async () => {
    services.host.searchResults = [
      { id: RECORD_ID, name: P.img, objectType: P.script },
      { id: '0015g00000XyZaBAAZ', name: P.entity, objectType: 'Account' },
    ];
    const el = await signedIn(snapshotFixture({ statuses: HOSTILE_STATUSES }));

    await push(
      el,
      snapshotFixture({
        revision: 2,
        statuses: HOSTILE_STATUSES,
        calls: [hostileCall(HOSTILE_CHAT)],
        parked: [{ slot: '701', remoteNumber: P.details, parkedAt: SERVER_TIME - 1000, recallAt: SERVER_TIME + 299_000 }],
        callerIds: { mode: 'numbersOnly', restricted: true, numbers: [{ number: '0312345678', label: P.link }], windows: [] },
      }),
    );

    expect(services.host.argsOf('searchAndPop')).toEqual([{ number: NUMBER_PAYLOAD, direction: 'inbound' }]);
    expect(injections(el)).toEqual([]);
    expect(
      invisible(el, [
        P.img, // status label, chat text and a CRM record name
        NUMBER_PAYLOAD,
        P.script, // business label and a CRM object type
        P.svg,
        P.link,
        P.iframe,
        P.entity,
        P.details,
        'data:text/html,<script>pwn(9)</script>', // a refused link without a caption shows the URL itself
      ]),
    ).toEqual([]);
  });

  it('opens only http(s) chat links; any other URL stays plain text', async () => {
    const urls = [
      'javascript:pwn(11)',
      'JaVaScRiPt:pwn(12)',
      ' javascript:pwn(13)',
      'vbscript:pwn(14)',
      'data:text/html;base64,PHNjcmlwdD5wd24oMTUpPC9zY3JpcHQ+',
      '//evil.example/x',
      'https:\\\\evil.example',
      'https://user:pass@evil.example/',
      'https://evil.example/\u0000x',
      'http://ok.example/a"onmouseover="pwn(16)',
      'https://ok.example/?q=<script>pwn(17)</script>',
    ];
    const chat = parse(
      chatSchema,
      { status: 'ok', messages: urls.map((url, i) => ({ from: 'customer', kind: i % 2 ? 'url' : 'upload', text: '', url, at: SERVER_TIME - 1000 + i })) },
      'chat',
    );
    const el = await signedIn(snapshotFixture({ calls: [ringingCall({ chat })] }));

    const transcript = $(callPanelOf(el), 'biztel-chat-transcript');
    const hrefs = [...elementsOf(transcript)].filter((e) => e.localName === 'a').map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.map((href) => [new URL(href).protocol, new URL(href).host])).toEqual([
      ['http:', 'ok.example'],
      ['https:', 'ok.example'],
    ]);
    expect(injections(el)).toEqual([]);
    expect(invisible(transcript, urls.slice(0, 9))).toEqual([]);
  });

  it('shows a hostile seat holder in the seat confirmation as text', async () => {
    const seat = { seatId: P.script, account: P.img, name: P.svg, since: SERVER_TIME };
    services.server.signInReply = { ok: false, code: 'SEAT_TAKEN', seat };
    const el = await mount();

    await submitSignIn(el, 'A-12');

    expect($(el, 'biztel-sign-in-form').shadowRoot!.querySelector('[role="alertdialog"]')).not.toBeNull();
    expect(injections(el)).toEqual([]);
    expect(invisible(el, [seat.seatId, seat.account, seat.name])).toEqual([]);
  });

  it('shows a hostile start-up error and a hostile connection-loss reason as text', async () => {
    services.host.startError = new HostError('unavailable', P.img);
    const failed = await mount();
    expect(injections(failed)).toEqual([]);
    expect(invisible(failed, [P.img])).toEqual([]);
    failed.remove();

    services = fakeServices();
    const el = await signedIn(snapshotFixture());
    services.server.emitConnection({ kind: 'lost', reason: P.iframe });
    services.server.emitConnection({ kind: 'failed', reason: P.script });
    await settle(el);
    expect(injections(el)).toEqual([]);
    expect(invisible(el, [P.script])).toEqual([]);
  });

  it('shows an unknown hostile status id, a held customer and caller-ID windows during a transfer as text', async () => {
    const el = await signedIn(snapshotFixture());

    await push(
      el,
      snapshotFixture({
        revision: 2,
        agent: { statusId: P.details.slice(0, 32) },
        calls: [
          heldCall({ remoteNumber: P.img }),
          {
            id: 'call-20250401-0002',
            direction: 'outbound',
            state: 'talking',
            remoteNumber: P.svg,
            startedAt: SERVER_TIME - 8000,
            answeredAt: SERVER_TIME - 5000,
            transfer: { kind: 'attended', of: 'call-20250401-0001' },
          },
        ],
        callerIds: { mode: 'windowsOnly', restricted: false, numbers: [], windows: [{ id: 'w1', name: P.link, number: P.entity.slice(0, 32) }] },
      }),
    );

    expect(injections(el)).toEqual([]);
    expect(invisible(el, [P.details.slice(0, 32), P.img, P.svg, P.link, P.entity.slice(0, 32)])).toEqual([]);
  });

  it(`keeps ${RANDOM_ROUNDS} random hostile snapshots as text (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const el = await signedIn(snapshotFixture());
    const problems: string[] = [];

    for (let round = 0; round < RANDOM_ROUNDS; round++) {
      const texts = randomTexts(r);
      const snapshot = snapshotFixture({
        revision: round + 2,
        statuses: STATUSES.map((s, i) => (i === 0 ? { ...s, label: texts.label } : s)),
        calls: r.chance(0.2)
          ? []
          : [
              ringingCall({
                id: `call-${round}`,
                state: r.pick(['ringing', 'talking', 'dialing'] as const),
                remoteNumber: texts.remote,
                businessLabel: texts.business,
                transferredBy: '1002',
                screen: { recordId: RECORD_ID, recordName: texts.recordName, note: texts.note, fromExtension: '1002', fromName: texts.fromName },
                chat: parse(
                  chatSchema,
                  {
                    status: 'ok',
                    messages: [{ from: 'customer', kind: r.pick(['text', 'url', 'upload']), text: texts.chat, url: texts.url, at: SERVER_TIME }],
                  },
                  'chat',
                ),
              }),
            ],
        parked: [{ slot: String(701 + round), remoteNumber: texts.parked, parkedAt: SERVER_TIME - 1000, recallAt: SERVER_TIME + 299_000 }],
      });
      await push(el, snapshot);

      const injected = injections(el);
      if (injected.length > 0) problems.push(`round ${round} ${JSON.stringify(texts)}: ${injected.join(', ')}`);
      const shown = [texts.label, texts.parked.trim(), ...(snapshot.calls.length > 0 ? [texts.business, texts.recordName, texts.note, texts.fromName] : [])];
      const missing = invisible(
        el,
        shown.filter((t) => !isAnonymousLike(t)),
      );
      if (missing.length > 0) problems.push(`round ${round}: not shown as text: ${JSON.stringify(missing)}`);
    }

    expect(problems).toEqual([]);
  });

  it(`survives ${STRUCTURE_ROUNDS} mutated snapshots that are still valid: duplicates, odd times, odd states (seed ${SEED})`, async () => {
    const r = rng(SEED ^ 0x57);
    const rich = snapshotFixture({
      statuses: HOSTILE_STATUSES,
      agent: { statusId: 'break' },
      calls: [
        heldCall({ remoteNumber: P.img, chat: HOSTILE_CHAT, transferredBy: '1002', screen: { recordId: RECORD_ID, recordName: P.svg, fromExtension: '1002' } }),
        {
          id: 'call-20250401-0002',
          direction: 'outbound',
          state: 'talking',
          remoteNumber: P.script,
          startedAt: SERVER_TIME - 8000,
          answeredAt: SERVER_TIME - 5000,
          transfer: { kind: 'attended', of: 'call-20250401-0001' },
          collecting: { kind: 'star', digits: '12' },
          recall: { slot: '701' },
          businessLabel: P.entity,
          callerIdNumber: P.link.slice(0, 32),
        },
      ],
      parked: [{ slot: '701', remoteNumber: P.details, parkedAt: SERVER_TIME - 1000, recallAt: SERVER_TIME + 299_000 }],
      callerIds: {
        mode: 'switchable',
        restricted: true,
        numbers: [{ number: '0312345678', label: P.iframe }],
        windows: [{ id: 'w1', name: P.style, number: '0120' }],
      },
    });
    const el = await signedIn(snapshotFixture());
    const problems: string[] = [];
    let pushed = 0;
    for (let tried = 0; pushed < STRUCTURE_ROUNDS && tried < STRUCTURE_ROUNDS * 50; tried++) {
      const v = snapshotSchema.check(mutate(r, rich), 'snapshot');
      if (!v.ok) continue;
      pushed += 1;
      const snapshot = { ...v.value, revision: 100 + pushed };
      try {
        await push(el, snapshot);
      } catch (error) {
        problems.push(`round ${pushed}: rendering failed (${String(error)}) for ${JSON.stringify(snapshot).slice(0, 400)}`);
        continue;
      }
      const injected = injections(el);
      if (injected.length > 0) problems.push(`round ${pushed}: ${injected.join(', ')}`);
      if (!el.shadowRoot!.querySelector('biztel-call-panel'))
        problems.push(`round ${pushed}: the call panel is gone: ${normalise(deepText(el)).slice(0, 200)}`);
    }

    expect(pushed).toBe(STRUCTURE_ROUNDS);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(services.logger.lines.filter((line) => line.startsWith('error'))).toEqual([]);
  });
});

function callPanelOf(el: Element): Element {
  return $(el, 'biztel-call-panel');
}

function isAnonymousLike(text: string): boolean {
  return ['', 'anonymous', '非通知', 'unknown', 'private'].includes(text.trim().toLowerCase());
}

/** Random hostile strings cut to each field's limits (the snapshot stays valid). */
function randomTexts(r: Rng) {
  const text = (max: number, min = 0) => {
    const s = (r.chance(0.5) ? r.pick([...MARKUP_PAYLOADS, ...CONTROL_PAYLOADS, ...SURROGATE_PAYLOADS]) + hostileString(r) : hostileString(r)).slice(0, max);
    return s.length >= min ? s : `${s}<b>`.slice(0, max);
  };
  return {
    label: text(40, 1),
    remote: text(64),
    business: text(64, 1),
    recordName: text(255),
    // The note allows no control characters.
    note: text(140).replace(/[\u0000-\u001f\u007f]/g, ''),
    fromName: text(64, 1),
    chat: text(1000),
    url: text(2000, 1),
    parked: text(64),
  };
}

describe('the shadow-tree checks of this file', () => {
  it('find markup, handlers and script links in nested shadow roots, and text that is missing', () => {
    const outer = document.createElement('div');
    const inner = document.createElement('span');
    outer.attachShadow({ mode: 'open' }).append(inner);
    inner.attachShadow({ mode: 'open' }).innerHTML = '<p title=x onclick="pwn(0)">shown <img src=x><a href="javascript:void 0">y</a></p>';
    document.body.append(outer);

    expect(injections(outer)).toEqual(['p[onclick="pwn(0)"]', '<img> in P', 'img[src="x"]', '<a href="javascript:void 0">', 'a[href="javascript:void 0"]']);
    expect(invisible(outer, ['shown', 'y', 'not there'])).toEqual(['not there']);
  });
});
