/**
 * The event-server port whose transport loads in its own chunk: calls wait for it, listeners
 * subscribed before it arrived hear it, a chunk that fails to load fails the calls and is fetched
 * again by the next one, and a close
 * before it arrived closes it when it does.
 */
import { describe, expect, it } from '@jest/globals';
import { FakeEventServer } from '../testing/fake-event-server.js';
import { snapshotFixture } from '../testing/fixtures.js';
import { lazyTransport } from './lazy-transport.js';

/** A chunk that arrives when `arrive()` is called. */
function slowChunk() {
  const real = new FakeEventServer();
  let arrive: () => void = () => undefined;
  const loaded = new Promise<FakeEventServer>((resolve) => (arrive = () => resolve(real)));
  return { real, arrive: () => arrive(), load: () => loaded };
}

describe('lazyTransport', () => {
  it('holds calls until the transport has loaded, then makes them in order', async () => {
    const chunk = slowChunk();
    const port = lazyTransport(chunk.load);

    const connecting = port.connect('https://events.example.com');
    const sending = port.send('setStatus', 'away');
    await Promise.resolve();
    expect(chunk.real.calls).toEqual([]);
    chunk.arrive();

    await expect(connecting).resolves.toMatchObject({ statuses: expect.any(Array) as unknown });
    await expect(sending).resolves.toMatchObject({ ok: true });
    expect(chunk.real.calls.map((c) => c.method)).toEqual(['connect', 'setStatus']);
  });

  it('gives the listeners subscribed before it loaded what the transport hears, and stops when unsubscribed', async () => {
    const chunk = slowChunk();
    const port = lazyTransport(chunk.load);
    const heard: string[] = [];
    const stop = port.onSnapshot((s) => heard.push(`snapshot ${s.revision}`));
    port.onConnection((e) => heard.push(e.kind));
    port.onSessionEnded((e) => heard.push(e.reason));
    chunk.arrive();
    await port.ping();

    chunk.real.push(snapshotFixture({ revision: 7 }));
    chunk.real.emitConnection({ kind: 'lost', reason: 'transport close' });
    chunk.real.endSession({ reason: 'signedOut' });
    stop();
    chunk.real.push(snapshotFixture({ revision: 8 }));

    expect(heard).toEqual(['snapshot 7', 'lost', 'signedOut']);
  });

  it('fails every call when the chunk cannot load (start-up then says the server cannot be reached)', async () => {
    const port = lazyTransport(() => Promise.reject(new Error('Failed to fetch dynamically imported module')));

    await expect(port.connect('https://events.example.com')).rejects.toThrow('Failed to fetch');
    await expect(port.signIn({ account: 'a', password: 'p', extension: '1001' } as never)).rejects.toThrow('Failed to fetch');
    expect(() => port.close()).not.toThrow();
  });

  it("fetches the chunk again on the next call after a failed fetch, so start-up's retries recover without a reload", async () => {
    let tries = 0;
    const real = new FakeEventServer();
    const port = lazyTransport(() => {
      tries += 1;
      return tries === 1 ? Promise.reject(new Error('Failed to fetch dynamically imported module')) : Promise.resolve(real);
    });
    const heard: number[] = [];
    port.onSnapshot((s) => heard.push(s.revision));

    await expect(port.connect('https://events.example.com')).rejects.toThrow('Failed to fetch');
    await expect(port.connect('https://events.example.com')).resolves.toEqual({ statuses: real.statuses });
    await port.ping();
    real.push(snapshotFixture({ revision: 4 }));

    expect(tries).toBe(2);
    expect(heard).toEqual([4]);
  });

  it('closes the transport when it arrives if the page closed before', async () => {
    const chunk = slowChunk();
    const port = lazyTransport(chunk.load);

    port.close();
    chunk.arrive();
    await chunk.load();
    await Promise.resolve();

    expect(chunk.real.calls.map((c) => c.method)).toEqual(['close']);
  });
});
