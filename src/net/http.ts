import { abortedError, isAbortedError } from './abort.js';
import { systemClock, type Clock } from './clock.js';
import { createConcurrencyLimit, type ConcurrencyLimit } from './concurrency.js';
import { TransportError } from './errors.js';
import { nodeHttpFetch } from './node-http-fetch.js';
import { isRetryableStatus, parseRetryAfter, withRetry, DEFAULT_RETRY, type BackoffOptions } from './retry.js';
import { redactSecrets, scrubUrl } from './scrub-url.js';
import { createStats, type EndpointStats } from './stats.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';

export interface HttpTransportOptions extends BackoffOptions {
  /** Base URL; request paths are appended to it. `user:pass@` becomes a Basic Authorization header. */
  url: string;
  /** Per attempt, including reading the body (default 15 s). */
  timeoutMs?: number;
  /** Simultaneous requests (default 6). */
  maxConcurrency?: number;
  /** Rate limit; unlimited when absent. */
  requestsPerSecond?: number;
  /** Token bucket burst (default 1). */
  burst?: number;
  /** Attempts after the first for idempotent requests (default 4). */
  retries?: number;
  maxRetryAfterMs?: number;
  headers?: Readonly<Record<string, string>>;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  /** Strings redacted from every message (e.g. the API key read from `apiKeyEnv`). */
  secrets?: readonly string[];
  /** Share limits between transports to the same provider. */
  limit?: ConcurrencyLimit;
  bucket?: TokenBucket;
}

export type QueryValue = string | number | boolean | bigint | undefined;

export interface HttpRequest {
  method?: 'GET' | 'POST';
  /** Appended to the base URL's path. */
  path?: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** Sent as is when a string, else as JSON. */
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  /** `false` for requests with effects (broadcasting a transaction): never retried. Default true. */
  idempotent?: boolean;
  /** `json` (default) parses the body; unparsable JSON is a retryable PROTOCOL error. */
  responseType?: 'json' | 'text';
  /** Non-2xx statuses to hand back as responses instead of errors (e.g. 400 with a JSON-RPC error body). */
  acceptStatus?: (status: number) => boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body for `responseType: 'json'`; undefined for `text`. Narrow before use. */
  json: unknown;
}

export interface HttpTransport {
  /** The base URL, scrubbed: safe for messages and logs. */
  readonly endpoint: string;
  readonly stats: EndpointStats;
  request(request: HttpRequest): Promise<HttpResponse>;
}

export const HTTP_DEFAULTS = Object.freeze({ timeoutMs: 15_000, maxConcurrency: 6 });

const BODY_SNIPPET_CHARS = 200;

interface ParsedBase {
  base: string;
  authorization: string | undefined;
}

