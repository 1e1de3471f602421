// The child processes of `npm run bench:server` (server nodes, the echo relay, load generators,
// a Redis started for the run): spawning them, talking to them over IPC, and stopping every one of
// them on exit, errors and Ctrl-C.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { HERE } from './config.mjs';
import { progress } from './format.mjs';

/** Every child still running; `killAll` stops them. */
export const children = new Set();

export function spawnChild(file, env = {}) {
  // BENCH_CPU_PROF=<dir>: every server node (and the echo relay) writes a V8 CPU profile there when it stops.
  const prof = process.env.BENCH_CPU_PROF && (file === 'node.mjs' || file === 'echo.mjs') ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, join(HERE, file)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killAll() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Stops every child when this process exits or is interrupted; call once, before spawning. */
export function stopChildrenOnExit() {
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      progress(`\n${signal}: stopping the bench's processes`);
      killAll();
      process.exit(130);
    });
  }
}

/** Starts a server child and resolves with its URL once it prints `listening <url>`. */
export function startServer(file, env, name) {
  const child = spawnChild(file, env);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ name, child, url: m[1] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before listening`));
    });
  });
}

/** The next IPC message of `type` from a child (rejects if it exits first). */
export function nextMessage(child, type, onOther = () => {}) {
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message.type !== type) return onOther(message);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code) => reject(new Error(`load generator exited (${code}) while waiting for "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
