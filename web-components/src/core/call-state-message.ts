import type { CallState } from '../protocol/index.js';

/**
 * The live call as published to other components of the app (Lightning Message Service channel
 * `BiztelCallState__c`, read by the `biztelLiveCall` LWC). Version 1; keep in step with
 * force-app/main/default/lwc/biztelLiveCall/callState.js.
 */
export interface CallStateMessage {
  readonly v: 1;
  readonly state: 'idle' | CallState;
  readonly direction?: 'inbound' | 'outbound';
  readonly number?: string;
  readonly callId?: string;
  readonly answeredAt?: number;
  readonly businessLabel?: string;
}
