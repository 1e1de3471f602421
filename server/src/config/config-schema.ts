/**
 * The server config file's schema (docs/server-config.md): tenants, accounts with password hashes,
 * extensions, statuses, caller IDs, settings distribution, ring groups, park slots and business
 * labels. Built from the protocol's small validator library, so every error names the field's
 * path (`tenants[0].accounts[2].passwordHash: …`); cross-field rules are checked after the shape.
 * Pure: no I/O (./load-config.ts reads the file).
 */
import {
  LOGOFF_STATUS_ID,
  array,
  int,
  object,
  oneOf,
  optional,
  str,
  CALLER_ID_MODES,
  type Infer,
  type ObjectOf,
  type Result,
  type Schema,
} from '@biztel/protocol';
import type { Directory, Distribution, TenantConfig } from './directory.js';
import { PASSWORD_HASH_FORMAT, checkPasswordHash } from './passwords.js';

export const CONFIG_VERSION = 1;

// ---- small helpers on top of the protocol's validators -----------------------------------------

const fail = (path: string, what: string): Result<never> => ({ ok: false, error: `${path}: ${what}` });

/** Keys that could pollute prototypes, refused as in the protocol's `object`. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys an author may add anywhere as a comment. */
const COMMENT_KEY = '$comment';

/**
 * Like `object`, but a key that is not in the shape is an error (a misspelt field must not be
 * silently ignored in a config file). `$comment` is allowed everywhere.
 */
function strict<S extends Record<string, Schema<unknown>>>(shape: S): Schema<ObjectOf<S>> {
  const inner = object(shape);
  return {
    check(input, path) {
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
        for (const key of Object.keys(input)) {
          if (key !== COMMENT_KEY && !Object.hasOwn(shape, key)) {
            return fail(`${path}.${key}`, `unknown field (expected ${Object.keys(shape).join(', ')})`);
          }
        }
      }
      return inner.check(input, path);
    },
  };
}

/** A plain object used as a map from validated keys to validated values (null prototype). */
function record<V>(key: Schema<string>, value: Schema<V>, opts: { max: number }): Schema<Record<string, V>> {
  return {
    check(input, path) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(path, 'expected an object');
      const keys = Object.keys(input).filter((k) => k !== COMMENT_KEY);
      if (keys.length > opts.max) return fail(path, `more than ${opts.max} entries`);
      const out = Object.create(null) as Record<string, V>;
      for (const k of keys) {
        if (FORBIDDEN_KEYS.has(k)) return fail(`${path}.${k}`, 'forbidden key');
        const kr = key.check(k, `${path}.${k}`);
        if (!kr.ok) return fail(`${path}.${k}`, 'invalid key');
        const vr = value.check((input as Record<string, unknown>)[k], `${path}.${k}`);
        if (!vr.ok) return vr;
        out[k] = vr.value;
      }
      return { ok: true, value: out };
    },
  };
}

/** A string that must be a valid scrypt hash; the message says what is wrong with it. */
function passwordHash(): Schema<string> {
  return {
    check(input, path) {
      const expected = `expected a scrypt hash "${PASSWORD_HASH_FORMAT}" (make one with npm run hash-password)`;
      if (typeof input !== 'string' || input.length > 300) return fail(path, expected);
      const r = checkPasswordHash(input);
      return r.ok ? { ok: true, value: input } : fail(path, `${expected}: ${r.problem}`);
    },
  };
}

// ---- the shape ---------------------------------------------------------------------------------

const id = str({ min: 1, max: 32, pattern: /^[A-Za-z0-9_-]+$/ });
const accountName = str({ min: 1, max: 64, pattern: /^[A-Za-z0-9_.@-]+$/ });
const extension = str({ min: 1, max: 16, pattern: /^[0-9]+$/ });
const phoneNumber = str({ min: 1, max: 32, pattern: /^[0-9]+$/ });
const displayName = str({ min: 1, max: 64 });

/** The same limits as the protocol's `statusSchema`, so every configured status can be sent. */
const status = strict({ id, label: str({ min: 1, max: 40 }) });

const accountSchema = strict({
  account: accountName,
  name: displayName,
  passwordHash: passwordHash(),
});

const distributionSchema = strict({
  mode: oneOf(CALLER_ID_MODES),
  numbers: optional(array(phoneNumber, { max: 200 })),
  windows: optional(array(id, { max: 200 })),
});

