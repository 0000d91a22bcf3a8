import type { AddressActivity, AddressRef, ChainSource } from '../chains/source.js';
import type { Failure } from '../report/types.js';
import { mergeActivity } from './activity.js';
import type { ScanProgress } from './progress.js';
import { HOLDINGS_PRIORITY } from './query-priority.js';

/** A used address as discovery found it: the activity answers already merged over the network's indexers. */
export interface UsedRef {
  network: string;
  ref: AddressRef;
  activity: AddressActivity;
}

export interface HoldingsCache {
  getHoldings?(network: string, address: string): AddressActivity | undefined;
  putHoldings?(network: string, address: string, activity: AddressActivity): void;
}

export interface HoldingsFetcherOptions {
  sources: ReadonlyMap<string, readonly ChainSource[]>;
  fail(failure: Failure): void;
  emit(event: ScanProgress): void;
  signal?: AbortSignal;
  cache?: HoldingsCache;
}

export interface HoldingsFetcher {
  /** Asks for the holdings of a used address (once per network and address), alongside the rest of discovery. */
  add(used: UsedRef): void;
  /** Waits for everything asked; then the merged holdings of each address added, by network and address. */
  settle(): Promise<(network: string, address: string) => AddressActivity | undefined>;
}

/**
 * Holdings are asked as soon as discovery finds an address used, not after the whole scan: they then ride
 * along with the windows still being scanned, and the scan ends one round trip sooner. Addresses found in the
 * same turn of the event loop (one window's used addresses, several branches answered by one batch) share a
 * request. Sources whose activity answer is already the full holding (`activityIsHoldings`) are not asked again.
 */
export function createHoldingsFetcher(options: HoldingsFetcherOptions): HoldingsFetcher {
  const { sources, signal } = options;
  const known = new Map<string, Map<string, AddressActivity>>();
  const queued = new Map<string, UsedRef[]>();
  const requests: Promise<void>[] = [];
  let flushing: ReturnType<typeof setImmediate> | undefined;

  const holdingsOf = (network: string): Map<string, AddressActivity> => {
    let m = known.get(network);
    if (!m) known.set(network, (m = new Map()));
    return m;
  };

  async function ask(network: string, batch: readonly UsedRef[]): Promise<void> {
    const holdings = holdingsOf(network);
    const askable = (sources.get(network) ?? []).filter((s) => !s.activityIsHoldings);
    const answers: AddressActivity[][] = [];
    let complete = true;
    if (askable.length > 0) {
      options.emit({ kind: 'enrich', network, addresses: batch.length });
      await Promise.all(askable.map(async (source) => {
        try {
          answers.push(await source.holdings(batch.map((u) => u.ref), { ...(signal && { signal }), priority: HOLDINGS_PRIORITY }));
        } catch (err) {
          if (signal?.aborted) throw err;
          // Holdings failed: the activity answers still hold what the cheap pass saw; the report says it is incomplete.
          complete = false;
          options.fail({
            network, indexer: source.id, what: `holdings of ${batch.length} used addresses`,
            error: err instanceof Error ? ((err as { shortMessage?: string }).shortMessage ?? err.message) : String(err),
          });
        }
      }));
    }
    batch.forEach((u, i) => {
      const merged = mergeActivity([...answers.map((a) => a[i]!).filter(Boolean), u.activity]);
      holdings.set(u.ref.address, merged);
      if (complete && askable.length > 0) options.cache?.putHoldings?.(network, u.ref.address, merged);
    });
  }

  function flush(): void {
    flushing = undefined;
    for (const [network, batch] of queued) {
      const request = ask(network, batch);
      request.catch(() => undefined); // observed in settle()
      requests.push(request);
    }
    queued.clear();
  }

  function add(used: UsedRef): void {
    const holdings = holdingsOf(used.network);
    if (holdings.has(used.ref.address)) return;
    const cached = options.cache?.getHoldings?.(used.network, used.ref.address);
    if (cached) {
      holdings.set(used.ref.address, cached);
      return;
    }
    // Reserved now, so that the same address found by another scheme is not asked twice.
    holdings.set(used.ref.address, used.activity);
    const batch = queued.get(used.network) ?? [];
    batch.push(used);
    queued.set(used.network, batch);
    flushing ??= setImmediate(flush);
  }

  async function settle(): Promise<(network: string, address: string) => AddressActivity | undefined> {
    if (flushing !== undefined) {
      clearImmediate(flushing);
      flush();
    }
    await Promise.all(requests);
    return (network, address) => known.get(network)?.get(address);
  }

  return Object.freeze({ add, settle });
}
