/**
 * Who may connect, and as whom: the credential check shared by panel sign-ins and softphone
 * handshakes (attempt budgets, then password and extension in the password-check queue), the `/softphone` handshake that binds a
 * softphone to its account's tenant and extension, and the `/panel` handshake's Origin check.
 * Never logs a password.
 */
import { createHash } from 'node:crypto';
import { SUPPORTED_PROTOCOL_VERSIONS, deviceAuthSchema, type HandshakeRefusal } from '@biztel/protocol';
import { authenticate, type Credential, type Directory } from '../config/directory.js';
import type { ServerLogger } from '../logger.js';
import type { SignInGate } from '../rate-limit.js';
import type { PasswordCheckQueue, Queued } from '../password-check-queue.js';
import type { PanelNamespace, ServerContext, SoftphoneData, SoftphoneNamespace } from './context.js';
import { softphoneHolds } from './line-store.js';

export type SignInCheck = { ok: true; credential: Credential } | { ok: false; code: 'AUTH_FAILED' } | { ok: false; code: 'RATE_LIMITED'; retryAfterMs: number };

/**
 * Checks a sign-in; `signal` aborted (the client went away) drops the password check if it is still
 * waiting its turn, and the answer is then AUTH_FAILED (it goes nowhere).
 */
export type CheckSignIn = (
  kind: 'panel' | 'device',
  account: string,
  password: string,
  extension: string,
  address: string,
  signal?: AbortSignal,
) => Promise<SignInCheck>;

export interface SignInCheckOptions {
  readonly directory: Directory;
  readonly limiter: SignInGate;
  /** The bounded, fair queue password checks wait in (./password-check-queue.ts). */
  readonly queue: PasswordCheckQueue;
  readonly logger: ServerLogger;
  readonly now: () => number;
  readonly verifyPassword?: ((password: string, encoded: string) => Promise<boolean>) | undefined;
}

/**
 * How a sign-in's account name is logged: as typed when the directory knows it, else only a short
 * digest — agents type passwords into the account field, and a log must not keep them.
 */
export function loggedAccount(directory: Directory, account: string): string {
  if (directory.tenants.some((t) => t.accounts.some((a) => a.account === account))) return account;
  return `unknown:${createHash('sha256').update(account).digest('hex').slice(0, 12)}`;
}

/**
 * Checks a sign-in (panel or softphone): the attempt budgets first (a slowed pair, account or
 * address is refused before any password is checked; ../rate-limit.ts), then — in its turn in the
 * password-check queue — the password hash and the tenant's extensions. Every failure counts alike
 * (unknown account, wrong password, another tenant's extension), and an unknown account is checked
 * against a dummy hash (`authenticate`), so neither the answer, its timing nor the limits tell
 * which part was wrong. A check the queue refuses (full) or drops (client gone) counts as no attempt.
 */
export function signInChecker({ directory, limiter, queue, logger, now, verifyPassword }: SignInCheckOptions): CheckSignIn {
  return async (kind, account, password, extension, address, signal) => {
    const logged = loggedAccount(directory, account);
    const refused = (scope: string, retryAfter: number): SignInCheck => {
      const retryAfterMs = Math.ceil(retryAfter);
      logger.info(
        { event: 'auth.rateLimited', kind, scope, account: logged, address, retryAfterMs },
        'sign-in refused: slowed down after failures, or too busy',
      );
      return { ok: false, code: 'RATE_LIMITED', retryAfterMs };
    };
    const allowed = await limiter.begin({ account, address }, now());
    if (!allowed.ok) return refused(allowed.scope, allowed.retryAfterMs);
    const { admitted } = allowed;
    let checked: Queued<Credential | undefined>;
    try {
      checked = await queue.run(
        address,
        async () => {
          const found = await authenticate(directory, account, password, verifyPassword);
          return found?.tenant.extensions.includes(extension) ? found : undefined;
        },
        signal,
      );
    } catch (error) {
      await limiter.cancel(admitted, now());
      throw error;
    }
    if (!checked.ok) {
      await limiter.cancel(admitted, now());
      return checked.reason === 'full' ? refused('queue', checked.retryAfterMs) : { ok: false, code: 'AUTH_FAILED' };
    }
    const credential = checked.value;
    for (const { scope, delayMs } of await limiter.finish(admitted, credential !== undefined, now())) {
      logger.warn(
        { event: 'auth.slowedDown', kind, scope, account: logged, address, delayMs },
        `sign-in slowed down for ${Math.round(delayMs / 1000)} s: repeated failures for this ${scope}`,
      );
    }
    return credential ? { ok: true, credential } : { ok: false, code: 'AUTH_FAILED' };
  };
}

/** A refused softphone handshake: `connect_error` with the code as message and the details as data. */
function refusal(data: HandshakeRefusal): Error & { data: HandshakeRefusal } {
  return Object.assign(new Error(data.code), { data });
}

