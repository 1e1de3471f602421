import type { Call } from '@biztel/protocol';
import type { NodeLiveness } from '../node-registry.js';
import { memoryState, type SharedState } from '../state/shared-state.js';
import { LineStore, type Line } from './line-store.js';

const call: Call = { id: 'c-1', direction: 'inbound', state: 'talking', remoteNumber: '0312345678', startedAt: 1, transferredBy: '1002' };
const session = { tenantId: 'demo', account: 'agent01', extension: '1001', id: 's-1' };

function store(nodes?: NodeLiveness, state: SharedState = memoryState()) {
  const pushed: Line[] = [];
  const lines = new LineStore(state, { changed: (l) => pushed.push(l), track: (work) => work, nodes });
  /** The line with a softphone `device` that reported a call, a parked call and a transferred screen. */
  const busy = async (device: string) => {
    await lines.deviceConnected('demo', '1001', device);
    return lines.update('demo', '1001', (l) => {
      l.calls = [call];
      l.parked = [{ slot: '701', remoteNumber: '0311112222', parkedAt: 2, recallAt: 302 }];
      l.screens = { 'c-1': { from: '1002', screen: null } };
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

  it('gives a new softphone the line with nothing on it, answers the one it replaces, and pushes the change', async () => {
    const { lines, pushed, busy } = store();
    await busy('sock-1');
    expect(await lines.deviceConnected('demo', '1001', 'sock-2')).toBe('sock-1');
    const after = await lines.read('demo', '1001');
    expect(after).toMatchObject({ device: 'sock-2', deviceNode: 'local', calls: [], parked: [], screens: {}, revision: 3 });
    expect(pushed.map((l) => l.revision)).toEqual([1, 2, 3]);
  });

  it('clears the line when its softphone leaves, and ignores a softphone the line no longer has', async () => {
    const { lines, pushed, busy } = store();
    await busy('sock-1');
    await lines.deviceGone('demo', '1001', 'sock-old');
    expect((await lines.read('demo', '1001')).calls).toEqual([call]);
    expect(pushed).toHaveLength(2);
    await lines.deviceGone('demo', '1001', 'sock-1');
    const after = await lines.read('demo', '1001');
    expect(after).toMatchObject({ device: null, calls: [], parked: [], screens: {}, revision: 3 });
    expect(after.deviceNode).toBeUndefined();
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

  it('shows a softphone stopped once its node stopped beating, and running while it beats', async () => {
    let sinceSeen: number | undefined = 1000;
    const nodes: NodeLiveness = { id: 'node-b', deadAfterMs: 15_000, sinceSeen: async () => sinceSeen };
    const state = memoryState();
    // The softphone connected to node-a; node-b reads the same state.
    const l = await store({ id: 'node-a', deadAfterMs: 15_000, sinceSeen: async () => 0 }, state).busy('sock-1');
    const { lines } = store(nodes, state);
    expect(await lines.live(l)).toBe(l);
    sinceSeen = 20_000;
    expect(await lines.live(l)).toMatchObject({ device: null, calls: [] });
  });
});
