/**
 * What a panel is shown of a line: the authoritative snapshot (revision, agent, statuses, the
 * softphone, calls with the screens they were transferred with, parked calls, caller IDs and the
 * agent's choice among them) built
 * from the stored line and its tenant's configuration — and the softphone's state the panel's
 * commands depend on (running, reconnecting, stopped, another account's).
 */
import { LOGOFF_STATUS_ID, type ErrorCode, type Snapshot, type SoftphoneStatus } from '@biztel/protocol';
import { callerIdsFor, offeredNumber, type TenantConfig } from '../config/directory.js';
import { softphoneHolds, type Line } from './line-store.js';

/**
 * The line's softphone as the agent `agentAccount` sees it at `now`. Another account's softphone is `mismatch`
 * (seed 001 §2: the accounts must match); a dropped one within its grace, or one back that has not
 * reported yet, is `reconnecting`; after the grace, `stopped` (a silent one back: until it reports).
 */
export function softphoneStatus(l: Line, agentAccount: string | undefined, now: number, graceMs: number): SoftphoneStatus {
  const holder = softphoneHolds(l, now, graceMs);
  if (!holder) return { running: false, state: 'stopped' };
  if (agentAccount !== undefined && holder.account !== agentAccount) return { running: false, state: 'mismatch', account: holder.account };
  if (holder.lostAt !== null && (l.device === null || !holder.reported)) {
    // Back but silent past the grace: its stale calls are gone, and it is not running until it reports.
    if (now >= holder.lostAt + graceMs) return { running: false, state: 'stopped' };
    return { running: false, state: 'reconnecting', since: holder.lostAt, until: holder.lostAt + graceMs };
  }
  return { running: l.device !== null, state: l.device !== null ? 'running' : 'stopped' };
}

/** Why a command cannot be relayed to a softphone in `status` (undefined: it can). */
export function refusalFor(status: SoftphoneStatus): ErrorCode | undefined {
  switch (status.state) {
    case 'running':
      return undefined;
    case 'reconnecting':
      return 'SOFTPHONE_RECONNECTING';
    case 'mismatch':
      return 'SOFTPHONE_MISMATCH';
    case 'stopped':
      return 'SOFTPHONE_NOT_RUNNING';
  }
}

export function snapshotOf(l: Line, tenant: TenantConfig, serverTime: number, graceMs: number): Snapshot {
  const softphone = softphoneStatus(l, l.agent?.account, serverTime, graceMs);
  // Another account's calls are never shown; a softphone gone for good leaves none.
  const shown = softphone.state === 'running' || softphone.state === 'reconnecting';
  const callerIds = callerIdsFor(tenant, l.agent?.account);
  const choice = l.agent?.callerId;
  return {
    revision: l.revision,
    serverTime,
    agent: {
      account: l.agent?.account ?? '-',
      extension: l.extension,
      statusId: l.agent?.statusId ?? LOGOFF_STATUS_ID,
      hardphone: l.agent?.hardphone ?? false,
    },
    statuses: [...tenant.statuses],
    softphone,
    calls: shown
      ? l.calls.map((c) => {
          const screen = Object.hasOwn(l.screens, c.id) ? l.screens[c.id]?.screen : undefined;
          return screen ? { ...c, screen: { ...screen } } : { ...c };
        })
      : [],
    parked: shown ? l.parked.map((p) => ({ ...p })) : [],
    callerIds,
    // A choice the administrator has withdrawn since is no longer the agent's: 指定なし.
    ...(choice && offeredNumber(callerIds, choice) !== undefined ? { callerIdChoice: { ...choice } } : {}),
  };
}
