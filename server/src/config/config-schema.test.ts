/** The config file: the demo file is today's demo directory; every bad field is named in the error. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { validateConfig } from './config-schema.js';
import { ConfigError, DEMO_CONFIG_FILE, loadConfigFile, parseConfigText } from './load-config.js';
import { DEMO_PASSWORD, authenticate, callerIdsFor, demoDirectory } from './directory.js';

/** A config file as JSON: the tests turn valid fields into invalid ones, so nothing is typed. */
type Json = Record<string, unknown>;

const demoText = readFileSync(DEMO_CONFIG_FILE, 'utf8');
/** A fresh, mutable copy of the demo config file. */
const demo = (): Json => JSON.parse(demoText) as Json;

/** `tenants[0].accounts[2]` → `['tenants', 0, 'accounts', 2]` (the notation of the errors). */
const keysOf = (path: string): (string | number)[] => [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1]! : Number(m[2])));

/** The container (object or array) that holds the last key of `path`, and that key. */
function parentOf(config: Json, path: string): [Record<string | number, unknown>, string | number] {
  const keys = keysOf(path);
  const last = keys.pop()!;
  let node: unknown = config;
  for (const key of keys) node = (node as Record<string | number, unknown>)[key];
  if (typeof node !== 'object' || node === null) throw new Error(`no ${path} in the config`);
  return [node as Record<string | number, unknown>, last];
}
const get = (c: Json, path: string): unknown => {
  const [parent, key] = parentOf(c, path);
  return parent[key];
};
const set = (c: Json, path: string, value: unknown): void => {
  const [parent, key] = parentOf(c, path);
  parent[key] = value;
};
const remove = (c: Json, path: string): void => {
  const [parent, key] = parentOf(c, path);
  delete parent[key];
};
const listAt = (c: Json, path: string): unknown[] => {
  const list = get(c, path);
  if (!Array.isArray(list)) throw new Error(`${path} is not a list`);
  return list;
};
const push = (c: Json, path: string, ...values: unknown[]): void => void listAt(c, path).push(...values);
const pop = (c: Json, path: string): void => void listAt(c, path).pop();
/** The first tenant, as a plain object to spread into another one. */
const firstTenant = (c: Json) => get(c, 'tenants[0]') as Json;
const HASH = 'scrypt$16384$8$1$rgkZ3m0k9-sm0p6ks3EABw$lNj0iEjsBcih2KVFmQwKOmiovqT7LTiFFLpQk1tCjhs';

function errorOf(mutate: (c: Json) => void): string {
  const config = demo();
  mutate(config);
  const r = validateConfig(config);
  return r.ok ? '(accepted)' : r.error;
}

describe('the demo config file', () => {
  it('is exactly the demo directory the tests use', async () => {
    const loaded = await loadConfigFile(DEMO_CONFIG_FILE);

    expect(loaded).toEqual(demoDirectory);
    expect(JSON.parse(JSON.stringify(loaded))).toEqual(JSON.parse(JSON.stringify(demoDirectory)));
  });

  it('stores only hashes, and they are of the demo password', async () => {
    expect(demoText).not.toContain(DEMO_PASSWORD.replace('-', '')); // no plaintext anywhere
    expect(demoText.match(/biztel-demo/g) ?? []).toHaveLength(1); // only in the $comment
    const loaded = await loadConfigFile(DEMO_CONFIG_FILE);
    for (const account of ['agent01', 'agent02', 'agent03']) {
      expect((await authenticate(loaded, account, DEMO_PASSWORD))?.account.account).toBe(account);
    }
  });

  it('gives the distribution as a lookup without an inherited prototype', async () => {
    const loaded = await loadConfigFile(DEMO_CONFIG_FILE);
    const t = loaded.tenants[0]!;

    expect(callerIdsFor(t, 'agent03')).toMatchObject({ mode: 'windowsOnly', restricted: true });
    expect(callerIdsFor(t, 'constructor')).toMatchObject({ mode: 'switchable', restricted: false });
  });
});

