import { describe, expect, it } from '@jest/globals';
import { matchesUrl, readUrlPatterns } from './url-patterns.js';

const allows = (lines: string, url: string) => matchesUrl(readUrlPatterns(lines).patterns, url);

describe('the pages the extension may touch (クリックトゥコールの対象URL)', () => {
  it('takes one pattern per line, skips blank lines and reports lines that are no http(s) URL', () => {
    const { patterns, invalid } = readUrlPatterns(
      'https://crm.example.com\n\n  http://intra.example.local:8080/app  \nftp://files.example.com\ncrm.example.com\nhttps://user:pw@crm.example.com\nhttps://crm.*.com/',
    );
    expect(patterns).toHaveLength(2);
    expect(invalid).toEqual(['ftp://files.example.com', 'crm.example.com', 'https://user:pw@crm.example.com', 'https://crm.*.com/']);
  });

  it('matches a whole site, a path and what is below it — not a longer name', () => {
    expect(allows('https://crm.example.com', 'https://crm.example.com/accounts/1?x=1#top')).toBe(true);
    expect(allows('https://crm.example.com/accounts', 'https://crm.example.com/accounts')).toBe(true);
    expect(allows('https://crm.example.com/accounts', 'https://crm.example.com/accounts/42')).toBe(true);
    expect(allows('https://crm.example.com/accounts', 'https://crm.example.com/accounts-archive')).toBe(false);
    expect(allows('https://crm.example.com/app*', 'https://crm.example.com/apps/list')).toBe(true);
    expect(allows('https://crm.example.com', 'https://crm.example.com.evil.example/')).toBe(false);
  });

  it('tells schemes, ports and subdomains apart', () => {
    expect(allows('https://crm.example.com', 'http://crm.example.com/')).toBe(false);
    expect(allows('http://intra.example.local:8080/', 'http://intra.example.local:8080/x')).toBe(true);
    expect(allows('http://intra.example.local:8080/', 'http://intra.example.local/x')).toBe(false);
    expect(allows('https://*.example.com/', 'https://a.b.example.com/')).toBe(true);
    expect(allows('https://*.example.com/', 'https://example.com/')).toBe(false);
    expect(allows('https://*.example.com/', 'https://notexample.com/')).toBe(false);
    expect(allows('HTTPS://CRM.Example.com', 'https://crm.example.com/')).toBe(true);
  });

  it('matches nothing for no patterns or a page URL that is no URL', () => {
    expect(allows('', 'https://crm.example.com/')).toBe(false);
    expect(allows('https://crm.example.com', 'not a url')).toBe(false);
  });
});
