import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../src/chains/networks.js';
import type { AddressRef, ChainSource } from '../../src/chains/source.js';
import { coalescingSource } from '../../src/discovery/coalesce-activity.js';
import { memorySource } from './memory-source.js';

const refs = (prefix: string, n: number): AddressRef[] => Array.from({ length: n }, (_, i) => ({ address: `${prefix}${i}` }));

function recording(failing = false): { source: ChainSource; calls: string[][] } {
  const inner = memorySource(NETWORKS.solana!, { a0: { txCount: 2 }, c1: { txCount: 1 } });
  const calls: string[][] = [];
  const source: ChainSource = {
    ...inner,
    activity: async (r, o) => {
      calls.push(r.map((x) => x.address));
      if (failing) throw new Error('indexer down');
      return inner.activity(r, o);
    },
  };
  return { source, calls };
}

describe('coalescingSource', () => {
  it('merges the small questions of one turn into one query, and gives each caller its own answers', async () => {
    const { source, calls } = recording();
    const merged = coalescingSource(source, 20);
    const [a, b, c] = await Promise.all([merged.activity(refs('a', 1)), merged.activity(refs('b', 1)), merged.activity(refs('c', 2))]);
    expect(calls).toEqual([['a0', 'b0', 'c0', 'c1']]);
    expect(a!.map((x) => [x.address, x.used, x.txCount])).toEqual([['a0', true, 2]]);
    expect(b!.map((x) => [x.address, x.used])).toEqual([['b0', false]]);
    expect(c!.map((x) => [x.address, x.used])).toEqual([['c0', false], ['c1', true]]);
  });

  it('gives a merged query the most urgent of its callers\' priorities', async () => {
    const inner = memorySource(NETWORKS.solana!, {});
    const priorities: (number | undefined)[] = [];
    const merged = coalescingSource({ ...inner, activity: async (r, o) => (priorities.push(o?.priority), inner.activity(r, o)) }, 20);
    await Promise.all([merged.activity(refs('a', 1), { priority: -7 }), merged.activity(refs('b', 1), { priority: -2 }), merged.activity(refs('c', 1))]);
    await Promise.all([merged.activity(refs('d', 1)), merged.activity(refs('e', 1))]);
    expect(priorities).toEqual([-2, undefined]);
  });

  it('sends a window as it is, and never merges past maxRefs addresses', async () => {
    const { source, calls } = recording();
    const merged = coalescingSource(source, 20);
    await Promise.all([merged.activity(refs('w', 20)), merged.activity(refs('x', 8)), merged.activity(refs('y', 8)), merged.activity(refs('z', 8))]);
    expect(calls.map((c) => c.length)).toEqual([20, 16, 8]);
  });

  it('fails every merged caller when the query fails: an address never passes for unused', async () => {
    const { source } = recording(true);
    const merged = coalescingSource(source, 20);
    const outcomes = await Promise.allSettled([merged.activity(refs('a', 1)), merged.activity(refs('b', 1))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
