import type { Call } from '@biztel/protocol';
import type { NodeLiveness } from '../node-registry.js';
import { memoryState, type SharedState } from '../state/shared-state.js';
import { LineStore, type Line } from './line-store.js';

const call: Call = { id: 'c-1', direction: 'inbound', state: 'talking', remoteNumber: '0312345678', startedAt: 1, transferredBy: '1002' };
const session = { tenantId: 'demo', account: 'agent01', extension: '1001', id: 's-1' };
const GRACE_MS = 30_000;

function store(nodes?: NodeLiveness, state: SharedState = memoryState(), now = () => 1_000_000) {
  const pushed: Line[] = [];
  const lines = new LineStore(state, { changed: (l) => pushed.push(l), track: (work) => work, nodes, now });
  /** The line with `account`'s softphone `device` that reported a call, a parked call and a transferred screen. */
  const busy = async (device: string, account = 'agent01') => {
    await lines.deviceConnected('demo', '1001', device, account, now(), GRACE_MS);
    return lines.update('demo', '1001', (l) => {
      l.calls = [call];
      l.parked = [{ slot: '701', remoteNumber: '0311112222', parkedAt: 2, recallAt: 302 }];
      l.screens = { 'c-1': { from: '1002', screen: null } };
      l.softphone = { account, lostAt: null, reported: true };
      return 'changed';
    });
  };
  return { lines, pushed, busy };
}

