/**
 * TronGrid v1 over the shared HTTP transport. The API key (read from the variable `apiKeyEnv` names) travels in the
 * `TRON-PRO-API-KEY` header and is redacted from every message. Rate limits, as TronGrid documents them: 429 (burst
 * with a key; the transport retries it with backoff), 503 (older docs; retried too), and 403 with a JSON body like
 * `{"success": false, "error": "The key exceeds the frequency limit(15), and the query server is suspended for
 * 30s"}` — retried here after the suspension it names. Any other 4xx is the question's or the key's fault: not
 * retried (a 401/403 makes failover try another endpoint).
 */
import type { IndexerConfig } from '../../config/indexer-types.js';
import { RestoreScanError } from '../../errors.js';
import {
  httpTransport,
  TransportError,
  withRetry,
  type HttpResponse,
  type HttpTransport,
  type HttpTransportOptions,
  type QueryValue,
} from '../../net/index.js';
import { isRecord, parseEnvelope, type AnswerSource, type Envelope } from './trongrid-json.js';

export const API_KEY_HEADER = 'TRON-PRO-API-KEY';
/** TronGrid's page size ceiling for list endpoints. */
export const MAX_PAGE_SIZE = 200;

const FREQUENCY_LIMITED = /frequency limit|suspended|rate limit|too many requests/i;
const SUSPENDED_FOR = /suspended for (\d+)\s*s/i;
/** TronGrid's documented penalty when the 403 does not say. */
const DEFAULT_SUSPENSION_MS = 30_000;
/** Waits for a suspension to end, at most this many times per request. */
const SUSPENSION_RETRIES = 2;
const ERROR_STATUSES: ReadonlySet<number> = new Set([400, 401, 402, 403, 404, 405]);

export type TransportOverrides = Partial<
  Pick<HttpTransportOptions, 'fetch' | 'clock' | 'random' | 'baseDelayMs' | 'maxDelayMs' | 'retries' | 'maxRetryAfterMs'>
>;

export interface TronGridApiOptions {
  readonly config: IndexerConfig;
  /** Where `apiKeyEnv` is looked up (default: process.env). An unset variable means no key. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly transport?: TransportOverrides;
}

export interface TronGridApi extends AnswerSource {
  readonly transport: HttpTransport;
  /** One page of a list endpoint. */
  page(path: string, query: Readonly<Record<string, QueryValue>>, signal?: AbortSignal): Promise<Envelope>;
  /** Items of a list endpoint, following `meta.fingerprint`, until the list ends or `maxItems` are read. */
  collect(path: string, query: Readonly<Record<string, QueryValue>>, maxItems: number, signal?: AbortSignal): Promise<unknown[]>;
}

function errorText(response: HttpResponse): string {
  const body = response.json;
  if (isRecord(body)) {
    const text = body.error ?? body.Error ?? body.message;
    if (typeof text === 'string') return text;
  }
  return response.text.slice(0, 200);
}

export function createTronGridApi(options: TronGridApiOptions): TronGridApi {
  const { config } = options;
  const env = options.env ?? process.env;
  const apiKey = config.apiKeyEnv === undefined ? undefined : env[config.apiKeyEnv] || undefined;
  const secrets = apiKey === undefined ? [] : [apiKey];
  const transport = httpTransport({
    url: config.url,
    timeoutMs: config.timeoutMs,
    maxConcurrency: config.maxConcurrency,
    requestsPerSecond: config.requestsPerSecond,
    headers: apiKey === undefined ? {} : { [API_KEY_HEADER]: apiKey },
    secrets,
    ...options.transport,
  });
  const endpoint = transport.endpoint;

  function statusError(path: string, response: HttpResponse): TransportError {
    const text = errorText(response);
    const what = `GET ${path}: HTTP ${response.status}`;
    if (response.status === 403 && FREQUENCY_LIMITED.test(text)) {
      transport.stats.rateLimited++;
      const seconds = SUSPENDED_FOR.exec(text)?.[1];
      return new TransportError('NETWORK', `${what} (rate limited)`, {
        endpoint, secrets, retryable: true, status: 403, details: text,
        retryAfterMs: seconds === undefined ? DEFAULT_SUSPENSION_MS : Number(seconds) * 1000,
      });
    }
    return new TransportError('PROTOCOL', what, {
      endpoint, secrets, retryable: false, status: response.status, details: text,
      hint: response.status === 401 || response.status === 403 ? `Check the TronGrid API key (${config.apiKeyEnv ?? 'no apiKeyEnv configured'}).` : undefined,
    });
  }

  async function page(path: string, query: Readonly<Record<string, QueryValue>>, signal?: AbortSignal): Promise<Envelope> {
    const response = await withRetry(
      async () => {
        const answer = await transport.request({ path, query, signal, acceptStatus: (status) => ERROR_STATUSES.has(status) });
        if (answer.status >= 400) throw statusError(path, answer);
        return answer;
      },
      {
        retries: SUSPENSION_RETRIES,
        // Only the 403 suspension: the transport has already retried everything else it should.
        isRetryable: (err) => err instanceof TransportError && err.retryable && err.status === 403,
        maxRetryAfterMs: options.transport?.maxRetryAfterMs,
        clock: options.transport?.clock,
        random: options.transport?.random,
        signal,
        onRetry: () => void transport.stats.retries++,
      },
    );
    return parseEnvelope({ endpoint, secrets }, `GET ${path}`, response.json);
  }

  async function collect(path: string, query: Readonly<Record<string, QueryValue>>, maxItems: number, signal?: AbortSignal): Promise<unknown[]> {
    const items: unknown[] = [];
    const seen = new Set<string>();
    let fingerprint: string | undefined;
    do {
      const limit = Math.min(MAX_PAGE_SIZE, maxItems - items.length);
      const answer = await page(path, { ...query, limit, fingerprint }, signal);
      items.push(...answer.data.slice(0, limit));
      fingerprint = answer.data.length === 0 ? undefined : answer.fingerprint;
      // A cursor seen before would loop forever, and stopping there would silently truncate: refuse.
      if (fingerprint !== undefined && seen.has(fingerprint))
        throw new RestoreScanError('PROTOCOL', `GET ${path}: the same page cursor came back twice (${endpoint})`);
      if (fingerprint !== undefined) seen.add(fingerprint);
    } while (fingerprint !== undefined && items.length < maxItems);
    return items;
  }

  return Object.freeze({ endpoint, secrets, transport, page, collect });
}
