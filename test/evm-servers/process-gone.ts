import { existsSync } from 'node:fs';

/** True when no process with this pid exists any more (not even as an unreaped zombie). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    return !existsSync(`/proc/${pid}`);
  }
}
