/**
 * Who may connect, and as whom: the credential check shared by panel sign-ins and softphone
 * handshakes (attempt limits, then password and extension), the `/softphone` handshake that binds a
 * softphone to its account's tenant and extension, and the `/panel` handshake's Origin check.
 * Never logs a password.
 */
import { deviceAuthSchema } from '@biztel/protocol';
import { authenticate, type Credential, type Directory } from '../config/directory.js';
import type { ServerLogger } from '../logger.js';
import type { SignInGate } from '../rate-limit.js';
import type { PanelNamespace, ServerContext, SoftphoneData, SoftphoneNamespace } from './context.js';

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
 * Checks a sign-in (panel or softphone): the attempt limits first (a locked account or address
 * is refused before any password is checked), then the password hash and the tenant's
 * extensions. Every failure counts alike (unknown account, wrong password, another tenant's
 * extension), so neither the answer nor the limits tell which part was wrong.
 */
export function signInChecker({ directory, limiter, logger, now, verifyPassword }: SignInCheckOptions): CheckSignIn {
  return async (kind, account, password, extension, address) => {
    const attempt = { account, address };
    const allowed = await limiter.begin(attempt, now());
    if (!allowed.ok) {
      const retryAfterMs = Math.ceil(allowed.retryAfterMs);
      logger.info({ event: 'auth.rateLimited', kind, scope: allowed.scope, account, address, retryAfterMs }, 'sign-in refused: locked after too many failures');
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
          { event: 'auth.lockedOut', kind, scope, account, address, lockoutMs },
          `sign-in locked for ${Math.round(lockoutMs / 1000)} s: too many failures for this ${scope}`,
        );
      }
    }
    return credential ? { ok: true, credential } : { ok: false, code: 'AUTH_FAILED' };
  };
}

/**
 * The `/softphone` handshake: its `auth` carries the account, password and extension; a refused
 * one fails the connection with the error code as message (`RATE_LIMITED` with `retryAfterMs`).
 */
export function softphoneHandshake(ctx: ServerContext, checkSignIn: CheckSignIn): Parameters<SoftphoneNamespace['use']>[0] {
  const { logger } = ctx;
  return (socket, next) => {
    const auth = deviceAuthSchema.check(socket.handshake.auth, 'auth');
    if (!auth.ok) return next(new Error('INVALID_PAYLOAD'));
    const { account, password, extension } = auth.value;
    checkSignIn('device', account, password, extension, ctx.addressOf(socket.handshake)).then(
      (checked) => {
        if (!checked.ok) {
          if (checked.code === 'AUTH_FAILED') logger.warn({ event: 'device.authFailed', extension }, 'softphone sign-in refused');
          const refusal: Error & { data?: unknown } = new Error(checked.code);
          if (checked.code === 'RATE_LIMITED') refusal.data = { retryAfterMs: checked.retryAfterMs };
          return next(refusal);
        }
        socket.data = { tenant: checked.credential.tenant, extension } satisfies SoftphoneData;
        next();
      },
      (error: unknown) => {
        logger.error({ event: 'device.authError', error: String(error) }, 'softphone sign-in failed');
        next(new Error('INTERNAL'));
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
