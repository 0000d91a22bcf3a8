import { availableParallelism } from 'node:os';
import type { Deriver } from '../discovery/deriver.js';
import { deriveBatch } from '../workers/derive-task.js';
import { createDerivePool } from '../workers/pool.js';

/**
 * The engine's deriver: a worker pool (default: one thread per core), or this thread for `workers: 0`.
 * Scan windows are small (a gap's worth), so the pool pays off when many branches are in flight.
 */
export async function createDeriver(workers = availableParallelism()): Promise<{ derive: Deriver; close(): Promise<void> }> {
  if (workers <= 0) return { derive: async (req) => deriveBatch(req), close: async () => {} };
  const pool = createDerivePool({ workers });
  return {
    derive: (req, signal) => pool.derive(req, signal ? { signal } : {}),
    close: () => pool.destroy(),
  };
}
