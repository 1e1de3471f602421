// A TCP proxy between the panel and the event server for `bench/reconnect.mjs`: it forwards every
// connection until `drop()` cuts them all (a network failure: no close handshake) and, during an
// `outage(ms)`, refuses new ones (the network is down). `forwarded` counts the connections it let
// through. The e2e tests' richer fault proxy is e2e/fault-proxy.ts (TypeScript, for jest).
import { connect, createServer } from 'node:net';

export async function startTcpProxy(targetPort, targetHost = '127.0.0.1') {
  const links = new Set();
  let refuseUntil = 0;
  let forwarded = 0;
  const server = createServer((client) => {
    if (Date.now() < refuseUntil) {
      client.destroy();
      return;
    }
    forwarded += 1;
    const upstream = connect(targetPort, targetHost);
    const link = { client, upstream };
    links.add(link);
    const close = () => {
      links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      s.on('error', close);
      s.on('close', close);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const drop = () => {
    for (const { client, upstream } of links) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    links.clear();
  };
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    get forwarded() {
      return forwarded;
    },
    drop,
    /** Drops every connection and refuses new ones for `ms`; answers when the network is back (epoch ms). */
    outage(ms) {
      refuseUntil = Date.now() + ms;
      drop();
      return refuseUntil;
    },
    close() {
      drop();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
