/**
 * A lean `fetch` over node:http / node:https for the HTTP transport (http.ts). undici's fetch spends ~0.7 ms of
 * main-thread CPU per request on Request/Headers objects, origin checks and web-stream plumbing; a scan sends
 * dozens of requests in its first 100 ms, when the engine's thread is the bottleneck.
 *
 * Parity with undici's fetch where http.ts can tell the difference:
 * - the same default request headers (accept, accept-encoding gzip/deflate, accept-language, sec-fetch-mode,
 *   user-agent): indexers' large JSON answers come compressed, and are decoded (gzip, x-gzip, deflate, br) like
 *   undici does;
 * - aborts reject with the signal's reason (AbortError / TimeoutError DOMException), at once if already aborted;
 * - connection failures reject with `TypeError('fetch failed', { cause })`, a body cut short with
 *   `TypeError('terminated', { cause })`;
 * - redirects: `follow` (default: up to 20, 303 and POST-after-301/302 become GET without body, Authorization
 *   dropped across origins), `manual` (the 3xx answer as is), `error`;
 * - URLs with credentials are refused (http.ts moves them to a header first).
 * Differences: the fetch resolves once the whole body has been read (the caller reads it at once anyway); bodies
 * are strings or bytes only; a `Request` as input, `keepalive`, `mode`, `credentials`, `cache`, `referrer` and
 * the browser "bad port" list are not supported; there is no 10 s connect timeout of its own (http.ts times
 * every attempt).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';

/** undici's keep-alive default: idle sockets are closed before servers (typically 5 s) close them under us. */
const IDLE_SOCKET_MS = 4_000;
/** The fetch standard's redirect limit. */
const MAX_REDIRECTS = 20;

const AGENT_OPTIONS = Object.freeze({
  keepAlive: true,
  // http.ts caps concurrency per endpoint; the agent must not queue behind it.
  maxSockets: Infinity,
  // Agents unref idle sockets, so a pooled connection never keeps the process alive; this closes them too.
  timeout: IDLE_SOCKET_MS,
  // One write per small request: no Nagle delay waiting for the ACK of the headers.
  noDelay: true,
  scheduling: 'lifo' as const,
});

const AGENTS: Readonly<Record<string, http.Agent>> = Object.freeze({
  'http:': new http.Agent(AGENT_OPTIONS),
  'https:': new https.Agent(AGENT_OPTIONS),
});

/** What undici's fetch adds when the caller did not set them. */
const DEFAULT_REQUEST_HEADERS: readonly (readonly [string, string])[] = Object.freeze([
  ['accept', '*/*'],
  ['accept-encoding', 'gzip, deflate'],
  ['accept-language', '*'],
  ['sec-fetch-mode', 'cors'],
  ['user-agent', 'node'],
]);

