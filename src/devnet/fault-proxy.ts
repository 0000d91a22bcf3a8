/**
 * A fault-injecting proxy for tests and the scan benchmark. It sits between a client and a local server and,
 * with probability `rate` per request, misbehaves the way public indexers do: 429s, 5xx, held and dropped
 * answers, resets mid-answer, truncated or non-JSON bodies, reordered or incomplete JSON-RPC batch replies and
 * provider range limits on eth_getLogs. Optional fixed latency and a rate limit (answering 429 when exceeded).
 *
 * Two modes: HTTP (`target: 'http://127.0.0.1:PORT'`) and raw TCP with line-delimited JSON (`target: {host, port}`,
 * the Electrum framing). Every request is logged with its arrival time and the fault injected, so a test can check
 * both what happened and that a client stayed under the rate limit.
 *
 * The fault sequence comes from a seeded PRNG (two draws per request, always), so a run with the same request
 * order injects the same faults. With concurrent clients the arrival order, hence the mapping, may vary.
 */
import * as http from 'node:http';
import * as net from 'node:net';

export type FaultKind =
  | '429-retry-after'
  | '429'
  | '500'
  | '502'
  | '503'
  | 'timeout'
  | 'reset'
  | 'truncated-json'
  | 'invalid-json'
  | 'out-of-order'
  | 'drop-entry'
  | 'range-limit';

export const HTTP_FAULTS: readonly FaultKind[] = Object.freeze([
  '429-retry-after', '429', '500', '502', '503', 'timeout', 'reset', 'truncated-json', 'invalid-json',
  'out-of-order', 'drop-entry', 'range-limit',
]);

/** Status codes make no sense on a raw line stream. */
export const TCP_FAULTS: readonly FaultKind[] = Object.freeze([
  'timeout', 'reset', 'truncated-json', 'invalid-json', 'out-of-order', 'drop-entry', 'range-limit',
]);

/** Faults a client with retries is expected to ride out (range-limit needs the caller to split ranges). */
export const TRANSIENT_FAULTS: readonly FaultKind[] = Object.freeze(HTTP_FAULTS.filter((f) => f !== 'range-limit'));

export const RANGE_LIMIT_ERROR = Object.freeze({ code: -32005, message: 'query returned more than 10000 results' });

export interface FaultProxyOptions {
  target: string | { host: string; port: number };
  /** Probability of a fault per request, 0..1 (default 0). */
  rate?: number;
  /** Kinds to draw from (default: all the mode supports). Kinds that do not fit a request are skipped for it. */
  faults?: readonly FaultKind[];
  seed?: number;
  /** Added before each request is handled (HTTP) or each answer line is passed on (TCP). */
  latencyMs?: number;
  /**
   * Requests above this rate get 429 (HTTP) or a JSON-RPC "server busy" error per call (TCP). `toleranceMs`
   * (default 25) forgives that much arrival jitter.
   */
  rateLimit?: { requestsPerSecond: number; burst?: number; toleranceMs?: number };
  /** Retry-After sent with '429-retry-after' and rate-limit answers (default 1). */
  retryAfterSeconds?: number;
  /** How long a 'timeout' fault holds the answer before dropping it; make it longer than the client timeout. */
  holdMs?: number;
  /** TCP: pad answer lines with spaces like ElectrumX 1.18+ (to ≥1024 bytes or a power of two). */
  padLines?: boolean;
  /** Stop injecting after this many faults (e.g. 1: only the first request fails). */
  maxFaults?: number;
}

export interface ProxyLogEntry {
  seq: number;
  /** Arrival, ms since the proxy started (monotonic). */
  t: number;
  /** HTTP method, or 'LINE' in TCP mode. */
  method: string;
  /** HTTP path, or `tcp#<connection>`. */
  path: string;
  /** JSON-RPC methods in the request body, if any. */
  rpcMethods: string[];
  fault: FaultKind | 'rate-limit' | null;
  /** HTTP status sent by the proxy itself (faults and rate limit). */
  status?: number;
}

export interface FaultProxy {
  url: string;
  port: number;
  log: ProxyLogEntry[];
  setRate(rate: number): void;
  close(): Promise<void>;
}

