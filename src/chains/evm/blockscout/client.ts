import type { IndexerConfig } from '../../../config/indexer-types.js';
import type { ChainSource } from '../../source.js';
import type { EvmNetwork } from '../../types.js';
import { readApiKey } from '../../../config/api-key.js';
import { indexerTransport, type EvmSourceOptions } from '../transport.js';
import type { BlockscoutContext } from './context.js';
import { listTokenTransfers, type BlockscoutTokenTransfer, type ListTokenTransfersOptions } from './get-address-token-transfers.js';
import { readActivity } from './read-activity.js';
import { readHoldings } from './read-holdings.js';
import { verifyBlockscoutChainId } from './verify-chain-id.js';

export interface BlockscoutSourceParameters extends EvmSourceOptions {
  network: EvmNetwork;
  config: IndexerConfig;
}

/** A Blockscout chain source, plus what only an explorer can tell: an address's token-transfer history. */
export interface BlockscoutSource extends ChainSource {
  /** Every token transfer of `address` (all pages, newest first), optionally only those into or out of it. */
  tokenTransfers(address: string, options?: ListTokenTransfersOptions): Promise<BlockscoutTokenTransfer[]>;
}

/** The instance root: the config may name it (`https://eth.blockscout.com`) or its REST base (`…/api/v2`). */
function instanceRoot(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = parsed.pathname.replace(/\/+$/, '').replace(/\/api\/v2$/, '') || '/';
  return parsed.toString();
}

/** A Blockscout instance (REST API v2) as a chain source: one or two requests per address, token lists paged. */
export function createBlockscoutSource(parameters: BlockscoutSourceParameters): BlockscoutSource {
  const { network, config } = parameters;
  const apiKey = readApiKey(config, parameters.env);
  const secrets = apiKey === undefined ? [] : [apiKey];
  const http = indexerTransport(config, instanceRoot(config.url), secrets, parameters.transport);
  const { baseDelayMs, maxDelayMs } = parameters.transport ?? {};
  const backoff = { ...(baseDelayMs !== undefined && { baseDelayMs }), ...(maxDelayMs !== undefined && { maxDelayMs }) };
  const ctx: BlockscoutContext = { http, network, apiKey, secrets, backoff };
  return Object.freeze({
    id: `blockscout ${http.endpoint}`,
    type: 'blockscout',
    family: 'evm',
    network,
    activity: (addresses, options) => readActivity(ctx, addresses, options),
    holdings: (addresses, options) => readHoldings(ctx, addresses, options),
    verify: (options) => verifyBlockscoutChainId(ctx, options),
    tokenTransfers: (address, options) => listTokenTransfers(ctx, address, options),
    requests: () => http.stats.requests,
  } satisfies BlockscoutSource);
}
