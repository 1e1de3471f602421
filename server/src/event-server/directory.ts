/**
 * `directory:list` (panel protocol 5): the signed-in agent's transfer targets — the tenant's other
 * extensions, with the agent signed in on each, and its ring groups. Only the agent's own tenant,
 * only with a current session, at most `MAX_DIRECTORY_PER_MINUTE` a minute per connection (each
 * reads every line of the tenant).
 */
import { LOGOFF_STATUS_ID, type DirectoryEntry, type DirectoryReply } from '@biztel/protocol';
import { findAccount } from '../config/directory.js';
import { answerRequests } from './acks.js';
import type { PanelSocket, ServerContext } from './context.js';
import type { PanelSession } from './panel-session.js';

export const MAX_DIRECTORY_PER_MINUTE = 30;

export function serveDirectory(ctx: ServerContext, socket: PanelSocket, session: PanelSession): void {
  const asked = { since: ctx.now(), count: 0 };
  answerRequests<DirectoryReply>(
    socket,
    'directory:list',
    async () => {
      if (ctx.now() - asked.since >= 60_000) Object.assign(asked, { since: ctx.now(), count: 0 });
      if (++asked.count > MAX_DIRECTORY_PER_MINUTE) return { ok: false, code: 'RATE_LIMITED', message: `at most ${MAX_DIRECTORY_PER_MINUTE} a minute` };
      const current = await session.current();
      if (!current) return { ok: false, code: 'NOT_SIGNED_IN' };
      const tenant = ctx.tenantOf(current.tenantId);
      const others = tenant.extensions.filter((x) => x !== current.extension);
      const lines = await Promise.all(others.map((x) => ctx.lines.read(tenant.id, x)));
      const entries: DirectoryEntry[] = others.map((extension, i) => {
        const agent = lines[i]?.agent;
        if (!agent || agent.statusId === LOGOFF_STATUS_ID) return { kind: 'extension', extension };
        const name = findAccount(ctx.directory, agent.account)?.account.name;
        return { kind: 'extension', extension, agent: { account: agent.account, ...(name ? { name } : {}), statusId: agent.statusId } };
      });
      for (const group of tenant.ringGroups) entries.push({ kind: 'ringGroup', extension: group.extension, name: group.name });
      return { ok: true, entries: entries.slice(0, 500) };
    },
    (error) => {
      ctx.logger.error({ event: 'panel.directoryError', error: String(error) }, 'directory request failed');
      return { ok: false, code: 'INTERNAL' };
    },
  );
}
