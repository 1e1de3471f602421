import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ALLOWED_ORIGINS, originMatcher, parseAllowedOrigins, parseOriginRule } from './origins.js';

describe('parseOriginRule', () => {
  it.each([
    ['https://crm.example.com', { kind: 'exact', origin: 'https://crm.example.com' }],
    ['https://CRM.Example.com/', { kind: 'exact', origin: 'https://crm.example.com' }],
    ['https://crm.example.com:443', { kind: 'exact', origin: 'https://crm.example.com' }],
    ['http://127.0.0.1:8080', { kind: 'exact', origin: 'http://127.0.0.1:8080' }],
    ['https://*.force.com', { kind: 'wildcard', protocol: 'https:', domain: 'force.com', port: '' }],
    ['http://*.example.test:8443', { kind: 'wildcard', protocol: 'http:', domain: 'example.test', port: '8443' }],
  ])('accepts %s', (entry, rule) => {
    expect(parseOriginRule(entry)).toEqual(rule);
  });

  it.each([
    ['', 'empty entry'],
    ['*', 'list origins'],
    ['null', 'list origins'],
    ['crm.example.com', 'not a URL'],
    ['ftp://crm.example.com', 'scheme'],
    ['https://crm.example.com/panel', 'no path'],
    ['https://crm.example.com?x=1', 'no path, query'],
    ['https://user@crm.example.com', 'user name'],
    ['https://crm.*.example.com', 'first label'],
    ['https://*.*.example.com', 'first label'],
    ['https://*.com', 'top-level domain'],
    ['https://*.10.0.0.1', 'IP address'],
    ['https:crm.example.com', 'not an origin'],
  ])('refuses %j, naming the entry', (entry, why) => {
    expect(() => parseOriginRule(entry)).toThrow(`invalid allowed origin "${entry}"`);
    expect(() => parseOriginRule(entry)).toThrow(why);
  });
});

describe('parseAllowedOrigins (ALLOWED_ORIGINS)', () => {
  it('defaults to the Salesforce domains when unset or blank', () => {
    expect(parseAllowedOrigins(undefined)).toEqual({ ok: true, value: [...DEFAULT_ALLOWED_ORIGINS] });
    expect(parseAllowedOrigins('  ')).toEqual({ ok: true, value: [...DEFAULT_ALLOWED_ORIGINS] });
  });

  it('takes comma-separated entries, trimmed', () => {
    expect(parseAllowedOrigins(' https://mycompany--c.vf.force.com , https://*.example.com')).toEqual({
      ok: true,
      value: ['https://mycompany--c.vf.force.com', 'https://*.example.com'],
    });
  });

  it('names the bad entry', () => {
    const r = parseAllowedOrigins('https://ok.example.com,https://bad.example.com/path');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('"https://bad.example.com/path"') });
    expect(parseAllowedOrigins('https://ok.example.com,')).toEqual({ ok: false, error: expect.stringContaining('empty entry') });
  });
});

describe('originMatcher', () => {
  const allowed = originMatcher([...DEFAULT_ALLOWED_ORIGINS, 'http://127.0.0.1:8080']);

  it.each([
    'https://mycompany--c.vf.force.com',
    'https://mycompany--uat--c.sandbox.vf.force.com',
    'https://mycompany-dev-ed--c.develop.vf.force.com',
    'https://mycompany.lightning.force.com',
    'https://mycompany.my.salesforce.com',
    'https://mycompany--c.visualforce.com',
    'https://c.na1.visual.force.com',
    'http://127.0.0.1:8080',
  ])('allows %s', (origin) => {
    expect(allowed(origin)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'null',
    'https://force.com',
    'https://evil.com',
    'https://force.com.evil.com',
    'https://evilforce.com',
    'http://mycompany.lightning.force.com',
    'https://mycompany.lightning.force.com:8443',
    'https://mycompany.lightning.force.com/',
    'https://MyCompany.lightning.force.com',
    'http://127.0.0.1:8081',
    'http://localhost:8080',
  ])('refuses %j', (origin) => {
    expect(allowed(origin)).toBe(false);
  });

  it('throws on an invalid entry', () => {
    expect(() => originMatcher(['https://ok.example.com', '*'])).toThrow('invalid allowed origin "*"');
  });
});