/** fetch refuses URLs with credentials: move them to a Basic Authorization header. */
function splitCredentials(url: string): ParsedBase {
  const parsed = new URL(url);
  let authorization: string | undefined;
  if (parsed.username || parsed.password) {
    const user = decodeURIComponent(parsed.username);
    const pass = decodeURIComponent(parsed.password);
    authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  return { base: parsed.toString(), authorization };
}

function buildUrl(base: string, path: string | undefined, query: HttpRequest['query']): string {
  const url = new URL(base);
  if (path) url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function snippet(text: string): string {
  return text.length > BODY_SNIPPET_CHARS ? `${text.slice(0, BODY_SNIPPET_CHARS)}…` : text;
}

/**
 * The HTTP transport: one endpoint, fetch with a per-attempt timeout, retries with backoff honouring Retry-After,
 * a token bucket and a concurrency cap, errors as TransportError with the URL scrubbed.
 */
export function httpTransport(options: HttpTransportOptions): HttpTransport {
  let parsedBase: ParsedBase;
  try {
    parsedBase = splitCredentials(options.url);
  } catch (cause) {
    throw new RangeError(`Invalid endpoint URL: ${scrubUrl(options.url)}`, { cause });
  }
  const { base, authorization } = parsedBase;
  const endpoint = scrubUrl(options.url);
  const secrets = options.secrets ?? [];
  const fetchImpl = options.fetch ?? nodeHttpFetch;
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs;
  const limit = options.limit ?? createConcurrencyLimit(options.maxConcurrency ?? HTTP_DEFAULTS.maxConcurrency);
  const bucket =
    options.bucket ??
    (options.requestsPerSecond === undefined
      ? undefined
      : createTokenBucket({ requestsPerSecond: options.requestsPerSecond, burst: options.burst ?? 1, clock }));
  const stats = createStats();

  const fail = (
    code: 'NETWORK' | 'PROTOCOL',
    message: string,
    extra: { retryable: boolean; status?: number; details?: string; cause?: unknown; retryAfterMs?: number },
  ): TransportError => new TransportError(code, message, { endpoint, secrets, ...extra });

  async function attempt(request: HttpRequest, url: string, body: string | undefined): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    // The endpoint is appended by TransportError; name only what was asked of it, keys in the path scrubbed too.
    const shown = new URL(scrubUrl(url));
    const what = `${method} ${redactSecrets(`${shown.pathname}${shown.search}`, secrets)}`;
    const signal = request.signal;
    const headers = new Headers({ accept: 'application/json' });
    for (const [name, value] of Object.entries({ ...options.headers, ...request.headers })) headers.set(name, value);
    if (authorization) headers.set('authorization', authorization);
    if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');

    await bucket?.take(signal);
    // The clock starts once the request may go out: waiting for a token is not the server's fault.
    const timeout = AbortSignal.timeout(request.timeoutMs ?? timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    stats.requests++;
    stats.bytesSent += body === undefined ? 0 : Buffer.byteLength(body);
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, { method, headers, body, signal: combined });
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw abortedError(signal);
      if (timeout.aborted)
        throw fail('NETWORK', `${what}: no complete answer within ${request.timeoutMs ?? timeoutMs} ms`, {
          retryable: true,
          cause,
        });
      const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : '';
      throw fail('NETWORK', `${what}: connection failed`, { retryable: true, details: reason, cause });
    }
    stats.bytesReceived += Buffer.byteLength(text);

    const { status } = response;
    const success = status >= 200 && status < 300;
    const statusError = (): TransportError => {
      const retryable = isRetryableStatus(status);
      return fail(retryable ? 'NETWORK' : 'PROTOCOL', `${what}: HTTP ${status}`, {
        retryable,
        status,
        details: text ? snippet(text) : undefined,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), clock.dateNow()),
      });
    };
    if (status === 429) stats.rateLimited++;
    if (!success && request.acceptStatus?.(status) !== true) throw statusError();
    if (request.responseType === 'text') return { status, headers: response.headers, text, json: undefined };
    try {
      return { status, headers: response.headers, text, json: JSON.parse(text) as unknown };
    } catch (cause) {
      // An accepted error status without a JSON body is just that error status.
      if (!success) throw statusError();
      // Truncated or non-JSON bodies (HTML error pages from gateways) are usually transient.
      throw fail('PROTOCOL', `${what}: the answer is not valid JSON`, {
        retryable: true,
        status,
        details: snippet(text),
        cause,
      });
    }
  }

  async function request(request: HttpRequest): Promise<HttpResponse> {
    const url = buildUrl(base, request.path, request.query);
    const body =
      request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    try {
      return await withRetry((/* attempt */) => limit.run(() => attempt(request, url, body), request.signal), {
        retries: options.retries ?? DEFAULT_RETRY.retries,
        baseDelayMs: options.baseDelayMs,
        maxDelayMs: options.maxDelayMs,
        maxRetryAfterMs: options.maxRetryAfterMs,
        idempotent: request.idempotent ?? true,
        signal: request.signal,
        clock,
        random: options.random,
        onRetry: () => void stats.retries++,
      });
    } catch (err) {
      if (!isAbortedError(err)) stats.failures++;
      throw err;
    }
  }

  return Object.freeze({ endpoint, stats, request });
}
