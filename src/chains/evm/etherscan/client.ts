import type { IndexerConfig } from '../../../config/indexer-types.js';
import type { ChainSource } from '../../source.js';
import type { EvmNetwork } from '../../types.js';
import { readApiKey } from '../../../config/api-key.js';
import { indexerTransport, type EvmSourceOptions } from '../transport.js';
import type { EtherscanContext } from './context.js';
import { RESULT_WINDOW } from './list-records.js';
import { readActivity } from './read-activity.js';
import { readHoldings } from './read-holdings.js';
import { verifyEtherscanConfig } from './verify-config.js';

export interface EtherscanSourceParameters extends EvmSourceOptions {
  network: EvmNetwork;
  config: IndexerConfig;
  /** Records per history page (default 1000; at most 10,000). */
  pageSize?: number;
  /** page × offset limit of one query window (default 10,000, Etherscan's); past it, paging restarts at the last block. */
  resultWindow?: number;
  /** First pause after a "Max rate limit reached" answer (default 1000 ms: the free tier counts per second). */
  rateLimitDelayMs?: number;
}

/** `https://api.etherscan.io` → `v2/api`; a URL already ending in `/api` (a v1-style or proxy base) is used as is. */
function apiPath(url: string): string {
  return /\/api\/?$/.test(new URL(url).pathname) ? '' : 'v2/api';
}

/** Etherscan API v2 (one key, many chains by `chainid`) as a chain source. */
export function createEtherscanSource(parameters: EtherscanSourceParameters): ChainSource {
  const { network, config } = parameters;
  const resultWindow = parameters.resultWindow ?? RESULT_WINDOW;
  if (!Number.isInteger(resultWindow) || resultWindow < 1) throw new RangeError(`resultWindow must be a positive integer, got ${resultWindow}`);
  const pageSize = parameters.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > resultWindow)
    throw new RangeError(`pageSize must be an integer 1…${resultWindow}, got ${pageSize}`);
  const apiKey = readApiKey(config, parameters.env);
  const secrets = apiKey === undefined ? [] : [apiKey];
  const http = indexerTransport(config, config.url, secrets, parameters.transport);
  const ctx: EtherscanContext = {
    http,
    network,
    path: apiPath(config.url),
    apiKey,
    secrets,
    pageSize,
    resultWindow,
    rateLimitDelayMs: parameters.rateLimitDelayMs ?? 1000,
  };
  return Object.freeze({
    id: `etherscan ${http.endpoint}`,
    type: 'etherscan',
    family: 'evm',
    network,
    activity: (addresses, options) => readActivity(ctx, addresses, options),
    holdings: (addresses, options) => readHoldings(ctx, addresses, options),
    verify: (options) => verifyEtherscanConfig(ctx, options),
    requests: () => http.stats.requests,
  } satisfies ChainSource);
}
