/** The services the panel's application layer gets, as fakes: host, event server, logger, memory store. */
import type { Logger } from '../log.js';
import { memoryStore } from '../core/key-value-store.js';
import type { SoftphoneServices } from '../app/services.js';
import { FakeHost } from './fake-host.js';
import { FakeEventServer } from './fake-event-server.js';

/** A logger that keeps every line, so tests can check nothing secret was logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      lines.push([level, message, ...details.map((d) => (typeof d === 'string' ? d : JSON.stringify(d)))].join(' '));
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

export interface FakeServices extends SoftphoneServices {
  readonly host: FakeHost;
  readonly server: FakeEventServer;
  readonly logger: Logger & { lines: string[] };
}

export function fakeServices(): FakeServices {
  return {
    host: new FakeHost(),
    server: new FakeEventServer(),
    logger: recordingLogger(),
    now: () => Date.now(),
    store: memoryStore(),
    logTexts: {
      subjectInbound: '着信',
      subjectOutbound: '発信',
      anonymous: '非通知',
      businessLabel: '業務ラベル',
      chatCustomer: 'お客様',
      chatBot: 'チャットボット',
      endUnknown: '終了時刻不明',
    },
  };
}
