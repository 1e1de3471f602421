/**
 * Tenants, accounts, extensions and statuses the server knows. The demo directory is what
 * `npm start` uses; a validated config file replaces it in production (see the server issue).
 */
import { timingSafeEqual } from 'node:crypto';
import { LOGOFF_STATUS_ID, type AgentStatus } from '../../../web-components/src/protocol/index.js';

export interface AccountConfig {
  readonly account: string;
  readonly password: string;
  readonly name: string;
}

export interface TenantConfig {
  readonly id: string;
  readonly name: string;
  readonly accounts: readonly AccountConfig[];
  readonly extensions: readonly string[];
  readonly statuses: readonly AgentStatus[];
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

/** Finds the account and checks the password in constant time; undefined when either is wrong. */
export function authenticate(directory: Directory, account: string, password: string): Credential | undefined {
  for (const tenant of directory.tenants) {
    const found = tenant.accounts.find((a) => a.account === account);
    if (found) return samePassword(found.password, password) ? { tenant, account: found } : undefined;
  }
  return undefined;
}

function samePassword(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const DEMO_STATUSES: readonly AgentStatus[] = [
  { id: 'available', label: '受付可' },
  { id: 'wrapup', label: '後処理' },
  { id: 'away', label: '離席' },
  { id: 'break', label: '休憩' },
  { id: LOGOFF_STATUS_ID, label: 'ログオフ' },
];

export const DEMO_PASSWORD = 'biztel-demo';

export const demoDirectory: Directory = {
  defaultStatuses: DEMO_STATUSES,
  tenants: [
    {
      id: 'demo',
      name: 'Demo Contact Center',
      accounts: [
        { account: 'agent01', password: DEMO_PASSWORD, name: '山田 花子' },
        { account: 'agent02', password: DEMO_PASSWORD, name: '佐藤 太郎' },
        { account: 'agent03', password: DEMO_PASSWORD, name: '鈴木 一郎' },
      ],
      extensions: ['1001', '1002', '1003'],
      statuses: DEMO_STATUSES,
    },
  ],
};
