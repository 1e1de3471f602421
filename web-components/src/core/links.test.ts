import { describe, expect, it } from '@jest/globals';
import { safeHttpUrl } from './links.js';

describe('safeHttpUrl', () => {
  it.each<[string, string]>([
    ['https://example.com/chat/upload/1.png', 'https://example.com/chat/upload/1.png'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://Example.COM/a?b=c#d', 'https://example.com/a?b=c#d'],
    ['https://例え.jp/パス', 'https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9'],
    ['https://example.com:8443/x', 'https://example.com:8443/x'],
  ])('accepts %j as %j', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['javascript: in mixed case', 'JaVaScRiPt:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a vbscript: URL', 'vbscript:msgbox(1)'],
    ['a file: URL', 'file:///etc/passwd'],
    ['an ftp: URL', 'ftp://example.com/file'],
    ['a relative path', '/chat/upload/1.png'],
    ['a protocol-relative URL', '//example.com/x'],
    ['a bare host', 'example.com'],
    ['an empty string', ''],
    ['http without slashes', 'https:example.com'],
    ['backslashes for slashes', 'https:\\\\example.com'],
    ['credentials', 'https://user:pass@example.com/'],
    ['a user name only', 'https://user@example.com/'],
    ['leading spaces', '  https://example.com/'],
    ['a tab inside the scheme', 'java\tscript:alert(1)'],
    ['a newline inside the URL', 'https://exa\nmple.com/'],
    ['an ideographic space', 'https://example.com/\u3000x'],
    ['a URL that does not parse', 'https://exa mple.com/'],
    ['an invalid port', 'https://example.com:99999/'],
    ['no host', 'http://'],
  ])('refuses %s', (_what, input) => {
    expect(safeHttpUrl(input)).toBeNull();
  });
});
