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
  const candidate = chain[Math.max(0, chain.length - 1 - trustedHops)]!;
  return IP.test(candidate) ? candidate : peer;
}
