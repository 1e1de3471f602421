/**
 * docs/protocol.md's in-page links: every `](#anchor)` the generator writes must land on a heading
 * (an explicit `<a id>` in it, or the slug GitHub gives the heading's text).
 */
import { describe, expect, it } from '@jest/globals';
import { protocolMarkdown } from './markdown.js';

/** GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens; repeats get `-1`, `-2`… */
function slugs(headings: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headings.map((text) => {
    const base = text
      .replace(/<[^>]*>/g, '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  });
}

/** The anchors a Markdown text defines: `<a id>` in headings, and every heading's slug. */
function anchorsOf(markdown: string): Set<string> {
  const headings = markdown.split('\n').flatMap((line) => /^#{1,6} (.*)$/.exec(line)?.[1] ?? []);
  const ids = headings.flatMap((h) => [...h.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!));
  return new Set([...ids, ...slugs(headings)]);
}

const linksOf = (markdown: string) => [...markdown.matchAll(/\]\(#([^)]*)\)/g)].map((m) => m[1]!);

describe('docs/protocol.md', () => {
  const markdown = protocolMarkdown();

  it('links only to anchors it defines', () => {
    const anchors = anchorsOf(markdown);

    expect(linksOf(markdown).filter((link) => !anchors.has(link))).toEqual([]);
  });

  it('has in-page links, types among them (the check above is not vacuous)', () => {
    expect(linksOf(markdown)).toEqual(expect.arrayContaining(['type-okreply', 'type-snapshot', 'softphone-devicecommand']));
  });

  it('the check finds a dangling link and a heading slug', () => {
    const sample = '## Client libraries\n\n### <a id="type-x"></a>X\n\n[a](#client-libraries) [b](#type-x) [c](#type-y)';

    expect(linksOf(sample).filter((link) => !anchorsOf(sample).has(link))).toEqual(['type-y']);
  });
});
