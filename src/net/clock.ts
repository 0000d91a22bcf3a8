import { abortedError } from './abort.js';

/**
 * Time as a parameter, so retries, rate limits and cool-downs are deterministic under test.
 * `now` is monotonic (for intervals); `dateNow` is wall-clock (for HTTP-date `Retry-After`).
 */
export interface Clock {
  now(): number;
  dateNow(): number;
  /** Resolves after `ms`; rejects with an ABORTED error as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: Clock = Object.freeze({
  now: () => performance.now(),
  dateNow: () => Date.now(),
  sleep,
});
