import type { RestoreScanError } from '../errors.js';
import { abortedError, isAbortedError } from './abort.js';
import { createBatchScheduler, type BatchScheduler } from './batch-scheduler.js';
import { systemClock, type Clock } from './clock.js';
import { TransportError } from './errors.js';
import type { HttpTransport } from './http.js';
import { JsonRpcError } from './json-rpc-error.js';
import {
  parseResponseMessage,
  requestMessage,
  type JsonRpcCall,
  type JsonRpcId,
  type JsonRpcResponseMessage,
} from './json-rpc-message.js';
import { backoffDelayMs, type BackoffOptions } from './retry.js';
import type { EndpointStats } from './stats.js';

export interface JsonRpcClientOptions extends BackoffOptions {
  transport: HttpTransport;
  /** Most calls per HTTP request; longer batches are split (default 50). */
  batchSize?: number;
  /** Auto-batching: `call()`s issued within this many ms go out as one batch. Off when undefined. */
  batchWaitMs?: number;
  /**
   * Re-sends of entries a batch reply left out or answered with a retryable error (default 4). Failures of the
   * whole HTTP request are retried by the transport, not here again.
   */
  retries?: number;
  clock?: Clock;
  random?: () => number;
  secrets?: readonly string[];
}

export interface JsonRpcCallOptions {
  signal?: AbortSignal;
  /** `false` for calls with effects (eth_sendRawTransaction): sent alone, never retried. Default true. */
  idempotent?: boolean;
  /**
   * Clients that queue requests behind an endpoint's limits send higher priorities first, in arrival order
   * among equals (default 0). A scan raises the windows of branches already found used: they are its chain
   * of dependent round trips, while first windows of other branches can wait a few milliseconds.
   */
  priority?: number;
}

export type JsonRpcSettled<T = unknown> =
  | { ok: true; result: T }
  | { ok: false; error: TransportError | RestoreScanError };

export interface JsonRpcClient {
  readonly endpoint: string;
  readonly stats: EndpointStats;
  /** One call; auto-batched with its neighbours when `batchWaitMs` is set. Narrow the result before use. */
  call(method: string, params?: JsonRpcCall['params'], options?: JsonRpcCallOptions): Promise<unknown>;
  /** Results in call order; rejects with the first failed entry's error. */
  batch(calls: readonly JsonRpcCall[], options?: JsonRpcCallOptions): Promise<unknown[]>;
  /** One outcome per call, in call order. Rejects only when aborted. */
  batchSettled(calls: readonly JsonRpcCall[], options?: JsonRpcCallOptions): Promise<JsonRpcSettled[]>;
}

export const JSON_RPC_DEFAULTS = Object.freeze({ batchSize: 50, retries: 4 });

interface EntryOutcome {
  settled: JsonRpcSettled;
  /** A retryable entry-level failure: worth sending this entry again. */
  resend: boolean;
  /** The whole HTTP request failed: the transport already retried and counted it. */
  transportFailure: boolean;
}

