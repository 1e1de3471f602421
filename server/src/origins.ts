/**
 * Which browser origins may open panel connections: exact origins (`https://crm.example.com`) or
 * subdomain wildcards (`https://*.force.com`, matching any depth of subdomain but never the bare
 * domain, like a CSP host source). Non-browser clients (softphones) send no Origin at all.
 */

/**
 * The Salesforce domains a Lightning org serves the softphone's Visualforce page from
 * (`/apex/BiztelSoftphone`), with and without enhanced domains:
 * `MyDomain--c.vf.force.com`, `MyDomain--c.sandbox.vf.force.com`, `….develop.vf.force.com`,
 * `MyDomain.lightning.force.com` (all `*.force.com`), `MyDomain.my.salesforce.com` (Classic,
 * `*.salesforce.com`) and the pre-enhanced-domains `MyDomain--c.visualforce.com`.
 * These admit every Salesforce org: a deployment should list its own org's origins instead.
 */
export const DEFAULT_ALLOWED_ORIGINS = ['https://*.force.com', 'https://*.salesforce.com', 'https://*.visualforce.com'] as const;

export type OriginRule =
  | { readonly kind: 'exact'; readonly origin: string }
  | { readonly kind: 'wildcard'; readonly protocol: 'http:' | 'https:'; readonly domain: string; readonly port: string };

export type OriginsResult = { readonly ok: true; readonly value: readonly string[] } | { readonly ok: false; readonly error: string };

/** Parses one allow-list entry; throws an `Error` naming the entry when it is not a valid origin or pattern. */
export function parseOriginRule(entry: string): OriginRule {
  const bad = (why: string) => new Error(`invalid allowed origin "${entry}": ${why}`);
  const text = entry.trim();
  if (text === '') throw bad('empty entry');
  if (text === '*' || text === 'null') throw bad('list origins such as https://crm.example.com or https://*.example.com');
  const wildcard = /^([a-z]+):\/\/\*\.(.*)$/i.exec(text);
  const candidate = wildcard ? `${wildcard[1]}://${wildcard[2]}` : text;
  if (candidate.includes('*')) throw bad('a wildcard is allowed only as the first label, as in https://*.example.com');
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw bad('not a URL such as https://crm.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad('the scheme must be https or http');
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw bad('an origin has no path, query, fragment or user name');
  }
  if (!/^[a-z]+:\/\/[^/]+\/?$/i.test(candidate)) throw bad('not an origin such as https://crm.example.com');
  if (!wildcard) return { kind: 'exact', origin: url.origin };
  const domain = url.hostname;
  if (domain.startsWith('[') || /^[\d.]+$/.test(domain)) throw bad('a wildcard needs a domain name, not an IP address');
  if (!domain.includes('.')) throw bad('a wildcard needs a registered domain such as *.example.com, not a top-level domain');
  return { kind: 'wildcard', protocol: url.protocol, domain, port: url.port };
}

/** Parses `ALLOWED_ORIGINS` (comma-separated entries); unset or blank gives the defaults. */
export function parseAllowedOrigins(raw: string | undefined): OriginsResult {
  if (raw === undefined || raw.trim() === '') return { ok: true, value: [...DEFAULT_ALLOWED_ORIGINS] };
  const entries = raw.split(',').map((e) => e.trim());
  for (const entry of entries) {
    try {
      parseOriginRule(entry);
    } catch (error) {
      return { ok: false, error: `ALLOWED_ORIGINS: ${(error as Error).message}` };
    }
  }
  return { ok: true, value: entries };
}

/** A predicate for an `Origin` header value against the entries (which are validated here: throws on a bad one). */
export function originMatcher(entries: readonly string[]): (origin: string | undefined) => boolean {
  const rules = entries.map(parseOriginRule);
  const exact = new Set(rules.flatMap((r) => (r.kind === 'exact' ? [r.origin] : [])));
  const wildcards = rules.flatMap((r) => (r.kind === 'wildcard' ? [r] : []));
  return (origin) => {
    if (origin === undefined || origin === '' || origin === 'null') return false;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    // Browsers send the serialized origin; anything else (a path, other case) is not a browser's.
    if (url.origin !== origin) return false;
    if (exact.has(origin)) return true;
    return wildcards.some((w) => w.protocol === url.protocol && w.port === url.port && url.hostname.endsWith(`.${w.domain}`));
  };
}