describe('the line store', () => {
  it('reads a line never stored as an empty one', async () => {
    const { lines } = store();
    expect(await lines.read('demo', '1003')).toEqual({
      tenantId: 'demo',
      extension: '1003',
      device: null,
      calls: [],
      parked: [],
      agent: null,
      revision: 0,
      viewing: null,
      screens: {},
    });
  });

  it("lets the same account's new softphone take over, keeping the calls (stale until it reports), and answers the one it replaces", async () => {
    const { lines, pushed, busy } = store();
    await busy('sock-1');
    expect(await lines.deviceConnected('demo', '1001', 'sock-2', 'agent01', 1_000_500, GRACE_MS)).toEqual({ ok: true, previous: 'sock-1' });
    const after = await lines.read('demo', '1001');
    expect(after).toMatchObject({ device: 'sock-2', deviceNode: 'local', calls: [call], softphone: { account: 'agent01', reported: false }, revision: 3 });
    expect(pushed.map((l) => l.revision)).toEqual([1, 2, 3]);
  });

  it("refuses another account's softphone while the line's holds it, connected or within its grace, and lets it in after", async () => {
    const { lines, busy } = store();
    await busy('sock-1', 'agent01');
    expect(await lines.deviceConnected('demo', '1001', 'sock-x', 'agent02', 1_000_000, GRACE_MS)).toEqual({ ok: false, holder: 'agent01' });
    await lines.deviceLost('demo', '1001', 'sock-1', 1_000_000);
    expect(await lines.deviceConnected('demo', '1001', 'sock-x', 'agent02', 1_000_000 + GRACE_MS - 1, GRACE_MS)).toEqual({ ok: false, holder: 'agent01' });
    expect((await lines.read('demo', '1001')).device).toBeNull();
    expect(await lines.deviceConnected('demo', '1001', 'sock-x', 'agent02', 1_000_000 + GRACE_MS, GRACE_MS)).toEqual({ ok: true, previous: null });
    // A softphone starting fresh starts with nothing: the other account's calls are gone.
    expect(await lines.read('demo', '1001')).toMatchObject({
      device: 'sock-x',
      calls: [],
      parked: [],
      screens: {},
      softphone: { account: 'agent02', lostAt: null },
    });
  });

  it('keeps the calls of a dropped softphone (stale, from when it dropped), and ignores a softphone the line no longer has', async () => {
    const { lines, pushed, busy } = store();
    await busy('sock-1');
    await lines.deviceLost('demo', '1001', 'sock-old', 1_000_100);
    expect(pushed).toHaveLength(2);
    await lines.deviceLost('demo', '1001', 'sock-1', 1_000_100);
    const after = await lines.read('demo', '1001');
    expect(after).toMatchObject({ device: null, calls: [call], softphone: { account: 'agent01', lostAt: 1_000_100, reported: false }, revision: 3 });
    expect(after.deviceNode).toBeUndefined();
    // Coming back within the grace keeps the drop's time until the softphone reports.
    await lines.deviceConnected('demo', '1001', 'sock-2', 'agent01', 1_000_200, GRACE_MS);
    expect((await lines.read('demo', '1001')).softphone).toEqual({ account: 'agent01', lostAt: 1_000_100, reported: false });
  });

  it('forgets the softphone and its calls when it quits, or when the grace of that drop ends with it still away', async () => {
    const { lines, busy } = store();
    await busy('sock-1');
    await lines.deviceStopped('demo', '1001', { device: 'sock-other' });
    expect((await lines.read('demo', '1001')).calls).toEqual([call]);
    await lines.deviceStopped('demo', '1001', { device: 'sock-1' });
    expect(await lines.read('demo', '1001')).toMatchObject({ device: null, softphone: null, calls: [], parked: [], screens: {} });

    await busy('sock-2');
    await lines.deviceLost('demo', '1001', 'sock-2', 1_000_300);
    await lines.deviceStopped('demo', '1001', { lostAt: 999 }); // another drop's grace: not this one
    expect((await lines.read('demo', '1001')).calls).toEqual([call]);
    await lines.deviceStopped('demo', '1001', { lostAt: 1_000_300 });
    expect(await lines.read('demo', '1001')).toMatchObject({ softphone: null, calls: [] });
  });

  it('keeps a softphone that came back and reported when an earlier drop’s grace ends', async () => {
    const { lines, busy } = store();
    await busy('sock-1');
    await lines.deviceLost('demo', '1001', 'sock-1', 1_000_300);
    await lines.deviceConnected('demo', '1001', 'sock-2', 'agent01', 1_000_400, GRACE_MS);
    await lines.update('demo', '1001', (l) => ((l.softphone = { account: 'agent01', lostAt: null, reported: true }), 'changed'));
    await lines.deviceStopped('demo', '1001', { lostAt: 1_000_300 });
    expect(await lines.read('demo', '1001')).toMatchObject({ device: 'sock-2', calls: [call] });
  });

  it('keeps a softphone that came back but never reported when the grace ends, without the stale calls', async () => {
    const { lines, busy } = store();
    await busy('sock-1');
    await lines.deviceLost('demo', '1001', 'sock-1', 1_000_300);
    await lines.deviceConnected('demo', '1001', 'sock-2', 'agent01', 1_000_400, GRACE_MS);
    await lines.deviceStopped('demo', '1001', { lostAt: 1_000_300 });
    expect(await lines.read('demo', '1001')).toMatchObject({
      device: 'sock-2',
      softphone: { account: 'agent01', lostAt: 1_000_300, reported: false },
      calls: [],
      parked: [],
    });
  });

  it('forgets only what the reporting connection viewed, quietly (same revision, nothing pushed)', async () => {
    const { lines, pushed } = store();
    const screen = { recordId: '001000000000001AAA', recordName: 'Acme', objectType: 'Account' };
    await lines.update('demo', '1001', (l) => ((l.viewing = { screen, account: 'agent01', socketId: 'panel-1' }), 'quiet'));
    await lines.forgetViewing(session, 'panel-2');
    expect((await lines.read('demo', '1001')).viewing?.socketId).toBe('panel-1');
    await lines.forgetViewing(session, 'panel-1');
    expect(await lines.read('demo', '1001')).toMatchObject({ viewing: null, revision: 0 });
    expect(pushed).toEqual([]);
  });

  it('shows a softphone dropped (calls kept, stale) once its node stopped beating, and running while it beats', async () => {
    let sinceSeen: number | undefined = 1000;
    const nodes: NodeLiveness = { id: 'node-b', deadAfterMs: 15_000, sinceSeen: async () => sinceSeen };
    const state = memoryState();
    // The softphone connected to node-a; node-b reads the same state.
    const l = await store({ id: 'node-a', deadAfterMs: 15_000, sinceSeen: async () => 0 }, state).busy('sock-1');
    const { lines } = store(nodes, state);
    expect(await lines.live(l)).toBe(l);
    sinceSeen = 20_000;
    expect(await lines.live(l)).toMatchObject({ device: null, calls: [call], softphone: { lostAt: 1_000_000 } });
  });
});