describe('validateConfig: every bad field is named', () => {
  it.each<[string, (c: Json) => void, string]>([
    // shape
    ['not an object', (c) => set(c, 'tenants', 'x'), 'tenants: expected an array'],
    ['wrong version', (c) => set(c, 'version', 2), 'version: out of range 1..1'],
    ['missing version', (c) => remove(c, 'version'), 'version: expected an integer'],
    ['a misspelt field', (c) => set(c, 'tenants[0].extentions', []), 'tenants[0].extentions: unknown field'],
    ['a misspelt root field', (c) => set(c, 'tennants', []), 'tennants: unknown field'],
    [
      'a plaintext password',
      (c) => set(c, 'tenants[0].accounts[2]', { account: 'agent03', name: 'x', password: 'biztel-demo' }),
      'tenants[0].accounts[2].password: unknown field',
    ],
    [
      'no passwordHash',
      (c) => remove(c, 'tenants[0].accounts[2].passwordHash'),
      'tenants[0].accounts[2].passwordHash: expected a scrypt hash "scrypt$N$r$p$salt$hash"',
    ],
    [
      'a garbled passwordHash',
      (c) => set(c, 'tenants[0].accounts[2].passwordHash', 'scrypt$16384$8$1$abc'),
      'tenants[0].accounts[2].passwordHash: expected a scrypt hash "scrypt$N$r$p$salt$hash"',
    ],
    [
      'a weak passwordHash',
      (c) => set(c, 'tenants[0].accounts[1].passwordHash', HASH.replace('16384', '1024')),
      'tenants[0].accounts[1].passwordHash: expected a scrypt hash "scrypt$N$r$p$salt$hash" (make one with npm run hash-password): N must be a power of two',
    ],
    ['a bad account name', (c) => set(c, 'tenants[0].accounts[0].account', 'agent 01'), 'tenants[0].accounts[0].account: has an invalid format'],
    ['an empty name', (c) => set(c, 'tenants[0].accounts[0].name', ''), 'tenants[0].accounts[0].name: shorter than 1'],
    ['a non-digit extension', (c) => set(c, 'tenants[0].extensions[1]', '10a2'), 'tenants[0].extensions[1]: has an invalid format'],
    ['a numeric extension', (c) => set(c, 'tenants[0].extensions[1]', 1002), 'tenants[0].extensions[1]: expected a string'],
    ['a bad status id', (c) => set(c, 'tenants[0].statuses[0].id', 'on call'), 'tenants[0].statuses[0].id: has an invalid format'],
    ['a long status label', (c) => set(c, 'tenants[0].statuses[0].label', 'x'.repeat(41)), 'tenants[0].statuses[0].label: longer than 40'],
    [
      'a bad distribution mode',
      (c) => set(c, 'tenants[0].distribution.agent03.mode', 'windows'),
      'tenants[0].distribution.agent03.mode: expected one of switchable, numbersOnly, windowsOnly',
    ],
    [
      'a prototype key',
      (c) => set(c, 'tenants[0].distribution', JSON.parse('{"__proto__": {"mode": "switchable"}}')),
      'tenants[0].distribution.__proto__: forbidden key',
    ],
    ['park slots as text', (c) => set(c, 'tenants[0].parkSlots.first', '701'), 'tenants[0].parkSlots.first: expected an integer'],
    ['a short recall', (c) => set(c, 'tenants[0].parkRecallSeconds', 1), 'tenants[0].parkRecallSeconds: out of range 10..86400'],
    [
      'a bad caller ID number',
      (c) => set(c, 'tenants[0].callerIds.numbers[0].number', '03-1234-5000'),
      'tenants[0].callerIds.numbers[0].number: has an invalid format',
    ],
    ['a bad business label', (c) => set(c, 'tenants[0].businessLabels', [{ number: '0312345001' }]), 'tenants[0].businessLabels[0].label: expected a string'],
    // cross-field rules
    ['no tenant', (c) => set(c, 'tenants', []), 'tenants: at least one tenant is needed'],
    [
      'a duplicate tenant id',
      (c) => push(c, 'tenants', { ...firstTenant(c), accounts: [{ account: 'x1', name: 'X', passwordHash: HASH }], distribution: {} }),
      'tenants[1].id: duplicate tenant id "demo" (also at tenants[0].id)',
    ],
    [
      'an account in two tenants',
      (c) => push(c, 'tenants', { ...firstTenant(c), id: 'other', accounts: [{ account: 'agent02', name: 'X', passwordHash: HASH }], distribution: {} }),
      'tenants[1].accounts[0].account: duplicate account "agent02" (also at tenants[0].accounts[1].account)',
    ],
    [
      'a duplicate account',
      (c) => set(c, 'tenants[0].accounts[2].account', 'agent01'),
      'tenants[0].accounts[2].account: duplicate account "agent01" (also at tenants[0].accounts[0].account)',
    ],
    [
      'a duplicate extension',
      (c) => push(c, 'tenants[0].extensions', '1001'),
      'tenants[0].extensions[3]: duplicate extension "1001" (also at tenants[0].extensions[0])',
    ],
    [
      'no account',
      (c) => (set(c, 'tenants[0].accounts', []), set(c, 'tenants[0].distribution', {})),
      'tenants[0].accounts: a tenant needs at least one account',
    ],
    [
      'no extension',
      (c) => (set(c, 'tenants[0].extensions', []), set(c, 'tenants[0].ringGroups', [])),
      'tenants[0].extensions: a tenant needs at least one extension',
    ],
    ['no logoff status', (c) => pop(c, 'tenants[0].statuses'), 'tenants[0].statuses: the "logoff" status (ログオフ) is missing'],
    [
      'only the logoff status',
      (c) => set(c, 'tenants[0].statuses', [{ id: 'logoff', label: 'ログオフ' }]),
      'tenants[0].statuses: needs a status besides "logoff"',
    ],
    ['a duplicate status id', (c) => push(c, 'tenants[0].statuses', { id: 'away', label: '離席2' }), 'tenants[0].statuses[5].id: duplicate status id "away"'],
    [
      'a duplicate caller ID number',
      (c) => push(c, 'tenants[0].callerIds.numbers', { number: '0312345000', label: 'x' }),
      'tenants[0].callerIds.numbers[3].number: duplicate number "0312345000"',
    ],
    [
      'a duplicate window',
      (c) => push(c, 'tenants[0].callerIds.windows', { id: 'sales', name: 'x', number: '0312345009' }),
      'tenants[0].callerIds.windows[2].id: duplicate window id "sales"',
    ],
    [
      'a default number not in the list',
      (c) => set(c, 'tenants[0].callerIds.defaultNumber', '0312345002'),
      'tenants[0].callerIds.defaultNumber: "0312345002" is not one of callerIds.numbers',
    ],
    [
      'distribution for an unknown account',
      (c) => set(c, 'tenants[0].distribution.agent09', { mode: 'switchable' }),
      'tenants[0].distribution.agent09: "agent09" is not an account of this tenant',
    ],
    [
      'distribution to an unknown number',
      (c) => set(c, 'tenants[0].distribution.agent01', { mode: 'numbersOnly', numbers: ['0312345000', '0399999999'] }),
      'tenants[0].distribution.agent01.numbers[1]: "0399999999" is not one of callerIds.numbers',
    ],
    [
      'distribution to an unknown window',
      (c) => set(c, 'tenants[0].distribution.agent03.windows', ['support', 'billing']),
      'tenants[0].distribution.agent03.windows[1]: "billing" is not one of callerIds.windows',
    ],
    [
      'a ring group on an extension',
      (c) => set(c, 'tenants[0].ringGroups[0].extension', '1002'),
      'tenants[0].ringGroups[0].extension: "1002" is already used at tenants[0].extensions[1]',
    ],
    [
      'two ring groups on one number',
      (c) => push(c, 'tenants[0].ringGroups', { extension: '2000', name: 'x', members: ['1001'] }),
      'tenants[0].ringGroups[1].extension: "2000" is already used at tenants[0].ringGroups[0].extension',
    ],
    [
      'a ring group member of no extension',
      (c) => push(c, 'tenants[0].ringGroups[0].members', '1004'),
      'tenants[0].ringGroups[0].members[3]: "1004" is not one of this tenant\'s extensions',
    ],
    ['a ring group member twice', (c) => push(c, 'tenants[0].ringGroups[0].members', '1001'), 'tenants[0].ringGroups[0].members[3]: duplicate member "1001"'],
    ['an empty ring group', (c) => set(c, 'tenants[0].ringGroups[0].members', []), 'tenants[0].ringGroups[0].members: a ring group needs at least one member'],
    ['park slots backwards', (c) => set(c, 'tenants[0].parkSlots', { first: 720, last: 701 }), 'tenants[0].parkSlots.last: 701 is below parkSlots.first 720'],
    ['too many park slots', (c) => set(c, 'tenants[0].parkSlots', { first: 1, last: 5000 }), 'tenants[0].parkSlots: more than 1000 slots'],
    [
      'park slots over an extension',
      (c) => set(c, 'tenants[0].parkSlots', { first: 1000, last: 1010 }),
      'tenants[0].parkSlots: 1000–1010 overlaps tenants[0].extensions[0] "1001"',
    ],
    [
      'park slots over a ring group',
      (c) => set(c, 'tenants[0].parkSlots', { first: 1990, last: 2010 }),
      'tenants[0].parkSlots: 1990–2010 overlaps tenants[0].ringGroups[0].extension "2000"',
    ],
    [
      'a duplicate business label',
      (c) =>
        set(c, 'tenants[0].businessLabels', [
          { number: '0312345001', label: 'a' },
          { number: '0312345001', label: 'b' },
        ]),
      'tenants[0].businessLabels[1].number: duplicate number "0312345001"',
    ],
    ['empty default statuses', (c) => set(c, 'defaultStatuses', []), 'defaultStatuses: must not be empty'],
  ])('%s', (_what, mutate, message) => {
    expect(errorOf(mutate)).toContain(message);
  });

  it('accepts the example in docs/server-config.md', () => {
    const doc = readFileSync('docs/server-config.md', 'utf8');
    const example = /## Example[^]*?```json\n([^]*?)```/.exec(doc)?.[1];

    expect(example).toEqual(expect.stringContaining('"tenants"'));
    expect(validateConfig(JSON.parse(example!))).toMatchObject({ ok: true });
  });

  it('names the root when the file is not an object', () => {
    expect(validateConfig([])).toEqual({ ok: false, error: '(root): expected an object' });
  });

  it('accepts comments, business labels, explicit default statuses and no ring groups or distribution', () => {
    const r = validateConfig({
      $comment: 'minimal',
      version: 1,
      defaultStatuses: [{ id: 'available', label: 'Available' }],
      tenants: [
        {
          id: 'acme',
          name: 'ACME',
          accounts: [{ account: 'a1', name: 'A One', passwordHash: HASH }],
          extensions: ['201'],
          statuses: [
            { id: 'available', label: 'Available' },
            { id: 'logoff', label: 'Signed out' },
          ],
          callerIds: { numbers: [{ number: '0311112222', label: 'Main' }], windows: [], defaultNumber: '0311112222' },
          parkSlots: { first: 701, last: 702 },
          parkRecallSeconds: 60,
          businessLabels: [{ number: '0311112222', label: '代表' }],
        },
      ],
    });

    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.tenants[0]).toMatchObject({ ringGroups: [], distribution: {}, businessLabels: [{ number: '0311112222', label: '代表' }] });
    expect(r.value.defaultStatuses).toEqual([{ id: 'available', label: 'Available' }]);
  });
});

