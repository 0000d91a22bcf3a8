import { RestoreScanError } from '../errors.js';

/** The error every net/ function rejects with when the caller's signal aborts (never retried). */
export function abortedError(signal?: AbortSignal): RestoreScanError {
  return new RestoreScanError('ABORTED', 'The request was aborted.', { cause: signal?.reason });
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortedError(signal);
}

export function isAbortedError(err: unknown): boolean {
  return err instanceof RestoreScanError && err.code === 'ABORTED';
}

/** Settles with `promise`, or rejects with an ABORTED error as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
