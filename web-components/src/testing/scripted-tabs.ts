/**
 * A tab coordinator whose ownership the test decides. The real one (session/tab-coordinator.ts)
 * only hands the ownership on when its page goes away; this one also takes it from a live page and
 * gives it back, so a test can check what the application layer does on every change it handles.
 */
import { TabCoordinator, type Ownership } from '../session/tab-coordinator.js';
import { later } from './wait.js';

export class ScriptedTabs extends TabCoordinator {
  private current: Ownership;
  private readonly changeListeners = new Set<(ownership: Ownership) => void>();

  constructor(initial: Ownership = 'alone') {
    super({ scope: 'scripted', apis: { locks: null, channel: null, storageChanged: null } });
    this.current = initial;
  }

  override get ownership(): Ownership {
    return this.current;
  }

  /** Answers on a later task, as the real coordinator does once the lock manager replied. */
  override start(): Promise<Ownership> {
    return later(() => this.current);
  }

  override onChange(listener: (ownership: Ownership) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** The ownership moves (to another page, or back here): the page is told, as by the real one. */
  become(ownership: Ownership): void {
    this.current = ownership;
    for (const listener of [...this.changeListeners]) listener(ownership);
  }
}
