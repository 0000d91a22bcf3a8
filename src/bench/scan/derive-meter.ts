import type { Deriver } from '../../discovery/deriver.js';

export interface MeteredDeriver {
  derive: Deriver;
  /** Wall time during which at least one derivation was pending (the engine could have been waiting on it). */
  waitMs(): number;
}

/**
 * Wraps a deriver to measure the union of its pending intervals. Summing call durations would count parallel
 * branches several times; the union is the most the scan's wall time can owe to derivation.
 */
export function meterDeriver(inner: Deriver): MeteredDeriver {
  let pending = 0;
  let since = 0;
  let total = 0;
  const derive: Deriver = async (request, signal) => {
    if (pending++ === 0) since = performance.now();
    try {
      return await inner(request, signal);
    } finally {
      if (--pending === 0) total += performance.now() - since;
    }
  };
  return { derive, waitMs: () => total + (pending > 0 ? performance.now() - since : 0) };
}
