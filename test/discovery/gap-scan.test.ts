import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gapScan, type GapScanState } from '../../src/discovery/gap-scan.js';

/** The reference: walk one index at a time, stop after `gap` consecutive unused past the last used. */
function reference(used: ReadonlySet<number>, gap: number): { found: number[]; asked: number } {
  const found: number[] = [];
  let run = 0;
  let i = 0;
  for (; run < Math.max(1, gap); i++) {
    if (used.has(i)) {
      found.push(i);
      run = 0;
    } else run++;
  }
  return { found, asked: i };
}

async function run(used: ReadonlySet<number>, gap: number, window: number, start?: GapScanState) {
  const found: number[] = [];
  const state = await gapScan({
    gap, window, ...(start && { start }),
    probe: async (from, count) => Array.from({ length: count }, (_, k) => ({ used: used.has(from + k), value: from + k })),
    onUsed: (i) => found.push(i),
  });
  return { found, state };
}

describe('gap scan (BDK/Electrum stop gap)', () => {
  it('finds a used address at last used + 20 and not one at last used + 21 (gap 20)', async () => {
    const { found, state } = await run(new Set([0, 3, 23]), 20, 20);
    expect(found).toEqual([0, 3, 23]); // 23 = 3 + 20: 19 unused in between
    expect(state.lastUsed).toBe(23);
    const past = await run(new Set([0, 3, 24]), 20, 20); // 24 = 3 + 21: 20 unused in between
    expect(past.found).toEqual([0, 3]);
    expect(past.state.next).toBe(24);
  });

  it('an empty branch asks exactly `gap` addresses', async () => {
    const { state } = await run(new Set(), 20, 20);
    expect(state).toEqual({ next: 20, lastUsed: -1 });
  });

  it('gap 0 behaves as gap 1', async () => {
    expect((await run(new Set([0, 1, 3]), 0, 5)).found).toEqual([0, 1]);
  });

  it('any window size gives the reference verdict; resuming from any state gives the same', async () => {
    await fc.assert(fc.asyncProperty(
      fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 12 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 64 }),
      async (usedList, gap, window) => {
        const used = new Set(usedList);
        const ref = reference(used, gap);
        const got = await run(used, gap, window);
        expect(got.found).toEqual(ref.found);
        expect(got.state.next).toBe(ref.asked);
        // Kill after the first used address and resume: same end.
        if (ref.found.length > 0) {
          const first = ref.found[0]!;
          const resumed = await run(used, gap, window, { next: first + 1, lastUsed: first });
          expect([first, ...resumed.found]).toEqual(ref.found);
          expect(resumed.state.next).toBe(ref.asked);
        }
      }), { numRuns: 300 });
  });

  it('a failed probe rejects, leaving the branch open at the last good state', async () => {
    const states: GapScanState[] = [];
    const scan = gapScan({
      gap: 5, window: 5,
      probe: async (from, count) => {
        if (from >= 5) throw new Error('indexer down');
        return Array.from({ length: count }, (_, k) => ({ used: from + k === 2, value: 0 }));
      },
      onProgress: (s) => states.push(s),
    });
    await expect(scan).rejects.toThrow('indexer down');
    expect(states.at(-1)).toEqual({ next: 5, lastUsed: 2 });
  });
});
