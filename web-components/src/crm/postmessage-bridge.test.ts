/**
 * The fake Open CTI across windows: the dev host's "Lightning" page serves several softphone
 * pages — the utility's iframe, the window it was popped out to, the iframe pop-in rebuilds — and
 * each must get its answers and the container events it subscribed to. Hand-made windows: each
 * `postMessage` is delivered on a later task with the sender's origin and its window as seen from
 * the receiver, like a browser's.
 */
import { describe, expect, it } from '@jest/globals';
import { macrotask } from '@biztel/testing';
import { createOpenCtiHost } from './opencti-host.js';
import type { OpenCtiApi } from '@biztel/opencti';
import { createMemoryContainer, type ContainerEvent, type FakeRecord, type MemoryContainer, type OpenCtiContainer } from '@biztel/opencti/fake';
import { createFakeOpenCti } from '@biztel/opencti/fake';
import { createPostMessageContainer, serveContainer } from '@biztel/opencti/fake';

const ORIGIN = 'http://localhost:5173';
const settings = { '/biztel/serverUrl': 'https://events.example.com' };
const YAMADA: FakeRecord = { Id: '003xx000004TmiQAAS', Name: '山田 太郎', RecordType: 'Contact', Phone: '03-1234-5678' };

type Listener = (event: MessageEvent) => void;

/** One browsing context: its listeners, its origin, whether it has closed, what was posted to it. */
class FakeContext {
  closed = false;
  readonly listeners = new Set<Listener>();
  /** Messages posted to this context (whether or not anyone listened). */
  readonly received: unknown[] = [];
  /** The WindowProxy each other context sees for this one (stable, like a browser's). */
  private readonly proxies = new Map<FakeContext, Window>();

  constructor(readonly origin: string) {}

  /** This context as `viewer` sees it: `postMessage` from `viewer` to here, `closed`, `location`. */
  as(viewer: FakeContext): Window {
    let proxy = this.proxies.get(viewer);
    if (!proxy) {
      const target = this as FakeContext;
      proxy = {
        get closed() {
          return target.closed;
        },
        location: { origin: target.origin },
        postMessage(data: unknown, targetOrigin: string) {
          if (target.closed || (targetOrigin !== '*' && targetOrigin !== target.origin)) return;
          const copy = structuredClone(data);
          setTimeout(() => {
            if (target.closed) return;
            target.received.push(copy);
            const event = { data: copy, origin: viewer.origin, source: viewer.as(target) } as unknown as MessageEvent;
            for (const listener of [...target.listeners]) listener(event);
          }, 0);
        },
        addEventListener(type: string, listener: Listener) {
          if (type === 'message' && viewer === target) target.listeners.add(listener);
        },
        removeEventListener(type: string, listener: Listener) {
          if (type === 'message' && viewer === target) target.listeners.delete(listener);
        },
      } as unknown as Window;
      this.proxies.set(viewer, proxy);
    }
    return proxy;
  }

  /** The window itself (`self` inside it). */
  get self(): Window {
    return this.as(this);
  }

  /** A reload: the document and its listeners go, the window (and its proxies) stay. */
  reload(): void {
    this.listeners.clear();
    this.received.length = 0;
  }
}

/** A container that counts its live subscriptions, so leaks show. */
function counting(container: MemoryContainer): MemoryContainer & { readonly live: number } {
  let live = 0;
  const listen = container.listen.bind(container);
  container.listen = (event, listener) => {
    live += 1;
    const off = listen(event, listener);
    let done = false;
    return () => {
      if (!done) live -= 1;
      done = true;
      return off();
    };
  };
  return Object.defineProperty(container, 'live', { get: () => live }) as MemoryContainer & { readonly live: number };
}

/** Lets every queued message (and the answers they cause) arrive. */
async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await macrotask();
}