const tenantSchema = strict({
  id,
  name: displayName,
  accounts: array(accountSchema, { max: 10_000 }),
  extensions: array(extension, { max: 10_000 }),
  statuses: array(status, { max: 50 }),
  callerIds: strict({
    numbers: array(strict({ number: phoneNumber, label: str({ min: 0, max: 64 }) }), { max: 200 }),
    windows: array(strict({ id, name: displayName, number: phoneNumber }), { max: 200 }),
    defaultNumber: phoneNumber,
  }),
  distribution: optional(record(accountName, distributionSchema, { max: 10_000 })),
  ringGroups: optional(array(strict({ extension, name: displayName, members: array(extension, { max: 1000 }) }), { max: 1000 })),
  parkSlots: strict({ first: int({ min: 1, max: 99_999_999 }), last: int({ min: 1, max: 99_999_999 }) }),
  parkRecallSeconds: int({ min: 10, max: 86_400 }),
  businessLabels: optional(array(strict({ number: phoneNumber, label: str({ min: 1, max: 64 }) }), { max: 1000 })),
});

export const configSchema = strict({
  $schema: optional(str({ min: 0, max: 500 })),
  version: int({ min: CONFIG_VERSION, max: CONFIG_VERSION }),
  defaultStatuses: optional(array(status, { max: 50 })),
  tenants: array(tenantSchema, { max: 1000 }),
});
export type ConfigFile = Infer<typeof configSchema>;
type TenantFile = ConfigFile['tenants'][number];

/** Park slot ranges larger than this are surely a typo. */
export const MAX_PARK_SLOTS = 1000;

// ---- cross-field rules -------------------------------------------------------------------------

/** Finds the first entry whose key was seen before; the message names both places. */
function firstDuplicate<T>(items: readonly T[], keyOf: (item: T) => string, pathOf: (index: number) => string, what: string): string | undefined {
  const seen = new Map<string, number>();
  for (const [i, item] of items.entries()) {
    const key = keyOf(item);
    const before = seen.get(key);
    if (before !== undefined) return `${pathOf(i)}: duplicate ${what} "${key}" (also at ${pathOf(before)})`;
    seen.set(key, i);
  }
  return undefined;
}

function checkTenant(t: TenantFile, at: string): string | undefined {
  const dup =
    firstDuplicate(
      t.extensions,
      (e) => e,
      (i) => `${at}.extensions[${i}]`,
      'extension',
    ) ??
    firstDuplicate(
      t.statuses,
      (s) => s.id,
      (i) => `${at}.statuses[${i}].id`,
      'status id',
    ) ??
    firstDuplicate(
      t.callerIds.numbers,
      (n) => n.number,
      (i) => `${at}.callerIds.numbers[${i}].number`,
      'number',
    ) ??
    firstDuplicate(
      t.callerIds.windows,
      (w) => w.id,
      (i) => `${at}.callerIds.windows[${i}].id`,
      'window id',
    ) ??
    firstDuplicate(
      t.businessLabels ?? [],
      (b) => b.number,
      (i) => `${at}.businessLabels[${i}].number`,
      'number',
    );
  if (dup) return dup;

  if (t.accounts.length === 0) return `${at}.accounts: a tenant needs at least one account`;
  if (t.extensions.length === 0) return `${at}.extensions: a tenant needs at least one extension`;
  if (!t.statuses.some((s) => s.id === LOGOFF_STATUS_ID)) return `${at}.statuses: the "${LOGOFF_STATUS_ID}" status (ログオフ) is missing`;
  if (!t.statuses.some((s) => s.id !== LOGOFF_STATUS_ID)) return `${at}.statuses: needs a status besides "${LOGOFF_STATUS_ID}"`;

  const numbers = new Set(t.callerIds.numbers.map((n) => n.number));
  const windows = new Set(t.callerIds.windows.map((w) => w.id));
  if (!numbers.has(t.callerIds.defaultNumber)) return `${at}.callerIds.defaultNumber: "${t.callerIds.defaultNumber}" is not one of callerIds.numbers`;

  const accounts = new Set(t.accounts.map((a) => a.account));
  for (const [account, rule] of Object.entries(t.distribution ?? {})) {
    const here = `${at}.distribution.${account}`;
    if (!accounts.has(account)) return `${here}: "${account}" is not an account of this tenant`;
    const n = rule.numbers?.findIndex((x) => !numbers.has(x)) ?? -1;
    if (n >= 0) return `${here}.numbers[${n}]: "${rule.numbers![n]}" is not one of callerIds.numbers`;
    const w = rule.windows?.findIndex((x) => !windows.has(x)) ?? -1;
    if (w >= 0) return `${here}.windows[${w}]: "${rule.windows![w]}" is not one of callerIds.windows`;
  }

  const extensions = new Set(t.extensions);
  const groups = t.ringGroups ?? [];
  const taken = new Map<string, string>(t.extensions.map((e, i) => [e, `${at}.extensions[${i}]`]));
  for (const [g, group] of groups.entries()) {
    const here = `${at}.ringGroups[${g}]`;
    const clash = taken.get(group.extension);
    if (clash) return `${here}.extension: "${group.extension}" is already used at ${clash}`;
    taken.set(group.extension, `${here}.extension`);
    if (group.members.length === 0) return `${here}.members: a ring group needs at least one member`;
    const m = group.members.findIndex((x) => !extensions.has(x));
    if (m >= 0) return `${here}.members[${m}]: "${group.members[m]}" is not one of this tenant's extensions`;
    const twice = firstDuplicate(
      group.members,
      (x) => x,
      (i) => `${here}.members[${i}]`,
      'member',
    );
    if (twice) return twice;
  }

  const { first, last } = t.parkSlots;
  if (first > last) return `${at}.parkSlots.last: ${last} is below parkSlots.first ${first}`;
  if (last - first + 1 > MAX_PARK_SLOTS) return `${at}.parkSlots: more than ${MAX_PARK_SLOTS} slots (${first}–${last})`;
  for (const [number, where] of taken) {
    const n = Number(number);
    if (String(n) === number && n >= first && n <= last) return `${at}.parkSlots: ${first}–${last} overlaps ${where} "${number}"`;
  }
  return undefined;
}

