import pLimit from 'p-limit';
import { raceAbort, throwIfAborted } from './abort.js';

export interface ConcurrencyLimit {
  readonly max: number;
  readonly active: number;
  readonly pending: number;
  /** Runs `fn` when fewer than `max` are running. A caller whose signal aborts while queued leaves the queue at once. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** A cap on simultaneous requests to one endpoint. */
export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxConcurrency must be an integer ≥ 1, got ${max}`);
  const limit = pLimit(max);
  return Object.freeze({
    max,
    get active() {
      return limit.activeCount;
    },
    get pending() {
      return limit.pendingCount;
    },
    run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      // An aborted waiter's slot function still runs once, but returns at once without calling `fn`.
      const queued = limit(() => {
        throwIfAborted(signal);
        return fn();
      });
      queued.catch(() => undefined); // the race below reports the error; avoid an unhandled rejection after abort
      return raceAbort(queued, signal);
    },
  });
}
