import { availableParallelism } from 'node:os';
import type { Deriver, DeriveResponse } from '../discovery/deriver.js';
import { deriveBatch } from '../workers/derive-task.js';
import { createDerivePool } from '../workers/pool.js';

/**
 * The engine's deriver: a worker pool (default: one thread per core), or this thread for `workers: 0`.
 * Scan windows are small (a gap's worth), so the pool pays off when many branches are in flight.
 */
export async function createDeriver(workers = availableParallelism()): Promise<{ derive: Deriver; close(): Promise<void> }> {
  if (workers <= 0) return { derive: async (req) => deriveBatch(req), close: async () => {} };
  const pool = createDerivePool({ workers });
  // Windows are derived ahead of need, so some are still in a worker when the scan ends: close() lets them
  // finish first (a pool destroyed under a running task reports the late answer as an error).
  const pending = new Set<Promise<DeriveResponse>>();
  return {
    derive: (req, signal) => {
      const task = pool.derive(req, signal ? { signal } : {});
      pending.add(task);
      const forget = () => void pending.delete(task);
      task.then(forget, forget);
      return task;
    },
    close: async () => {
      await Promise.allSettled([...pending]);
      await pool.destroy();
    },
  };
}
