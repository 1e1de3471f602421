/**
 * Tenants, accounts, extensions and statuses the server knows. The server reads them from a
 * validated config file (`CONFIG_FILE`, see docs/server-config.md and ./config-schema.ts);
 * `demoDirectory` is the same directory as the demo file server/config/demo.json, for tests.
 */
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.js';
import { LOGOFF_STATUS_ID, type AgentStatus, type CallerIdChoice, type CallerIds } from '@biztel/protocol';

export interface AccountConfig {
  readonly account: string;
  /** `scrypt$N$r$p$salt$hash` (./passwords.ts); the plaintext password is never stored. */
  readonly passwordHash: string;
  readonly name: string;
}

export interface CallerIdNumber {
  readonly number: string;
  readonly label: string;
}

/** A window (窓口): a call center / business line with its own presented number. */
export interface CallerIdWindow {
  readonly id: string;
  readonly name: string;
  readonly number: string;
}

/**
 * Settings distribution for one account (seed 003): which caller IDs the softphone may present
 * and how the list is offered. Accounts without an entry get every number and window, switchable.
 */
export interface Distribution {
  readonly mode: 'switchable' | 'numbersOnly' | 'windowsOnly';
  /** Allowed numbers; absent = all. */
  readonly numbers?: readonly string[];
  /** Allowed window ids; absent = all. */
  readonly windows?: readonly string[];
}

export interface RingGroup {
  /** The number agents and callers dial; it rings every member's phone. */
  readonly extension: string;
  readonly name: string;
  readonly members: readonly string[];
}

export interface TenantConfig {
  readonly id: string;
  readonly name: string;
  readonly accounts: readonly AccountConfig[];
  readonly extensions: readonly string[];
  readonly statuses: readonly AgentStatus[];
  readonly callerIds: {
    readonly numbers: readonly CallerIdNumber[];
    readonly windows: readonly CallerIdWindow[];
    /** The server's rule when the agent chose nothing: this number is presented. */
    readonly defaultNumber: string;
  };
  readonly distribution: Readonly<Record<string, Distribution>>;
  readonly ringGroups: readonly RingGroup[];
  /** Park slots, e.g. 701–720 (seed 001 §7). */
  readonly parkSlots: { readonly first: number; readonly last: number };
  /** Seconds a parked call waits before ringing back the phone that parked it. */
  readonly parkRecallSeconds: number;
  /** 業務ラベル: the label inbound calls to each of the tenant's numbers carry (optional). */
  readonly businessLabels?: readonly BusinessLabel[];
}

export interface BusinessLabel {
  /** The number the customer dialled (a DID of the tenant). */
  readonly number: string;
  readonly label: string;
}

export interface Directory {
  readonly tenants: readonly TenantConfig[];
  /** Statuses offered on the sign-in form before the tenant is known. */
  readonly defaultStatuses: readonly AgentStatus[];
}

export interface Credential {
  readonly tenant: TenantConfig;
  readonly account: AccountConfig;
}

/**
 * Finds the account and checks the password against its scrypt hash; undefined when either is
 * wrong. An unknown account is checked against a dummy hash, so it takes as long as a known one
 * and the answer's timing does not tell which accounts exist.
 */
export async function authenticate(
  directory: Directory,
  account: string,
  password: string,
  verify: (password: string, encoded: string) => Promise<boolean> = verifyPassword,
): Promise<Credential | undefined> {
  const found = findAccount(directory, account);
  const matches = await verify(password, found?.account.passwordHash ?? DUMMY_PASSWORD_HASH);
  return found && matches ? found : undefined;
}

/** The tenant and account entry for an account name (account names are unique across tenants). */
export function findAccount(directory: Directory, account: string): Credential | undefined {
  for (const tenant of directory.tenants) {
    const found = tenant.accounts.find((a) => a.account === account);
    if (found) return { tenant, account: found };
  }
  return undefined;
}

/**
 * The number an outbound call presents: the agent's choice if the distribution allows it, else
 * the tenant's default rule (its default number when allowed, otherwise the first allowed entry).
 * Undefined means the choice is not allowed for this account.
 */
