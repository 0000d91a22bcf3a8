import { isAbortedError, throwIfAborted } from './abort.js';
import { systemClock, type Clock } from './clock.js';
import { TransportError } from './errors.js';
import { JsonRpcError } from './json-rpc-error.js';
import { RestoreScanError } from '../errors.js';

export interface FailoverOptions {
  /** How long a failed endpoint is tried only after the healthy ones (default 30 s). */
  cooldownMs?: number;
  clock?: Clock;
  /** Whether another endpoint may do better after `err`. Default: `isEndpointFailure`. */
  shouldFailover?: (err: unknown) => boolean;
}

export interface Failover<T> {
  readonly endpoints: readonly T[];
  /** Tries `fn` on each endpoint in turn (healthy first) until one succeeds or a failure is not the endpoint's. */
  run<R>(fn: (endpoint: T, signal?: AbortSignal) => Promise<R>, signal?: AbortSignal): Promise<R>;
  /** Endpoints not cooling down, in preference order. */
  healthy(): T[];
}

/** HTTP statuses that speak of the endpoint (our access to it), not of the question. */
const ENDPOINT_STATUSES: ReadonlySet<number> = new Set([401, 402, 403, 407]);

/**
 * Default failover rule: transient failures (after that endpoint's own retries), refused access, and JSON-RPC
 * "method not found" (that node lacks an API another may have). Deterministic answers — invalid params, a range
 * too large — would be the same elsewhere, or are the caller's to handle, so they are not failed over.
 */
export function isEndpointFailure(err: unknown): boolean {
  if (!(err instanceof TransportError)) return false;
  if (err instanceof JsonRpcError) return err.retryable || err.rpcCode === -32601;
  return err.retryable || (err.status !== undefined && ENDPOINT_STATUSES.has(err.status));
}

/** Failover across one network's endpoints, remembering unhealthy ones for a cool-down. */
export function createFailover<T extends { readonly endpoint: string }>(
  endpoints: readonly T[],
  options: FailoverOptions = {},
): Failover<T> {
  if (endpoints.length === 0) throw new RangeError('failover needs at least one endpoint');
  const clock = options.clock ?? systemClock;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const shouldFailover = options.shouldFailover ?? isEndpointFailure;
  /** Index → end of its cool-down. */
  const coolingUntil = new Map<number, number>();

  function order(): number[] {
    const now = clock.now();
    const indexes = endpoints.map((_, i) => i);
    const healthy = indexes.filter((i) => (coolingUntil.get(i) ?? -Infinity) <= now);
    // Cooling endpoints stay as a last resort, soonest-recovering first: better than giving up.
    const cooling = indexes
      .filter((i) => !healthy.includes(i))
      .sort((a, b) => (coolingUntil.get(a) ?? 0) - (coolingUntil.get(b) ?? 0));
    return [...healthy, ...cooling];
  }

  async function run<R>(fn: (endpoint: T, signal?: AbortSignal) => Promise<R>, signal?: AbortSignal): Promise<R> {
    const failures: { endpoint: string; error: unknown }[] = [];
    for (const index of order()) {
      throwIfAborted(signal);
      const endpoint = endpoints[index] as T;
      try {
        const result = await fn(endpoint, signal);
        coolingUntil.delete(index);
        return result;
      } catch (err) {
        if (isAbortedError(err) || !shouldFailover(err)) throw err;
        coolingUntil.set(index, clock.now() + cooldownMs);
        failures.push({ endpoint: endpoint.endpoint, error: err });
      }
    }
    if (failures.length === 1) throw failures[0]?.error;
    const last = failures[failures.length - 1];
    // Each endpoint's own reason, in the one line a report keeps (a TransportError's names its endpoint already).
    const reasons = failures.map(({ endpoint, error }) =>
      error instanceof TransportError ? error.shortMessage : `${error instanceof RestoreScanError ? error.shortMessage : String(error)} (${endpoint})`);
    throw new TransportError('NETWORK', `all ${failures.length} endpoints failed: ${reasons.join('; ')}`, {
      endpoint: failures.map((f) => f.endpoint).join(', '),
      retryable: true,
      details: failures
        .map((f) => `${f.endpoint}: ${f.error instanceof TransportError ? f.error.shortMessage : String(f.error)}`)
        .join('\n'),
      cause: last?.error,
    });
  }

  return Object.freeze({
    endpoints,
    run,
    healthy: () => order().filter((i) => (coolingUntil.get(i) ?? -Infinity) <= clock.now()).map((i) => endpoints[i] as T),
  });
}
