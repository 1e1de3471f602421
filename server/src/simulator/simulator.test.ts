/**
 * Integration: the local system (event server, simulator softphones over socket.io, dev host with
 * the control API). Parked calls reach the panel's snapshot, and advancing the simulator clock
 * through the dev host triggers the park recall at once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { SimClient } from '@biztel/dev-host/sim-client';
import type { LocalSystem } from '../local-system.js';
import { startTestSystem } from '../testing/test-system.js';
import { PanelProbe, signedInProbe } from '../testing/panel-probe.js';

let system: LocalSystem;
let client: SimClient;
const probes: PanelProbe[] = [];

beforeAll(async () => {
  system = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent', parkDelayMs: 50 });
  client = new SimClient(system.url);
});
afterAll(async () => {
  await system.stop();
});
afterEach(async () => {
  for (const p of probes.splice(0)) p.close();
  await client.reset();
});

async function signedIn(account: string, extension: string): Promise<PanelProbe> {
  const probe = await signedInProbe(system, account, extension);
  probes.push(probe);
  return probe;
}

describe('the simulator in the local system', () => {
  it('offers the demo tenant’s ring group and park slots', async () => {
    const state = await client.state();

    expect(state).toMatchObject({
      ringGroups: [{ extension: '2000', name: 'サポートグループ', members: ['1001', '1002', '1003'] }],
      parkSlots: { first: 701, last: 720 },
      parkRecallSeconds: 300,
    });
  });

  it('a parked call reaches the panel; advancing 300 s rings the parking phone back', async () => {
    const probe = await signedIn('agent01', '1001');
    const pbx = system.simulator.pbx;
    const placed = await client.inbound('1001', '0312345678', { chat: 'ok' });
    const callId = placed.ok ? placed.callId! : '';
    pbx.command('1001', { type: 'answer', id: 'a1', callId });
    pbx.command('1001', { type: 'park', id: 'p1', callId });

    const parked = await probe.next((s) => s.parked.length === 1 && s.calls.length === 0);
    expect(parked.parked[0]).toMatchObject({ slot: '701', remoteNumber: '0312345678' });
    const recallAt = parked.parked[0]!.recallAt;

    expect(await client.advanceClock(300_000)).toMatchObject({ ok: true });

    const recalled = await probe.next((s) => s.calls.some((c) => c.recall?.slot === '701'));
    expect(recalled.parked).toEqual([]);
    expect(recalled.calls[0]).toMatchObject({ state: 'ringing', remoteNumber: '0312345678', chat: { status: 'ok' } });
    // The event server's time follows the simulator clock, so panel timers agree with call times.
    expect(recalled.serverTime).toBeGreaterThanOrEqual(recallAt);
    expect(system.clock.now()).toBeGreaterThanOrEqual(recallAt);
  });

  it('reset clears calls and parked calls on every panel', async () => {
    const probe = await signedIn('agent02', '1002');
    await client.inbound('1002', '0312345678');
    await probe.next((s) => s.calls.length === 1);

    expect(await client.reset()).toEqual({ ok: true });

    await probe.next((s) => s.calls.length === 0);
  });
});