export function resolveCallerId(tenant: TenantConfig, account: string, choice: CallerIdChoice | undefined): string | undefined {
  const allowed = callerIdsFor(tenant, account);
  if (choice) return offeredNumber(allowed, choice);
  const all = [...allowed.numbers.map((n) => n.number), ...allowed.windows.map((w) => w.number)];
  return all.includes(tenant.callerIds.defaultNumber) ? tenant.callerIds.defaultNumber : (all[0] ?? tenant.callerIds.defaultNumber);
}

export const DEMO_STATUSES: readonly AgentStatus[] = [
  { id: 'available', label: '受付可' },
  { id: 'wrapup', label: '後処理' },
  { id: 'away', label: '離席' },
  { id: 'break', label: '休憩' },
  { id: LOGOFF_STATUS_ID, label: 'ログオフ' },
];

/** The password of every demo account (the demo config stores only its hashes). */
export const DEMO_PASSWORD = 'biztel-demo';

/** The number `choice` presents if `offered` holds it (undefined: not offered). */
export function offeredNumber(offered: CallerIds, choice: CallerIdChoice): string | undefined {
  if (choice.kind === 'number') return offered.numbers.find((n) => n.number === choice.number)?.number;
  return offered.windows.find((w) => w.id === choice.id)?.number;
}

/** The caller-ID lists an account may use, after the administrator's distribution settings. */
export function callerIdsFor(tenant: TenantConfig, account: string | undefined): CallerIds {
  const rule = account === undefined ? undefined : tenant.distribution[account];
  const numbers = tenant.callerIds.numbers.filter((n) => !rule?.numbers || rule.numbers.includes(n.number));
  const windows = tenant.callerIds.windows.filter((w) => !rule?.windows || rule.windows.includes(w.id));
  const mode = rule?.mode ?? 'switchable';
  return {
    mode,
    restricted: rule !== undefined,
    numbers: mode === 'windowsOnly' ? [] : numbers.map((n) => ({ ...n })),
    windows: mode === 'numbersOnly' ? [] : windows.map((w) => ({ ...w })),
  };
}

/** The demo directory: the same as server/config/demo.json (a test keeps them equal). */
export const demoDirectory: Directory = {
  defaultStatuses: DEMO_STATUSES,
  tenants: [
    {
      id: 'demo',
      name: 'Demo Contact Center',
      accounts: [
        { account: 'agent01', passwordHash: 'scrypt$16384$8$1$rgkZ3m0k9-sm0p6ks3EABw$lNj0iEjsBcih2KVFmQwKOmiovqT7LTiFFLpQk1tCjhs', name: '山田 花子' },
        { account: 'agent02', passwordHash: 'scrypt$16384$8$1$WXbLkcYNwUnWL8PYB5dpIw$cj6TCrv4z4dixnRzWurvZ967jSCEbOtJ_ypU5Uo6qzQ', name: '佐藤 太郎' },
        { account: 'agent03', passwordHash: 'scrypt$16384$8$1$KA6Y0baM74Up5fJV1CJkvQ$ogEFhL8voIOwXDfFxerA1AnciMYqCX8R4juIpus92gI', name: '鈴木 一郎' },
      ],
      extensions: ['1001', '1002', '1003'],
      statuses: DEMO_STATUSES,
      callerIds: {
        numbers: [
          { number: '0312345000', label: '代表' },
          { number: '0312345001', label: 'サポート直通' },
          { number: '0120123456', label: 'フリーダイヤル' },
        ],
        windows: [
          { id: 'support', name: 'サポート窓口', number: '0312345001' },
          { id: 'sales', name: '営業窓口', number: '0312345002' },
        ],
        defaultNumber: '0312345000',
      },
      distribution: {
        // agent03's softphone is restricted by the administrator to windows only.
        agent03: { mode: 'windowsOnly', windows: ['support'] },
      },
      ringGroups: [{ extension: '2000', name: 'サポートグループ', members: ['1001', '1002', '1003'] }],
      parkSlots: { first: 701, last: 720 },
      parkRecallSeconds: 300,
    },
  ],
};
