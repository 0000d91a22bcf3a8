import { throwIfAborted } from './abort.js';
import { systemClock, type Clock } from './clock.js';

export interface TokenBucketOptions {
  requestsPerSecond: number;
  /** Requests allowed back to back after an idle spell (default 1: evenly spaced, safest against unknown limits). */
  burst?: number;
  clock?: Clock;
}

export interface TokenBucket {
  readonly requestsPerSecond: number;
  readonly burst: number;
  /** Waits until a token is available, then takes it. First come, first served. */
  take(signal?: AbortSignal): Promise<void>;
}

/**
 * A token bucket written as GCRA (the "virtual scheduling" form): each `take` reserves the earliest conforming
 * instant at once, so waiters are served in order and any window of length W sees at most burst + rate·W takes.
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { requestsPerSecond } = options;
  const burst = options.burst ?? 1;
  if (!Number.isFinite(requestsPerSecond) || requestsPerSecond <= 0)
    throw new RangeError(`requestsPerSecond must be a positive number, got ${requestsPerSecond}`);
  if (!Number.isInteger(burst) || burst < 1) throw new RangeError(`burst must be an integer ≥ 1, got ${burst}`);
  const clock = options.clock ?? systemClock;
  const intervalMs = 1000 / requestsPerSecond;
  const toleranceMs = (burst - 1) * intervalMs;
  // Theoretical arrival time of the next request.
  let tat = -Infinity;

  async function take(signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    const now = clock.now();
    tat = Math.max(tat, now);
    const allowedAt = tat - toleranceMs;
    tat += intervalMs;
    // An aborted waiter keeps its reservation: refunding could let a later one jump the queue past the limit.
    // Timers may fire a little early; re-check against the clock until the reserved instant has passed.
    for (let wait = allowedAt - clock.now(); wait > 0; wait = allowedAt - clock.now()) {
      await clock.sleep(Math.ceil(wait), signal);
    }
  }

  return Object.freeze({ requestsPerSecond, burst, take });
}
