/** Tiny local servers and clocks for the net/ tests. Everything binds 127.0.0.1 on port 0. */
import * as http from 'node:http';
import * as net from 'node:net';
import { abortedError } from '../../src/net/abort.js';
import type { Clock } from '../../src/net/clock.js';

export interface Hit {
  /** performance.now() at arrival. */
  t: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Hold the answer this long. */
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  destroy?: boolean;
}

export interface TestServer {
  url: string;
  port: number;
  hits: Hit[];
  /** Highest number of requests being handled at once. */
  maxInFlight: () => number;
  close(): Promise<void>;
}

export async function startHttpServer(handler: (hit: Hit, index: number) => Reply | Promise<Reply>): Promise<TestServer> {
  const hits: Hit[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const hit: Hit = {
        t: performance.now(),
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = hits.push(hit) - 1;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      void (async () => {
        const reply = await handler(hit, index);
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        inFlight--;
        if (reply.destroy) return void req.socket.destroy();
        const body = reply.body ?? '';
        res.writeHead(reply.status ?? 200, {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          ...reply.headers,
        });
        res.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    maxInFlight: () => maxInFlight,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface RpcRequest {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

/** Deterministic JSON-RPC methods: `echo` returns its params, `add` sums them, `fail` answers the error it is given. */
export function answerRpc(request: RpcRequest): unknown {
  const { id, method, params } = request;
  const list = Array.isArray(params) ? params : [];
  switch (method) {
    case 'echo':
      return { jsonrpc: '2.0', id, result: params ?? null };
    case 'add':
      return { jsonrpc: '2.0', id, result: list.reduce((a: number, b) => a + Number(b), 0) };
    case 'fail':
      return { jsonrpc: '2.0', id, error: { code: list[0], message: list[1], data: list[2] } };
    case 'eth_getLogs':
      return { jsonrpc: '2.0', id, result: [{ logIndex: '0x0', params }] };
    default:
      return { jsonrpc: '2.0', id, error: { code: -32601, message: `method ${String(method)} not found` } };
  }
}

export interface JsonRpcServerOptions {
  /** Rewrite the array of answers to a batch (reorder, drop…). */
  mangleBatch?: (answers: unknown[], hitIndex: number) => unknown[];
}

export interface JsonRpcTestServer extends TestServer {
  /** Number of calls in each request received. */
  batchSizes: () => number[];
}

export async function startJsonRpcServer(options: JsonRpcServerOptions = {}): Promise<JsonRpcTestServer> {
  const server = await startHttpServer((hit, index) => {
    const parsed = JSON.parse(hit.body) as RpcRequest | RpcRequest[];
    if (!Array.isArray(parsed)) return { body: JSON.stringify(answerRpc(parsed)) };
    const answers = parsed.map(answerRpc);
    return { body: JSON.stringify(options.mangleBatch ? options.mangleBatch(answers, index) : answers) };
  });
  return {
    ...server,
    batchSizes: () =>
      server.hits.map((hit) => {
        const parsed: unknown = JSON.parse(hit.body);
        return Array.isArray(parsed) ? parsed.length : 1;
      }),
  };
}

export interface LineServer {
  port: number;
  url: string;
  /** Parsed requests, in arrival order, with the connection number. */
  requests: { connection: number; message: unknown }[];
  connections: () => number;
  /** Sends a line to every open connection. */
  broadcast(line: string): void;
  close(): Promise<void>;
}

export interface LineServerContext {
  connection: number;
  socket: net.Socket;
  /** Requests on this connection so far, this one included. */
  count: number;
}

/**
 * A line-delimited JSON-RPC server: `respond` returns the lines to write (without `\n`) for each request line,
 * or 'destroy' to cut the connection. Default: answers with `answerRpc`, per entry for batches.
 */
export async function startLineServer(
  respond: (message: unknown, ctx: LineServerContext) => string[] | 'destroy' | 'silent' = defaultLineAnswer,
): Promise<LineServer> {
  const requests: LineServer['requests'] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    const connection = ++connections;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = '';
    let count = 0;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const message: unknown = JSON.parse(line);
        requests.push({ connection, message });
        const out = respond(message, { connection, socket, count: ++count });
        if (out === 'destroy') return void socket.destroy();
        if (out === 'silent') continue;
        for (const reply of out) socket.write(`${reply}\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `tcp://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    broadcast: (line) => sockets.forEach((s) => s.write(`${line}\n`)),
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function defaultLineAnswer(message: unknown): string[] {
  if (Array.isArray(message)) return [JSON.stringify(message.map((m) => answerRpc(m as RpcRequest)))];
  return [JSON.stringify(answerRpc(message as RpcRequest))];
}

/**
 * A clock whose sleeps take `1/factor` of the asked time (real timers, so real servers keep up), recording each
 * requested sleep. `now` advances by the asked time too, so rate limits and cool-downs see "full" time.
 */
export function fastClock(factor = 100): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  let skipped = 0;
  return {
    sleeps,
    now: () => performance.now() + skipped,
    dateNow: () => Date.now() + skipped,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      if (signal?.aborted) return Promise.reject(abortedError(signal));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          skipped += ms - ms / factor;
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms / factor);
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(abortedError(signal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

/** Virtual time: sleeps resolve on the next macrotask and advance `now` by the asked amount. */
export function virtualClock(startDateMs = Date.UTC(2025, 0, 1)): Clock & { sleeps: number[]; advance(ms: number): void } {
  const sleeps: number[] = [];
  let now = 0;
  return {
    sleeps,
    now: () => now,
    dateNow: () => startDateMs + now,
    advance: (ms) => {
      now += ms;
    },
    sleep: (ms, signal) => {
      sleeps.push(ms);
      if (signal?.aborted) return Promise.reject(abortedError(signal));
      return new Promise((resolve, reject) => {
        const onAbort = (): void => reject(abortedError(signal));
        signal?.addEventListener('abort', onAbort, { once: true });
        setImmediate(() => {
          if (signal?.aborted) return;
          signal?.removeEventListener('abort', onAbort);
          now += Math.max(0, ms);
          resolve();
        });
      });
    },
  };
}
