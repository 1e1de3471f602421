/**
 * SCV's phone contacts (its transfer dialog) from the event server's directory (`directory:list`):
 * a colleague signed in on an extension is an `Agent` (status label as description), a free
 * extension a `PhoneBook` entry, a ring group a `Queue`; the tenant's windows (窓口, from the
 * caller-ID settings of the agent's snapshot) are `PhoneBook` entries with their numbers. SCV's `contains` filter is applied here
 * (name, number or status), then its `offset` and `limit`.
 */
import { Constants, Contact } from '@salesforce/scv-connector-base';
import type { AgentStatus, DirectoryEntry, Snapshot } from '@biztel/protocol';
import type { EventServerPort } from '../transport/event-server-port.js';
import { ScvRequestError } from './call-requests.js';

/** How long SCV's transfer dialog is answered from the directory last read. */
export const DIRECTORY_FRESH_MS = 5000;

/**
 * The server's directory, read again at most every `DIRECTORY_FRESH_MS`: SCV asks on every search
 * and scroll of its transfer dialog, and the server answers a connection 30 times a minute.
 */
export class DirectoryReader {
  private read: { at: number; entries: DirectoryEntry[] } | null = null;

  constructor(
    private readonly server: Pick<EventServerPort, 'directory'>,
    private readonly now: () => number,
  ) {}

  async entries(): Promise<DirectoryEntry[]> {
    if (this.read && this.now() - this.read.at < DIRECTORY_FRESH_MS) return this.read.entries;
    const reply = await this.server.directory();
    if (!reply.ok) throw new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, `directory refused: ${reply.code}`);
    this.read = { at: this.now(), entries: reply.entries };
    return reply.entries;
  }
}

/** The part of SCV's contacts filter the connector reads; anything else is ignored. */
interface ContactsFilter {
  contains?: unknown;
  limit?: unknown;
  offset?: unknown;
}

export function phoneContacts(entries: readonly DirectoryEntry[], snapshot: Pick<Snapshot, 'statuses' | 'callerIds'> | null, filter: unknown): Contact[] {
  const statuses: readonly AgentStatus[] = snapshot?.statuses ?? [];
  // The tenant's windows (窓口) by their numbers, as the agent's caller-ID settings list them.
  const windows = (snapshot?.callerIds.windows ?? []).map(
    (w) => new Contact({ id: `window-${w.id}`, type: Constants.CONTACT_TYPE.PHONEBOOK as 'PhoneBook', name: w.name, phoneNumber: w.number }),
  );
  const directory = entries.map((entry) => {
    if (entry.kind === 'ringGroup') {
      return new Contact({ id: `group-${entry.extension}`, type: Constants.CONTACT_TYPE.QUEUE as 'Queue', name: entry.name, phoneNumber: entry.extension });
    }
    const { agent, extension } = entry;
    if (!agent) return new Contact({ id: `ext-${extension}`, type: Constants.CONTACT_TYPE.PHONEBOOK as 'PhoneBook', name: extension, phoneNumber: extension });
    const status = statuses.find((s) => s.id === agent.statusId)?.label ?? agent.statusId;
    return new Contact({
      id: `ext-${extension}`,
      type: Constants.CONTACT_TYPE.AGENT as 'Agent',
      name: `${agent.name ?? agent.account} (${extension})`,
      phoneNumber: extension,
      description: status,
    });
  });
  const contacts = [...directory, ...windows];
  const f = (typeof filter === 'object' && filter !== null ? filter : {}) as ContactsFilter;
  const needle = typeof f.contains === 'string' ? f.contains.trim().toLowerCase() : '';
  const found = needle ? contacts.filter((c) => [c.name, c.phoneNumber, c.description].some((v) => v?.toLowerCase().includes(needle))) : contacts;
  const offset = typeof f.offset === 'number' && f.offset > 0 ? Math.floor(f.offset) : 0;
  const limit = typeof f.limit === 'number' && f.limit > 0 ? Math.floor(f.limit) : found.length;
  return found.slice(offset, offset + limit);
}
