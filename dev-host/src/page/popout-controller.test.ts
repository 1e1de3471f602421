import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { CountingHost as Host } from './controller-host-test-helpers.js';
import { POPOUT_FEATURES, POPOUT_TARGET, PopoutController, type PopoutPage, type PopoutState } from './popout-controller.js';

class FakePopup {
  closed = false;
  focused = 0;
  close(): void {
    this.closed = true;
  }
  focus(): void {
    this.focused += 1;
  }
}

class FakePage implements PopoutPage {
  readonly opened: { url: string; target: string; features: string }[] = [];
  readonly pagehide = new Set<() => void>();
  blocked = false;
  popup: FakePopup | null = null;
  open(url: string, target: string, features: string): Window | null {
    this.opened.push({ url, target, features });
    if (this.blocked) return null;
    this.popup = new FakePopup();
    return this.popup as unknown as Window;
  }
  addEventListener(_type: 'pagehide', listener: () => void): void {
    this.pagehide.add(listener);
  }
  removeEventListener(_type: 'pagehide', listener: () => void): void {
    this.pagehide.delete(listener);
  }
}

const URL = '/apex/BiztelSoftphone?lang=ja&user=005000000000002AAA';

function setup() {
  const host = new Host();
  const page = new FakePage();
  const changes: [PopoutState['kind'], PopoutState['kind']][] = [];
  const popout = new PopoutController(host, { page, onChange: (from, to) => changes.push([from.kind, to.kind]) });
  for (const c of host.controllers) c.hostConnected?.();
  return { host, page, popout, changes };
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

describe('PopoutController', () => {
  it('starts docked', () => {
    const { popout, page } = setup();

    expect(popout.state).toEqual({ kind: 'docked' });
    expect(page.opened).toEqual([]);
  });

  it('pops out: opens the panel page in the named pop-up window and re-renders', () => {
    const { popout, page, host, changes } = setup();

    expect(popout.popOut(URL)).toBe(true);

    expect(page.opened).toEqual([{ url: URL, target: POPOUT_TARGET, features: 'popup,width=360,height=600' }]);
    expect(POPOUT_FEATURES).toBe('popup,width=360,height=600');
    expect(popout.state).toEqual({ kind: 'poppedOut', window: page.popup });
    expect(changes).toEqual([['docked', 'poppedOut']]);
    expect(host.updates).toBe(1);
  });

  it('stays docked with a message when the browser blocks the pop-up', () => {
    const { popout, page, changes } = setup();
    page.blocked = true;

    expect(popout.popOut(URL)).toBe(false);

    expect(popout.state).toEqual({ kind: 'blocked' });
    expect(changes).toEqual([['docked', 'blocked']]);
    popout.dismiss();
    expect(popout.state).toEqual({ kind: 'docked' });
  });

  it('a second pop-out focuses the window instead of opening another', () => {
    const { popout, page } = setup();
    popout.popOut(URL);

    popout.popOut(URL);

    expect(page.opened).toHaveLength(1);
    expect(page.popup?.focused).toBe(1);
  });

  it('pops in: closes the window and docks', () => {
    const { popout, page, changes } = setup();
    popout.popOut(URL);

    popout.popIn();

    expect(page.popup?.closed).toBe(true);
    expect(popout.state).toEqual({ kind: 'docked' });
    expect(changes).toEqual([
      ['docked', 'poppedOut'],
      ['poppedOut', 'docked'],
    ]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('notices within 500 ms when the agent closes the window, and docks', () => {
    const { popout, page, changes } = setup();
    popout.popOut(URL);
    page.popup!.closed = true;

    jest.advanceTimersByTime(499);
    expect(popout.state.kind).toBe('poppedOut');
    jest.advanceTimersByTime(1);

    expect(popout.state).toEqual({ kind: 'docked' });
    expect(changes.at(-1)).toEqual(['poppedOut', 'docked']);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('closes the pop-out window when the Lightning page goes away', () => {
    const { page, popout } = setup();
    popout.popOut(URL);

    for (const listener of page.pagehide) listener();

    expect(page.popup?.closed).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('leaves no timer or listener behind when the host disconnects', () => {
    const { host, page, popout } = setup();
    popout.popOut(URL);

    for (const c of host.controllers) c.hostDisconnected?.();

    expect(jest.getTimerCount()).toBe(0);
    expect(page.pagehide.size).toBe(0);
  });
});
