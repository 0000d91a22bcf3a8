import { describe, expect, it, vi } from 'vitest';
import type { AddressActivity, AddressRef, ChainSource } from '../../src/chains/source.js';
import { NETWORKS } from '../../src/chains/networks.js';
import { RestoreScanError } from '../../src/errors.js';
import { failoverSource } from '../../src/discovery/network-sources.js';
import { virtualClock } from '../net/support.js';

/** A source whose every answer the test settles by hand, in the order it chooses. */
function manualSource(id: string) {
  const pending: { resolve(a: AddressActivity[]): void; reject(e: unknown): void }[] = [];
  const checks: { resolve(): void; reject(e: unknown): void }[] = [];
  let asked = 0;
  const source: ChainSource = {
    verify: () => new Promise<void>((resolve, reject) => checks.push({ resolve, reject })),
    id, type: 'electrum', family: 'bitcoin', network: NETWORKS.bitcoin!,
    activity: (_refs: readonly AddressRef[]) => {
      asked++;
      return new Promise<AddressActivity[]>((resolve, reject) => pending.push({ resolve, reject }));
    },
    holdings: () => Promise.resolve([]),
    requests: () => asked,
  };
  return { source, pending, checks, asked: () => asked };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('failoverSource (configured alternatives of one network)', () => {
  it('sends a failed query on to the next alternative even when another query succeeded there meanwhile', async () => {
    const dead = manualSource('electrum dead');
    const live = manualSource('esplora live');
    const clock = virtualClock();
    const group = failoverSource([dead.source, live.source], { cooldownMs: 30_000, clock });
    const first = group.activity([]);
    const second = group.activity([]);
    await tick();
    expect(dead.pending).toHaveLength(2); // both start at the first alternative
    dead.pending[0]!.reject(new Error('could not connect'));
    await tick();
    live.pending[0]!.resolve([]); // the first query succeeds elsewhere: later queries start there
    await first;
    dead.pending[1]!.reject(new Error('could not connect'));
    await tick();
    expect(live.pending).toHaveLength(2); // the second query went on to the live one, not back to the dead one
    live.pending[1]!.resolve([]);
    await expect(second).resolves.toEqual([]);
    expect(dead.asked()).toBe(2);
    // During its cool-down the failed alternative is asked last: a new query goes to the live one at once.
    const third = group.activity([]);
    await tick();
    expect(live.pending).toHaveLength(3);
    live.pending[2]!.resolve([]);
    await expect(third).resolves.toEqual([]);
    expect(dead.asked()).toBe(2);
    // After it, the first configured alternative is asked first again (it may have recovered).
    clock.advance(30_000);
    const fourth = group.activity([]);
    await tick();
    expect(dead.asked()).toBe(3);
    dead.pending[2]!.resolve([]);
    await expect(fourth).resolves.toEqual([]);
  });

  it("rejects with every alternative's reason when all failed, and does not fail over a cancelled query", async () => {
    const a = manualSource('a');
    const b = manualSource('b');
    const group = failoverSource([a.source, b.source]);
    const query = group.activity([]);
    await tick();
    a.pending[0]!.reject(new Error('a failed'));
    await tick();
    b.pending[0]!.reject(new Error('b failed'));
    await expect(query).rejects.toMatchObject({ shortMessage: expect.stringMatching(/^all 2 endpoints failed: .*a failed \(a\); .*b failed \(b\)/) });

    const cancelled = group.activity([]);
    await tick();
    // Both are cooling now; a is still asked first (the one whose cool-down ends first).
    a.pending[1]!.reject(new RestoreScanError('ABORTED', 'aborted'));
    await expect(cancelled).rejects.toMatchObject({ code: 'ABORTED' });
    expect(b.asked()).toBe(1);
  });

  describe('verify', () => {
    /** 'pending' when `p` has not settled within `ms`. */
    const state = async (p: Promise<unknown>, ms = 30) => {
      let out: string = 'pending';
      p.then(() => (out = 'resolved'), (e: unknown) => (out = `rejected ${(e as { code?: string }).code}`));
      await new Promise((r) => setTimeout(r, ms));
      return out;
    };

    it('once the scan is over, waits for the checks of alternatives it took answers from, not the others', async () => {
      const used = manualSource('used');
      const unused = manualSource('unused, unreachable');
      const group = failoverSource([used.source, unused.source], { unusedCheckGraceMs: 0 });
      const query = group.activity([]);
      await tick();
      used.pending[0]!.resolve([]);
      await query;
      const scanOver = new AbortController();
      const verified = group.verify!({ scanOver: scanOver.signal });
      expect(await state(verified)).toBe('pending');
      scanOver.abort();
      expect(await state(verified)).toBe('pending'); // the used one's check is still out
      used.checks[0]!.resolve();
      expect(await state(verified)).toBe('resolved'); // the unused one's never settled
    });

    it('rejects on another chain anywhere, and takes an unreachable alternative for no verdict', async () => {
      const a = manualSource('a');
      const b = manualSource('b');
      const group = failoverSource([a.source, b.source]);
      const verified = group.verify!({});
      a.checks[0]!.reject(new Error('could not connect'));
      expect(await state(verified)).toBe('pending'); // b's check still counts
      b.checks[0]!.reject(new RestoreScanError('CHAIN_MISMATCH', 'another chain'));
      expect(await state(verified)).toBe('rejected CHAIN_MISMATCH');

      const c = manualSource('c');
      const d = manualSource('d');
      const other = failoverSource([c.source, d.source], { unusedCheckGraceMs: 0 });
      const ok = other.verify!({ scanOver: AbortSignal.abort() }); // nothing used: nothing to wait for
      expect(await state(ok)).toBe('resolved');
      d.checks[0]!.reject(new RestoreScanError('CHAIN_MISMATCH', 'too late to matter')); // handled: no unhandled rejection
      await tick();
    });

    it('still refuses an unused alternative on another chain that answers its check within the grace after the scan', async () => {
      const a = manualSource('a');
      const b = manualSource('b, a backup on another chain');
      const group = failoverSource([a.source, b.source], { unusedCheckGraceMs: 200 });
      const verified = group.verify!({ scanOver: AbortSignal.abort() });
      a.checks[0]!.resolve();
      expect(await state(verified, 50)).toBe('pending');
      b.checks[0]!.reject(new RestoreScanError('CHAIN_MISMATCH', 'another chain'));
      expect(await state(verified)).toBe('rejected CHAIN_MISMATCH');
    });

    it('leaves no timer behind once its checks are settled (the CLI exits when the scan is done)', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const a = manualSource('a');
        const b = manualSource('b');
        const group = failoverSource([a.source, b.source]);
        const before = new AbortController();
        const settledFirst = group.verify!({ scanOver: before.signal });
        a.checks[0]!.resolve();
        b.checks[0]!.resolve();
        await settledFirst;
        before.abort(); // the scan ends after the checks: no grace timer at all
        await tick();
        expect(vi.getTimerCount()).toBe(0);

        const after = new AbortController();
        const settledLater = group.verify!({ scanOver: after.signal });
        after.abort(); // the scan ends first: the grace timer starts, and goes when the checks settle
        await tick();
        expect(vi.getTimerCount()).toBe(1);
        a.checks[1]!.resolve();
        b.checks[1]!.resolve();
        await settledLater;
        expect(vi.getTimerCount()).toBe(0);
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