describe('loadConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'biztel-config-'));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('names the file and the bad field', async () => {
    const config = demo();
    set(config, 'tenants[0].accounts[2].passwordHash', 'plaintext');
    const file = write('bad-hash.json', JSON.stringify(config));

    await expect(loadConfigFile(file)).rejects.toThrow(
      new RegExp(
        `^config ${file.replace(/[/\\.]/g, '\\$&')}: tenants\\[0\\]\\.accounts\\[2\\]\\.passwordHash: expected a scrypt hash "scrypt\\$N\\$r\\$p\\$salt\\$hash"`,
      ),
    );
    await expect(loadConfigFile(file)).rejects.toBeInstanceOf(ConfigError);
  });

  it('says where a JSON syntax error is', async () => {
    const file = write('broken.json', '{\n  "version": 1,\n  "tenants": [,]\n}\n');

    // Node 20 quotes the text around the fault; newer Node versions give a position (→ line, column).
    await expect(loadConfigFile(file)).rejects.toThrow(/^config .*broken\.json: not valid JSON: [^]*(\(line 3, column 1[0-9]\)|\[,\])/);
  });

  it('refuses a missing file, a directory and another format', async () => {
    await expect(loadConfigFile(join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: cannot be read \(ENOENT\)/);
    await expect(loadConfigFile(write('config.yaml', 'version: 1\n'))).rejects.toThrow(/config\.yaml: only JSON config files/);
    expect(parseConfigText('\uFEFF' + demoText, 'bom.json')).toEqual(demoDirectory);
  });
});