/**
 * The `/softphone` handshake (docs/protocol.md "Handshake"): its `auth` carries the protocol
 * version (checked first), the account, password and extension. A refusal fails the connection
 * with the error code as message and `{ code, message, … }` as data: `UNSUPPORTED_PROTOCOL` (with
 * `supported`), `NOT_ALLOWED` (a browser from an origin not allowed), `INVALID_PAYLOAD`, `AUTH_FAILED`, `RATE_LIMITED` (with `retryAfterMs`),
 * `EXTENSION_IN_USE` (another account's softphone holds the extension), `INTERNAL`.
 */
export function softphoneHandshake(
  ctx: ServerContext,
  checkSignIn: CheckSignIn,
  graceMs: number,
  originAllowed: (origin: string | undefined) => boolean,
): Parameters<SoftphoneNamespace['use']>[0] {
  const { logger } = ctx;
  return (socket, next) => {
    const raw: unknown = socket.handshake.auth;
    const version = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['protocol'] : undefined;
    if (!(SUPPORTED_PROTOCOL_VERSIONS as readonly unknown[]).includes(version)) {
      const said =
        typeof version === 'number'
          ? `protocol ${version}`
          : version === undefined
            ? 'no protocol version'
            : `a protocol that is not a number (${typeof version})`;
      logger.warn({ event: 'device.unsupportedProtocol', said }, 'softphone refused: unsupported protocol version');
      return next(
        refusal({
          code: 'UNSUPPORTED_PROTOCOL',
          message: `this server speaks protocol ${SUPPORTED_PROTOCOL_VERSIONS.join(' and ')}; the softphone sent ${said}`,
          supported: [...SUPPORTED_PROTOCOL_VERSIONS],
        }),
      );
    }
    // Browsers (they always send Sec-Fetch-*) must come from an allowed origin: a web page must not
    // use an agent's browser to guess softphone passwords. Native clients may send any Origin.
    const { headers } = socket.handshake;
    if ((headers['sec-fetch-mode'] !== undefined || headers['sec-fetch-site'] !== undefined) && !originAllowed(headers.origin)) {
      logger.warn(
        { event: 'device.browserOriginRefused', origin: headers.origin?.slice(0, 200) ?? null },
        'softphone refused: a browser from an origin not allowed',
      );
      return next(refusal({ code: 'NOT_ALLOWED', message: 'a softphone in a browser must come from an allowed origin' }));
    }
    const auth = deviceAuthSchema.check(raw, 'auth');
    if (!auth.ok) {
      logger.warn({ event: 'device.invalidHandshake', error: auth.error.slice(0, 300) }, 'softphone refused: invalid handshake');
      return next(refusal({ code: 'INVALID_PAYLOAD', message: auth.error.slice(0, 300) }));
    }
    const { account, password, extension, protocol } = auth.value;
    const accept = async () => {
      // A password check still waiting its turn is dropped when the connection closes.
      const gone = new AbortController();
      const abort = () => gone.abort();
      socket.conn.once('close', abort);
      const checked = await checkSignIn('device', account, password, extension, ctx.addressOf(socket.handshake), gone.signal).finally(() =>
        socket.conn.off('close', abort),
      );
      if (!checked.ok) {
        if (checked.code === 'RATE_LIMITED') return refusal({ code: 'RATE_LIMITED', message: 'too many failed sign-ins', retryAfterMs: checked.retryAfterMs });
        logger.warn({ event: 'device.authFailed', extension }, 'softphone sign-in refused');
        return refusal({ code: 'AUTH_FAILED', message: 'account, password or extension not accepted' });
      }
      const { tenant } = checked.credential;
      // Checked again atomically when it takes the line (./softphone-namespace.ts); this one gives the reason early.
      const holder = softphoneHolds(await ctx.lines.read(tenant.id, extension), ctx.now(), graceMs);
      if (holder && holder.account !== account) {
        logger.warn({ event: 'device.extensionInUse', tenant: tenant.id, extension, account }, 'softphone refused: another account holds the extension');
        return refusal({ code: 'EXTENSION_IN_USE', message: `extension ${extension} is held by another account's softphone` });
      }
      socket.data = { tenant, extension, account, protocol } satisfies SoftphoneData;
      return undefined;
    };
    accept().then(
      (refused) => next(refused),
      (error: unknown) => {
        logger.error({ event: 'device.authError', error: String(error) }, 'softphone sign-in failed');
        next(refusal({ code: 'INTERNAL', message: 'the server could not check the sign-in' }));
      },
    );
  };
}

/** Panels are browsers: the `/panel` handshake must carry an allowed Origin (a missing one is refused too). */
export function panelOriginCheck(originAllowed: (origin: string | undefined) => boolean, logger: ServerLogger): Parameters<PanelNamespace['use']>[0] {
  return (socket, next) => {
    if (originAllowed(socket.handshake.headers.origin)) return next();
    logger.warn(
      { event: 'panel.originRefused', origin: socket.handshake.headers.origin?.slice(0, 200) ?? null, remote: socket.handshake.address },
      'panel refused: origin missing or not allowed',
    );
    next(new Error('ORIGIN_NOT_ALLOWED'));
  };
}
