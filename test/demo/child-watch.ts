import { readdirSync, readFileSync } from 'node:fs';

/** A process as seen in /proc. */
export interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly startTicks: string;
  readonly command: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm (field 2) may contain spaces and parentheses: the fields after it start at the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (rest[0] === 'Z') return undefined; // a zombie has exited; only its parent has not reaped it yet
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(rest[1]), startTicks: rest[19]!, command };
  } catch {
    return undefined; // gone between listing and reading
  }
}

function allProcesses(): ProcInfo[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((name) => readProc(Number(name)) ?? []);
}

/**
 * Records, while it runs, every process whose parent is `parentPid` (the demo's anvil nodes are its direct
 * children). Other engineers' tests may run anvil at the same time: only these recorded processes count.
 */
export function watchChildren(parentPid: number, intervalMs = 20): { stop(): ProcInfo[]; seen(): ProcInfo[] } {
  const seen = new Map<string, ProcInfo>();
  const poll = () => {
    for (const p of allProcesses()) {
      if (p.ppid !== parentPid) continue;
      const key = `${p.pid}/${p.startTicks}`;
      // A process that is exiting has released its memory, and its cmdline reads empty: keep the command seen
      // before (the first poll may also catch a child between fork and exec, so a later command does replace it).
      if (p.command !== '' || !seen.has(key)) seen.set(key, p);
    }
  };
  poll();
  const timer = setInterval(poll, intervalMs);
  return {
    /** Polls now (e.g. right before signalling the parent), then returns every child seen so far. */
    seen: () => {
      poll();
      return [...seen.values()];
    },
    stop: () => {
      clearInterval(timer);
      poll();
      return [...seen.values()];
    },
  };
}

/** Which of `processes` still run (same pid AND same start time, so a reused pid does not count). */
export function stillRunning(processes: readonly ProcInfo[]): ProcInfo[] {
  return processes.filter((p) => readProc(p.pid)?.startTicks === p.startTicks);
}