/** mulberry32: tiny, fast, good enough to pick faults reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The proxy's own limiter: a classic refilling bucket, independent of the client's GCRA, so one checks the other.
 * `toleranceMs` is the arrival jitter forgiven: a client that sends on time but whose requests reach the proxy up
 * to that late (event-loop stalls bunch them up) still conforms, so the bucket holds rate·tolerance extra tokens.
 */
function proxyLimiter(limit: NonNullable<FaultProxyOptions['rateLimit']>): (nowMs: number) => boolean {
  const perMs = limit.requestsPerSecond / 1000;
  const capacity = (limit.burst ?? 1) + (limit.toleranceMs ?? 25) * perMs;
  let tokens = capacity;
  let last: number | undefined;
  return (now) => {
    if (last !== undefined) tokens = Math.min(capacity, tokens + (now - last) * perMs);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  };
}

interface RpcShape {
  methods: string[];
  /** id → method, to find eth_getLogs answers. */
  byId: Map<unknown, string>;
  batch: boolean;
  ids: unknown[];
}

function rpcShape(text: string): RpcShape {
  const shape: RpcShape = { methods: [], byId: new Map(), batch: false, ids: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return shape;
  }
  shape.batch = Array.isArray(parsed);
  for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
    if (typeof item !== 'object' || item === null) continue;
    const { method, id } = item as { method?: unknown; id?: unknown };
    if (typeof method !== 'string') continue;
    shape.methods.push(method);
    if (id !== undefined) {
      shape.byId.set(id, method);
      shape.ids.push(id);
    }
  }
  return shape;
}

function fits(fault: FaultKind, shape: RpcShape): boolean {
  if (fault === 'out-of-order' || fault === 'drop-entry') return shape.batch && shape.ids.length >= 2;
  if (fault === 'range-limit') return shape.methods.includes('eth_getLogs');
  return true;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  // A shuffle that changed nothing would not test anything.
  if (out.length >= 2 && out.every((x, i) => x === items[i])) out.push(out.shift() as T);
  return out;
}

/** Applies the faults that rewrite a JSON-RPC reply; returns the new text. */
function rewriteReply(fault: FaultKind, text: string, shape: RpcShape, random: () => number): string {
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    return text;
  }
  if (fault === 'out-of-order' && Array.isArray(reply)) return JSON.stringify(shuffled(reply, random));
  if (fault === 'drop-entry' && Array.isArray(reply) && reply.length > 0) {
    const drop = Math.floor(random() * reply.length);
    return JSON.stringify(reply.filter((_, i) => i !== drop));
  }
  if (fault === 'range-limit') {
    const limitError = (item: unknown): unknown => {
      if (typeof item !== 'object' || item === null) return item;
      const { id } = item as { id?: unknown };
      return shape.byId.get(id) === 'eth_getLogs' ? { jsonrpc: '2.0', id, error: { ...RANGE_LIMIT_ERROR } } : item;
    };
    return JSON.stringify(Array.isArray(reply) ? reply.map(limitError) : limitError(reply));
  }
  return text;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  return typeof options.target === 'string'
    ? startHttpProxy(options, options.target)
    : startTcpProxy(options, options.target);
}

interface Common {
  log: ProxyLogEntry[];
  started: number;
  random: () => number;
  rate: { value: number };
  kinds: readonly FaultKind[];
  limiter: ((nowMs: number) => boolean) | undefined;
  holdMs: number;
  retryAfterSeconds: number;
  latencyMs: number;
  timers: Set<ReturnType<typeof setTimeout>>;
  faultsLeft: number;
}

