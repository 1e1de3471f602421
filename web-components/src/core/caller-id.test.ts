import { describe, expect, it } from '@jest/globals';
import { callerIdsSchema, parse, type CallerIds } from '@biztel/protocol';
import { CALLER_IDS } from '../testing/fixtures.js';
import { callerIdChoice, callerIdLists, callerIdOptions, effectiveCallerIdList, type CallerIdList } from './caller-id.js';

const ids = (patch: Partial<CallerIds> = {}): CallerIds => parse(callerIdsSchema, { ...CALLER_IDS, ...patch }, 'callerIds');

describe('callerIdLists', () => {
  it.each<[CallerIds['mode'], CallerIdList[]]>([
    ['switchable', ['numbers', 'windows']],
    ['numbersOnly', ['numbers']],
    ['windowsOnly', ['windows']],
  ])('%s → %j', (mode, expected) => {
    expect(callerIdLists(ids({ mode }))).toEqual(expected);
  });
});

describe('effectiveCallerIdList', () => {
  it.each<[CallerIds['mode'], CallerIdList | null, CallerIdList]>([
    ['switchable', null, 'numbers'],
    ['switchable', 'windows', 'windows'],
    ['numbersOnly', 'windows', 'numbers'],
    ['windowsOnly', null, 'windows'],
    ['windowsOnly', 'numbers', 'windows'],
  ])('%s with %p wanted → %p', (mode, wanted, expected) => {
    expect(effectiveCallerIdList(ids({ mode }), wanted)).toBe(expected);
  });
});

describe('callerIdOptions', () => {
  it('lists numbers with their labels, in the server order', () => {
    expect(callerIdOptions(ids(), 'numbers')).toEqual([
      { value: 'number:0312345678', name: '代表', number: '0312345678', choice: { kind: 'number', number: '0312345678' } },
      { value: 'number:0501234567', name: '', number: '0501234567', choice: { kind: 'number', number: '0501234567' } },
    ]);
  });

  it('lists windows by name and number, choosing by id', () => {
    expect(callerIdOptions(ids(), 'windows')).toEqual([
      { value: 'window:cc-support', name: 'サポート窓口', number: '0120111222', choice: { kind: 'window', id: 'cc-support' } },
      { value: 'window:cc-sales', name: '営業窓口', number: '0120333444', choice: { kind: 'window', id: 'cc-sales' } },
    ]);
  });

  it('trims a label of blanks so it falls back to the bare number', () => {
    expect(callerIdOptions(ids({ numbers: [{ number: '0312345678', label: '  ' }] }), 'numbers')[0]?.name).toBe('');
  });
});

describe('callerIdChoice', () => {
  it.each<[string, CallerIds, CallerIdList, string, ReturnType<typeof callerIdChoice>]>([
    ['指定なし', ids(), 'numbers', '', undefined],
    ['a number', ids(), 'numbers', 'number:0312345678', { kind: 'number', number: '0312345678' }],
    ['a window', ids(), 'windows', 'window:cc-sales', { kind: 'window', id: 'cc-sales' }],
    ['a number no longer distributed', ids({ numbers: [] }), 'numbers', 'number:0312345678', undefined],
    ['a value from the other list', ids(), 'windows', 'number:0312345678', undefined],
    ['a list the settings no longer allow', ids({ mode: 'numbersOnly' }), 'windows', 'window:cc-sales', undefined],
    ['a made-up value', ids(), 'numbers', 'number:0999999999', undefined],
  ])('%s', (_what, callerIds, list, value, expected) => {
    expect(callerIdChoice(callerIds, list, value)).toEqual(expected);
  });
});
