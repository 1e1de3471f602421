/** Records the panel's `biztel-*` requests that reach a target, for the `dom` tests. */
import { afterEach, beforeEach } from '@jest/globals';

export const PANEL_EVENTS = [
  'biztel-sign-in-request',
  'biztel-dial-request',
  'biztel-answer-request',
  'biztel-hangup-request',
  'biztel-status-change-request',
  'biztel-sign-out-request',
  'biztel-notice-dismiss-request',
  'biztel-hold-request',
  'biztel-unhold-request',
  'biztel-park-request',
  'biztel-transfer-request',
  'biztel-dtmf-request',
  'biztel-dial-pad-press',
  'biztel-seat-takeover-request',
  'biztel-seat-takeover-cancel',
  'biztel-record-open-request',
  'biztel-record-create-request',
  'biztel-transfer-note-change',
  'biztel-caller-id-change-request',
] as const;

export interface RecordedEvent {
  readonly type: string;
  readonly detail: unknown;
  readonly bubbles: boolean;
  readonly composed: boolean;
}

/**
 * Records every `biztel-*` request that reaches `target` (the document by default, i.e. only
 * events that bubble and compose out of the shadow roots). Call `stop()` in afterEach.
 */
export function recordEvents(target: EventTarget = document): { events: RecordedEvent[]; stop(): void } {
  const events: RecordedEvent[] = [];
  const listener = (e: Event) => events.push({ type: e.type, detail: (e as CustomEvent).detail, bubbles: e.bubbles, composed: e.composed });
  for (const type of PANEL_EVENTS) target.addEventListener(type, listener);
  return {
    events,
    stop: () => {
      for (const type of PANEL_EVENTS) target.removeEventListener(type, listener);
    },
  };
}

/**
 * For a component test file: records the requests reaching the document during each test (as
 * `recordEvents` does), then stops recording and empties the page after it.
 */
export function recordEventsPerTest(): { readonly events: readonly RecordedEvent[] } {
  let recorder: ReturnType<typeof recordEvents> | undefined;
  beforeEach(() => {
    recorder = recordEvents(document);
  });
  afterEach(() => {
    recorder?.stop();
    document.body.replaceChildren();
  });
  return {
    get events() {
      return recorder?.events ?? [];
    },
  };
}
