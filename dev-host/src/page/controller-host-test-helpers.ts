/** Test support: a bare `ReactiveControllerHost` that counts the updates its controllers request. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class CountingHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
}
