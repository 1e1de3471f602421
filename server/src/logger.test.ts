import { describe, expect, it } from '@jest/globals';
import { jsonLogger, REDACTED, type LogLevel } from './logger.js';

function capture(level: LogLevel) {
  const lines: string[] = [];
  const logger = jsonLogger(level, (line) => lines.push(line));
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('jsonLogger (pino)', () => {
  it('writes one JSON object per line with time, level label, message and fields', () => {
    const { logger, lines, records } = capture('info');
    logger.info({ event: 'panel.signedIn', account: 'agent01', extension: '1001' }, 'signed in');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const [record] = records();
    expect(record).toMatchObject({ level: 'info', msg: 'signed in', event: 'panel.signedIn', account: 'agent01', extension: '1001' });
    expect(new Date(String(record!['time'])).toISOString()).toBe(record!['time']);
  });

  it.each([
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
  ] as const)('level %s writes %j', (level, written) => {
    const { logger, records } = capture(level);
    logger.info({}, 'i');
    logger.warn({}, 'w');
    logger.error({}, 'e');
    expect(records().map((r) => r['level'])).toEqual(written);
  });

  it('redacts passwords, tokens and auth fields even when a caller logs them by mistake', () => {
    const { logger, lines, records } = capture('info');
    logger.warn(
      {
        event: 'test',
        account: 'agent01',
        password: 'pw-top',
        token: 'tok-top',
        resumeToken: 'resume-top',
        auth: { account: 'agent01', password: 'pw-auth' },
        request: { password: 'pw-nested', passwordHash: 'hash-nested', token: 'tok-nested' },
        handshake: { headers: { authorization: 'Bearer abc', cookie: 'sid=1' } },
      },
      'oops',
    );
    const text = lines.join('\n');
    for (const secret of ['pw-top', 'tok-top', 'resume-top', 'pw-auth', 'pw-nested', 'hash-nested', 'tok-nested', 'Bearer abc', 'sid=1']) {
      expect(text).not.toContain(secret);
    }
    expect(records()[0]).toMatchObject({
      account: 'agent01',
      password: REDACTED,
      token: REDACTED,
      auth: REDACTED,
      request: { password: REDACTED, passwordHash: REDACTED, token: REDACTED },
      handshake: { headers: { authorization: REDACTED, cookie: REDACTED } },
    });
  });
});
