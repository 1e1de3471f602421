/**
 * @jest-environment jest-fixed-jsdom
 *
 * The connector when the event server drops, ends the session or is gone for good, through the real
 * scv-connector-base (testing/scv-connector-page.ts): SCV hears what changed meanwhile, once.
 */
import { describe, expect, it } from '@jest/globals';
import { ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';
import { connectorPagePerTest, signedInPage } from '../testing/scv-connector-page.js';
import { until } from '../testing/wait.js';

connectorPagePerTest();

describe('faults', () => {
  it('reconnects and takes the session back: a call that ended meanwhile is hung up, one that rang meanwhile started', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    page.server.emitConnection({ kind: 'lost', reason: 'transport close' });
    page.server.resumeReply = { ok: true, snapshot: snapshotFixture({ revision: 1, calls: [ringingCall({ id: 'call-during-outage' })] }) };
    page.server.emitConnection({ kind: 'restored' });
    await until(() => page.events('HANGUP').length === 1, 'the ended call hung up');
    await until(() => page.events('CALL_STARTED').length === 2, 'the new call started');
    expect(page.events('HANGUP')[0]).toEqual([expect.objectContaining({ callId: 'call-20250401-0001', state: 'ended' })]);
    expect(page.events('CALL_STARTED')[1]).toMatchObject({ callId: 'call-during-outage', state: 'ringing' });
    expect(page.server.argsOf('resume')).toHaveLength(1);
  });

  it('hangs up the calls SCV knows and logs the agent out when the server ends the session', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    page.server.endSession({ reason: 'lineTakenOver', by: { account: 'sato.hanako' } });
    await until(() => page.events('LOGOUT_RESULT').length === 1, 'the logout');
    expect(page.events('HANGUP')).toHaveLength(1);
    const order = page.posted.map((m) => m.payload?.telephonyEventType).filter((t) => t === 'HANGUP' || t === 'LOGOUT_RESULT');
    expect(order).toEqual(['HANGUP', 'LOGOUT_RESULT']);
  });

  it('hangs up the calls SCV knows, then reports an agent error, when reconnecting failed for good', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    page.server.emitConnection({ kind: 'lost', reason: 'transport close' });
    page.server.emitConnection({ kind: 'failed', reason: 'reconnection attempts exhausted' });
    await until(() => page.events('ERROR').length === 1, 'the error');
    expect(page.events('ERROR')[0]).toEqual({ message: 'AGENT_ERROR' });
    const order = page.posted.map((m) => m.payload?.telephonyEventType).filter((t) => t === 'HANGUP' || t === 'ERROR');
    expect(order).toEqual(['HANGUP', 'ERROR']);
  });

  it('announces nothing from a snapshot older than the last one (a lower revision, e.g. delayed)', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    page.server.push(snapshotFixture({ revision: 50, calls: [ringingCall({ id: 'stale' })] }));
    await new Promise((resolve) => setTimeout(resolve, 50)); // a window for an announcement that must not come
    expect(page.events('CALL_STARTED')).toHaveLength(1);
  });
});
