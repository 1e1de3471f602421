/**
 * Opens an absolute pop-up-rule URL in a new tab (seed 000 §2.2: GET or POST). Browsers may block
 * tabs opened without a click; the agent's browser must allow pop-ups for the Salesforce domain.
 */
export function openInNewTab(doc: Document, url: string, method: 'GET' | 'POST'): void {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return;
  if (method === 'GET') {
    doc.defaultView?.open(parsed.href, '_blank', 'noopener,noreferrer');
    return;
  }
  // POST: the query becomes form fields sent to the URL without its query.
  const form = doc.createElement('form');
  form.method = 'post';
  form.target = '_blank';
  form.rel = 'noopener noreferrer';
  form.action = `${parsed.origin}${parsed.pathname}`;
  form.hidden = true;
  for (const [name, value] of parsed.searchParams) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  doc.body.append(form);
  form.submit();
  form.remove();
}
