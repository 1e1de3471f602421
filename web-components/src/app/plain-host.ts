/**
 * A reactive-controller host with no element: it connects and disconnects its controllers like an
 * element would, and tells listeners each `requestUpdate`. The SCV connector runs the application
 * layer on one (Salesforce draws its UI), and tests use one for the panel's.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PlainControllerHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  /** How many updates were requested. */
  updates = 0;
  private connected = false;
  private readonly listeners = new Set<() => void>();

  /** Like an element: a controller added while connected is connected at once. */
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
    if (this.connected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }

  requestUpdate(): void {
    this.updates += 1;
    for (const listener of [...this.listeners]) listener();
  }

  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** Called on every `requestUpdate`; returns unsubscribe. */
  onUpdate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connect(): void {
    this.connected = true;
    for (const controller of this.controllers) controller.hostConnected?.();
  }

  disconnect(): void {
    this.connected = false;
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}
