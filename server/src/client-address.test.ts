import { describe, expect, it } from '@jest/globals';
import { clientAddress } from './client-address.js';

describe('client address for sign-in limits', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', 0)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', undefined, 1)).toBe('203.0.113.9');
  });

  it('is the entry the trusted proxy appended, not one the client forged further left', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.3', ['1.2.3.4, 198.51.100.7', '10.0.0.2'], 2)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', '2001:db8::1', 1)).toBe('2001:db8::1');
  });

  it('drops a port a proxy wrote with the address: each connection’s own port would be a fresh budget (the attack)', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.7:51234', 1)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', '198.51.100.7:51235', 1)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', '[2001:db8::1]:443', 1)).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.2', '[2001:db8::1]', 1)).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.2', '2001:db8::1', 1)).toBe('2001:db8::1');
  });

  it('falls back to the peer for garbage or a chain shorter than the trusted hops', () => {
    expect(clientAddress('10.0.0.2', 'evil<script>', 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', ' , ', 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '198.51.100.7', 5)).toBe('198.51.100.7');
  });
});
