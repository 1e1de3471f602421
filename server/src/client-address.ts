/**
 * The address a sign-in comes from, for the per-address attempt limits. Behind a load balancer the
 * connection's peer is the balancer itself, so with `trustedHops` proxies in front (each appending
 * to `X-Forwarded-For`) the address is the entry the outermost trusted proxy saw. Entries a client
 * wrote itself sit further left and are never used; without trusted proxies the header is ignored.
 */
const IP = /^[0-9A-Fa-f:.]{2,45}$/;

export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  if (trustedHops <= 0 || forwardedFor === undefined) return peer;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const chain = [...entries, peer];
  const candidate = withoutPort(chain[Math.max(0, chain.length - 1 - trustedHops)]!);
  return IP.test(candidate) ? candidate : peer;
}

/**
 * Some proxies write `address:port` (`203.0.113.7:51234`, `[2001:db8::1]:443`): the port differs
 * per connection, so kept it would give every connection an address budget of its own.
 */
function withoutPort(entry: string): string {
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4 ? v4[1]! : entry;
}
