import { availableParallelism } from 'node:os';
import type { Deriver, DeriveRequest, DeriveResponse } from '../discovery/deriver.js';
import { RestoreScanError } from '../errors.js';
import { createDerivePool } from '../workers/pool.js';
import { keyId } from '../workers/secp/derive-kernel.js';

/**
 * Indices of curve work per worker message: a scan's first wave (~350 points, ~6 ms on one thread) goes in one.
 * Groups of 256 answered the first windows sooner, but the engine's thread, busy sending their queries, then read
 * the second group's answer late, and probes waited on it: measured interleaved (8 pairs of 7-run benches), derive
 * wait 2.46 → 2.04 % of wall on average, worst run 4.4 → 3.4 %, wall time unchanged.
 */
const GROUP_WORK = 1024;

/**
 * The engine's deriver: a worker pool (default: one thread per core), or this thread for `workers: 0`.
 *
 * Requests made in the same turn of the event loop are derived together (`deriveMany`): a scan asks for
 * small windows — a gap's worth — of many branches at once (every branch's first window at the start; the
 * next windows of every branch one batch line answered), and each kernel call pays ~1 ms of inversions
 * whatever its size, so one call for all of them costs a fraction of one call each.
 */
export interface EngineDeriver {
  derive: Deriver;
  /** Time spent deriving on this thread (`workers: 0`): it blocked everything else meanwhile. */
  inThreadMs(): number;
  close(): Promise<void>;
}

type Queued = { request: DeriveRequest };

/**
 * Requests for the same children (one branch as several scripts: p2pkh, p2sh-p2wpkh, p2wpkh, p2tr of one account
 * key) moved next to the first of them, so that they land in one kernel call and share their curve work
 * (derivePayloadsMany); otherwise in the order asked. The cost of each: its indices, or 0 when it follows its
 * twin (only its hashing is extra) — a taproot twin keeps its indices (its output-key tweak is a multiple of G of
 * its own) — so that groups hold as much curve work as before, in the same order.
 */
function sameChildrenTogether<T extends Queued>(queue: readonly T[]): { items: T[]; costs: number[] } {
  const clusters = new Map<string, T[]>();
  queue.forEach((item, i) => {
    const { publicKey, chainCode, steps, from, count } = item.request;
    const id = `${keyId(publicKey, chainCode, steps)}:${from}:${count}`;
    const cluster = clusters.get(id);
    if (cluster) cluster.push(item);
    else clusters.set(id, [item]);
  });
  const items: T[] = [];
  const costs: number[] = [];
  for (const cluster of clusters.values())
    cluster.forEach((item, k) => {
      items.push(item);
      costs.push(k === 0 || item.request.script === 'p2tr' ? item.request.count : 0);
    });
  return { items, costs };
}

export async function createDeriver(workers = availableParallelism()): Promise<EngineDeriver> {
  const pool = createDerivePool({ workers: Math.max(0, workers) });
  // Windows are derived ahead of need, so some are still in a worker when the scan ends: close() lets them
  // finish first (a pool destroyed under a running task reports the late answer as an error).
  const pending = new Set<Promise<unknown>>();
  let queue: { request: DeriveRequest; resolve(r: DeriveResponse): void; reject(e: unknown): void }[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const { items: all, costs } = sameChildrenTogether(queue);
    queue = [];
    // Groups of up to GROUP_WORK indices of curve work, each answered as soon as it is derived.
    for (let start = 0; start < all.length; ) {
      let size = 0;
      let end = start;
      while (end < all.length && (end === start || size + costs[end]! <= GROUP_WORK)) size += costs[end++]!;
      const batch = all.slice(start, end);
      start = end;
      const task = pool.deriveMany(batch.map((b) => b.request)).then(
        (results) => batch.forEach((b, i) => b.resolve(results[i]!)),
        (err: unknown) => batch.forEach((b) => b.reject(err)),
      );
      pending.add(task);
      void task.finally(() => pending.delete(task));
    }
  }

  const derive: Deriver = (request: DeriveRequest, signal?: AbortSignal) =>
    new Promise<DeriveResponse>((resolve, reject) => {
      if (signal?.aborted) return reject(new RestoreScanError('ABORTED', 'derivation aborted', { cause: signal.reason }));
      // An aborted caller stops waiting at once; its share of the batch is simply not used.
      const onAbort = () => reject(new RestoreScanError('ABORTED', 'derivation aborted', { cause: signal?.reason }));
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      queue.push({ request, resolve: (r) => (done(), resolve(r)), reject: (e) => (done(), reject(e)) });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });

  derive.flush = () => {
    if (queue.length > 0) flush(); // the turn's setImmediate still runs, and finds the queue empty or newer requests
  };

  return {
    derive,
    inThreadMs: () => pool.inThreadMs,
    close: async () => {
      flush();
      await Promise.allSettled([...pending]);
      await pool.destroy();
    },
  };
}
