/**
 * The event server's URL as an admin types it into a call center (Open CTI or Service Cloud Voice):
 * an http(s) URL, https whenever the page is (every Salesforce page is: the browser refuses http
 * and ws from it, mixed content) — http only from an http page, such as the local dev host's, or to
 * this machine itself (`localhost`, `127.0.0.1`, `[::1]`: browsers treat the loopback as secure).
 */
export type ServerUrlCheck = { readonly ok: true; readonly origin: string } | { readonly ok: false; readonly problem: 'missing' | 'notUrl' | 'notHttps' };

export function checkServerUrl(raw: unknown, pageProtocol: string): ServerUrlCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, problem: 'missing' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'notUrl' };
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (pageProtocol === 'http:' || loopback))) return { ok: false, problem: 'notHttps' };
  return { ok: true, origin: url.origin };
}

/** What an admin reads when the URL under `key` of `place` (the call center, the contact center) is unusable. */
export function serverUrlProblem(key: string, raw: unknown, problem: 'missing' | 'notUrl' | 'notHttps', place: string): string {
  const shown = String(raw).slice(0, 200);
  if (problem === 'missing') return `${key} is not set in the ${place}`;
  if (problem === 'notUrl') return `${key} is not a URL: ${shown}`;
  return `${key} must be an https URL (a Salesforce page may not open http): ${shown}`;
}