interface Queued {
  call: JsonRpcCall;
  signal: AbortSignal | undefined;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** JSON-RPC 2.0 over the HTTP transport: batches matched by id, chunked, entry-level retries, auto-batching. */
export function jsonRpcClient(options: JsonRpcClientOptions): JsonRpcClient {
  const { transport } = options;
  const endpoint = transport.endpoint;
  const secrets = options.secrets ?? [];
  const batchSize = options.batchSize ?? JSON_RPC_DEFAULTS.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be an integer ≥ 1, got ${batchSize}`);
  const retries = options.retries ?? JSON_RPC_DEFAULTS.retries;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  let nextId = 1;

  const protocolError = (message: string, retryable: boolean, details?: string): TransportError =>
    new TransportError('PROTOCOL', message, { endpoint, secrets, retryable, details });

  function outcomeOf(call: JsonRpcCall, reply: JsonRpcResponseMessage | undefined, whole: JsonRpcResponseMessage | undefined): EntryOutcome {
    const message = reply ?? whole;
    if (message === undefined) {
      // Servers under load drop batch entries; the entry itself is fine to ask again.
      const error = protocolError(`${call.method}: no answer for this call in the reply`, true);
      return { settled: { ok: false, error }, resend: true, transportFailure: false };
    }
    if (message.ok) return { settled: { ok: true, result: message.result }, resend: false, transportFailure: false };
    const error = new JsonRpcError(call.method, message.error, { endpoint, secrets });
    if (error.isRateLimited) transport.stats.rateLimited++;
    return { settled: { ok: false, error }, resend: error.retryable, transportFailure: false };
  }

  /** Sends one HTTP request for `calls`; never rejects except on abort. */
  async function sendChunk(calls: readonly JsonRpcCall[], idempotent: boolean, signal?: AbortSignal): Promise<EntryOutcome[]> {
    const ids: JsonRpcId[] = calls.map(() => nextId++);
    const messages = calls.map((call, i) => requestMessage(ids[i] as JsonRpcId, call));
    let json: unknown;
    try {
      const response = await transport.request({
        method: 'POST',
        // A lone call goes as a plain object: servers without batch support still answer it.
        body: messages.length === 1 ? messages[0] : messages,
        idempotent,
        signal,
        // Some servers put JSON-RPC errors in 4xx answers; read them rather than fail on the status.
        acceptStatus: (status) => status >= 400 && status < 500 && status !== 408 && status !== 429,
      });
      json = response.json;
      if (response.status >= 400 && parseResponseMessage(Array.isArray(json) ? json[0] : json) === undefined) {
        const error = new TransportError('PROTOCOL', `HTTP ${response.status}`, {
          endpoint, secrets, retryable: false, status: response.status, details: response.text.slice(0, 200),
        });
        return calls.map(() => ({ settled: { ok: false, error }, resend: false, transportFailure: false }));
      }
    } catch (err) {
      if (isAbortedError(err)) throw err;
      const error = err instanceof TransportError ? err : protocolError('unexpected failure', false, String(err));
      return calls.map(() => ({ settled: { ok: false, error }, resend: false, transportFailure: true }));
    }

    const byId = new Map<JsonRpcId, JsonRpcResponseMessage>();
    let whole: JsonRpcResponseMessage | undefined;
    for (const item of Array.isArray(json) ? json : [json]) {
      const reply = parseResponseMessage(item);
      if (reply === undefined) continue;
      if (reply.id === null) whole ??= reply; // an error about the whole request (e.g. rate limit) applies to all
      else if (!byId.has(reply.id)) byId.set(reply.id, reply);
    }
    if (byId.size === 0 && whole === undefined) {
      const error = protocolError('the reply holds no JSON-RPC answer', true, JSON.stringify(json).slice(0, 200));
      return calls.map(() => ({ settled: { ok: false, error }, resend: true, transportFailure: false }));
    }
    return calls.map((call, i) => outcomeOf(call, byId.get(ids[i] as JsonRpcId), whole));
  }

  async function batchSettled(calls: readonly JsonRpcCall[], callOptions: JsonRpcCallOptions = {}): Promise<JsonRpcSettled[]> {
    const { signal } = callOptions;
    const idempotent = callOptions.idempotent ?? true;
    if (signal?.aborted) throw abortedError(signal);
    const outcomes: EntryOutcome[] = new Array<EntryOutcome>(calls.length);
    let pending = calls.map((call, index) => ({ call, index, sent: 0 }));
    for (let round = 0; pending.length > 0; round++) {
      const resend: typeof pending = [];
      // Non-idempotent calls travel alone, so nothing else shares their fate.
      const size = idempotent ? batchSize : 1;
      await Promise.all(
        chunk(pending, size).map(async (group) => {
          const results = await sendChunk(group.map((e) => e.call), idempotent, signal);
          results.forEach((result, i) => {
            const entry = group[i] as (typeof pending)[number];
            entry.sent++;
            outcomes[entry.index] = result;
            if (!result.settled.ok && !result.transportFailure && result.settled.error instanceof TransportError)
              result.settled.error.attempts = entry.sent;
            if (result.resend) resend.push(entry);
          });
        }),
      );
      if (resend.length === 0 || !idempotent || round >= retries) break;
      transport.stats.retries += resend.length;
      await clock.sleep(backoffDelayMs(round, options, random), signal);
      pending = resend;
    }
    for (const outcome of outcomes) if (!outcome.settled.ok && !outcome.transportFailure) transport.stats.failures++;
    return outcomes.map((outcome) => outcome.settled);
  }

  async function batch(calls: readonly JsonRpcCall[], callOptions?: JsonRpcCallOptions): Promise<unknown[]> {
    const settled = await batchSettled(calls, callOptions);
    return settled.map((outcome) => {
      if (!outcome.ok) throw outcome.error;
      return outcome.result;
    });
  }

  const scheduler: BatchScheduler<Queued> | undefined =
    options.batchWaitMs === undefined
      ? undefined
      : createBatchScheduler<Queued>({
          waitMs: options.batchWaitMs,
          maxSize: batchSize,
          onFlush: (items) => {
            const live = items.filter((item) => !item.signal?.aborted);
            if (live.length === 0) return;
            batchSettled(live.map((item) => item.call)).then(
              (settled) =>
                settled.forEach((outcome, i) => {
                  const item = live[i] as Queued;
                  if (outcome.ok) item.resolve(outcome.result);
                  else item.reject(outcome.error);
                }),
              (err: unknown) => live.forEach((item) => item.reject(err)),
            );
          },
        });

  async function call(method: string, params?: JsonRpcCall['params'], callOptions: JsonRpcCallOptions = {}): Promise<unknown> {
    const entry: JsonRpcCall = params === undefined ? { method } : { method, params };
    if (scheduler === undefined || callOptions.idempotent === false) {
      const [outcome] = await batchSettled([entry], callOptions);
      if (outcome === undefined) throw protocolError(`${method}: no outcome`, false);
      if (!outcome.ok) throw outcome.error;
      return outcome.result;
    }
    const { signal } = callOptions;
    if (signal?.aborted) throw abortedError(signal);
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = (): void => reject(abortedError(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => signal?.removeEventListener('abort', onAbort);
      scheduler.add({
        call: entry,
        signal,
        resolve: (value) => {
          done();
          resolve(value);
        },
        reject: (err) => {
          done();
          reject(err);
        },
      });
    });
  }

  return Object.freeze({ endpoint, stats: transport.stats, call, batch, batchSettled });
}
