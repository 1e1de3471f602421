/**
 * The caller-ID selector (通知番号選択欄, seed 001 §5, seed 003): which lists the distributed
 * settings allow, the options of a list, and the choice a dial carries. Pure.
 */
import type { CallerIdChoice, CallerIds } from '@biztel/protocol';

/** 番号リスト (numbers) or 窓口リスト (windows: call centres / business labels). */
export type CallerIdList = 'numbers' | 'windows';

export interface CallerIdOption {
  /** The `<option>` value: `number:<digits>` or `window:<id>`; `''` is 指定なし (server default). */
  readonly value: string;
  /** The number's label or the window's name; may be empty for a number. */
  readonly name: string;
  readonly number: string;
  readonly choice: CallerIdChoice;
}

/** The lists the agent may pick from, in display order (表示リスト: 切替可能 / 番号のみ / 窓口のみ). */
export function callerIdLists(callerIds: CallerIds): readonly CallerIdList[] {
  switch (callerIds.mode) {
    case 'switchable':
      return ['numbers', 'windows'];
    case 'numbersOnly':
      return ['numbers'];
    case 'windowsOnly':
      return ['windows'];
  }
}

/** The list shown: the agent's pick when the settings allow it, else the first allowed list. */
export function effectiveCallerIdList(callerIds: CallerIds, wanted: CallerIdList | null): CallerIdList {
  const lists = callerIdLists(callerIds);
  return wanted !== null && lists.includes(wanted) ? wanted : (lists[0] ?? 'numbers');
}

/** The `<option>` value of a choice, and the list it is on (the inverse of `callerIdChoice`). */
export function callerIdValue(choice: CallerIdChoice): { readonly list: CallerIdList; readonly value: string } {
  return choice.kind === 'number' ? { list: 'numbers', value: `number:${choice.number}` } : { list: 'windows', value: `window:${choice.id}` };
}

/** The options of one list, in the server's order. */
export function callerIdOptions(callerIds: CallerIds, list: CallerIdList): readonly CallerIdOption[] {
  return list === 'numbers'
    ? callerIds.numbers.map((n) => ({
        value: `number:${n.number}`,
        name: n.label.trim(),
        number: n.number,
        choice: { kind: 'number', number: n.number },
      }))
    : callerIds.windows.map((w) => ({
        value: `window:${w.id}`,
        name: w.name,
        number: w.number,
        choice: { kind: 'window', id: w.id },
      }));
}

/**
 * The caller ID a dial carries for the selected `value`: undefined for 指定なし, and also when the
 * value is no longer offered (the settings changed since it was picked), so the server's default
 * rule applies instead of a number the administrator withdrew.
 */
export function callerIdChoice(callerIds: CallerIds, list: CallerIdList, value: string): CallerIdChoice | undefined {
  if (value === '' || !callerIdLists(callerIds).includes(list)) return undefined;
  return callerIdOptions(callerIds, list).find((o) => o.value === value)?.choice;
}
