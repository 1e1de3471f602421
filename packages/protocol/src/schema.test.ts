import { describe, expect, it } from '@jest/globals';
import { array, bool, int, literal, nullable, object, oneOf, optional, parse, str, union, type Result, type Schema } from './schema.js';

/** The error text of a failed check (fails the test if the check passed). */
function errorOf<T>(r: Result<T>): string {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error;
}

function valueOf<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected success, got ${r.error}`);
  return r.value;
}

describe('str', () => {
  const name = str({ min: 1, max: 5, pattern: /^[a-z]+$/ });

  it('accepts a string within the limits', () => {
    expect(valueOf(name.check('abc', 'name'))).toBe('abc');
  });

  it.each([
    ['a number', 42, 'name: expected a string'],
    ['null', null, 'name: expected a string'],
    ['undefined', undefined, 'name: expected a string'],
    ['a String object', new String('abc'), 'name: expected a string'],
    ['an empty string below min', '', 'name: shorter than 1'],
    ['a string above max', 'abcdef', 'name: longer than 5'],
    ['a string breaking the pattern', 'ab1', 'name: has an invalid format'],
  ])('rejects %s with the path in the error', (_what, input, error) => {
    expect(errorOf(name.check(input, 'name'))).toBe(error);
  });

  it('rejects a huge string by length before running the pattern', () => {
    const huge = 'a'.repeat(1_000_000);

    expect(errorOf(str({ max: 64, pattern: /^(a+)+$/ }).check(huge, 'x'))).toBe('x: longer than 64');
  });

  it('treats a missing min as 0', () => {
    expect(valueOf(str({ max: 3 }).check('', 's'))).toBe('');
  });
});

describe('int', () => {
  const n = int({ min: 0, max: 10 });

  it.each([0, 5, 10])('accepts %p', (input) => {
    expect(valueOf(n.check(input, 'n'))).toBe(input);
  });

  it.each([
    ['a fraction', 1.5, 'n: expected an integer'],
    ['NaN', Number.NaN, 'n: expected an integer'],
    ['Infinity', Number.POSITIVE_INFINITY, 'n: expected an integer'],
    ['a numeric string', '3', 'n: expected an integer'],
    ['a bigint', 3n, 'n: expected an integer'],
    ['a value below min', -1, 'n: out of range 0..10'],
    ['a value above max', 11, 'n: out of range 0..10'],
  ])('rejects %s', (_what, input, error) => {
    expect(errorOf(n.check(input, 'n'))).toBe(error);
  });
});

describe('bool', () => {
  it.each([true, false])('accepts %p', (input) => {
    expect(valueOf(bool().check(input, 'b'))).toBe(input);
  });

  it.each(['true', 1, 0, null, undefined])('rejects %p', (input) => {
    expect(errorOf(bool().check(input, 'b'))).toBe('b: expected a boolean');
  });
});

describe('literal', () => {
  it.each([
    ['a string', literal('dial'), 'dial', 'answer'],
    ['a number', literal(1), 1, 2],
    ['a boolean', literal(false), false, 0],
  ] as const)('accepts exactly %s and rejects look-alikes', (_what, schema: Schema<unknown>, good, bad) => {
    expect(valueOf(schema.check(good, 'v'))).toBe(good);
    expect(errorOf(schema.check(bad, 'v'))).toBe(`v: expected ${JSON.stringify(good)}`);
  });

  it('does not coerce "1" to 1', () => {
    expect(literal(1).check('1', 'v').ok).toBe(false);
  });
});

describe('oneOf', () => {
  const state = oneOf(['ringing', 'talking'] as const);

  it('accepts a listed value', () => {
    expect(valueOf(state.check('talking', 's'))).toBe('talking');
  });

  it.each(['held', 'Ringing', '', 'toString', 1, null, ['ringing']])('rejects %p', (input) => {
    expect(errorOf(state.check(input, 's'))).toBe('s: expected one of ringing, talking');
  });
});

describe('array', () => {
  const digits = array(int({ min: 0, max: 9 }), { max: 3 });

  it('accepts a list and returns a new array', () => {
    const input = [1, 2, 3];

    const out = valueOf(digits.check(input, 'xs'));

    expect(out).toEqual([1, 2, 3]);
    expect(out).not.toBe(input);
  });

  it('accepts an empty list', () => {
    expect(valueOf(digits.check([], 'xs'))).toEqual([]);
  });

  it.each([
    ['an array-like object', { length: 1, 0: 1 }, 'xs: expected an array'],
    ['a string', '123', 'xs: expected an array'],
    ['too many items', [1, 2, 3, 4], 'xs: more than 3 items'],
    ['a bad item, naming its index', [1, 2, 'x'], 'xs[2]: expected an integer'],
  ])('rejects %s', (_what, input, error) => {
    expect(errorOf(digits.check(input, 'xs'))).toBe(error);
  });

  it('rejects a 10k-element array by size without checking every item', () => {
    let itemChecks = 0;
    const counting: Schema<unknown> = {
      check: (input) => {
        itemChecks += 1;
        return { ok: true, value: input };
      },
    };
    const huge = new Array<number>(10_000).fill(0);

    const r = array(counting, { max: 50 }).check(huge, 'statuses');

    expect(errorOf(r)).toBe('statuses: more than 50 items');
    expect(itemChecks).toBe(0);
  });
});

describe('optional and nullable', () => {
  it('optional accepts undefined and checks anything else', () => {
    const s = optional(str({ max: 3 }));

    expect(valueOf(s.check(undefined, 'o'))).toBeUndefined();
    expect(valueOf(s.check('abc', 'o'))).toBe('abc');
    expect(errorOf(s.check(null, 'o'))).toBe('o: expected a string');
  });

  it('nullable accepts null and checks anything else', () => {
    const s = nullable(int({ min: 0, max: 9 }));

    expect(valueOf(s.check(null, 'n'))).toBeNull();
    expect(valueOf(s.check(7, 'n'))).toBe(7);
    expect(errorOf(s.check(undefined, 'n'))).toBe('n: expected an integer');
  });
});

describe('object', () => {
  const person = object({
    name: str({ min: 1, max: 10 }),
    age: optional(int({ min: 0, max: 150 })),
    tags: array(str({ max: 5 }), { max: 3 }),
  });

  it('returns a fresh object holding only the declared keys', () => {
    const input = { name: 'Sato', age: 40, tags: ['vip'], role: 'admin', isAdmin: true };

    const out = valueOf(person.check(input, 'p'));

    expect(out).toEqual({ name: 'Sato', age: 40, tags: ['vip'] });
    expect(Object.keys(out).sort()).toEqual(['age', 'name', 'tags']);
    expect(out).not.toBe(input);
  });

  it('leaves an absent optional key absent (not present as undefined)', () => {
    const out = valueOf(person.check({ name: 'Sato', tags: [] }, 'p'));

    expect(Object.hasOwn(out, 'age')).toBe(false);
  });

  it.each([
    ['null', null, 'p: expected an object'],
    ['an array', [], 'p: expected an object'],
    ['a string', 'Sato', 'p: expected an object'],
    ['a missing required key', { tags: [] }, 'p.name: expected a string'],
    ['a wrong nested type', { name: 'Sato', tags: ['ok', 7] }, 'p.tags[1]: expected a string'],
  ])('rejects %s', (_what, input, error) => {
    expect(errorOf(person.check(input, 'p'))).toBe(error);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects an own %s key', (key) => {
    const input = JSON.parse(`{"name": "Sato", "tags": [], "${key}": {"polluted": true}}`) as unknown;

    expect(errorOf(person.check(input, 'p'))).toBe(`p.${key}: forbidden key`);
  });

  it('rejects a __proto__ key deep inside, naming its path', () => {
    const schema = object({ agent: object({ account: str({ max: 10 }) }) });
    const input = JSON.parse('{"agent": {"account": "a", "__proto__": {"isAdmin": true}}}') as unknown;

    expect(errorOf(schema.check(input, 'body'))).toBe('body.agent.__proto__: forbidden key');
  });

  it('does not pollute Object.prototype when given __proto__ payloads', () => {
    const nested = object({ agent: object({ account: str({ max: 10 }) }) });

    const results = [
      person.check(JSON.parse('{"name": "a", "tags": [], "__proto__": {"polluted": true}}'), 'p'),
      nested.check(JSON.parse('{"agent": {"account": "a", "__proto__": {"polluted": true}}}'), 'b'),
      person.check(JSON.parse('{"name": "a", "tags": [], "constructor": {"prototype": {"polluted": true}}}'), 'p'),
    ];

    expect(results.map((r) => r.ok)).toEqual([false, false, false]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('accepts an object without a prototype', () => {
    const input = Object.assign(Object.create(null) as object, { name: 'Sato', tags: [] });

    expect(valueOf(person.check(input, 'p'))).toEqual({ name: 'Sato', tags: [] });
  });
});

describe('union', () => {
  const command = union('type', {
    dial: object({ type: literal('dial'), number: str({ min: 1, max: 5 }) }),
    hangup: object({ type: literal('hangup'), callId: str({ min: 1, max: 5 }) }),
  });
  const reply = union('ok', {
    true: object({ ok: literal(true), value: int({ min: 0, max: 9 }) }),
    false: object({ ok: literal(false), code: str({ min: 1, max: 20 }) }),
  });

  it.each([[{ type: 'dial', number: '110' }], [{ type: 'hangup', callId: 'c1' }]])('picks the branch by a string tag: %p', (input) => {
    expect(valueOf(command.check(input, 'cmd'))).toEqual(input);
  });

  it.each([[{ ok: true, value: 3 }], [{ ok: false, code: 'BUSY' }]])('picks the branch by a boolean tag: %p', (input) => {
    expect(valueOf(reply.check(input, 'reply'))).toEqual(input);
  });

  it('checks the chosen branch and reports its path', () => {
    expect(errorOf(command.check({ type: 'dial', callId: 'c1' }, 'cmd'))).toBe('cmd.number: expected a string');
    expect(errorOf(reply.check({ ok: true, code: 'BUSY' }, 'reply'))).toBe('reply.value: expected an integer');
  });

  it.each([
    ['an unknown tag', { type: 'transfer' }],
    ['a missing tag', { number: '110' }],
    ['a numeric tag', { type: 1 }],
    ['an inherited method name as tag', { type: 'toString' }],
    ['"constructor" as tag', { type: 'constructor' }],
    ['"__proto__" as tag', { type: '__proto__' }],
  ])('rejects %s', (_what, input) => {
    expect(errorOf(command.check(input, 'cmd'))).toBe('cmd.type: expected one of dial, hangup');
  });

  it.each([null, 'dial', 3])('rejects the non-object %p', (input) => {
    expect(errorOf(command.check(input, 'cmd'))).toBe('cmd: expected an object');
  });

  it('drops unknown keys through the branch', () => {
    const out = valueOf(command.check({ type: 'dial', number: '110', extra: 'x' }, 'cmd'));

    expect(out).toEqual({ type: 'dial', number: '110' });
  });
});

describe('parse', () => {
  const body = object({
    calls: array(object({ id: str({ min: 1, max: 8 }), state: oneOf(['ringing', 'talking'] as const) }), { max: 8 }),
  });

  it('returns the validated value', () => {
    const out = parse(body, { calls: [{ id: 'c1', state: 'ringing', extra: 1 }] }, 'body');

    expect(out).toEqual({ calls: [{ id: 'c1', state: 'ringing' }] });
  });

  it('throws a TypeError naming the path of the first fault', () => {
    const input = {
      calls: [
        { id: 'c1', state: 'ringing' },
        { id: 'c2', state: 'exploded' },
      ],
    };

    expect(() => parse(body, input, 'body')).toThrow(TypeError);
    expect(() => parse(body, input, 'body')).toThrow('body.calls[1].state: expected one of ringing, talking');
  });

  it('names the root "value" by default', () => {
    expect(() => parse(bool(), 'yes')).toThrow('value: expected a boolean');
  });
});
