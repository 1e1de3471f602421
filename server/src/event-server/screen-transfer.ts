/**
 * Screen transfer (seed 001 §9) on the server: a call the PBX marks `transferredBy` arrives with
 * the record its sender was viewing at that moment, frozen for the life of the call.
 */
import { LOGOFF_STATUS_ID, type Call, type TransferredScreen } from '@biztel/protocol';
import type { TenantConfig } from '../config/directory.js';
import type { Line, LineStore } from './line-store.js';

/**
 * What each sender of a transferred call views now (read before the receiving line changes):
 * only the same tenant's lines are looked at.
 */
export async function sendersOf(lines: LineStore, tenant: TenantConfig, extension: string, calls: Call[]): Promise<Map<string, TransferredScreen | null>> {
  const senders = [...new Set(calls.map((c) => c.transferredBy).filter((x): x is string => x !== undefined && x !== extension))];
  const screens = await Promise.all(senders.map(async (sender) => [sender, screenFrom(await lines.read(tenant.id, sender), tenant)] as const));
  return new Map(screens);
}

/** The record the agent signed in on `from` views, as a transferred call carries it. */
function screenFrom(from: Line, tenant: TenantConfig): TransferredScreen | null {
  const viewing = from.viewing;
  if (!viewing || from.agent?.account !== viewing.account || from.agent.statusId === LOGOFF_STATUS_ID) return null;
  const name = tenant.accounts.find((a) => a.account === viewing.account)?.name.slice(0, 64);
  return { ...viewing.screen, fromExtension: from.extension, ...(name ? { fromName: name } : {}) };
}

/**
 * The line's calls as its device reported them (a device's `screen` was dropped by the schema).
 * A call the PBX marked `transferredBy` gets the sender's viewing when it first appears here,
 * frozen for the life of the call so later navigation by the sender changes nothing.
 */
export function setCalls(l: Line, calls: Call[], senders: ReadonlyMap<string, TransferredScreen | null>): void {
  const screens: Line['screens'] = {};
  for (const c of calls) {
    const kept = Object.hasOwn(l.screens, c.id) ? l.screens[c.id] : undefined;
    if (!c.transferredBy || c.transferredBy === l.extension) continue;
    screens[c.id] = kept?.from === c.transferredBy ? kept : { from: c.transferredBy, screen: senders.get(c.transferredBy) ?? null };
  }
  l.calls = calls;
  l.screens = screens;
}
