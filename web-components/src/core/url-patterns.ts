/**
 * The pages an administrator lets the Chrome extension touch (seed 000 §2.1: クリックトゥコールの対象
 * URL, one per line). Pure. Each line is an http(s) URL naming a site and, optionally, a path:
 * `https://crm.example.com` (every page of that site), `https://crm.example.com/accounts` (that
 * path and below it), `https://*.example.com/` (every subdomain of example.com, not the domain
 * itself), `https://crm.example.com/app*` (any path starting so). Ports count; query and fragment
 * are ignored. Anything else is reported as invalid, never guessed.
 */

export interface UrlPattern {
  readonly protocol: 'http:' | 'https:';
  /** The host without a leading `*.`; `subdomains`: the pattern was `*.host`. */
  readonly host: string;
  readonly subdomains: boolean;
  readonly port: string;
  /** The path the page's must start with (`/` for all); `prefix`: it ended with `*`. */
  readonly path: string;
  readonly prefix: boolean;
}

/** The patterns of the administrator's lines (blank lines skipped), and the lines that are none. */
export function readUrlPatterns(lines: string): { patterns: UrlPattern[]; invalid: string[] } {
  const patterns: UrlPattern[] = [];
  const invalid: string[] = [];
  for (const raw of lines.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const pattern = urlPattern(line);
    if (pattern) patterns.push(pattern);
    else invalid.push(line.slice(0, 200));
  }
  return { patterns, invalid };
}

function urlPattern(line: string): UrlPattern | null {
  const m = /^(https?):\/\/(\*\.)?([^/?#*]+)(\/[^?#]*)?$/i.exec(line);
  if (!m) return null;
  let url: URL;
  try {
    url = new URL(`${m[1]!.toLowerCase()}://${m[3]!}${(m[4] ?? '/').replace(/\*$/, '')}`);
  } catch {
    return null;
  }
  if (url.username || url.password || url.hostname === '' || /\*/.test(url.pathname)) return null;
  return {
    protocol: url.protocol as 'http:' | 'https:',
    host: url.hostname,
    subdomains: m[2] !== undefined,
    port: url.port,
    path: url.pathname,
    prefix: (m[4] ?? '').endsWith('*'),
  };
}

/** Whether a page at `url` is one the patterns name. */
export function matchesUrl(patterns: readonly UrlPattern[], url: string): boolean {
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return false;
  }
  return patterns.some((p) => {
    if (page.protocol !== p.protocol || page.port !== p.port) return false;
    const host = page.hostname;
    if (p.subdomains ? !host.endsWith(`.${p.host}`) : host !== p.host) return false;
    if (p.prefix || p.path === '/') return page.pathname.startsWith(p.path);
    const base = p.path.replace(/\/$/, '');
    return page.pathname === base || page.pathname.startsWith(`${base}/`);
  });
}
