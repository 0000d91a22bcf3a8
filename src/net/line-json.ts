import * as net from 'node:net';
import * as tls from 'node:tls';
import { abortedError } from './abort.js';
import { systemClock, type Clock } from './clock.js';
import { isRetryableError, TransportError } from './errors.js';
import { JsonRpcError } from './json-rpc-error.js';
import {
  parseNotification,
  parseResponseMessage,
  requestJson,
  type JsonRpcCall,
  type JsonRpcId,
  type JsonRpcNotification,
  type JsonRpcResponseMessage,
} from './json-rpc-message.js';
import type { JsonRpcCallOptions, JsonRpcSettled } from './json-rpc.js';
import { LineSplitter } from './line-splitter.js';
import { retryDelayMs, type BackoffOptions } from './retry.js';
import { scrubUrl } from './scrub-url.js';
import { createStats, type EndpointStats } from './stats.js';
import { createTokenBucket } from './token-bucket.js';

export interface LineJsonClientOptions extends BackoffOptions {
  /** `tcp://host:port`, or `ssl://host:port` / `tls://host:port` for TLS. */
  url: string;
  /** Extra TLS options: Electrum servers often use self-signed certificates (`ca`, or `rejectUnauthorized: false`). */
  tlsOptions?: tls.ConnectionOptions;
  /** Per request (default 30 s: ElectrumX may hold replies ~1 s to pad them). */
  timeoutMs?: number;
  /** Default: `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Re-sends of an idempotent request after a reset, timeout or dropped batch entry (default 4). */
  retries?: number;
  /** Frames (single requests or batches) awaiting their answer at once (default 16). */
  maxInFlight?: number;
  /**
   * Most calls one frame carries (default 100, Sparrow's Electrum page size). Batches waiting to be sent —
   * behind the rate limit, the in-flight cap or the connection — share the next frame up to this many calls,
   * whole batches only; a batch larger than this is split.
   */
  maxBatch?: number;
  requestsPerSecond?: number;
  burst?: number;
  /** Longest accepted line (default 32 MiB; ElectrumX sends up to ~8 MB). */
  maxLineBytes?: number;
  /**
   * Runs on every (re)connection: the place for `server.version`. Its requests are written first; queued
   * requests follow on the same connection without waiting for the handshake's answers (servers read a
   * connection in order, so a round trip is saved), but their answers are held back until the handshake has
   * succeeded. A failed handshake fails them with its error.
   */
  onConnect?: (session: LineJsonSession) => Promise<void>;
  /** Server-initiated messages (`method`, no `id`): subscription updates. */
  onNotification?: (notification: JsonRpcNotification) => void;
  /** Errors thrown by `onNotification`; without it they become process warnings. */
  onError?: (err: unknown) => void;
  clock?: Clock;
  random?: () => number;
  secrets?: readonly string[];
}

/** Requests on one connection, for `onConnect`: sent at once, never retried. */
export interface LineJsonSession {
  request(method: string, params?: JsonRpcCall['params']): Promise<unknown>;
}

export interface LineJsonClient {
  readonly endpoint: string;
  readonly stats: EndpointStats;
  /** True while a connection is open. */
  readonly connected: boolean;
  request(method: string, params?: JsonRpcCall['params'], options?: JsonRpcCallOptions): Promise<unknown>;
  /** One batch line; results in call order; rejects with the first failed entry's error. */
  batch(calls: readonly JsonRpcCall[], options?: JsonRpcCallOptions): Promise<unknown[]>;
  batchSettled(calls: readonly JsonRpcCall[], options?: JsonRpcCallOptions): Promise<JsonRpcSettled[]>;
  /** Rejects what is pending and closes the connection. */
  close(): Promise<void>;
}

export const LINE_JSON_DEFAULTS = Object.freeze({
  timeoutMs: 30_000,
  retries: 4,
  maxInFlight: 16,
  maxBatch: 100,
  maxLineBytes: 32 * 1024 * 1024,
});

