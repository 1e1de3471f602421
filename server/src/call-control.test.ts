/**
 * Integration: every call-control flow of the manual (seed 001 §7–§10, seed 004) through the real
 * event server, the simulator's softphones and the panel's transport — as two agents would.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Snapshot } from '@biztel/protocol';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';
import { PanelProbe, callIn, noCalls, signedInProbe, answeredCustomerCall } from './testing/panel-probe.js';

let system: LocalSystem;
const probes: PanelProbe[] = [];
/**
 * The pause after the last digit of a * or # transfer: never over in real time during a test (a
 * busy machine could otherwise let it pass between two digits); a test ends it with
 * `system.clock.advance(DIAL_PAUSE_MS)`.
 */
const DIAL_PAUSE_MS = 60_000;

beforeAll(async () => {
  system = await startTestSystem({
    root: process.cwd(),
    port: 0,
    eventPort: 0,
    autoAnswerMs: 50,
    parkDelayMs: 50,
    transferDialPauseMs: DIAL_PAUSE_MS,
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await system.stop();
});
afterEach(() => {
  for (const p of probes.splice(0)) p.close();
  system.simulator.pbx.reset();
});

async function agent(account: string, extension: string): Promise<PanelProbe> {
  const probe = await signedInProbe(system, account, extension);
  probes.push(probe);
  return probe;
}

/** A customer call to `extension` that the agent has answered. */
function talkingWithCustomer(probe: PanelProbe, extension: string, from: string = '09011112222'): Promise<string> {
  return answeredCustomerCall(system, probe, extension, from);
}

const callTo = (number: string) => (s: Snapshot) => s.calls.some((c) => c.remoteNumber === number && c.state === 'talking');

describe('hold (seed 001 §7)', () => {
  it('holds with a hold-timer base and resumes', async () => {
    const a = await agent('agent01', '1001');
    const id = await talkingWithCustomer(a, '1001');

    expect(await a.transport.send('hold', id)).toEqual({ ok: true });
    const held = await a.next(callIn('held'));
    expect(held.calls[0]!.heldAt).toEqual(expect.any(Number));

    expect(await a.transport.send('unhold', id)).toEqual({ ok: true });
    const back = await a.next(callIn('talking'));
    expect(back.calls[0]!.heldAt).toBeUndefined();
  });
});

describe('park (seed 001 §7)', () => {
  it('parks on a slot, drops the agent’s leg, and another agent picks up by dialling the slot', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const id = await talkingWithCustomer(a, '1001', '0455550001');

    expect(await a.transport.send('park', id)).toEqual({ ok: true });
    const parked = await a.next((s) => s.calls.length === 0 && s.parked.length === 1);
    expect(parked.parked[0]).toMatchObject({ slot: '701', remoteNumber: '0455550001' });
    expect(parked.parked[0]!.recallAt - parked.parked[0]!.parkedAt).toBe(300_000);

    expect(await b.transport.send('dial', '701')).toEqual({ ok: true });
    await b.next(callTo('0455550001'));
    await a.next((s) => s.parked.length === 0);
  });

  it('rings the parking phone back after 300 s', async () => {
    const a = await agent('agent01', '1001');
    const id = await talkingWithCustomer(a, '1001', '0455550002');
    await a.transport.send('park', id);
    await a.next((s) => s.parked.length === 1 && s.calls.length === 0);

    system.clock.advance(300_000);

    const recall = await a.next(callIn('ringing'));
    expect(recall.calls[0]).toMatchObject({ remoteNumber: '0455550002', recall: { slot: '701' } });
    expect(recall.parked).toEqual([]);
  });
});

describe('attended transfer (seed 001 §8)', () => {
  it('hold → dial the colleague → they answer → 転送 connects the customer to them', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const customer = await talkingWithCustomer(a, '1001', '0455550003');

    await a.transport.send('hold', customer);
    await a.next(callIn('held'));
    expect(await a.transport.send('dial', '1002')).toEqual({ ok: true });
    const consult = (await a.next((s) => s.calls.some((c) => c.transfer?.kind === 'attended'))).calls.find((c) => c.transfer)!;
    expect(consult.transfer).toEqual({ kind: 'attended', of: customer });

    const ringing = await b.next(callIn('ringing'));
    await b.transport.send('answer', ringing.calls[0]!.id);
    await a.next((s) => s.calls.some((c) => c.id === consult.id && c.state === 'talking'));

    expect(await a.transport.send('transfer', consult.id)).toEqual({ ok: true });
    await a.next(noCalls);
    await b.next(callTo('0455550003'));
  });

  it('保留 again before completing returns to the customer and drops the colleague', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const customer = await talkingWithCustomer(a, '1001');
    await a.transport.send('hold', customer);
    await a.next(callIn('held'));
    await a.transport.send('dial', '1002');
    await b.next(callIn('ringing'));

    expect(await a.transport.send('unhold', customer)).toEqual({ ok: true });
    const back = await a.next((s) => s.calls.length === 1 && s.calls[0]!.state === 'talking');
    expect(back.calls[0]!.id).toBe(customer);
    await b.next(noCalls);
  });

  it('切断 then 保留 while talking to the colleague drops them and resumes the customer', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const customer = await talkingWithCustomer(a, '1001', '0455550007');
    await a.transport.send('hold', customer);
    await a.next(callIn('held'));
    await a.transport.send('dial', '1002');
    const ringing = await b.next(callIn('ringing'));
    await b.transport.send('answer', ringing.calls[0]!.id);
    const consult = (await a.next((s) => s.calls.some((c) => c.transfer && c.state === 'talking'))).calls.find((c) => c.transfer)!;

    expect(await a.transport.send('hangup', consult.id)).toEqual({ ok: true });
    const onlyCustomer = await a.next((s) => s.calls.length === 1 && s.calls[0]!.state === 'held');
    expect(onlyCustomer.calls[0]!.id).toBe(customer);
    await b.next(noCalls);

    expect(await a.transport.send('unhold', customer)).toEqual({ ok: true });
    await a.next((s) => s.calls.length === 1 && s.calls[0]!.state === 'talking' && s.calls[0]!.remoteNumber === '0455550007');
  });

  it('refuses 転送 before the colleague answers', async () => {
    const a = await agent('agent01', '1001');
    await agent('agent02', '1002');
    const customer = await talkingWithCustomer(a, '1001');
    await a.transport.send('hold', customer);
    await a.next(callIn('held'));
    await a.transport.send('dial', '1002');
    const consult = (await a.next((s) => s.calls.some((c) => c.transfer))).calls.find((c) => c.transfer)!;

    expect(await a.transport.send('transfer', consult.id)).toMatchObject({ ok: false, code: 'BUSY' });
  });
});

