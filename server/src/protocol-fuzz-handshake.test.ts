/**
 * Protocol fuzzer, handshakes: hostile `auth` values for panels and softphones — mutated valid
 * credentials, hostile values, auth over the size limit. Each must end in a typed refusal, a closed
 * connection or (a panel) a plain connection, as `allowed` spells out; nothing may crash or pollute
 * prototypes. Bounded by count. Deterministic per seed; reproduce a failure with
 * `FUZZ_SEED=<seed shown in the test name>`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FUZZ_TEST_TIMEOUT_MS } from '@biztel/testing';
import { PROTOCOL_VERSION, deviceAuthSchema } from '@biztel/protocol';
import { fuzzSeed, hostileValue, jsonForm, mutate, rng } from '@biztel/protocol/testing';
import { authenticate, DEMO_PASSWORD, demoDirectory } from './config/directory.js';
import { ASK_TIMEOUT_MS, OVER_LIMIT_BYTES, UNDER_LIMIT_BYTES, preview, startFuzzServer, type FuzzServer } from './testing/fuzz-server.js';

const SEED = fuzzSeed(0x5eed_0005);
const HANDSHAKES = 240;

let server: FuzzServer;
beforeAll(async () => {
  server = await startFuzzServer();
});
afterAll(() => server.stop());

/** The size of a handshake's auth as sent (a CONNECT packet is plain JSON, binary or not). */
function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify([value]));
}

describe(`handshake fuzz against the event server (seed ${SEED})`, () => {
  it(
    `refuses ${HANDSHAKES} hostile handshakes with a typed error or a closed connection (seed ${SEED})`,
    async () => {
      const r = rng(SEED ^ 0x4a5e);
      const problems: string[] = [];
      const validAuth = { protocol: PROTOCOL_VERSION, account: 'agent03', password: DEMO_PASSWORD, extension: '1003' };
      const attempts = Array.from({ length: HANDSHAKES }, (_, i) => {
        const namespace = i % 3 === 0 ? '/panel' : '/softphone';
        const roll = r.next();
        let auth: unknown = roll < 0.55 ? mutate(r, validAuth, { overLimit: true }) : roll < 0.6 ? { ...validAuth } : hostileValue(r, { overLimit: true });
        if (jsonBytes(auth) > UNDER_LIMIT_BYTES && jsonBytes(auth) < OVER_LIMIT_BYTES) auth = { account: 'x'.repeat(OVER_LIMIT_BYTES) };
        return { i, namespace, auth };
      });

      /**
       * The outcomes allowed for an auth value (the client drops a falsy one). Anything but an object
       * must never open a connection for a softphone: socket.io's parser closes it, or (a bare
       * integer is read as a packet id) the server sees no auth at all, so no protocol version.
       */
      const allowed = async (namespace: string, auth: unknown): Promise<readonly string[]> => {
        if (jsonBytes(auth) > OVER_LIMIT_BYTES) return ['closed', 'websocket error'];
        const wire = auth ? jsonForm(auth) : {};
        if (typeof wire !== 'object' || wire === null || Array.isArray(wire))
          return namespace === '/panel' ? ['closed', 'connect'] : ['closed', 'UNSUPPORTED_PROTOCOL'];
        if (namespace === '/panel') return ['connect'];
        if ((wire as Record<string, unknown>)['protocol'] !== PROTOCOL_VERSION) return ['UNSUPPORTED_PROTOCOL'];
        const v = deviceAuthSchema.check(wire, 'auth');
        if (!v.ok) return ['INVALID_PAYLOAD'];
        const credential = await authenticate(demoDirectory, v.value.account, v.value.password);
        return [credential?.tenant.extensions.includes(v.value.extension) ? 'connect' : 'AUTH_FAILED'];
      };

      const attempt = (namespace: string, auth: unknown) =>
        new Promise<string>((resolve) => {
          const socket = server.open(namespace, auth);
          let settled = false;
          const done = (outcome: string) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve(outcome);
            socket.close();
          };
          const timer = setTimeout(() => done('nothing'), ASK_TIMEOUT_MS); // a safety net: every handshake ends sooner
          if (namespace === '/panel') socket.once('server:hello', () => done('connect'));
          else socket.once('connect', () => done('connect'));
          socket.once('connect_error', (error: Error) => done(error.message));
          socket.once('disconnect', () => done('closed'));
        });

      for (let start = 0; start < attempts.length; start += 16) {
        await Promise.all(
          attempts.slice(start, start + 16).map(async ({ i, namespace, auth }) => {
            const want = await allowed(namespace, auth);
            const got = await attempt(namespace, auth);
            if (!want.includes(got)) problems.push(`#${i} ${namespace} auth ${preview(auth)}: ${got}, want ${want.join(' or ')}`);
          }),
        );
      }
      expect(problems.slice(0, 15)).toEqual([]);
      expect(server.logged.error).toEqual([]);
      expect(server.pollution()).toEqual([]);
      expect(server.crashes).toEqual([]);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
