import type { IndexerConfig } from '../../../config/indexer-types.js';
import { jsonRpcClient, redactSecrets } from '../../../net/index.js';
import { RestoreScanError } from '../../../errors.js';
import type { ChainSource } from '../../source.js';
import type { EvmNetwork } from '../../types.js';
import { readApiKey } from '../../../config/api-key.js';
import { indexerTransport, type EvmSourceOptions } from '../transport.js';
import { createEvmRpcState, type EvmRpcContext } from './context.js';
import { readActivity } from './read-activity.js';
import { readHoldings } from './read-holdings.js';
import { verifyChainId } from './verify-chain-id.js';

export interface EvmRpcSourceParameters extends EvmSourceOptions {
  network: EvmNetwork;
  config: IndexerConfig;
  /** First block of the Transfer-log scan (default 0). */
  logsFromBlock?: number | bigint;
}

/** Where an evm-rpc URL takes the key from `apiKeyEnv` (Alchemy, Infura… put it in the path). */
const KEY_PLACEHOLDER = '{apiKey}';

function endpointUrl(config: IndexerConfig, key: string | undefined): string {
  if (key === undefined) return config.url;
  if (!config.url.includes(KEY_PLACEHOLDER))
    throw new RestoreScanError('CONFIG', `evm-rpc indexer: apiKeyEnv is set but the url has no ${KEY_PLACEHOLDER} placeholder`, {
      hint: `write the url as e.g. https://eth-mainnet.example/v2/${KEY_PLACEHOLDER}`,
    });
  return config.url.split(KEY_PLACEHOLDER).join(encodeURIComponent(key));
}

/**
 * A JSON-RPC node as a chain source (CONTRACT §3 `evm-rpc`): finds native coins and ERC-20/721/1155 holdings from
 * Transfer logs alone, batching everything (JSON-RPC batches, Multicall3, OR-ed log topics).
 */
export function createEvmRpcSource(parameters: EvmRpcSourceParameters): ChainSource {
  const { network, config } = parameters;
  const key = readApiKey(config, parameters.env);
  const secrets = key === undefined ? [] : [key, encodeURIComponent(key)];
  const transport = indexerTransport(config, endpointUrl(config, key), secrets, parameters.transport);
  const tuning = parameters.transport ?? {};
  const rpc = jsonRpcClient({
    transport,
    secrets,
    // Entry-level resends (dropped batch entries, retryable errors) back off like the transport's retries.
    ...(tuning.baseDelayMs !== undefined && { baseDelayMs: tuning.baseDelayMs }),
    ...(tuning.maxDelayMs !== undefined && { maxDelayMs: tuning.maxDelayMs }),
    ...(tuning.retries !== undefined && { retries: tuning.retries }),
    ...(tuning.clock !== undefined && { clock: tuning.clock }),
    ...(tuning.random !== undefined && { random: tuning.random }),
    ...(config.batchSize !== undefined && { batchSize: config.batchSize }),
  });
  const logsFromBlock = BigInt(parameters.logsFromBlock ?? 0);
  if (logsFromBlock < 0n) throw new RangeError(`logsFromBlock must not be negative, got ${logsFromBlock}`);
  const endpoint = redactSecrets(transport.endpoint, secrets);
  const ctx: EvmRpcContext = { rpc, endpoint, secrets, network, logsFromBlock, state: createEvmRpcState() };

  return Object.freeze({
    id: `evm-rpc ${endpoint}`,
    type: 'evm-rpc',
    family: 'evm',
    network,
    activity: (addresses, options) => readActivity(ctx, addresses, options),
    holdings: (addresses, options) => readHoldings(ctx, addresses, options),
    verify: (options) => verifyChainId(ctx, options),
    requests: () => transport.stats.requests,
  } satisfies ChainSource);
}
