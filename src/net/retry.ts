import { isAbortedError, throwIfAborted } from './abort.js';
import { systemClock, type Clock } from './clock.js';
import { isRetryableError, TransportError } from './errors.js';

export interface BackoffOptions {
  /** First backoff ceiling, doubled per attempt (default 250 ms). */
  baseDelayMs?: number;
  /** Ceiling of any backoff (default 10 s). */
  maxDelayMs?: number;
}

export interface RetryOptions extends BackoffOptions {
  /** Attempts after the first (default 4, so at most 5 attempts). */
  retries?: number;
  /** A `Retry-After` longer than this ends the retries at once, so failover can go elsewhere (default 60 s). */
  maxRetryAfterMs?: number;
  /** `false` for calls with effects (a send): never retried, whatever the error. Default true. */
  idempotent?: boolean;
  signal?: AbortSignal;
  clock?: Clock;
  /** Source of jitter in [0, 1); inject for deterministic tests. */
  random?: () => number;
  /** Defaults to `isRetryableError` (TransportError with `retryable`). */
  isRetryable?: (err: unknown) => boolean;
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  /** The attempt that failed, 0-based. */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export const DEFAULT_RETRY = Object.freeze({
  retries: 4,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
});

/** HTTP statuses worth another attempt: 408, 429 and 5xx except 501 (Not Implemented never changes). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, dateNowMs: number): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - dateNowMs);
}

function exponentialCeiling(attempt: number, options: BackoffOptions): number {
  const base = options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  return Math.min(max, base * 2 ** attempt);
}

/** "Full jitter" (AWS architecture blog): uniform in [0, min(max, base·2^attempt)). Spreads herds of clients. */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number): number {
  return Math.floor(random() * exponentialCeiling(attempt, options));
}

/**
 * How long to wait before retrying after `error` failed attempt `attempt`:
 * the server's `Retry-After` when given; for a 429 without it "equal jitter" (at least half the ceiling), because a
 * rate limiter that got a near-zero full-jitter retry would only answer 429 again; otherwise full jitter.
 */
export function retryDelayMs(error: unknown, attempt: number, options: BackoffOptions, random: () => number): number {
  if (error instanceof TransportError) {
    if (error.retryAfterMs !== undefined) return error.retryAfterMs;
    if (error.status === 429) {
      const ceiling = exponentialCeiling(attempt, options);
      return Math.floor(ceiling / 2 + random() * (ceiling / 2));
    }
  }
  return backoffDelayMs(attempt, options, random);
}

/**
 * Runs `fn` until it succeeds, fails with a non-retryable error, or runs out of attempts; waits between attempts
 * (abortable). The final TransportError carries the number of attempts made.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.idempotent === false ? 0 : (options.retries ?? DEFAULT_RETRY.retries);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const isRetryable = options.isRetryable ?? isRetryableError;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs;

  for (let attempt = 0; ; attempt++) {
    throwIfAborted(options.signal);
    try {
      return await fn(attempt);
    } catch (error) {
      const delayMs = retryDelayMs(error, attempt, options, random);
      const giveUp =
        isAbortedError(error) || attempt >= retries || !isRetryable(error) || delayMs > maxRetryAfterMs;
      if (giveUp) {
        if (error instanceof TransportError) error.attempts = attempt + 1;
        throw error;
      }
      options.onRetry?.({ attempt, delayMs, error });
      await clock.sleep(delayMs, options.signal);
    }
  }
}
