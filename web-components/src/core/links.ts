/**
 * Links that come from the wire (chat history, seed 004) and may be opened in a new tab. Pure.
 */

const HTTP_PREFIX = /^https?:\/\//i;
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\s]/u;

/**
 * The URL to put in `href`, or null when the text must stay plain text. Accepts only absolute
 * `http:`/`https:` URLs with a host and without credentials, written out as `http(s)://…` with no
 * spaces or control characters (so `javascript:`, `data:`, relative and `https:\\host` forms, and
 * `https://user:pass@host` phishing forms are refused). Returns the parser's normalised form.
 */
export function safeHttpUrl(url: string): string | null {
  if (!HTTP_PREFIX.test(url) || CONTROL_OR_SPACE.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}