describe('* and # transfers (seed 001 §10)', () => {
  it('* holds the customer, dials the typed target after a pause, and hanging up completes it', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const customer = await talkingWithCustomer(a, '1001', '0455550004');

    expect(await a.transport.send('dtmf', customer, '*')).toEqual({ ok: true });
    const collecting = await a.next((s) => s.calls[0]?.collecting?.kind === 'star');
    expect(collecting.calls[0]!.state).toBe('held');
    await a.transport.send('dtmf', customer, '1002');
    system.clock.advance(DIAL_PAUSE_MS);

    const consult = (await a.next((s) => s.calls.some((c) => c.transfer?.kind === 'star'))).calls.find((c) => c.transfer)!;
    await b.next(callIn('ringing'));
    expect(await a.transport.send('hangup', consult.id)).toEqual({ ok: true });

    await a.next(noCalls);
    const ringing = await b.next(callIn('ringing'));
    expect(ringing.calls[0]!.remoteNumber).toBe('0455550004');
  });

  it('* again cancels and returns to the customer', async () => {
    const a = await agent('agent01', '1001');
    const customer = await talkingWithCustomer(a, '1001');
    await a.transport.send('dtmf', customer, '*10');
    await a.next((s) => s.calls[0]?.collecting?.digits === '10');

    expect(await a.transport.send('dtmf', customer, '*')).toEqual({ ok: true });
    const back = await a.next((s) => s.calls.length === 1 && s.calls[0]!.state === 'talking' && !s.calls[0]!.collecting);
    expect(back.calls[0]!.id).toBe(customer);
  });

  it('# transfers blind: the agent’s leg drops at once and the colleague rings with the customer', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const customer = await talkingWithCustomer(a, '1001', '0455550005');

    await a.transport.send('dtmf', customer, '#1002');
    system.clock.advance(DIAL_PAUSE_MS);

    await a.next(noCalls);
    const ringing = await b.next(callIn('ringing'));
    expect(ringing.calls[0]!.remoteNumber).toBe('0455550005');
  });
});

describe('calls the panel must show as they are', () => {
  it('brings a chatbot call’s transcript, or the reason it could not', async () => {
    const a = await agent('agent01', '1001');
    system.simulator.pbx.inbound('1001', '09033334444', 'チャットボット', { status: 'ok', messages: [] });
    const withChat = await a.next(callIn('ringing'));
    expect(withChat.calls[0]!.chat).toEqual({ status: 'ok', messages: [] });
    system.simulator.pbx.reset();
    await a.next(noCalls);

    system.simulator.pbx.inbound('1001', '09033334444', undefined, { status: 'error', error: 'fetch' });
    const failed = await a.next(callIn('ringing'));
    expect(failed.calls[0]!.chat).toEqual({ status: 'error', error: 'fetch' });
  });

  it('rings every free member of a ring group and gives the call to the first who answers', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    expect(system.simulator.pbx.inbound('2000', '0455550006').ok).toBe(true);
    const [ra] = await Promise.all([a.next(callIn('ringing')), b.next(callIn('ringing'))]);

    await a.transport.send('answer', ra.calls[0]!.id);
    await a.next(callIn('talking'));
    await b.next(noCalls);
  });
});