interface Entry {
  call: JsonRpcCall;
  idempotent: boolean;
  /** Times put on the wire. */
  sent: number;
  settled: boolean;
  /** Who waits for the outcome, and this call's place in it: one object per batch, not closures per call. */
  owner: Outcomes;
  index: number;
  /** `JsonRpcCallOptions.priority`: where its batch waits in the queue. */
  priority: number;
}

/** Collects the outcomes of one batch (or one handshake request). */
interface Outcomes {
  settle(index: number, outcome: { ok: true; value: unknown } | { ok: false; error: unknown }): void;
}

/** The outcomes of a batch, in call order, once every call has one. */
function batchOutcomes(count: number): Outcomes & { done: Promise<JsonRpcSettled[]> } {
  const results: JsonRpcSettled[] = new Array<JsonRpcSettled>(count);
  let left = count;
  let finish: (results: JsonRpcSettled[]) => void = () => undefined;
  const done = new Promise<JsonRpcSettled[]>((resolve) => (finish = resolve));
  return {
    done,
    settle(index, outcome) {
      results[index] = outcome.ok ? { ok: true, result: outcome.value } : { ok: false, error: outcome.error as TransportError };
      if (--left === 0) finish(results);
    },
  };
}

interface Frame {
  conn: Connection;
  /** Ids still waiting for their answer. */
  open: Set<JsonRpcId>;
  sentAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  finish: () => void;
}

interface Connection {
  socket: net.Socket;
  splitter: LineSplitter;
  frames: Set<Frame>;
  lastDataAt: number;
  dead: boolean;
  /** Why we destroyed it, when we did. */
  failure: TransportError | undefined;
  ready: Promise<Connection>;
  /** While `onConnect` runs: the ids of its requests, and the other messages held until it succeeds. */
  handshake: { ids: Set<JsonRpcId>; held: unknown[] } | undefined;
}

interface Target {
  host: string;
  port: number;
  secure: boolean;
}

function parseTarget(url: string): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new RangeError(`Invalid Electrum URL: ${scrubUrl(url)} (expected tcp://host:port or ssl://host:port)`, { cause });
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'tcp' && scheme !== 'ssl' && scheme !== 'tls')
    throw new RangeError(`Unsupported scheme "${scheme}" in ${scrubUrl(url)} (expected tcp, ssl or tls)`);
  const port = Number(parsed.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`Missing or invalid port in ${scrubUrl(url)}`);
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port, secure: scheme !== 'tcp' };
}

/**
 * Line-delimited JSON-RPC over TCP or TLS (the Electrum protocol): lazy connection, replies matched by id (batch
 * arrays too), trailing padding tolerated, notifications routed, per-request timeout, reconnection with re-sending
 * of idempotent requests that were in flight.
 */
