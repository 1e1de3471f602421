/**
 * Checks of the softphone's sign-in: it connects with protocol 2 and the kit's credentials, sends
 * its complete state right after connecting, starts with a line the kit can use, and the panel
 * sees it running.
 */
import { SUPPORTED_PROTOCOL_VERSIONS } from '@biztel/protocol';
import { waitFor } from '../harness.js';
import type { Kit } from '../kit.js';

/** What a handshake's `auth` said, without the password. */
function describeAuth(auth: unknown): string {
  if (typeof auth !== 'object' || auth === null) return `auth ${JSON.stringify(auth) ?? 'missing'}`;
  const { password: _password, ...rest } = auth as Record<string, unknown>;
  return `auth ${JSON.stringify(rest)}`;
}

/** Returns whether the softphone connected (the other checks need it). */
export async function checkSession(kit: Kit): Promise<boolean> {
  const { harness, options } = kit;
  const connected = await kit.check('handshake.connected', 'connects to /softphone and is accepted', async () => {
    await waitFor(
      () => harness.connections.length > 0 || (kit.phone.exit !== null && harness.connections.length === 0 ? 'exited' : undefined),
      'accepted connection',
      options.timeoutMs,
    ).catch((error: Error) => {
      const last = harness.handshakes.at(-1);
      throw new Error(last ? `${harness.handshakes.length} handshake(s), none accepted; last ${describeAuth(last.auth)}` : error.message);
    });
    if (harness.connections.length === 0) throw new Error(`the softphone process ${kit.phone.exit ?? 'ended'} before connecting`);
  });

  await kit.check(
    'handshake.protocol',
    `every handshake sends a protocol the server speaks (${SUPPORTED_PROTOCOL_VERSIONS.join(' or ')}) with account, password and extension`,
    async () => {
      if (harness.handshakes.length === 0) throw new Error('no handshake seen');
      const bad = harness.handshakes.find((h) => {
        const a = h.auth as Record<string, unknown> | undefined;
        return (
          !(SUPPORTED_PROTOCOL_VERSIONS as readonly unknown[]).includes(a?.['protocol']) ||
          a?.['account'] !== options.account ||
          a['extension'] !== options.extension
        );
      });
      if (bad) throw new Error(`a handshake sent ${describeAuth(bad.auth)}`);
    },
  );
  if (!connected) return false;

  await kit.check('state.onConnect', 'sends device:state first thing after connecting', async () => {
    const first = harness.connections[0]!;
    await waitFor(() => first.states.length > 0, 'device:state after connecting', options.timeoutMs);
    if (!first.states[0]!.state) throw new Error(`its first device:state is invalid: ${first.states[0]!.error}`);
  });

  await kit.check('state.idleAtStart', 'starts with no calls (the kit needs an idle line)', async () => {
    const state = await waitFor(() => harness.lastState, 'valid device:state', options.timeoutMs);
    if (state.calls.length > 0) throw new Error(`it reported ${state.calls.length} call(s); start the softphone idle`);
  });

  await kit.check('panel.running', "the panel sees the softphone running, with the softphone's calls", async () => {
    await kit.panel.until((s) => s.softphone.state === 'running', 'snapshot with softphone running');
  });
  return true;
}
