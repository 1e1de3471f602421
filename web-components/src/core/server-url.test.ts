import { describe, expect, it } from '@jest/globals';
import { checkServerUrl, serverUrlProblem } from './server-url.js';

describe('the event server URL an admin types', () => {
  it('takes an https URL from any page, and gives its origin', () => {
    expect(checkServerUrl(' https://events.example.com/path ', 'https:')).toEqual({ ok: true, origin: 'https://events.example.com' });
  });

  it('takes http only from an http page or to this machine itself', () => {
    expect(checkServerUrl('http://events.example.com', 'http:')).toEqual({ ok: true, origin: 'http://events.example.com' });
    expect(checkServerUrl('http://events.example.com', 'https:')).toEqual({ ok: false, problem: 'notHttps' });
    expect(checkServerUrl('http://127.0.0.1:8787', 'https:')).toEqual({ ok: true, origin: 'http://127.0.0.1:8787' });
    expect(checkServerUrl('http://localhost:8787', 'https:')).toMatchObject({ ok: true });
    expect(checkServerUrl('http://127.0.0.1.evil.example:8787', 'https:')).toEqual({ ok: false, problem: 'notHttps' });
  });

  it('says what is wrong with a missing, malformed or other-scheme value', () => {
    expect(checkServerUrl(undefined, 'https:')).toEqual({ ok: false, problem: 'missing' });
    expect(checkServerUrl('  ', 'https:')).toEqual({ ok: false, problem: 'missing' });
    expect(checkServerUrl('events', 'https:')).toEqual({ ok: false, problem: 'notUrl' });
    expect(checkServerUrl('ftp://events.example.com', 'http:')).toEqual({ ok: false, problem: 'notHttps' });
    expect(serverUrlProblem('/biztel/serverUrl', 'x'.repeat(300), 'notUrl', 'call center')).toBe(`/biztel/serverUrl is not a URL: ${'x'.repeat(200)}`);
    expect(serverUrlProblem('/biztel/serverUrl', undefined, 'missing', 'contact center')).toBe('/biztel/serverUrl is not set in the contact center');
  });
});
