/** The log budget for what unauthenticated clients cause (issue 14 §8), unit and through a real server. */
import { describe, expect, it } from '@jest/globals';
import { io as connect } from 'socket.io-client';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoDirectory } from './config/directory.js';
import { createEventServer } from './event-server.js';
import { budgetedLogger } from './log-budget.js';
import type { ServerLogger } from './logger.js';

type Line = { level: string; fields: Record<string, unknown>; message: string };

function recorder(): { logger: ServerLogger; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('budgetedLogger', () => {
  it('writes the first lines of a window per event, counts the rest and says how many were left out', () => {
    const { logger, lines } = recorder();
    let now = 0;
    const budgeted = budgetedLogger(logger, { now: () => now, perWindow: 3, windowMs: 1000 });

    for (let i = 0; i < 10; i++) budgeted.warn({ event: 'panel.originRefused', origin: `https://evil${i}.example` }, 'panel refused');
    budgeted.warn({ event: 'device.authFailed' }, 'softphone sign-in refused');
    budgeted.info({ event: 'panel.signedIn', account: 'agent01' }, 'signed in'); // not budgeted
    now = 1000;
    budgeted.warn({ event: 'panel.originRefused' }, 'panel refused');

    expect(lines.map((l) => l.fields['event'])).toEqual([
      'panel.originRefused',
      'panel.originRefused',
      'panel.originRefused',
      'device.authFailed',
      'panel.signedIn',
      'log.suppressed',
      'panel.originRefused',
    ]);
    expect(lines[5]).toMatchObject({ level: 'warn', fields: { of: 'panel.originRefused', suppressed: 7 } });
  });

  it('reports the windows that ended on flush, and every window on a final flush', () => {
    const { logger, lines } = recorder();
    let now = 0;
    const budgeted = budgetedLogger(logger, { now: () => now, perWindow: 1, windowMs: 1000 });
    for (let i = 0; i < 4; i++) budgeted.info({ event: 'auth.rateLimited' }, 'refused');
    now = 500;
    for (let i = 0; i < 3; i++) budgeted.warn({ event: 'device.authFailed' }, 'refused');

    now = 1200;
    budgeted.flush();
    const afterTimer = lines.filter((l) => l.fields['event'] === 'log.suppressed').map((l) => l.fields);
    budgeted.flush(true);
    const afterClose = lines.filter((l) => l.fields['event'] === 'log.suppressed').map((l) => l.fields);

    expect(afterTimer).toEqual([{ event: 'log.suppressed', of: 'auth.rateLimited', suppressed: 3, windowMs: 1000 }]);
    expect(afterClose).toEqual([...afterTimer, { event: 'log.suppressed', of: 'device.authFailed', suppressed: 2, windowMs: 1000 }]);
  });

  it('guesses at a real account are logged however many invented names used up the window (the attack: hiding them)', () => {
    const { logger, lines } = recorder();
    const budgeted = budgetedLogger(logger, { now: () => 0, perWindow: 3, windowMs: 1000 });
    for (let i = 0; i < 30; i++) budgeted.warn({ event: 'panel.authFailed', account: `unknown:${i.toString(16).padStart(12, '0')}` }, 'refused');
    for (let i = 0; i < 5; i++) budgeted.warn({ event: 'panel.authFailed', account: 'agent02' }, 'refused');
    budgeted.warn({ event: 'panel.authFailed', account: 'agent03' }, 'refused');
    budgeted.flush(true);

    const named = (account: string) => lines.filter((l) => l.fields['event'] === 'panel.authFailed' && l.fields['account'] === account);
    expect(named('agent02')).toHaveLength(3);
    expect(named('agent03')).toHaveLength(1);
    expect(lines.filter((l) => l.fields['event'] === 'log.suppressed').map((l) => l.fields)).toEqual([
      { event: 'log.suppressed', of: 'panel.authFailed', suppressed: 27, windowMs: 1000 },
      { event: 'log.suppressed', of: 'panel.authFailed', account: 'agent02', suppressed: 2, windowMs: 1000 },
    ]);
  });
});

describe('the event server under a flood of refused handshakes', () => {
  it('writes a bounded number of lines, then one summary (the attack: 200 refused origins)', async () => {
    const { logger, lines } = recorder();
    const server = createEventServer({ directory: demoDirectory, allowedOrigins: ['https://allowed.example'], logger });
    const http = createServer();
    server.attach(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/panel`;
    try {
      const refused = await Promise.all(
        Array.from(
          { length: 200 },
          () =>
            new Promise<string>((resolve) => {
              const s = connect(url, { transports: ['websocket'], extraHeaders: { origin: 'https://evil.example' }, reconnection: false, forceNew: true });
              s.on('connect_error', (e) => {
                s.close();
                resolve(e.message);
              });
              s.on('connect', () => {
                s.close();
                resolve('connected');
              });
            }),
        ),
      );
      expect(new Set(refused)).toEqual(new Set(['ORIGIN_NOT_ALLOWED']));
    } finally {
      await server.close();
    }
    const refusals = lines.filter((l) => l.fields['event'] === 'panel.originRefused');
    const summary = lines.filter((l) => l.fields['event'] === 'log.suppressed');
    expect(refusals).toHaveLength(20);
    expect(summary.map((l) => l.fields)).toEqual([{ event: 'log.suppressed', of: 'panel.originRefused', suppressed: 180, windowMs: 60_000 }]);
  });
});
