/**
 * Who may connect, and as whom: the credential check shared by panel sign-ins and softphone
 * handshakes (attempt limits, then password and extension), the `/softphone` handshake that binds a
 * softphone to its account's tenant and extension, and the `/panel` handshake's Origin check.
 * Never logs a password.
 */
import { createHash } from 'node:crypto';
import { PROTOCOL_VERSION, deviceAuthSchema, type HandshakeRefusal } from '@biztel/protocol';
import { authenticate, type Credential, type Directory } from '../config/directory.js';
import type { ServerLogger } from '../logger.js';
import type { SignInGate } from '../rate-limit.js';
import type { PanelNamespace, ServerContext, SoftphoneData, SoftphoneNamespace } from './context.js';
import { softphoneHolds } from './line-store.js';

export type SignInCheck = { ok: true; credential: Credential } | { ok: false; code: 'AUTH_FAILED' } | { ok: false; code: 'RATE_LIMITED'; retryAfterMs: number };

export type CheckSignIn = (kind: 'panel' | 'device', account: string, password: string, extension: string, address: string) => Promise<SignInCheck>;

export interface SignInCheckOptions {
  readonly directory: Directory;
  readonly limiter: SignInGate;
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
 * Checks a sign-in (panel or softphone): the attempt limits first (a locked account or address
 * is refused before any password is checked), then the password hash and the tenant's
 * extensions. Every failure counts alike (unknown account, wrong password, another tenant's
 * extension), so neither the answer nor the limits tell which part was wrong.
 */
export function signInChecker({ directory, limiter, logger, now, verifyPassword }: SignInCheckOptions): CheckSignIn {
  return async (kind, account, password, extension, address) => {
    const attempt = { account, address };
    const logged = loggedAccount(directory, account);
    const allowed = await limiter.begin(attempt, now());
    if (!allowed.ok) {
      const retryAfterMs = Math.ceil(allowed.retryAfterMs);
      logger.info(
        { event: 'auth.rateLimited', kind, scope: allowed.scope, account: logged, address, retryAfterMs },
        'sign-in refused: locked after too many failures',
      );
      return { ok: false, code: 'RATE_LIMITED', retryAfterMs };
    }
    let credential: Credential | undefined;
    try {
      const found = await authenticate(directory, account, password, verifyPassword);
      credential = found?.tenant.extensions.includes(extension) ? found : undefined;
    } finally {
      for (const scope of await limiter.finish(attempt, credential !== undefined, now())) {
        const lockoutMs = limiter.limits[scope].lockoutMs;
        logger.warn(
          { event: 'auth.lockedOut', kind, scope, account: logged, address, lockoutMs },
          `sign-in locked for ${Math.round(lockoutMs / 1000)} s: too many failures for this ${scope}`,
        );
      }
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
    if (version !== PROTOCOL_VERSION) {
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
          message: `this server speaks protocol ${PROTOCOL_VERSION}; the softphone sent ${said}`,
          supported: [PROTOCOL_VERSION],
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
    const { account, password, extension } = auth.value;
    const accept = async () => {
      const checked = await checkSignIn('device', account, password, extension, ctx.addressOf(socket.handshake));
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
      socket.data = { tenant, extension, account } satisfies SoftphoneData;
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
