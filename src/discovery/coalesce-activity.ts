import type { AddressActivity, AddressRef, ChainSource, SourceCallOptions } from '../chains/source.js';

interface Waiting {
  refs: readonly AddressRef[];
  signal: AbortSignal | undefined;
  priority: number | undefined;
  resolve(answers: AddressActivity[]): void;
  reject(err: unknown): void;
}

/**
 * Small activity questions asked in the same turn of the event loop go to the indexer as one: single-address
 * targets (a Solana or Tron key, a Ledger Live account, accounts of a MEW-style loop) each ask about one address,
 * and one query for all of them is one getMultipleAccounts, one Multicall3, one batch — instead of a round of
 * requests each. A question of `maxRefs` addresses or more (a gap window) goes as it is, and a merged query
 * never exceeds `maxRefs` addresses: the shapes an indexer sees stay those of a window.
 */
export function coalescingSource(source: ChainSource, maxRefs: number): ChainSource {
  if (!Number.isInteger(maxRefs) || maxRefs < 1) throw new RangeError(`maxRefs must be an integer ≥ 1, got ${maxRefs}`);
  let queue: Waiting[] = [];
  let scheduled = false;

  function send(group: Waiting[]): void {
    const refs = group.flatMap((w) => w.refs);
    // One signal for the merged query only when every caller shares it (the scan's); otherwise none.
    const signal = group.every((w) => w.signal === group[0]!.signal) ? group[0]!.signal : undefined;
    // The most urgent caller's priority: the merged query is on its path.
    const ranked = group.flatMap((w) => (w.priority === undefined ? [] : [w.priority]));
    const options: SourceCallOptions = { ...(signal && { signal }), ...(ranked.length > 0 && { priority: Math.max(...ranked) }) };
    source.activity(refs, options).then(
      (answers) => {
        let at = 0;
        for (const w of group) {
          w.resolve(answers.slice(at, at + w.refs.length));
          at += w.refs.length;
        }
      },
      (err: unknown) => group.forEach((w) => w.reject(err)),
    );
  }

  function flush(): void {
    scheduled = false;
    const all = queue;
    queue = [];
    let group: Waiting[] = [];
    let size = 0;
    for (const w of all) {
      if (size + w.refs.length > maxRefs && group.length > 0) {
        send(group);
        group = [];
        size = 0;
      }
      group.push(w);
      size += w.refs.length;
    }
    if (group.length > 0) send(group);
  }

  const activity = (refs: readonly AddressRef[], options: SourceCallOptions = {}): Promise<AddressActivity[]> => {
    if (refs.length >= maxRefs || refs.length === 0) return source.activity(refs, options);
    return new Promise<AddressActivity[]>((resolve, reject) => {
      queue.push({ refs, signal: options.signal, priority: options.priority, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  };

  return { ...source, activity, holdings: (refs, o) => source.holdings(refs, o), requests: () => source.requests() };
}