/** Headers that describe a body, removed when a redirect turns the request into a GET without one. */
const REQUEST_BODY_HEADERS = Object.freeze(['content-encoding', 'content-language', 'content-location', 'content-type']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
/** Methods fetch upper-cases whatever case they are given in. */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

type Bytes = Buffer;

interface Outgoing {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Bytes | undefined;
}

interface Incoming {
  status: number;
  statusText: string;
  rawHeaders: string[];
  body: Bytes;
}

/** Rejections from here go straight to the caller. */
function networkError(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function toBytes(body: RequestInit['body']): Bytes | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('nodeHttpFetch sends string or byte bodies only');
}

function prepare(input: string | URL | Request, init: RequestInit | undefined): Outgoing {
  if (typeof input !== 'string' && !(input instanceof URL)) throw new TypeError('nodeHttpFetch takes a URL, not a Request');
  let url: URL;
  try {
    url = new URL(input);
  } catch (cause) {
    throw new TypeError('Failed to parse URL', { cause });
  }
  // Never echo the URL here: it carries the credentials.
  if (url.username || url.password) throw new TypeError('Request cannot be constructed from a URL that includes credentials');
  const given = init?.method ?? 'GET';
  const method = NORMALIZED_METHODS.has(given.toUpperCase()) ? given.toUpperCase() : given;
  const body = toBytes(init?.body);
  if (body && (method === 'GET' || method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');

  const headers: Record<string, string> = {};
  const source = init?.headers;
  if (source !== undefined) {
    // A Headers instance (what http.ts passes) is read as is; other forms get fetch's combining and validation.
    for (const [name, value] of source instanceof Headers ? source : new Headers(source)) headers[name] = value;
  }
  if (typeof init?.body === 'string' && headers['content-type'] === undefined) headers['content-type'] = 'text/plain;charset=UTF-8';
  for (const [name, value] of DEFAULT_REQUEST_HEADERS) if (headers[name] === undefined) headers[name] = value;
  // Explicit length: node would otherwise send POST bodies chunked.
  if (body) headers['content-length'] = String(body.length);
  else if (method === 'POST' || method === 'PUT') headers['content-length'] = '0';
  return { url, method, headers, body };
}

/** One request and its whole answer; rejects with the signal's reason on abort, TypeErrors otherwise. */
function exchange(out: Outgoing, signal: AbortSignal | undefined): Promise<Incoming> {
  return new Promise((resolve, reject) => {
    // Checked per exchange: the signal may abort between the hops of a redirect.
    if (signal?.aborted) return reject(abortReason(signal));
    const agent = AGENTS[out.url.protocol];
    if (!agent) return reject(networkError(new Error('unknown scheme')));
    let settled = false;
    let response: http.IncomingMessage | undefined;
    const settle = (error: unknown, incoming?: Incoming): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (incoming) resolve(incoming);
      else reject(error);
    };
    const onAbort = (): void => {
      settle(abortReason(signal as AbortSignal));
      request.destroy();
      response?.destroy();
    };
    const request = (out.url.protocol === 'https:' ? https : http).request({
      protocol: out.url.protocol,
      // URL keeps IPv6 literals bracketed; node's resolver wants them bare.
      hostname: out.url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: out.url.port,
      path: `${out.url.pathname}${out.url.search}`,
      method: out.method,
      headers: out.headers,
      agent,
    });
    // Stays attached: destroying an aborted request may still emit errors nobody else listens to.
    request.on('error', (err) => settle(networkError(err)));
    request.on('response', (res) => {
      response = res;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => settle(new TypeError('terminated', { cause: err })));
      res.on('close', () => {
        if (!res.complete) settle(new TypeError('terminated', { cause: new Error('other side closed') }));
      });
      res.on('end', () =>
        settle(undefined, {
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          rawHeaders: res.rawHeaders,
          body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
        }),
      );
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    request.end(out.body);
  });
}

type Decoder = (input: Buffer, callback: (error: Error | null, result: Buffer) => void) => void;

const SYNC_FLUSH = Object.freeze({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
const BROTLI_FLUSH = Object.freeze({
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
});

const gunzip: Decoder = (input, callback) => zlib.gunzip(input, SYNC_FLUSH, callback);
// "deflate" is meant to be zlib-wrapped, but servers also send raw deflate: undici tells them apart by the
// zlib header's compression-method nibble.
const inflate: Decoder = (input, callback) =>
  ((input[0] ?? 0) & 0x0f) === 0x08 ? zlib.inflate(input, SYNC_FLUSH, callback) : zlib.inflateRaw(input, SYNC_FLUSH, callback);
const brotli: Decoder = (input, callback) => zlib.brotliDecompress(input, BROTLI_FLUSH, callback);

const DECODERS: Readonly<Record<string, Decoder>> = Object.freeze({ gzip: gunzip, 'x-gzip': gunzip, deflate: inflate, br: brotli });

/** undici's rule: decode codings last-applied first; one unknown coding (identity included) leaves the bytes as sent. */
async function decodeBody(contentEncoding: string | null, body: Buffer): Promise<Buffer> {
  if (!contentEncoding || body.length === 0) return body;
  const decoders: Decoder[] = [];
  for (const coding of contentEncoding.toLowerCase().split(',').reverse()) {
    const decoder = DECODERS[coding.trim()];
    if (!decoder) return body;
    decoders.push(decoder);
  }
  let bytes = body;
  for (const decoder of decoders) {
    bytes = await new Promise<Buffer>((resolve, reject) =>
      decoder(bytes, (error, result) => (error ? reject(new TypeError('terminated', { cause: error })) : resolve(result))),
    );
  }
  return bytes;
}

function toHeaders(rawHeaders: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers.append(rawHeaders[i] as string, rawHeaders[i + 1] as string);
  return headers;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A complete answer already in memory: what fetch's Response offers, without web streams unless asked for. */
class NodeHttpResponse implements Response {
  readonly type = 'basic' as const;
  #bytes: Buffer;
  #used = false;
  #stream: ReadableStream | null | undefined;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    bytes: Buffer,
    readonly url: string,
    readonly redirected: boolean,
  ) {
    this.#bytes = bytes;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): ReadableStream | null {
    if (this.#stream === undefined) {
      this.#stream = NULL_BODY_STATUSES.has(this.status) ? null : new Blob([this.#bytes]).stream();
    }
    return this.#stream;
  }

  #consume(): Buffer {
    if (this.#used || this.#stream?.locked) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes;
  }

  // Each reader is async like fetch's: a used body rejects, it does not throw.
  readonly text = async (): Promise<string> => {
    const bytes = this.#consume();
    // UTF-8 decode as the Encoding standard does it: a leading BOM is dropped.
    return (bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes).toString('utf8');
  };

  readonly json = async (): Promise<unknown> => JSON.parse(await this.text()) as unknown;

  readonly arrayBuffer = async (): Promise<ArrayBuffer> => {
    const bytes = this.#consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  };

  readonly bytes = async (): Promise<Uint8Array> => new Uint8Array(await this.arrayBuffer());

  readonly blob = async (): Promise<Blob> => new Blob([this.#consume()], { type: this.headers.get('content-type') ?? '' });

  // Rarely wanted from an indexer: fetch's own multipart/urlencoded parser does the work.
  readonly formData = async (): Promise<FormData> => new Response(this.#consume(), { headers: this.headers }).formData();

  readonly clone = (): Response => {
    if (this.#used || this.#stream?.locked) throw new TypeError('Response.clone: Body has already been consumed.');
    return new NodeHttpResponse(this.status, this.statusText, new Headers(this.headers), this.#bytes, this.url, this.redirected);
  };
}

/** The request a redirect asks for next, per the fetch standard's HTTP-redirect fetch; a string is a network error. */
function redirected(out: Outgoing, status: number, location: string): Outgoing | string {
  let next: URL;
  try {
    next = new URL(location, out.url);
  } catch {
    return 'invalid redirect location';
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return 'URL scheme must be a HTTP(S) scheme';
  if (next.username || next.password) return 'redirect location includes credentials';
  const headers = { ...out.headers };
  let { method, body } = out;
  if (((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD')) {
    method = 'GET';
    body = undefined;
    for (const name of REQUEST_BODY_HEADERS) delete headers[name];
    delete headers['content-length'];
  }
  if (next.origin !== out.url.origin) {
    delete headers.authorization;
    delete headers['proxy-authorization'];
    delete headers.cookie;
  }
  return { url: next, method, headers, body };
}

async function run(input: string | URL | Request, init: RequestInit | undefined): Promise<Response> {
  // Like fetch: a malformed request is refused first, an aborted signal then rejects before anything is sent.
  let out = prepare(input, init);
  const signal = init?.signal ?? undefined;
  const mode = init?.redirect ?? 'follow';
  for (let redirects = 0; ; redirects++) {
    const answer = await exchange(out, signal);
    const headers = toHeaders(answer.rawHeaders);
    const location = REDIRECT_STATUSES.has(answer.status) ? headers.get('location') : null;
    if (location !== null && mode !== 'manual') {
      if (mode === 'error') throw networkError(new Error('unexpected redirect'));
      if (redirects === MAX_REDIRECTS) throw networkError(new Error('redirect count exceeded'));
      const next = redirected(out, answer.status, location);
      if (typeof next === 'string') throw networkError(new Error(next));
      out = next;
      continue;
    }
    const bodyless = out.method === 'HEAD' || NULL_BODY_STATUSES.has(answer.status);
    const body = bodyless ? answer.body : await decodeBody(headers.get('content-encoding'), answer.body);
    if (signal?.aborted) throw abortReason(signal);
    return new NodeHttpResponse(answer.status, answer.statusText, headers, body, out.url.toString(), redirects > 0);
  }
}

/**
 * `fetch` for http: and https: URLs over node's HTTP client with keep-alive agents (idle sockets neither keep the
 * process alive nor outlive 4 s). Accepts a URL string or URL; init's method, headers, body (string or bytes),
 * signal and redirect. The response's body is already read when the promise resolves.
 */
export const nodeHttpFetch: typeof fetch = (input, init) => run(input, init);
