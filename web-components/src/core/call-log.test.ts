import { describe, expect, it } from '@jest/globals';
import type { Call } from '@biztel/protocol';
import { activityDate, shouldLog, taskFor, type TaskTexts } from './call-log.js';

const T0 = Date.UTC(2025, 3, 1, 14, 59, 30); // 23:59:30 in Tokyo
const JST = 9 * 60;
const texts: TaskTexts = {
  status: 'Completed',
  subjectInbound: '着信',
  subjectOutbound: '発信',
  anonymous: '非通知',
  businessLabel: '業務ラベル',
  chatCustomer: 'お客様',
  chatBot: 'チャットボット',
  endUnknown: '終了時刻不明',
};
const call = (patch: Partial<Call> = {}): Call => ({
  id: 'c-77',
  direction: 'inbound',
  state: 'talking',
  remoteNumber: '0312345678',
  startedAt: T0,
  answeredAt: T0 + 10_000,
  ...patch,
});

describe('shouldLog', () => {
  it.each<[string, Partial<Call>, boolean]>([
    ['an answered inbound call', {}, true],
    ['an inbound call that only rang (missed or taken by another agent)', { answeredAt: undefined, state: 'ringing' }, false],
    ['an outbound call, answered or not', { direction: 'outbound', answeredAt: undefined, state: 'dialing' }, true],
    ['the consultation leg of a transfer', { direction: 'outbound', transfer: { kind: 'attended', of: 'c-1' } }, false],
  ])('%s → %s', (_what, patch, expected) => {
    expect(shouldLog(call(patch))).toBe(expected);
  });
});

describe('taskFor', () => {
  it('fills the call-center fields of a Task', () => {
    const task = taskFor({ call: call(), endedAt: T0 + 10_000 + 192_400, records: [] }, texts, JST);
    expect(task).toEqual({
      entityApiName: 'Task',
      Subject: '着信 0312345678',
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 192,
      CallObject: 'c-77',
      ActivityDate: '2025-04-01',
    });
  });

  it('relates a single Contact or Lead as WhoId and anything else as WhatId; several matches relate nothing', () => {
    const contact = { id: '0035g00000TkYqAAAV', name: '山田 太郎', objectType: 'Contact' };
    const account = { id: '0015g00000HbCdEAAV', name: '株式会社サンプル商事', objectType: 'Account' };
    const ended = (records: (typeof contact)[]) => taskFor({ call: call(), endedAt: T0 + 20_000, records }, texts, JST);
    expect(ended([contact])).toMatchObject({ WhoId: contact.id });
    expect(ended([account])).toMatchObject({ WhatId: account.id });
    expect(ended([contact, account])).not.toHaveProperty('WhoId');
    expect(ended([contact, account])).not.toHaveProperty('WhatId');
  });

  it('logs an unanswered outbound call with zero seconds and an anonymous caller as 非通知', () => {
    expect(taskFor({ call: call({ direction: 'outbound', answeredAt: undefined }), endedAt: T0 + 30_000, records: [] }, texts, JST)).toMatchObject({
      Subject: '発信 0312345678',
      CallType: 'Outbound',
      CallDurationInSeconds: 0,
    });
    expect(taskFor({ call: call({ remoteNumber: 'Anonymous' }), endedAt: T0 + 20_000, records: [] }, texts, JST).Subject).toBe('着信 非通知');
  });

  it('puts the business label and the chat transcript, oldest first, in the description', () => {
    const task = taskFor(
      {
        call: call({
          businessLabel: 'サポート窓口',
          chat: {
            status: 'ok',
            messages: [
              { from: 'bot', kind: 'text', text: 'ご用件をどうぞ', at: 2 },
              { from: 'customer', kind: 'text', text: 'ログインできません', at: 1 },
              { from: 'customer', kind: 'upload', text: '', url: 'https://files.example.com/s.png', at: 3 },
            ],
          },
        }),
        endedAt: T0 + 20_000,
        records: [],
      },
      texts,
      JST,
    );
    expect(task['Description']).toBe(
      '業務ラベル: サポート窓口\nお客様: ログインできません\nチャットボット: ご用件をどうぞ\nお客様: https://files.example.com/s.png',
    );
  });
});

describe('taskFor a call whose end is unknown (endedAt null: the softphone quit or stayed away)', () => {
  it('leaves CallDurationInSeconds unset and says so in the description, answered or not', () => {
    const answered = taskFor({ call: call(), endedAt: null, records: [] }, texts, JST);
    expect(answered).not.toHaveProperty('CallDurationInSeconds');
    expect(answered).toMatchObject({ Subject: '着信 0312345678', CallType: 'Inbound', CallObject: 'c-77', Description: '終了時刻不明' });
    const dialled = taskFor({ call: call({ direction: 'outbound', answeredAt: undefined, state: 'dialing' }), endedAt: null, records: [] }, texts, JST);
    expect(dialled).not.toHaveProperty('CallDurationInSeconds');
    expect(dialled['Description']).toBe('終了時刻不明');
  });

  it('puts the unknown end before the business label and the transcript', () => {
    const chat = { status: 'ok' as const, messages: [{ from: 'customer' as const, kind: 'text' as const, text: 'もしもし', at: 1 }] };
    const task = taskFor({ call: call({ businessLabel: 'サポート窓口', chat }), endedAt: null, records: [] }, texts, JST);
    expect(task['Description']).toBe('終了時刻不明\n業務ラベル: サポート窓口\nお客様: もしもし');
  });

  it('a known end adds no such line', () => {
    expect(taskFor({ call: call(), endedAt: T0 + 20_000, records: [] }, texts, JST)).not.toHaveProperty('Description');
  });
});

describe('activityDate', () => {
  it.each([
    [T0, JST, '2025-04-01'],
    [T0 + 60_000, JST, '2025-04-02'],
    [T0 + 60_000, 0, '2025-04-01'],
  ])('%i at UTC%+i min → %s', (epoch, offset, expected) => {
    expect(activityDate(epoch, offset)).toBe(expected);
  });
});
