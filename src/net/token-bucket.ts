import { abortedError, throwIfAborted } from './abort.js';
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

interface Waiter {
  resolve(): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A token bucket written as GCRA, with the token taken when a waiter is *released*, against the clock as it
 * reads then — not reserved when the waiter arrived. Reserving ahead breaks under timer lateness: after an
 * event-loop stall every waiter whose reserved instant passed would wake together and go out at once. Here one
 * waiter (the head of a FIFO queue) is released at a time, and each release re-reads the clock, so any window
 * of length W sees at most burst + rate·W takes, however late the timers fire.
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
  // Theoretical arrival time of the next request (GCRA): a take conforms at `now` if now ≥ tat − tolerance.
  let tat = -Infinity;
  const queue: Waiter[] = [];
  let pumping = false;

  /** Takes a token if one is available now; otherwise returns how long until one is. */
  function tryTake(): number {
    const now = clock.now();
    const wait = tat - toleranceMs - now;
    if (wait > 0) return wait;
    tat = Math.max(tat, now) + intervalMs;
    return 0;
  }

  // One sleeper for the whole queue: waiters behind the head cannot be released before it, so they need no timer.
  async function pump(): Promise<void> {
    pumping = true;
    try {
      while (queue.length > 0) {
        const wait = tryTake();
        if (wait > 0) {
          await clock.sleep(Math.ceil(wait));
          continue;
        }
        const head = queue.shift()!;
        if (head.onAbort) head.signal?.removeEventListener('abort', head.onAbort);
        head.resolve();
      }
    } finally {
      pumping = false;
    }
  }

  function take(signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    if (queue.length === 0 && tryTake() === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, signal, onAbort: undefined };
      if (signal) {
        // A waiter that leaves took nothing (tokens are taken on release), so no refund is needed.
        waiter.onAbort = () => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          reject(abortedError(signal));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      queue.push(waiter);
      if (!pumping) void pump();
    });
  }

  return Object.freeze({ requestsPerSecond, burst, take });
}
