/**
 * The "softphone container" side of a fake Open CTI: what Lightning does when the softphone page
 * calls `sforce.opencti.*`. One implementation serves unit tests (in memory) and the dev host
 * (behind a postMessage bridge), so the panel never knows which host it runs in.
 */
import type { OpenCtiErrorItem } from '../opencti-types.js';

export type ContainerEvent = 'onClickToDial' | 'onNavigationChange';

export interface OpenCtiContainer {
  /** Runs one API method; resolves with `returnValue` or rejects with `OpenCtiErrorItem[]`. */
  handle(method: string, arg: Readonly<Record<string, unknown>>): Promise<unknown>;
  /** Subscribes the page to a container event (click-to-dial, navigation); returns unsubscribe. */
  listen(event: ContainerEvent, listener: (payload: unknown) => void): () => void;
}

export class ContainerFailure extends Error {
  constructor(readonly errors: OpenCtiErrorItem[]) {
    super(errors.map((e) => e.code).join(', '));
  }
}

export interface MemoryContainerOptions {
  /** Flat `/section/item` → string map, as `getCallCenterSettings` returns it. */
  readonly settings: Record<string, string>;
}

export interface MemoryContainer extends OpenCtiContainer {
  /** Every call the page made, in order (method and argument without the callback). */
  readonly calls: { method: string; arg: Readonly<Record<string, unknown>> }[];
  /** Makes the next `count` calls of `method` fail with `code`. */
  failNext(method: string, code: string, count?: number): void;
  /** Fires a container event at the page, as Lightning would. */
  emit(event: ContainerEvent, payload: unknown): void;
  panelVisible: boolean;
  itemLabel: string;
  /** Messages published on Lightning Message Service channels. */
  readonly published: { channelName: string; message: unknown }[];
}

const ERROR_TEXT: Record<string, string> = {
  INVALID_PARAM: 'An invalid value was passed to the parameter',
  GENERIC_ERROR: 'An error occurred',
  SERVER_ERROR: 'A server error occurred',
  SOFTPHONE_CONTAINER_ERROR:
    "Unable to execute sendPostMessage because the softphone container hasn't initialized yet",
};

export function createMemoryContainer(options: MemoryContainerOptions): MemoryContainer {
  const failures = new Map<string, { code: string; count: number }>();
  const listeners = new Map<ContainerEvent, Set<(payload: unknown) => void>>();
  const invalid = (name: string): ContainerFailure =>
    new ContainerFailure([{ code: 'INVALID_PARAM', description: `${ERROR_TEXT['INVALID_PARAM']} ${name}` }]);

  const container: MemoryContainer = {
    calls: [],
    published: [],
    panelVisible: false,
    itemLabel: '',
    async handle(method, arg) {
      container.calls.push({ method, arg });
      const failure = failures.get(method);
      if (failure && failure.count > 0) {
        failure.count -= 1;
        throw new ContainerFailure([{ code: failure.code, description: ERROR_TEXT[failure.code] ?? failure.code }]);
      }
      switch (method) {
        case 'getCallCenterSettings':
          return { ...options.settings };
        case 'notifyInitializationComplete':
        case 'enableClickToDial':
        case 'disableClickToDial':
        case 'refreshView':
          return null;
        case 'setSoftphonePanelVisibility':
          if (typeof arg['visible'] !== 'boolean') throw invalid('visible');
          container.panelVisible = arg['visible'];
          return null;
        case 'isSoftphonePanelVisible':
          return { visible: container.panelVisible };
        case 'setSoftphoneItemLabel':
          if (typeof arg['label'] !== 'string') throw invalid('label');
          container.itemLabel = arg['label'];
          return null;
        case 'publish': {
          const channelName = arg['channelName'];
          if (typeof channelName !== 'string' || typeof arg['message'] !== 'object' || arg['message'] === null) {
            throw invalid('message');
          }
          container.published.push({ channelName, message: JSON.parse(JSON.stringify(arg['message'])) });
          return null;
        }
        default:
          throw new ContainerFailure([{ code: 'GENERIC_ERROR', description: `${method} is not supported by this host` }]);
      }
    },
    listen(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    failNext(method, code, count = 1) {
      failures.set(method, { code, count });
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
  return container;
}
