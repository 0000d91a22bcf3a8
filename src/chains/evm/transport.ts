import type { IndexerConfig } from '../../config/indexer-types.js';
import { httpTransport, type HttpTransport, type HttpTransportOptions } from '../../net/index.js';

/** Transport knobs callers may override (tests and benchmarks: retries, backoff, clock, fetch, shared limits). */
export type TransportTuning = Partial<Omit<HttpTransportOptions, 'url' | 'secrets'>>;

/** Options every EVM client factory takes besides its network and config. */
export interface EvmSourceOptions {
  transport?: TransportTuning;
  /** Where `apiKeyEnv` is looked up (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The HTTP transport of one indexer, limits from its config; `secrets` are redacted from every message. */
export function indexerTransport(
  config: IndexerConfig,
  url: string,
  secrets: readonly string[],
  tuning: TransportTuning = {},
): HttpTransport {
  return httpTransport({
    ...tuning,
    url,
    secrets,
    ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
    ...(config.maxConcurrency !== undefined && { maxConcurrency: config.maxConcurrency }),
    ...(config.requestsPerSecond !== undefined && { requestsPerSecond: config.requestsPerSecond }),
  });
}