function lightning() {
  const container = counting(createMemoryContainer({ settings, records: [YAMADA] }));
  const host = new FakeContext(ORIGIN);
  const stop = serveContainer(host.self, container);
  /** A softphone page in `context`, talking to the Lightning page as `context` sees it. */
  const page = (context: FakeContext): OpenCtiContainer => createPostMessageContainer(context.self, host.as(context), ORIGIN);
  return { container, host, stop, page };
}

function listening(page: OpenCtiContainer, event: ContainerEvent): unknown[] {
  const got: unknown[] = [];
  page.listen(event, (payload) => got.push(payload));
  return got;
}

describe('serveContainer: calls', () => {
  it('answers each page’s call on that page only', async () => {
    const { page } = lightning();
    const iframe = new FakeContext(ORIGIN);
    const popout = new FakeContext(ORIGIN);

    const [fromIframe, fromPopout] = await Promise.all([page(iframe).handle('getCallCenterSettings', {}), page(popout).handle('isSoftphonePanelVisible', {})]);

    expect(fromIframe).toEqual(settings);
    expect(fromPopout).toEqual({ visible: false });
    expect(iframe.received).toHaveLength(1);
    expect(popout.received).toHaveLength(1);
  });

  it('answers a failure with the container’s errors', async () => {
    const { page, container } = lightning();
    container.failNext('saveLog', 'SERVER_ERROR');

    await expect(page(new FakeContext(ORIGIN)).handle('saveLog', { value: {} })).rejects.toMatchObject({
      errors: [{ code: 'SERVER_ERROR', description: 'A server error occurred' }],
    });
  });

  it('ignores pages of another origin', async () => {
    const { container, host } = lightning();
    const stranger = new FakeContext('https://evil.example');

    host.as(stranger).postMessage({ tag: 'biztel-fake-opencti', kind: 'call', id: 1, method: 'enableClickToDial', arg: {} }, ORIGIN);
    host.as(stranger).postMessage({ tag: 'biztel-fake-opencti', kind: 'listen', event: 'onClickToDial' }, ORIGIN);
    await settle();

    expect(container.calls).toEqual([]);
    expect(container.live).toBe(0);
  });
});

describe('serveContainer: container events to several pages', () => {
  it('delivers an event to every page that subscribed to it — the iframe and the popped-out window', async () => {
    const { container, page } = lightning();
    const iframe = listening(page(new FakeContext(ORIGIN)), 'onClickToDial');
    const popout = listening(page(new FakeContext(ORIGIN)), 'onClickToDial');
    await settle();

    container.emit('onClickToDial', { number: '0312345678' });
    await settle();

    expect(iframe).toEqual([{ number: '0312345678' }]);
    expect(popout).toEqual([{ number: '0312345678' }]);
  });

  it('delivers only the events a page subscribed to', async () => {
    const { container, page } = lightning();
    const popout = page(new FakeContext(ORIGIN));
    const dials = listening(popout, 'onClickToDial');
    const views = listening(popout, 'onNavigationChange');
    const other = new FakeContext(ORIGIN);
    listening(page(other), 'onNavigationChange');
    await settle();
    other.received.length = 0;

    container.emit('onClickToDial', { number: '0312345678' });
    await settle();

    expect(dials).toHaveLength(1);
    expect(views).toEqual([]);
    expect(other.received).toEqual([]);
  });

  it('drops a page whose window closed, with its subscriptions, and keeps serving the others', async () => {
    const { container, page } = lightning();
    const iframe = new FakeContext(ORIGIN);
    const iframeDials = listening(page(iframe), 'onClickToDial');
    listening(page(iframe), 'onNavigationChange');
    const popout = new FakeContext(ORIGIN);
    const popoutDials = listening(page(popout), 'onClickToDial');
    await settle();
    expect(container.live).toBe(3);

    iframe.closed = true; // pop-out removed the utility's iframe
    container.emit('onClickToDial', { number: '0312345678' });
    await settle();

    expect(iframeDials).toEqual([]);
    expect(popoutDials).toEqual([{ number: '0312345678' }]);
    expect(container.live).toBe(1);
  });

  it('drops closed pages when any page speaks, before an event would find them', async () => {
    const { container, page } = lightning();
    const popout = new FakeContext(ORIGIN);
    listening(page(popout), 'onClickToDial');
    listening(page(popout), 'onNavigationChange');
    await settle();

    popout.closed = true; // the agent closed the popped-out window; pop-in rebuilds the iframe
    await page(new FakeContext(ORIGIN)).handle('getCallCenterSettings', {});

    expect(container.live).toBe(0);
  });

  it('keeps one subscription per window and event when the page subscribes again or reloads', async () => {
    const { container, page } = lightning();
    const iframe = new FakeContext(ORIGIN);
    const first = page(iframe);
    listening(first, 'onClickToDial');
    listening(first, 'onClickToDial');
    await settle();
    iframe.reload();
    const reloaded = listening(page(iframe), 'onClickToDial');
    await settle();

    container.emit('onClickToDial', { number: '0312345678' });
    await settle();

    expect(container.live).toBe(1);
    expect(reloaded).toEqual([{ number: '0312345678' }]);
  });

  it('stops answering and unsubscribes everything when stopped', async () => {
    const { container, page, stop } = lightning();
    const popout = new FakeContext(ORIGIN);
    const softphone = page(popout);
    const dials = listening(softphone, 'onClickToDial');
    await settle();

    stop();
    container.emit('onClickToDial', { number: '0312345678' });
    void softphone.handle('enableClickToDial', {});
    await settle();

    expect(dials).toEqual([]);
    expect(container.live).toBe(0);
    expect(container.calls).toEqual([]);
  });
});

