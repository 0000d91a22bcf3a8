import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConcurrencyLimit } from '../../src/net/concurrency.js';
import { httpTransport } from '../../src/net/http.js';
import { createTokenBucket } from '../../src/net/token-bucket.js';
import { startHttpServer, virtualClock, type TestServer } from './support.js';

/** Largest number of arrivals in any window of `windowMs` (sliding, anchored at each arrival). */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('token bucket', () => {
  it('spaces takes by 1/rate after the burst (virtual clock)', async () => {
    const clock = virtualClock();
    const bucket = createTokenBucket({ requestsPerSecond: 10, burst: 3, clock });
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      await bucket.take();
      times.push(clock.now());
    }
    expect(times).toEqual([0, 0, 0, 100, 200, 300, 400, 500]);
  });

  it('refills while idle, up to the burst only', async () => {
    const clock = virtualClock();
    const bucket = createTokenBucket({ requestsPerSecond: 10, burst: 2, clock });
    await bucket.take();
    await bucket.take();
    clock.advance(10_000);
    const start = clock.now();
    await bucket.take();
    await bucket.take();
    await bucket.take();
    expect(clock.now() - start).toBe(100);
  });

  it('serves waiters first come, first served, and lets an aborted waiter go', async () => {
    const bucket = createTokenBucket({ requestsPerSecond: 50, burst: 1 });
    const order: number[] = [];
    await bucket.take();
    const controller = new AbortController();
    const waits = [1, 2, 3].map((n) => bucket.take(n === 2 ? controller.signal : undefined).then(() => order.push(n)));
    controller.abort();
    const settled = await Promise.allSettled(waits);
    expect(settled[1]?.status).toBe('rejected');
    expect(order).toEqual([1, 3]);
  });

  it('re-checks the clock when timers fire late together, so a stall never releases a burst', async () => {
    // A clock whose timers fire only when the test says so: `stall(ms)` moves time on, then fires every due
    // timer at once — what an event loop blocked for `ms` does.
    let now = 0;
    const timers: { at: number; fire: () => void }[] = [];
    const clock = {
      now: () => now,
      dateNow: () => now,
      sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + ms, fire: resolve })),
    };
    const settle = () => new Promise((r) => setImmediate(r));
    async function stall(ms: number): Promise<void> {
      now += ms;
      for (let due = timers.filter((t) => t.at <= now); due.length > 0; due = timers.filter((t) => t.at <= now)) {
        for (const t of due) timers.splice(timers.indexOf(t), 1);
        for (const t of due) t.fire();
        await settle();
      }
    }
    const bucket = createTokenBucket({ requestsPerSecond: 100, burst: 2, clock }); // one token per 10 ms
    const times: number[] = [];
    const waits = Array.from({ length: 8 }, () => bucket.take().then(() => times.push(now)));
    await settle();
    expect(times).toEqual([0, 0]); // the burst
    await stall(500); // every queued waiter's turn has long passed
    // The bucket refilled during the stall, to its burst only: two go, and the rest each wait an interval of real
    // time (reserving slots on arrival, all six would have gone at 500).
    expect(times).toEqual([0, 0, 500, 500]);
    await stall(3); // nothing goes before a full interval
    expect(times).toHaveLength(4);
    await stall(7);
    for (let i = 0; i < 3; i++) await stall(10);
    await Promise.all(waits);
    expect(times).toEqual([0, 0, 500, 500, 510, 520, 530, 540]);
    expect(maxInWindow(times.slice(2), 10)).toBe(2);
  });

  it('rejects nonsense parameters', () => {
    expect(() => createTokenBucket({ requestsPerSecond: 0 })).toThrow(RangeError);
    expect(() => createTokenBucket({ requestsPerSecond: 5, burst: 0.5 })).toThrow(RangeError);
  });
});

describe('limits seen by a server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpServer(() => ({ body: '{"ok":true}', delayMs: 15 }));
  });
  afterAll(() => server.close());

  it('a transport never exceeds its rate (server-side timestamps)', async () => {
    const rps = 20;
    const burst = 2;
    const n = 20;
    // Warm fetch up first: its lazy initialisation delays the first requests and bunches their arrivals.
    await httpTransport({ url: server.url }).request({ path: '/warm-up' });
    const transport = httpTransport({ url: server.url, requestsPerSecond: rps, burst, maxConcurrency: 16 });
    const first = server.hits.length;
    await Promise.all(Array.from({ length: n }, () => transport.request({ path: '/r' })));
    const times = server.hits.slice(first).map((h) => h.t);
    expect(times).toHaveLength(n);
    // Sent on time, requests may still reach the server late by up to the event-loop stalls of a busy machine
    // (allowed: 150 ms), so a 500 ms window may hold burst + rate·(0.5 + 0.15) = 15. Unthrottled, all 20 would.
    const jitterS = 0.15;
    expect(maxInWindow(times, 500)).toBeLessThanOrEqual(Math.floor(burst + rps * (0.5 + jitterS)));
  });

  it('a transport never has more than maxConcurrency requests in flight', async () => {
    const capped = await startHttpServer(() => ({ body: '1', delayMs: 20 }));
    try {
      const transport = httpTransport({ url: capped.url, maxConcurrency: 3 });
      await Promise.all(Array.from({ length: 15 }, () => transport.request({ path: '/' })));
      expect(capped.hits).toHaveLength(15);
      expect(capped.maxInFlight()).toBe(3);
    } finally {
      await capped.close();
    }
  });

  it('a concurrency limit releases queued callers that abort', async () => {
    const limit = createConcurrencyLimit(1);
    let release: () => void = () => undefined;
    const blocker = limit.run(() => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    let ran = false;
    const queued = limit.run(async () => {
      ran = true;
    }, controller.signal);
    expect(limit.pending).toBe(1);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'ABORTED' });
    release();
    await blocker;
    await new Promise((r) => setImmediate(r));
    expect(ran).toBe(false);
    expect(() => createConcurrencyLimit(0)).toThrow(RangeError);
  });
});
