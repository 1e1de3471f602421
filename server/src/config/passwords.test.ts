/** Password hashes: format, verification, tampering, and the constant-cost path for unknown accounts. */
import { describe, expect, it, jest } from '@jest/globals';
import { DUMMY_PASSWORD_HASH, SCRYPT_PARAMS, checkPasswordHash, hashPassword, parsePasswordHash, verifyPassword } from './passwords.js';
import { DEMO_PASSWORD, authenticate, demoDirectory } from './directory.js';

const FORMAT = /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;

/** Flips one character of the field at `index` (0 = "scrypt") to another base64url character. */
function tamper(encoded: string, index: number): string {
  const parts = encoded.split('$');
  const field = parts[index]!;
  const c = field[3] === 'A' ? 'B' : 'A';
  parts[index] = `${field.slice(0, 3)}${c}${field.slice(4)}`;
  return parts.join('$');
}

describe('hashPassword', () => {
  it('encodes scrypt N=2^14 r=8 p=1 with a 16-byte salt and a 32-byte hash', async () => {
    const encoded = await hashPassword('s3cret-パスワード');

    expect(encoded).toMatch(FORMAT);
    expect(parsePasswordHash(encoded)).toMatchObject({ ...SCRYPT_PARAMS });
    expect(parsePasswordHash(encoded)?.salt).toHaveLength(16);
    expect(parsePasswordHash(encoded)?.hash).toHaveLength(32);
  });

  it('salts every hash: the same password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword(DEMO_PASSWORD), hashPassword(DEMO_PASSWORD)]);

    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });
});

describe('verifyPassword', () => {
  let encoded: string;
  beforeAll(async () => {
    encoded = await hashPassword('correct horse');
  });

  it('accepts the password and nothing else', async () => {
    expect(await verifyPassword('correct horse', encoded)).toBe(true);
    expect(await verifyPassword('correct horsE', encoded)).toBe(false);
    expect(await verifyPassword('correct horse ', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('matches the same password typed in another Unicode normalisation form', async () => {
    const composed = await hashPassword('ガ'); // U+30AC
    expect(await verifyPassword('ガ', composed)).toBe(true); // カ + combining dakuten
  });

  it.each([
    ['the salt', 4],
    ['the hash', 5],
  ])('refuses the right password when %s was tampered with', async (_what, index) => {
    expect(await verifyPassword('correct horse', tamper(encoded, index))).toBe(false);
  });

  it('refuses when the parameters were changed', async () => {
    const parts = encoded.split('$');
    expect(await verifyPassword('correct horse', ['scrypt', 32768, 8, 1, parts[4], parts[5]].join('$'))).toBe(false);
    expect(await verifyPassword('correct horse', ['scrypt', 16384, 4, 1, parts[4], parts[5]].join('$'))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['plaintext', 'correct horse'],
    ['another algorithm', '$2b$10$abcdefghijklmnopqrstuuMJSUxTqXh5fXoIbnJ7Y8p/qtFJ1aV2'],
    ['a missing field', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA'],
    ['a padded salt', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['standard base64', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAA+/$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['N not a power of two', 'scrypt$16383$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['N too weak', 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['N too costly', 'scrypt$2097152$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['r zero', 'scrypt$16384$0$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a leading zero', 'scrypt$016384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a short salt', 'scrypt$16384$8$1$AAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a short hash', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAA'],
    ['stray trailing bits', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAB$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('never matches a garbled hash (%s) and says why it is invalid', async (_what, garbled) => {
    expect(checkPasswordHash(garbled)).toMatchObject({ ok: false, problem: expect.any(String) });
    expect(await verifyPassword('correct horse', garbled)).toBe(false);
  });
});

describe('authenticate', () => {
  it('signs in a demo account with the demo password and refuses a wrong one', async () => {
    expect((await authenticate(demoDirectory, 'agent01', DEMO_PASSWORD))?.account.name).toBe('山田 花子');
    expect(await authenticate(demoDirectory, 'agent01', 'wrong')).toBeUndefined();
  });

  it('checks an unknown account against the dummy hash, so it costs one scrypt like a known one', async () => {
    const verify = jest.fn(verifyPassword);

    expect(await authenticate(demoDirectory, 'nobody', DEMO_PASSWORD, verify)).toBeUndefined();
    expect(await authenticate(demoDirectory, 'agent02', 'wrong', verify)).toBeUndefined();

    expect(verify).toHaveBeenCalledTimes(2);
    expect(verify.mock.calls[0]).toEqual([DEMO_PASSWORD, DUMMY_PASSWORD_HASH]);
    expect(verify.mock.calls[1]).toEqual(['wrong', demoDirectory.tenants[0]!.accounts[1]!.passwordHash]);
    expect(parsePasswordHash(DUMMY_PASSWORD_HASH)).toMatchObject({ ...SCRYPT_PARAMS });
  });

  it('takes about as long for an unknown account as for a wrong password', async () => {
    const time = async (account: string) => {
      const started = process.hrtime.bigint();
      await authenticate(demoDirectory, account, 'wrong');
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time('agent01'));
      unknown.push(await time(`nobody${i}`));
    }
    // Without the dummy hash an unknown account would answer in well under a millisecond.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
    expect(median(known)).toBeGreaterThan(median(unknown) * 0.4);
  });
});
