/**
 * The gap rule, written once (BDK / Electrum semantics): a branch ends after `gap` consecutive unused
 * addresses past the last used one. With last used index L, indices L+1 … L+gap are all checked and found
 * unused; L+gap+1 is never looked at. Results a window returns beyond that boundary are discarded, so the
 * verdict does not depend on the window size.
 */

export interface GapScanState {
  /** Next index whose verdict is still unknown. */
  next: number;
  /** Last used index so far, or -1. */
  lastUsed: number;
}

export interface GapScanParams<T> {
  gap: number;
  /** Addresses asked per round (a speculative window may exceed what remains of the gap). */
  window: number;
  /**
   * Verdicts for indices from … from+count−1, in order; `undefined` for an index with no address (BIP-32
   * skips a child whose key is invalid, chance ~2^-127): it holds nothing and counts as unused.
   * Rejects when a query failed after its retries: the branch then stays open.
   */
  probe(from: number, count: number): Promise<({ used: boolean; value: T } | undefined)[]>;
  /** Called with every used index in order, and after every round with the new state (checkpoints). */
  onUsed?(index: number, value: T): void;
  onProgress?(state: GapScanState): void;
  /** Resume from a checkpoint. */
  start?: GapScanState;
  signal?: AbortSignal;
}

/** Index at which the scan stops asking: every index below it has a verdict once the scan is done. */
export const gapEnd = (state: GapScanState, gap: number): number => state.lastUsed + 1 + gap;

/** Runs the gap scan of one branch. Returns the final state; rejects when a probe failed (state via onProgress). */
export async function gapScan<T>(params: GapScanParams<T>): Promise<GapScanState> {
  const gap = Math.max(1, params.gap); // BDK: a stop gap of 0 is treated as 1
  const state: GapScanState = { ...(params.start ?? { next: 0, lastUsed: -1 }) };
  let unusedRun = countUnusedRun(state);
  while (unusedRun < gap) {
    params.signal?.throwIfAborted();
    const count = Math.max(params.window, gap - unusedRun);
    const verdicts = await params.probe(state.next, count);
    for (const verdict of verdicts) {
      if (unusedRun >= gap) break; // beyond the boundary: discard
      const index = state.next++;
      if (verdict?.used) {
        state.lastUsed = index;
        unusedRun = 0;
        params.onUsed?.(index, verdict.value);
      } else unusedRun++;
    }
    params.onProgress?.({ ...state });
  }
  return state;
}

/** Unused indices since the last used one. */
function countUnusedRun(state: GapScanState): number {
  return state.next - state.lastUsed - 1;
}
