/**
 * The deadline of the panel command being run, so nothing acts on a command its panel has given
 * up on. ../event-server/panel-commands.ts runs each command under a `CommandGuard` (an
 * AsyncLocalStorage, so it needs no parameter through every layer): while the command runs, every
 * write to the shared state checks the deadline (in Redis itself, with its clock: a write queued
 * behind a hung Redis that only runs afterwards is refused there) and so does the relay to the
 * softphone. Once the command has answered, the guard is inactive: work it left behind (a grace
 * timer, a late answer stored for a retry) is not bound by it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** One command's deadline (wall-clock ms, `Date.now()`) and what it did so far. */
export interface CommandGuard {
  readonly deadline: number;
  /** False once the command answered. */
  active: boolean;
  /** Whether it acted: a write landed or the softphone was asked. */
  acted: boolean;
}

/** The command's deadline passed before it acted (this step did nothing). */
export class DeadlineExceeded extends Error {
  constructor(what = 'the command') {
    super(`${what}: the deadline passed`);
    this.name = 'DeadlineExceeded';
  }
}

/** The shared state did not answer in time: whether the operation happened is unknown. */
export class StateTimeout extends Error {
  constructor(ms: number) {
    super(`the shared state did not answer within ${ms} ms`);
    this.name = 'StateTimeout';
  }
}

const current = new AsyncLocalStorage<CommandGuard>();

/** Commands running under a guard now (across the process). */
let running = 0;

/**
 * Runs `work` (and everything it starts) under `guard`. While no command runs, the storage is
 * disabled: on Node 20 an enabled AsyncLocalStorage puts a hook on every promise the process
 * creates, which cost each relayed call event about 15 µs (issue 17, fan-out vs echo). Work a
 * finished command left behind reads no guard then — as it would read an inactive one.
 */
export async function underGuard<T>(guard: CommandGuard, work: () => Promise<T>): Promise<T> {
  running += 1;
  try {
    return await current.run(guard, work);
  } finally {
    running -= 1;
    if (running === 0) current.disable();
  }
}

/** The deadline of the command running now, if one is (and has not answered yet). */
export function activeDeadline(): number | undefined {
  const guard = current.getStore();
  return guard?.active ? guard.deadline : undefined;
}

/** Milliseconds left before the running command's deadline (Infinity outside a command). */
export function deadlineLeftMs(): number {
  const deadline = activeDeadline();
  return deadline === undefined ? Infinity : deadline - Date.now();
}

/** Throws `DeadlineExceeded` when the running command has less than `minLeftMs` left. */
export function checkDeadline(what?: string, minLeftMs = 0): void {
  if (deadlineLeftMs() <= minLeftMs) throw new DeadlineExceeded(what);
}

/** The running command acted (a write landed, the softphone was asked): it can no longer count as never run. */
export function noteActed(): void {
  const guard = current.getStore();
  if (guard?.active) guard.acted = true;
}
