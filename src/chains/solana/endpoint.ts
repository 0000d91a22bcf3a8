/** One Solana JSON-RPC endpoint (RPC node or DAS indexer) on the shared transport, built from its config. */
import type { IndexerConfig } from '../../config/indexer-types.js';
import { RestoreScanError } from '../../errors.js';
import { httpTransport, jsonRpcClient, type HttpTransport, type HttpTransportOptions, type JsonRpcClient } from '../../net/index.js';
import type { Network, SolanaNetwork } from '../types.js';
import type { AnswerSource } from './json.js';

/** Transport knobs a caller (tests, benchmarks) may override. */
export type TransportOverrides = Partial<
  Pick<HttpTransportOptions, 'fetch' | 'clock' | 'random' | 'baseDelayMs' | 'maxDelayMs' | 'retries' | 'maxRetryAfterMs'>
>;

export interface SolanaEndpointOptions {
  readonly network: Network;
  readonly config: IndexerConfig;
  /** Where `apiKeyEnv` is looked up (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly transport?: TransportOverrides;
}

export interface SolanaEndpoint extends AnswerSource {
  readonly id: string;
  readonly network: SolanaNetwork;
  readonly transport: HttpTransport;
  readonly rpc: JsonRpcClient;
}

/**
 * Helius-style providers take the key as `?api-key=`; it is read from the variable `apiKeyEnv` names, never from
 * the config file, and redacted from every message. An unset variable means no key (public endpoints work without).
 */
const API_KEY_PARAM = 'api-key';

export function openSolanaEndpoint(options: SolanaEndpointOptions, type: 'solana-rpc' | 'solana-das'): SolanaEndpoint {
  const { network, config } = options;
  if (network.family !== 'solana')
    throw new RestoreScanError('CONFIG', `${type} serves Solana networks, not ${network.id} (family ${network.family})`);
  if (config.type !== type) throw new RestoreScanError('CONFIG', `expected a ${type} indexer config, got ${config.type}`);
  const env = options.env ?? process.env;
  const apiKey = config.apiKeyEnv === undefined ? undefined : env[config.apiKeyEnv] || undefined;
  let url = config.url;
  if (apiKey !== undefined) {
    const withKey = new URL(config.url);
    withKey.searchParams.set(API_KEY_PARAM, apiKey);
    url = withKey.toString();
  }
  const secrets = apiKey === undefined ? [] : [apiKey];
  const transport = httpTransport({
    url,
    timeoutMs: config.timeoutMs,
    maxConcurrency: config.maxConcurrency,
    requestsPerSecond: config.requestsPerSecond,
    secrets,
    ...options.transport,
  });
  const rpc = jsonRpcClient({
    transport,
    batchSize: config.batchSize,
    secrets,
    clock: options.transport?.clock,
    random: options.transport?.random,
    baseDelayMs: options.transport?.baseDelayMs,
    maxDelayMs: options.transport?.maxDelayMs,
  });
  return Object.freeze({ id: `${type} ${transport.endpoint}`, network, transport, rpc, endpoint: transport.endpoint, secrets });
}