describe('a popped-out softphone window through the bridge', () => {
  /** The panel's host adapter in a window, over `sforce.opencti` posting to Lightning. */
  function panelIn(context: FakeContext, page: (c: FakeContext) => OpenCtiContainer) {
    const opencti = createFakeOpenCti(page(context)) as unknown as OpenCtiApi;
    return createOpenCtiHost({ sforce: { opencti } }, { sleep: async () => {}, responseTimeoutMs: 1000 });
  }

  it('gets click-to-dial, navigation and LMS dial requests once the iframe is gone, and still drives the utility', async () => {
    const { container, page } = lightning();
    const iframe = new FakeContext(ORIGIN);
    const before = panelIn(iframe, page);
    before.onClickToDial(() => {});
    before.onDialRequest(() => {});
    await before.start();
    await before.setClickToDial(true);
    await settle();

    // Pop-out: the iframe goes, the panel page loads again in its own window.
    iframe.closed = true;
    const popout = panelIn(new FakeContext(ORIGIN), page);
    const dials: unknown[] = [];
    const requests: unknown[] = [];
    const views: unknown[] = [];
    popout.onClickToDial((r) => dials.push(r));
    popout.onDialRequest((r) => requests.push(r));
    popout.onNavigation((v) => views.push(v));
    await popout.start();
    await popout.setClickToDial(true);
    await settle();

    container.clickToDial(YAMADA);
    container.navigate(YAMADA.Id);
    await container.handle('publish', { channelName: 'BiztelDialRequest__c', message: { v: 1, number: '03-1234-5678', recordId: YAMADA.Id } });
    await popout.showPanel();
    await popout.setItemLabel('待機中');
    await popout.setItemIcon('phone_portrait');
    await settle();

    expect(dials).toEqual([{ number: '03-1234-5678', recordId: YAMADA.Id, recordName: '山田 太郎', objectType: 'Contact' }]);
    expect(requests).toEqual([{ number: '03-1234-5678', recordId: YAMADA.Id }]);
    expect(views).toEqual([{ recordId: YAMADA.Id, recordName: '山田 太郎', objectType: 'Contact' }]);
    expect(container.panelVisible).toBe(true);
    expect(container.itemLabel).toBe('待機中');
    expect(container.itemIcon).toBe('phone_portrait');
  });
});