export function lineJsonClient(options: LineJsonClientOptions): LineJsonClient {
  const target = parseTarget(options.url);
  const endpoint = scrubUrl(options.url);
  const secrets = options.secrets ?? [];
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? LINE_JSON_DEFAULTS.timeoutMs;
  const connectTimeoutMs = options.connectTimeoutMs ?? timeoutMs;
  const retries = options.retries ?? LINE_JSON_DEFAULTS.retries;
  const maxLineBytes = options.maxLineBytes ?? LINE_JSON_DEFAULTS.maxLineBytes;
  const maxInFlight = options.maxInFlight ?? LINE_JSON_DEFAULTS.maxInFlight;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`maxConcurrency must be an integer ≥ 1, got ${maxInFlight}`);
  const maxBatch = options.maxBatch ?? LINE_JSON_DEFAULTS.maxBatch;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`batchSize must be an integer ≥ 1, got ${maxBatch}`);
  const bucket =
    options.requestsPerSecond === undefined
      ? undefined
      : createTokenBucket({ requestsPerSecond: options.requestsPerSecond, burst: options.burst ?? 1, clock });
  const stats = createStats();
  const pending = new Map<JsonRpcId, { entry: Entry; frame: Frame }>();
  let nextId = 1;
  let current: Connection | undefined;
  let closed = false;

  const transportError = (
    code: 'NETWORK' | 'PROTOCOL',
    message: string,
    extra: { retryable: boolean; cause?: unknown; details?: string },
  ): TransportError => new TransportError(code, message, { endpoint, secrets, ...extra });

  const closedError = (): TransportError => transportError('NETWORK', 'the client was closed', { retryable: false });

  function settle(entry: Entry, outcome: { ok: true; value: unknown } | { ok: false; error: unknown }): void {
    if (entry.settled) return;
    entry.settled = true;
    if (!outcome.ok && outcome.error instanceof TransportError) {
      outcome.error.attempts = entry.sent;
      stats.failures++;
    }
    entry.owner.settle(entry.index, outcome);
  }

  /** Retries what may be retried (after a backoff), rejects the rest. */
  function failEntries(entries: readonly Entry[], error: unknown): void {
    const again: Entry[] = [];
    for (const entry of entries) {
      if (entry.settled) continue;
      const retry = !closed && entry.idempotent && entry.sent > 0 && entry.sent <= retries && isRetryableError(error);
      if (retry) again.push(entry);
      else settle(entry, { ok: false, error });
    }
    if (again.length === 0) return;
    stats.retries += again.length;
    const attempt = Math.min(...again.map((e) => e.sent)) - 1;
    void clock.sleep(retryDelayMs(error, attempt, options, random)).then(() => dispatch(again));
  }

  function closeFrameIds(frame: Frame, ids: Iterable<JsonRpcId>): Entry[] {
    const entries: Entry[] = [];
    for (const id of ids) {
      const slot = pending.get(id);
      pending.delete(id);
      frame.open.delete(id);
      if (slot) entries.push(slot.entry);
    }
    if (frame.open.size === 0) {
      clearTimeout(frame.timer);
      frame.conn.frames.delete(frame);
      frame.finish();
    }
    return entries;
  }

  function onReply(reply: JsonRpcResponseMessage): Frame | undefined {
    if (reply.id === null) return undefined;
    const slot = pending.get(reply.id);
    if (!slot) return undefined; // a late answer to a request that timed out
    const [entry] = closeFrameIds(slot.frame, [reply.id]);
    if (!entry) return slot.frame;
    if (reply.ok) settle(entry, { ok: true, value: reply.result });
    else {
      const error = new JsonRpcError(entry.call.method, reply.error, { endpoint, secrets });
      if (error.isRateLimited) stats.rateLimited++;
      failEntries([entry], error);
    }
    return slot.frame;
  }

  function onNotification(notification: JsonRpcNotification): void {
    try {
      options.onNotification?.(notification);
    } catch (err) {
      if (options.onError) options.onError(err);
      else process.emitWarning(`line-json notification handler failed: ${String(err)}`);
    }
  }

  function onMessage(message: unknown): void {
    if (Array.isArray(message)) {
      const touched = new Set<Frame>();
      for (const item of message) {
        const reply = parseResponseMessage(item);
        const frame = reply && onReply(reply);
        if (frame) touched.add(frame);
      }
      // A batch is answered by one array: whatever it left out is not coming.
      for (const frame of touched) {
        if (frame.open.size === 0) continue;
        const missing = closeFrameIds(frame, [...frame.open]);
        failEntries(missing, transportError('PROTOCOL', 'the batch reply left out some calls', { retryable: true }));
      }
      return;
    }
    const reply = parseResponseMessage(message);
    if (reply) {
      onReply(reply);
      return;
    }
    const notification = parseNotification(message);
    if (notification) onNotification(notification);
  }

  function destroy(conn: Connection, failure: TransportError): void {
    conn.failure ??= failure;
    conn.socket.destroy();
  }

  function onData(conn: Connection, chunk: Buffer): void {
    conn.lastDataAt = clock.now();
    stats.bytesReceived += chunk.length;
    let lines: string[];
    try {
      lines = conn.splitter.push(chunk);
    } catch (cause) {
      destroy(conn, transportError('PROTOCOL', 'a reply line is too long', { retryable: false, cause }));
      return;
    }
    for (const raw of lines) {
      const line = raw.trim(); // ElectrumX pads lines with spaces before the newline
      if (line === '') continue;
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch (cause) {
        // The stream can no longer be trusted; start afresh and re-send.
        destroy(conn, transportError('PROTOCOL', 'the server sent a line that is not JSON', {
          retryable: true, cause, details: line.slice(0, 200),
        }));
        return;
      }
      if (conn.handshake && !answersHandshake(conn.handshake.ids, message)) conn.handshake.held.push(message);
      else onMessage(message);
    }
  }

  const answersHandshake = (ids: Set<JsonRpcId>, message: unknown): boolean =>
    typeof message === 'object' && message !== null && !Array.isArray(message) && ids.has((message as { id: JsonRpcId }).id);

  function onClose(conn: Connection, socketError: Error | undefined): void {
    conn.dead = true;
    if (current === conn) current = undefined;
    const error =
      conn.failure ??
      transportError('NETWORK', 'the connection was closed', {
        retryable: true, cause: socketError, details: socketError?.message,
      });
    for (const frame of [...conn.frames]) failEntries(closeFrameIds(frame, [...frame.open]), error);
  }

  function writeFrame(conn: Connection, entries: readonly Entry[]): Promise<void> {
    return new Promise<void>((finish) => {
      const frame: Frame = { conn, open: new Set(), sentAt: clock.now(), timer: undefined, finish };
      // The line is written piece by piece: no message object per call, no second walk of them all by stringify.
      const parts: string[] = [];
      for (const entry of entries) {
        const id = nextId++;
        frame.open.add(id);
        entry.sent++;
        pending.set(id, { entry, frame });
        parts.push(requestJson(id, entry.call));
      }
      conn.frames.add(frame);
      frame.timer = setTimeout(() => {
        if (frame.open.size === 0) return;
        const silent = conn.lastDataAt < frame.sentAt;
        const error = transportError('NETWORK', `no answer within ${timeoutMs} ms`, { retryable: true });
        failEntries(closeFrameIds(frame, [...frame.open]), error);
        // Nothing at all came back since we asked: the connection is presumed dead.
        if (silent) destroy(conn, error);
      }, timeoutMs);
      const line = parts.length === 1 ? `${parts[0]}\n` : `[${parts.join(',')}]\n`;
      stats.requests++;
      stats.bytesSent += Buffer.byteLength(line);
      conn.socket.write(line);
    });
  }

  function openConnection(): Connection {
    const socket = target.secure
      ? tls.connect({
          host: target.host,
          port: target.port,
          servername: net.isIP(target.host) ? undefined : target.host,
          ...options.tlsOptions,
        })
      : net.connect({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    let resolveReady: (conn: Connection) => void = () => undefined;
    let rejectReady: (err: unknown) => void = () => undefined;
    const ready = new Promise<Connection>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    ready.catch(() => undefined); // observed by whoever awaits it; avoid an unhandled rejection otherwise
    const conn: Connection = {
      socket,
      splitter: new LineSplitter(maxLineBytes),
      frames: new Set(),
      lastDataAt: clock.now(),
      dead: false,
      failure: undefined,
      ready,
      handshake: undefined,
    };
    let socketError: Error | undefined;
    const connectTimer = setTimeout(
      () => destroy(conn, transportError('NETWORK', `could not connect within ${connectTimeoutMs} ms`, { retryable: true })),
      connectTimeoutMs,
    );

    socket.once(target.secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(connectTimer);
      const onConnect = options.onConnect;
      if (!onConnect) return resolveReady(conn);
      void (async () => {
        await bucket?.take(); // the handshake line counts against the rate like any other
        if (conn.dead) return;
        const handshake = { ids: new Set<JsonRpcId>(), held: [] as unknown[] };
        conn.handshake = handshake;
        const done = onConnect(sessionOn(conn));
        // Its first request is on the wire (session requests are written synchronously): the queue may follow.
        resolveReady(conn);
        try {
          await done;
        } catch (cause) {
          const failure = transportError('PROTOCOL', 'the connection handshake failed', {
            retryable: isRetryableError(cause),
            cause,
            details: cause instanceof Error ? cause.message : String(cause),
          });
          destroy(conn, failure);
          return;
        }
        conn.handshake = undefined;
        if (conn.dead) return;
        for (const message of handshake.held) onMessage(message);
      })();
    });
    socket.on('data', (chunk: Buffer) => onData(conn, chunk));
    socket.on('error', (err) => {
      socketError = err;
    });
    socket.on('close', () => {
      clearTimeout(connectTimer);
      rejectReady(
        conn.failure ??
          transportError('NETWORK', 'could not connect', {
            retryable: true,
            cause: socketError,
            details: socketError?.message,
          }),
      );
      onClose(conn, socketError);
    });
    return conn;
  }

  function connection(): Promise<Connection> {
    if (closed) return Promise.reject(closedError());
    if (!current || current.dead) current = openConnection();
    return current.ready;
  }

  /** Requests on a connection that is still being set up (`onConnect`): bypass the queue, no retries. */
  function sessionOn(conn: Connection): LineJsonSession {
    return {
      request: (method, params) =>
        new Promise<unknown>((resolve, reject) => {
          const owner: Outcomes = { settle: (_i, outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error)) };
          const entry: Entry = { call: params === undefined ? { method } : { method, params }, idempotent: false, sent: 0, settled: false, owner, index: 0, priority: 0 };
          conn.handshake?.ids.add(nextId); // the id writeFrame gives it
          void writeFrame(conn, [entry]);
        }),
    };
  }

  /**
   * Batches (one per call of `batchSettled`, or a retry) not yet on the wire, first come first served. One
   * sender drains them: it waits for a free in-flight slot, the connection and a rate token, and only then
   * fills the frame with whole waiting batches, up to `maxBatch` calls. Callers that queue behind the limits
   * thus share one line — one token, one round trip — instead of each spending their own: windows of many
   * branches issued together travel together.
   */
  const waiting: Entry[][] = [];
  let inFlight = 0;
  let slotFreed: (() => void) | undefined;
  let sending = false;

  function dispatch(entries: readonly Entry[]): void {
    if (closed) {
      for (const entry of entries) settle(entry, { ok: false, error: closedError() });
      return;
    }
    const live = entries.filter((e) => !e.settled);
    if (live.length > 0) {
      // Behind every batch of the same or a higher priority. A retry gathers calls of several batches: it takes
      // their highest, so that a batch's first call always tells its place.
      let priority = -Infinity;
      for (const e of live) priority = Math.max(priority, e.priority);
      for (const e of live) e.priority = priority;
      let at = waiting.length;
      while (at > 0 && waiting[at - 1]![0]!.priority < priority) at--;
      waiting.splice(at, 0, live);
    }
    if (!sending) void sendWaiting();
  }

  /** Whole batches while they fit; a first batch larger than `max` alone is split. Aborted calls are dropped. */
  function takeWaiting(max: number): Entry[] {
    const frame: Entry[] = [];
    while (waiting.length > 0) {
      const live = waiting[0]!.filter((e) => !e.settled);
      if (live.length === 0) {
        waiting.shift();
        continue;
      }
      if (frame.length + live.length <= max) {
        frame.push(...live);
        waiting.shift();
      } else {
        if (frame.length === 0) {
          frame.push(...live.slice(0, max));
          waiting[0] = live.slice(max);
        }
        break;
      }
    }
    return frame;
  }

  const anyWaiting = (): boolean => {
    while (waiting.length > 0 && waiting[0]!.every((e) => e.settled)) waiting.shift(); // aborted while queued
    return waiting.length > 0;
  };

  async function sendWaiting(): Promise<void> {
    sending = true;
    try {
      while (anyWaiting()) {
        if (closed) {
          for (const entry of takeWaiting(Infinity)) settle(entry, { ok: false, error: closedError() });
          break;
        }
        while (inFlight >= maxInFlight) await new Promise<void>((resolve) => (slotFreed = resolve));
        let frame: Entry[] = [];
        try {
          const conn = await connection();
          // One turn of the event loop for company: calls issued in the same turn (a branch's next window and
          // the balances of what its last one found; windows of branches answered by one line) share the line.
          await new Promise<void>((resolve) => setImmediate(resolve));
          await bucket?.take();
          frame = takeWaiting(maxBatch);
          if (frame.length === 0) continue;
          if (conn.dead) throw conn.failure ?? transportError('NETWORK', 'the connection was closed', { retryable: true });
          inFlight++;
          void writeFrame(conn, frame).then(() => {
            inFlight--;
            slotFreed?.();
            slotFreed = undefined;
          });
        } catch (err) {
          // Could not connect (or the connection died before the write): every waiting call would meet the same
          // connection, so all of them count an attempt and go to retry or fail together.
          const failed = [...frame, ...takeWaiting(Infinity)];
          for (const entry of failed) entry.sent++;
          failEntries(failed, err);
        }
      }
    } finally {
      sending = false;
    }
  }

  async function batchSettled(calls: readonly JsonRpcCall[], callOptions: JsonRpcCallOptions = {}): Promise<JsonRpcSettled[]> {
    const { signal } = callOptions;
    if (signal?.aborted) throw abortedError(signal);
    if (calls.length === 0) return [];
    const owner = batchOutcomes(calls.length);
    const idempotent = callOptions.idempotent ?? true;
    const priority = callOptions.priority ?? 0;
    const entries: Entry[] = calls.map((call, index) => ({ call, idempotent, sent: 0, settled: false, owner, index, priority }));
    // One listener for the whole batch (not one per call: a scan makes thousands). An aborted call is settled
    // at once; a late reply to it is ignored.
    const onAbort = (): void => {
      for (const entry of entries) {
        if (entry.settled) continue;
        entry.settled = true;
        owner.settle(entry.index, { ok: false, error: abortedError(signal) });
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    dispatch(entries);
    try {
      const settled = await owner.done;
      if (signal?.aborted) throw abortedError(signal);
      return settled;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function batch(calls: readonly JsonRpcCall[], callOptions?: JsonRpcCallOptions): Promise<unknown[]> {
    const settled = await batchSettled(calls, callOptions);
    return settled.map((outcome) => {
      if (!outcome.ok) throw outcome.error;
      return outcome.result;
    });
  }

  async function request(method: string, params?: JsonRpcCall['params'], callOptions?: JsonRpcCallOptions): Promise<unknown> {
    const [result] = await batch([params === undefined ? { method } : { method, params }], callOptions);
    return result;
  }

  async function close(): Promise<void> {
    closed = true;
    const conn = current;
    current = undefined;
    for (const { entry } of pending.values()) settle(entry, { ok: false, error: closedError() });
    if (!conn || conn.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      conn.socket.once('close', () => resolve());
      destroy(conn, closedError());
    });
  }

  return Object.freeze({
    endpoint,
    stats,
    get connected() {
      return current !== undefined && !current.dead;
    },
    request,
    batch,
    batchSettled,
    close,
  });
}