function common(options: FaultProxyOptions, supported: readonly FaultKind[]): Common {
  const kinds = options.faults ?? supported;
  const unsupported = kinds.filter((k) => !supported.includes(k));
  if (unsupported.length > 0) throw new RangeError(`fault kinds not supported in this mode: ${unsupported.join(', ')}`);
  const rate = options.rate ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate must be within 0..1, got ${rate}`);
  return {
    log: [],
    started: performance.now(),
    random: prng(options.seed ?? 1),
    rate: { value: rate },
    kinds,
    limiter: options.rateLimit ? proxyLimiter(options.rateLimit) : undefined,
    holdMs: options.holdMs ?? 1000,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
    latencyMs: options.latencyMs ?? 0,
    timers: new Set(),
    faultsLeft: options.maxFaults ?? Infinity,
  };
}

/** Two draws per request whatever happens, so the sequence does not depend on the requests' shapes. */
function pickFault(c: Common, shape: RpcShape): FaultKind | null {
  const roll = c.random();
  const which = c.random();
  if (roll >= c.rate.value || c.faultsLeft <= 0) return null;
  const candidates = c.kinds.filter((k) => fits(k, shape));
  if (candidates.length === 0) return null;
  c.faultsLeft--;
  return candidates[Math.floor(which * candidates.length)] as FaultKind;
}

function later(c: Common, ms: number, fn: () => void): void {
  const timer = setTimeout(() => {
    c.timers.delete(timer);
    fn();
  }, ms);
  c.timers.add(timer);
}

// ───────────────────────────── HTTP ─────────────────────────────

interface Upstream {
  status: number;
  contentType: string;
  body: Buffer;
}

function forward(agent: http.Agent, target: URL, req: http.IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    delete headers['transfer-encoding']; // the body is forwarded whole, with its length
    headers['content-length'] = String(body.length);
    const upstream = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: `${target.pathname.replace(/\/$/, '')}${req.url ?? '/'}`,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            contentType: res.headers['content-type'] ?? 'application/json',
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function startHttpProxy(options: FaultProxyOptions, targetUrl: string): Promise<FaultProxy> {
  const c = common(options, HTTP_FAULTS);
  const target = new URL(targetUrl);
  const agent = new http.Agent({ keepAlive: true, noDelay: true });
  let seq = 0;

  const send = (res: http.ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const t = performance.now() - c.started;
    const shape = rpcShape(body.toString('utf8'));
    const entry: ProxyLogEntry = { seq: seq++, t, method: req.method ?? '', path: req.url ?? '', rpcMethods: shape.methods, fault: null };
    c.log.push(entry);

    if (c.limiter && !c.limiter(performance.now())) {
      entry.fault = 'rate-limit';
      entry.status = 429;
      send(res, 429, '{"error":"rate limit exceeded"}', { 'retry-after': String(c.retryAfterSeconds) });
      return;
    }
    if (c.latencyMs > 0) await delay(c.latencyMs);
    const fault = pickFault(c, shape);
    entry.fault = fault;

    switch (fault) {
      case '429-retry-after':
        entry.status = 429;
        return send(res, 429, '{"error":"Too many requests"}', { 'retry-after': String(c.retryAfterSeconds) });
      case '429':
        // Blockstream style: no Retry-After, a JSON notice.
        entry.status = 429;
        return send(res, 429, '{"error":"rate limited, slow down"}');
      case '500':
      case '502':
      case '503':
        entry.status = Number(fault);
        return send(res, Number(fault), `upstream failure ${fault}`, { 'content-type': 'text/plain' });
      case 'timeout':
        later(c, c.holdMs, () => req.socket.destroy());
        return;
      default:
        break;
    }

    let upstream: Upstream;
    try {
      upstream = await forward(agent, target, req, body);
    } catch {
      entry.status = 502;
      return send(res, 502, 'proxy: upstream unreachable', { 'content-type': 'text/plain' });
    }
    const text = upstream.body.toString('utf8');
    switch (fault) {
      case 'reset': {
        // Promise the whole body, send half, then cut the connection.
        res.writeHead(upstream.status, { 'content-type': upstream.contentType, 'content-length': String(upstream.body.length) });
        res.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)), () => req.socket.destroy());
        return;
      }
      case 'truncated-json':
        return send(res, upstream.status, upstream.body.subarray(0, Math.floor(upstream.body.length / 2)), {
          'content-type': upstream.contentType,
        });
      case 'invalid-json':
        return send(res, 200, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' });
      case 'out-of-order':
      case 'drop-entry':
      case 'range-limit':
        return send(res, upstream.status, rewriteReply(fault, text, shape, c.random), { 'content-type': upstream.contentType });
      default:
        return send(res, upstream.status, upstream.body, { 'content-type': upstream.contentType });
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log: c.log,
    setRate: (rate) => {
      c.rate.value = rate;
    },
    close: async () => {
      for (const timer of c.timers) clearTimeout(timer);
      c.timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

// ───────────────────────────── TCP (line JSON) ─────────────────────────────

/** ElectrumX pads each message with spaces to at least 1024 bytes or the next power of two. */
function padLine(line: string): string {
  const length = Buffer.byteLength(line) + 1;
  let target = 1024;
  while (target < length) target *= 2;
  return `${line}${' '.repeat(target - length)}\n`;
}

function onLines(socket: net.Socket, handler: (line: string) => void): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line !== '') handler(line);
    }
  });
}

function idsOf(text: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return (Array.isArray(parsed) ? parsed : [parsed])
      .filter((m): m is { id: unknown } => typeof m === 'object' && m !== null && 'id' in m)
      .map((m) => m.id);
  } catch {
    return [];
  }
}

async function startTcpProxy(options: FaultProxyOptions, target: { host: string; port: number }): Promise<FaultProxy> {
  const c = common(options, TCP_FAULTS);
  const sockets = new Set<net.Socket>();
  let seq = 0;
  let connections = 0;

  // Nagle off on both legs, as real servers run (asyncio, which ElectrumX uses, sets TCP_NODELAY): with it, a
  // line written while an earlier one awaits its delayed ACK waits up to 40 ms — latency the proxy did not add.
  const server = net.createServer({ noDelay: true }, (client) => {
    const connection = ++connections;
    const upstream = net.connect({ ...target, noDelay: true });
    sockets.add(client).add(upstream);
    /** Request id → the fault chosen for it, and the request's shape. */
    const pending = new Map<unknown, { fault: FaultKind | null; shape: RpcShape }>();
    const write = (line: string): void => {
      const out = options.padLines ? padLine(line) : `${line}\n`;
      if (c.latencyMs > 0) later(c, c.latencyMs, () => client.write(out));
      else client.write(out);
    };

    onLines(client, (line) => {
      const shape = rpcShape(line);
      const entry: ProxyLogEntry = {
        seq: seq++, t: performance.now() - c.started, method: 'LINE', path: `tcp#${connection}`, rpcMethods: shape.methods, fault: null,
      };
      c.log.push(entry);
      if (c.limiter && !c.limiter(performance.now())) {
        entry.fault = 'rate-limit';
        const busy = (id: unknown): unknown => ({ jsonrpc: '2.0', id, error: { code: -102, message: 'server busy - request rate limited' } });
        write(JSON.stringify(shape.batch ? shape.ids.map(busy) : busy(shape.ids[0] ?? null)));
        return;
      }
      const fault = pickFault(c, shape);
      entry.fault = fault;
      if (fault !== null) for (const id of shape.ids) pending.set(id, { fault, shape });
      upstream.write(`${line}\n`);
    });

    onLines(upstream, (line) => {
      // Only answers to faulted requests are looked into: the others pass unparsed (a bench world's proxies
      // would otherwise spend its CPU parsing every batch answer, on the machine the engine runs on).
      if (pending.size === 0) return write(line);
      const ids = idsOf(line);
      const decided = ids[0] === undefined ? undefined : pending.get(ids[0]);
      for (const id of ids) pending.delete(id);
      switch (decided?.fault ?? null) {
        case 'timeout':
          return; // never answered: the client must time out and ask again
        case 'reset':
          client.write(line.slice(0, Math.floor(line.length / 2)), () => {
            client.destroy();
            upstream.destroy();
          });
          return;
        case 'truncated-json':
          return write(line.slice(0, Math.floor(line.length / 2)));
        case 'invalid-json':
          return write('<html>502 Bad Gateway</html>');
        case 'out-of-order':
        case 'drop-entry':
        case 'range-limit':
          return write(rewriteReply(decided?.fault as FaultKind, line, decided?.shape as RpcShape, c.random));
        default:
          return write(line); // answers and notifications alike
      }
    });

    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `tcp://127.0.0.1:${port}`,
    port,
    log: c.log,
    setRate: (rate) => {
      c.rate.value = rate;
    },
    close: async () => {
      for (const timer of c.timers) clearTimeout(timer);
      c.timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Requests the proxy refused for exceeding its rate limit. */
export function rateLimitViolations(log: readonly ProxyLogEntry[]): number {
  return log.filter((entry) => entry.fault === 'rate-limit').length;
}

/** Fault kinds that occurred in the log. */
export function faultsSeen(log: readonly ProxyLogEntry[]): Set<FaultKind | 'rate-limit'> {
  return new Set(log.flatMap((entry) => (entry.fault === null ? [] : [entry.fault])));
}
