/**
 * Password hashes for the server's accounts: scrypt from `node:crypto` with a random 16-byte salt,
 * stored as `scrypt$N$r$p$<salt base64url>$<hash base64url>`. Plaintext passwords are never kept;
 * `npm run hash-password` prints a hash for the config file.
 */
import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

/** The parameters new hashes use: N = 2^14, r = 8, p = 1 (about 16 MiB and a few tens of ms). */
export const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** What a config file may ask for: never weaker than the default, never so costly it stalls a sign-in. */
const LIMITS = { minN: 2 ** 14, maxN: 2 ** 20, maxR: 32, maxP: 16, minSalt: 16, maxSalt: 64, minKey: 16, maxKey: 64, maxMemory: 256 * 1024 * 1024 } as const;

export const PASSWORD_HASH_FORMAT = 'scrypt$N$r$p$salt$hash';

export interface ParsedPasswordHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

const B64URL = /^[A-Za-z0-9_-]+$/;
const DECIMAL = /^[1-9][0-9]{0,9}$/;

/** Decodes an encoded hash; undefined when it is malformed or its parameters are out of bounds. */
export function parsePasswordHash(encoded: string): ParsedPasswordHash | undefined {
  const r = checkPasswordHash(encoded);
  return r.ok ? r.value : undefined;
}

/** Decodes an encoded hash, or says what is wrong with it (for config errors). */
export function checkPasswordHash(encoded: string): { ok: true; value: ParsedPasswordHash } | { ok: false; problem: string } {
  const bad = (problem: string) => ({ ok: false as const, problem });
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return bad('not six "$"-separated fields starting with "scrypt"');
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  if (!DECIMAL.test(n) || !DECIMAL.test(r) || !DECIMAL.test(p)) return bad('N, r and p must be positive integers');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (params.N < LIMITS.minN || params.N > LIMITS.maxN || (params.N & (params.N - 1)) !== 0) {
    return bad(`N must be a power of two from ${LIMITS.minN} to ${LIMITS.maxN}`);
  }
  if (params.r > LIMITS.maxR || params.p > LIMITS.maxP) return bad(`r must be at most ${LIMITS.maxR} and p at most ${LIMITS.maxP}`);
  if (128 * params.N * params.r > LIMITS.maxMemory) return bad(`N × r needs more than ${LIMITS.maxMemory / 1024 / 1024} MiB`);
  const saltBytes = B64URL.test(salt) ? Buffer.from(salt, 'base64url') : undefined;
  const hashBytes = B64URL.test(hash) ? Buffer.from(hash, 'base64url') : undefined;
  // Canonical encoding only, so one hash has one spelling (no padding, no stray trailing bits).
  if (!saltBytes || !hashBytes || saltBytes.toString('base64url') !== salt || hashBytes.toString('base64url') !== hash) {
    return bad('salt and hash must be unpadded base64url');
  }
  if (saltBytes.length < LIMITS.minSalt || saltBytes.length > LIMITS.maxSalt) return bad(`the salt must be ${LIMITS.minSalt}–${LIMITS.maxSalt} bytes`);
  if (hashBytes.length < LIMITS.minKey || hashBytes.length > LIMITS.maxKey) return bad(`the hash must be ${LIMITS.minKey}–${LIMITS.maxKey} bytes`);
  return { ok: true, value: { ...params, salt: saltBytes, hash: hashBytes } };
}

/** Hashes a password with the default parameters and a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = SCRYPT_PARAMS;
  const hash = await derive(password, salt, KEY_BYTES, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * Checks a password against an encoded hash in constant time. A malformed hash never matches, but
 * still costs one default-strength scrypt, so every refusal takes about as long as any other.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  const target = parsed ?? DUMMY;
  const derived = await derive(password, target.salt, target.hash.length, { N: target.N, r: target.r, p: target.p });
  return timingSafeEqual(derived, target.hash) && parsed !== undefined;
}

/**
 * A well-formed hash no password matches (random salt and random "hash", made per process): what
 * an unknown account is checked against, so it costs the same as a known one.
 */
export const DUMMY_PASSWORD_HASH = [
  'scrypt',
  SCRYPT_PARAMS.N,
  SCRYPT_PARAMS.r,
  SCRYPT_PARAMS.p,
  randomBytes(SALT_BYTES).toString('base64url'),
  randomBytes(KEY_BYTES).toString('base64url'),
].join('$');
const DUMMY = parsePasswordHash(DUMMY_PASSWORD_HASH)!;

function derive(password: string, salt: BinaryLike, keyLength: number, options: { N: number; r: number; p: number }): Promise<Buffer> {
  // Unicode-normalised, so the same password typed on another keyboard or OS matches.
  const input = Buffer.from(password.normalize('NFC'), 'utf8');
  // OpenSSL needs 128·r·(N + p + 2) bytes; Node's default ceiling (32 MiB) is too low for N = 2^18.
  const scryptOptions: ScryptOptions = { ...options, maxmem: 128 * options.r * (options.N + options.p + 2) + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(input, salt, keyLength, scryptOptions, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
