/** EVM family: addresses and the indexer clients (evm-rpc, Blockscout v2, Etherscan v2). */
export { evmPayload, toChecksumAddress, toLowerAddress } from './address.js';
export { erc1155ReadAbi, erc20ReadAbi, erc721ReadAbi, multicall3Abi, tokenNameAbi } from './abi.js';
export { readApiKey } from '../../config/api-key.js';
export { nativeAsset, sortAssets, tokenAsset, type TokenFacts } from './assets.js';
export { chainMismatchError } from './chain-mismatch.js';
export { MULTICALL3_ADDRESS, TOPICS } from './constants.js';
export { addressTopic, checksumAddress, isEvmAddress, lowerAddress, topicAddress } from './hex.js';
export { collectSightings, emptySightings, type TokenSightings } from './sightings.js';
export { decodeAddressWord, decodeDecimals, decodeTokenText, decodeUintWord } from './token-data.js';
export { decodeTransferLog, parseRpcLog, type RpcLog, type TokenTransfer } from './transfer-logs.js';
export type { EvmSourceOptions, TransportTuning } from './transport.js';

export { createEvmRpcSource, type EvmRpcSourceParameters } from './rpc/client.js';
export type { EvmRpcContext, EvmRpcState, TokenMetadata } from './rpc/context.js';
export { transferLogFilters, type TopicFilter } from './rpc/log-filters.js';
export { initialSpans, isRangeRefusal, splitSpan, suggestedSpan, type BlockSpan } from './rpc/log-range.js';

export { createBlockscoutSource, type BlockscoutSourceParameters } from './blockscout/client.js';

export { createEtherscanSource, type EtherscanSourceParameters } from './etherscan/client.js';
export { EtherscanApiError } from './etherscan/envelope.js';
