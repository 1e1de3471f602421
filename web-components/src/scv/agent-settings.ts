/**
 * What SCV asks of the agent rather than of a call: the BIZTEL status an Omni-Channel status means,
 * the phone the agent signed in with, and what BIZTEL can do (`getCapabilities`, truthfully).
 */
import { AgentConfigResult, CapabilitiesResult, Constants, Phone } from '@salesforce/scv-connector-base';
import { LOGOFF_STATUS_ID, type AgentStatus } from '@biztel/protocol';

/**
 * The BIZTEL status for an Omni-Channel presence status: the one whose id is its API name (any
 * case), or whose label is its name; SCV's Offline is ログオフ. Undefined when BIZTEL has none.
 */
export function biztelStatusFor(statuses: readonly AgentStatus[], agentStatus: unknown, statusInfo: unknown): AgentStatus | undefined {
  if (agentStatus === Constants.AGENT_STATUS.OFFLINE) return statuses.find((s) => s.id === LOGOFF_STATUS_ID);
  const info = (statusInfo ?? {}) as { statusApiName?: unknown; statusName?: unknown };
  const apiName = typeof info.statusApiName === 'string' ? info.statusApiName.toLowerCase() : null;
  return statuses.find((s) => s.id.toLowerCase() === apiName) ?? statuses.find((s) => s.label === info.statusName);
}

const phoneType = (hardphone: boolean) => (hardphone ? Constants.PHONE_TYPE.DESK_PHONE : Constants.PHONE_TYPE.SOFT_PHONE);

/** A softphone or a desk phone (BIZTEL's hardphone mode), as chosen at sign-in. */
export function agentConfig(hardphone: boolean): AgentConfigResult {
  const soft = new Phone({ type: Constants.PHONE_TYPE.SOFT_PHONE });
  const desk = new Phone({ type: Constants.PHONE_TYPE.DESK_PHONE });
  return new AgentConfigResult({ phones: [soft, desk], selectedPhone: hardphone ? desk : soft });
}

/** Whether SCV's `setAgentConfig` asks for the phone the agent already uses (the only change BIZTEL allows mid-session). */
export function keepsPhone(config: unknown, hardphone: boolean): boolean {
  const wanted = (config as { selectedPhone?: { type?: unknown } } | null)?.selectedPhone?.type;
  return wanted === undefined || wanted === phoneType(hardphone);
}

/** What BIZTEL over the event server can do: no mute, recording, merge or swap; blind (#) transfer; a searchable directory. */
export function capabilities(): CapabilitiesResult {
  return new CapabilitiesResult({
    hasMute: false,
    hasRecord: false,
    hasMerge: false,
    hasSwap: false,
    hasSignedRecordingUrl: false,
    debugEnabled: false,
    hasContactSearch: true,
    hasAgentAvailability: false,
    hasQueueWaitTime: false,
    supportsMos: false,
    hasSupervisorListenIn: false,
    hasSupervisorBargeIn: false,
    hasBlindTransfer: true,
    hasPendingStatusChange: false,
    // Free extensions come as phone-book contacts.
    hasPhoneBook: true,
  });
}
