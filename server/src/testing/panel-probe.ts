/** Helpers for integration tests against the real event server, simulator and transport. */
import type { SignInRequest, Snapshot } from '@biztel/protocol';
import { WAIT_TIMEOUT_MS } from '@biztel/testing';
import { DEMO_PASSWORD } from '../config/directory.js';
import type { LocalSystem } from '../local-system.js';
import { SocketTransport } from '@biztel/web-components/transport/socket-transport';
import { silentLogger, type Logger } from '@biztel/web-components/log';

/**
 * The Origin a panel in a Salesforce org's Visualforce page sends (allowed by default). Node
 * clients send no Origin by themselves, and the event server refuses panels without one.
 */
export const TEST_PANEL_ORIGIN = 'https://biztel-test--c.vf.force.com';

/** A panel transport plus every snapshot it received, with a way to wait for one. */
export class PanelProbe {
  readonly transport: SocketTransport;
  readonly snapshots: Snapshot[] = [];
  private waiters: { predicate: (s: Snapshot) => boolean; resolve: (s: Snapshot) => void }[] = [];

  constructor(logger: Logger = silentLogger) {
    // Generous time-outs: a reply that is merely slow on a busy machine must never read as TIMEOUT.
    this.transport = new SocketTransport({
      logger,
      connectTimeoutMs: WAIT_TIMEOUT_MS,
      ackTimeoutMs: WAIT_TIMEOUT_MS,
      extraHeaders: { origin: TEST_PANEL_ORIGIN },
    });
    this.transport.onSnapshot((s) => {
      this.snapshots.push(s);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(s)) return true;
        w.resolve(s);
        return false;
      });
    });
  }

  get latest(): Snapshot | undefined {
    return this.snapshots.at(-1);
  }

  /** Resolves with the first snapshot (already received or future) matching `predicate`. */
  next(predicate: (s: Snapshot) => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<Snapshot> {
    const latest = this.latest;
    if (latest && predicate(latest)) return Promise.resolve(latest);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching snapshot within ${timeoutMs} ms; latest: ${JSON.stringify(this.latest)}`)), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
      });
    });
  }

  close(): void {
    this.transport.close();
  }
}

export const callIn = (state: string) => (s: Snapshot) => s.calls.some((c) => c.state === state);
export const noCalls = (s: Snapshot) => s.calls.length === 0;

/**
 * A panel connected to the system and signed in as `account` on `extension` (closed by the
 * caller); `extra` adds to the request (e.g. `overwriteLine`).
 */
export async function signedInProbe(system: LocalSystem, account: string, extension: string, extra: Partial<SignInRequest> = {}): Promise<PanelProbe> {
  const probe = new PanelProbe();
  await probe.transport.connect(system.eventServerUrl);
  const reply = await probe.transport.signIn({ account, password: DEMO_PASSWORD, extension, initialStatusId: 'available', hardphone: false, ...extra });
  if (!reply.ok) {
    probe.close();
    throw new Error(`sign-in of ${account} on ${extension} refused: ${reply.code}`);
  }
  return probe;
}

/**
 * Another page (tab) of `first`'s agent, joined the way the panel does it: with a token the first
 * page asked for (`session:token`, then `session:resume`), never the password. Closed by the caller.
 */
export async function joinedProbe(system: LocalSystem, first: PanelProbe): Promise<PanelProbe> {
  const token = await first.transport.sessionToken();
  if (!token.ok) throw new Error(`no token: ${token.code}`);
  const probe = new PanelProbe();
  await probe.transport.connect(system.eventServerUrl);
  const reply = await probe.transport.resume(token.token);
  if (!reply.ok) {
    probe.close();
    throw new Error(`resume refused: ${reply.code}`);
  }
  return probe;
}

/** A customer (PSTN) calls `extension` and the agent answers; resolves with the call id. */
export async function answeredCustomerCall(system: LocalSystem, probe: PanelProbe, extension: string, from: string): Promise<string> {
  const placed = system.simulator.pbx.inbound(extension, from);
  if (!placed.ok) throw new Error(`inbound call refused: ${placed.code}`);
  const ringing = await probe.next(callIn('ringing'));
  const id = ringing.calls[0]!.id;
  const reply = await probe.transport.send('answer', id);
  if (!reply.ok) throw new Error(`answer refused: ${reply.code}`);
  await probe.next(callIn('talking'));
  return id;
}
