/** A reactive-controller host for the application layer's tests: connects and disconnects its controllers like an element. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createSoftphoneApp, type SoftphoneApp, type SoftphoneServices } from '../app/softphone-app.js';

export class TestControllerHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  private connected = false;

  /** Like a Lit element: a controller added while connected is connected at once. */
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
    if (this.connected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }

  requestUpdate(): void {
    this.updates += 1;
  }

  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
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

/** The application layer over `services`, connected as a page's element would be; `close()` disconnects it. */
export function openApp(services: SoftphoneServices): { app: SoftphoneApp; host: TestControllerHost; close(): void } {
  const host = new TestControllerHost();
  const app = createSoftphoneApp(host, services);
  host.connect();
  return { app, host, close: () => host.disconnect() };
}
