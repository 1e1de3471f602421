// What `npm run bench:server` reads from /proc (CPU ticks and RSS of a process, the machine's busy
// ticks, the open-files limit) and an idle-timer probe of machine stalls.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return NaN;
  }
}

/** Busy jiffies of the whole machine (all cores): everything but idle and iowait. */
export function machineBusyTicks() {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
    return user + nice + system + irq + softirq + steal;
  } catch {
    return NaN;
  }
}

export function rssMB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export function openFilesLimit() {
  try {
    const m = /Max open files\s+(\d+|unlimited)/.exec(readFileSync('/proc/self/limits', 'utf8'));
    return m && m[1] !== 'unlimited' ? Number(m[1]) : Infinity;
  } catch {
    return Infinity;
  }
}

/**
 * Machine stalls during `ms`: an idle 2 ms interval timer in this (otherwise idle) process; a late
 * tick means no core ran it (other load, the VM paused…), which delays every relay hop alike.
 */
export function idleProbe(ms) {
  return new Promise((resolve) => {
    const start = performance.now();
    let last = start;
    let maxMs = 0;
    let over10 = 0;
    let lostMs = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      const late = now - last - 2;
      last = now;
      if (late > maxMs) maxMs = late;
      if (late > 10) {
        over10 += 1;
        lostMs += late;
      }
      if (now - start >= ms) {
        clearInterval(timer);
        resolve({ maxMs: Math.round(maxMs), pausesOver10Ms: over10, lostMs: Math.round(lostMs) });
      }
    }, 2);
  });
}
