/**
 * SCV's phone contacts (its transfer dialog) from the event server's directory (`directory:list`):
 * a colleague signed in on an extension is an `Agent` (status label as description), a free
 * extension a `PhoneBook` entry, a ring group a `Queue`. SCV's `contains` filter is applied here
 * (name, number or status), then its `offset` and `limit`.
 */
import { Constants, Contact } from '@salesforce/scv-connector-base';
import type { AgentStatus, DirectoryEntry } from '@biztel/protocol';

/** The part of SCV's contacts filter the connector reads; anything else is ignored. */
interface ContactsFilter {
  contains?: unknown;
  limit?: unknown;
  offset?: unknown;
}

export function phoneContacts(entries: readonly DirectoryEntry[], statuses: readonly AgentStatus[], filter: unknown): Contact[] {
  const contacts = entries.map((entry) => {
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
  const f = (typeof filter === 'object' && filter !== null ? filter : {}) as ContactsFilter;
  const needle = typeof f.contains === 'string' ? f.contains.trim().toLowerCase() : '';
  const found = needle ? contacts.filter((c) => [c.name, c.phoneNumber, c.description].some((v) => v?.toLowerCase().includes(needle))) : contacts;
  const offset = typeof f.offset === 'number' && f.offset > 0 ? Math.floor(f.offset) : 0;
  const limit = typeof f.limit === 'number' && f.limit > 0 ? Math.floor(f.limit) : found.length;
  return found.slice(offset, offset + limit);
}
