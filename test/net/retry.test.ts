import { describe, expect, it } from 'vitest';
import { RestoreScanError } from '../../src/errors.js';
import { TransportError } from '../../src/net/errors.js';
import { backoffDelayMs, isRetryableStatus, parseRetryAfter, retryDelayMs, withRetry } from '../../src/net/retry.js';
import { virtualClock } from './support.js';

const endpoint = 'http://127.0.0.1:1/';
const transient = (extra: Partial<{ status: number; retryAfterMs: number }> = {}): TransportError =>
  new TransportError('NETWORK', 'boom', { endpoint, retryable: true, ...extra });

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('retry policy', () => {
  it('classifies statuses', () => {
    for (const s of [408, 429, 500, 502, 503, 504, 520]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [200, 400, 401, 403, 404, 501]) expect(isRetryableStatus(s)).toBe(false);
  });

  it('full jitter stays under the doubling ceiling and is deterministic with an injected random', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(0, opts, () => 0.5)).toBe(50);
    expect(backoffDelayMs(3, opts, () => 0.5)).toBe(400);
    expect(backoffDelayMs(10, opts, () => 0.999)).toBe(999);
  });

  it('honours Retry-After and gives 429 without it at least half the ceiling', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 10_000 };
    expect(retryDelayMs(transient({ status: 429, retryAfterMs: 2000 }), 0, opts, () => 0)).toBe(2000);
    expect(retryDelayMs(transient({ status: 429 }), 2, opts, () => 0)).toBe(200);
    expect(retryDelayMs(transient({ status: 503 }), 2, opts, () => 0)).toBe(0);
  });
});

describe('withRetry', () => {
  it('retries transient failures with the server-given delay, then succeeds', async () => {
    const clock = virtualClock();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw transient({ status: 429, retryAfterMs: 3000 });
        if (calls === 2) throw transient({ status: 503 });
        return 'ok';
      },
      { clock, random: () => 0.5, baseDelayMs: 100 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([3000, 100]); // Retry-After, then full jitter 0.5 × 200
  });

  it('gives up after the bounded attempts with the count on the error', async () => {
    const clock = virtualClock();
    let calls = 0;
    const err = await withRetry(
      async () => {
        calls++;
        throw transient();
      },
      { clock, retries: 3, random: () => 0 },
    ).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).attempts).toBe(4);
  });

  it('never retries a non-idempotent call', async () => {
    let calls = 0;
    const err = await withRetry(
      async () => {
        calls++;
        throw transient({ status: 503 });
      },
      { clock: virtualClock(), idempotent: false, retries: 5 },
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect((err as TransportError).attempts).toBe(1);
  });

  it('does not retry deterministic failures', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new TransportError('PROTOCOL', 'HTTP 404', { endpoint, retryable: false, status: 404 });
      }, { clock: virtualClock() }),
    ).rejects.toThrow('HTTP 404');
    expect(calls).toBe(1);
  });

  it('stops waiting as soon as the signal aborts', async () => {
    const controller = new AbortController();
    let calls = 0;
    const started = performance.now();
    const pending = withRetry(
      async () => {
        calls++;
        throw transient({ retryAfterMs: 60_000 });
      },
      { signal: controller.signal, maxRetryAfterMs: 120_000 }, // the real clock: a minute-long wait
    );
    setTimeout(() => controller.abort(new Error('user cancelled')), 20);
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestoreScanError);
    expect((err as RestoreScanError).code).toBe('ABORTED');
    expect(calls).toBe(1);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('ends the retries when Retry-After exceeds the limit, so failover can move on', async () => {
    let calls = 0;
    const clock = virtualClock();
    const err = await withRetry(
      async () => {
        calls++;
        throw transient({ status: 429, retryAfterMs: 3_600_000 });
      },
      { clock, maxRetryAfterMs: 60_000 },
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
    expect((err as TransportError).retryable).toBe(true);
  });
});
