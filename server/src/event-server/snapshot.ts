/**
 * What a panel is shown of a line: the authoritative snapshot (revision, agent, statuses, the
 * softphone, calls with the screens they were transferred with, parked calls, caller IDs) built
 * from the stored line and its tenant's configuration.
 */
import { LOGOFF_STATUS_ID, type Snapshot } from '@biztel/protocol';
import { callerIdsFor, type TenantConfig } from '../config/directory.js';
import type { Line } from './line-store.js';

export function snapshotOf(l: Line, tenant: TenantConfig, serverTime: number): Snapshot {
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
    softphone: { running: l.device !== null },
    calls: l.calls.map((c) => {
      const screen = Object.hasOwn(l.screens, c.id) ? l.screens[c.id]?.screen : undefined;
      return screen ? { ...c, screen: { ...screen } } : { ...c };
    }),
    parked: l.parked.map((p) => ({ ...p })),
    callerIds: callerIdsFor(tenant, l.agent?.account),
  };
}
