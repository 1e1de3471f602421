/**
 * A fake `sforce.opencti` with the real Lightning contract: one object argument, callbacks
 * invoked asynchronously with `{success, returnValue, errors}`, listeners for container events,
 * and the CALL_TYPE / SCREENPOP_TYPE constants. It forwards every call to a container.
 */
import type { OpenCtiCallback, OpenCtiErrorItem } from '../index.js';
import { FAKE_CALL_TYPE, FAKE_SCREENPOP_TYPE } from './constants.js';
import { ContainerFailure, type ContainerEvent, type OpenCtiContainer } from './container.js';

const METHODS = [
  'notifyInitializationComplete',
  'getCallCenterSettings',
  'getSoftphoneLayout',
  'getAppViewInfo',
  'enableClickToDial',
  'disableClickToDial',
  'screenPop',
  'searchAndScreenPop',
  'refreshView',
  'saveLog',
  'runApex',
  'setSoftphonePanelVisibility',
  'isSoftphonePanelVisible',
  'setSoftphonePanelHeight',
  'setSoftphonePanelWidth',
  'setSoftphonePanelLabel',
  'setSoftphonePanelIcon',
  'setSoftphoneItemLabel',
  'setSoftphoneItemIcon',
  'publish',
  'subscribe',
  'unsubscribe',
] as const;

const LISTENER_METHODS: Record<string, ContainerEvent> = {
  onClickToDial: 'onClickToDial',
  onNavigationChange: 'onNavigationChange',
};

type AnyArg = Record<string, unknown> & { callback?: unknown; listener?: unknown };

export function createFakeOpenCti(container: OpenCtiContainer): Record<string, unknown> {
  const api: Record<string, unknown> = {
    CALL_TYPE: FAKE_CALL_TYPE,
    SCREENPOP_TYPE: FAKE_SCREENPOP_TYPE,
  };

  const respond = (callback: unknown, success: boolean, returnValue: unknown, errors: OpenCtiErrorItem[] | null) => {
    if (typeof callback !== 'function') return;
    // Like the real library: the answer always arrives on a later task, never synchronously.
    setTimeout(() => (callback as OpenCtiCallback<unknown>)({ success, returnValue, errors }), 0);
  };

  for (const method of METHODS) {
    api[method] = (arg?: unknown) => {
      if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
        throw new TypeError(`sforce.opencti.${method} takes one object argument`);
      }
      const { callback, ...rest } = arg as AnyArg;
      container.handle(method, rest).then(
        (value) => respond(callback, true, value ?? null, null),
        (error: unknown) => {
          const errors = error instanceof ContainerFailure ? error.errors : [{ code: 'GENERIC_ERROR', description: String(error) }];
          respond(callback, false, null, errors);
        },
      );
    };
  }

  // subscribe({channelName, listener, callback}): the listener stays on this page; the container
  // delivers the channel's messages to it as a container event.
  api['subscribe'] = (arg?: unknown) => {
    if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) throw new TypeError('sforce.opencti.subscribe takes one object argument');
    const { callback, listener, ...rest } = arg as AnyArg;
    const channelName = rest['channelName'];
    if (typeof listener === 'function' && typeof channelName === 'string') {
      container.listen(`lms:${channelName}`, (payload) => (listener as (p: unknown) => void)(payload));
    }
    container.handle('subscribe', rest).then(
      (value) => respond(callback, true, value ?? null, null),
      (error: unknown) =>
        respond(callback, false, null, error instanceof ContainerFailure ? error.errors : [{ code: 'GENERIC_ERROR', description: String(error) }]),
    );
  };

  for (const [method, event] of Object.entries(LISTENER_METHODS)) {
    api[method] = (arg?: unknown) => {
      const listener = (arg as AnyArg | undefined)?.listener;
      if (typeof listener !== 'function') throw new TypeError(`sforce.opencti.${method} needs a listener`);
      container.listen(event, (payload) => (listener as (p: unknown) => void)(payload));
    };
  }
  return api;
}
