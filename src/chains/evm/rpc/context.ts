import type { JsonRpcClient } from '../../../net/index.js';
import type { EvmNetwork } from '../../types.js';

/** What the evm-rpc actions share: the JSON-RPC client and what was learned about the endpoint. */
export interface EvmRpcContext {
  readonly rpc: JsonRpcClient;
  /** The endpoint as it may appear in messages: credentials and the API key redacted. */
  readonly endpoint: string;
  /** Strings never to show (the API key, when the URL carries one). */
  readonly secrets: readonly string[];
  readonly network: EvmNetwork;
  /** First block of the Transfer-log scan (config `logsFromBlock`, default 0). */
  readonly logsFromBlock: bigint;
  readonly state: EvmRpcState;
}

/** Token facts read once per contract. */
export interface TokenMetadata {
  decimals?: number;
  symbol?: string;
  name?: string;
}

/** Learned once per endpoint and kept for the life of the source. */
export interface EvmRpcState {
  /** Whether Multicall3 has code at its canonical address; undefined until checked. */
  multicall3: boolean | undefined;
  /** Largest eth_getLogs block span this endpoint accepts, once it refused one; undefined = no limit seen. */
  maxLogSpan: bigint | undefined;
  /** Highest head seen (eth_blockNumber), to cut the log range into spans before asking. */
  head: bigint | undefined;
  readonly metadata: Map<string, TokenMetadata>;
}

export function createEvmRpcState(): EvmRpcState {
  return { multicall3: undefined, maxLogSpan: undefined, head: undefined, metadata: new Map() };
}
