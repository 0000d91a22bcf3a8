/**
 * The scan's lower bound (bench/README.md): no scanner can finish faster than
 *   - its longest chain of dependent round trips: a branch with last used index L needs L + 1 + gap verdicts,
 *     and with at most `window` addresses per round trip that is ⌈(L + 1 + gap) / window⌉ rounds one after
 *     the other (the next round's start depends on the previous verdicts), each costing one latency;
 *   - any provider's requests divided by its rate limit;
 *   - any provider's requests × latency divided by its concurrency cap.
 * Providers work in parallel, so each term is the maximum over providers; the bound is the maximum of terms.
 */

export interface ProviderLoad {
  name: string;
  /** Requests the provider received (counted by the proxy). */
  requests: number;
  requestsPerSecond: number;
  maxConcurrency: number;
}

export interface LowerBoundInput {
  latencyMs: number;
  gapLimit: number;
  /** Largest number of addresses one round trip may cover on one branch (the engine's window). */
  window: number;
  /** Last used index of every branch the scan must walk (−1 when unused). */
  branchLastUsed: readonly number[];
  providers: readonly ProviderLoad[];
}

export interface LowerBound {
  chainMs: number;
  rateMs: number;
  concurrencyMs: number;
  boundMs: number;
  /** The term that sets the bound. */
  binding: 'chain' | 'rate' | 'concurrency';
  /** Round trips of the longest branch. */
  chainRounds: number;
}

/** Dependent rounds of one branch. */
export const branchRounds = (lastUsed: number, gapLimit: number, window: number): number =>
  Math.ceil((lastUsed + 1 + Math.max(1, gapLimit)) / Math.max(1, window));

export function scanLowerBound(input: LowerBoundInput): LowerBound {
  if (!(input.latencyMs >= 0)) throw new RangeError(`latencyMs must be ≥ 0, got ${input.latencyMs}`);
  const chainRounds = Math.max(0, ...input.branchLastUsed.map((l) => branchRounds(l, input.gapLimit, input.window)));
  const chainMs = chainRounds * input.latencyMs;
  const rateMs = Math.max(0, ...input.providers.map((p) => (p.requests / p.requestsPerSecond) * 1000));
  const concurrencyMs = Math.max(0, ...input.providers.map((p) => (p.requests * input.latencyMs) / p.maxConcurrency));
  const boundMs = Math.max(chainMs, rateMs, concurrencyMs);
  const binding = boundMs === chainMs ? 'chain' : boundMs === rateMs ? 'rate' : 'concurrency';
  return { chainMs, rateMs, concurrencyMs, boundMs, binding, chainRounds };
}