function checkConfig(config: ConfigFile): string | undefined {
  if (config.tenants.length === 0) return 'tenants: at least one tenant is needed';
  const dup = firstDuplicate(
    config.tenants,
    (t) => t.id,
    (i) => `tenants[${i}].id`,
    'tenant id',
  );
  if (dup) return dup;
  // Sign-in names no tenant, so an account name may belong to one tenant only.
  const accounts = config.tenants.flatMap((t, ti) => t.accounts.map((a, ai) => ({ account: a.account, path: `tenants[${ti}].accounts[${ai}].account` })));
  const twice = firstDuplicate(
    accounts,
    (a) => a.account,
    (i) => accounts[i]!.path,
    'account',
  );
  if (twice) return twice;
  for (const [i, tenant] of config.tenants.entries()) {
    const problem = checkTenant(tenant, `tenants[${i}]`);
    if (problem) return problem;
  }
  if (config.defaultStatuses?.length === 0) return 'defaultStatuses: must not be empty (leave it out to use the first tenant’s statuses)';
  return undefined;
}

// ---- entry point -------------------------------------------------------------------------------

/**
 * Validates a parsed config file and builds the server's directory. The error is `path: what`
 * with the path from the file's root, e.g. `tenants[0].accounts[2].passwordHash: …`.
 */
export function validateConfig(input: unknown): Result<Directory> {
  const shaped = configSchema.check(input, '');
  if (!shaped.ok) return { ok: false, error: shaped.error.startsWith(':') ? `(root)${shaped.error}` : shaped.error.replace(/^\./, '') };
  const problem = checkConfig(shaped.value);
  if (problem) return { ok: false, error: problem };
  const config = shaped.value;
  const tenants: TenantConfig[] = config.tenants.map((t) => ({
    id: t.id,
    name: t.name,
    accounts: t.accounts,
    extensions: t.extensions,
    statuses: t.statuses,
    callerIds: t.callerIds,
    distribution: (t.distribution ?? Object.create(null)) as Record<string, Distribution>,
    ringGroups: t.ringGroups ?? [],
    parkSlots: t.parkSlots,
    parkRecallSeconds: t.parkRecallSeconds,
    ...(t.businessLabels ? { businessLabels: t.businessLabels } : {}),
  }));
  return { ok: true, value: { tenants, defaultStatuses: config.defaultStatuses ?? tenants[0]!.statuses } };
}
