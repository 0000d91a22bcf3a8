import type { SourceCallOptions } from '../../source.js';
import { chainMismatchError } from '../chain-mismatch.js';
import { quantity } from '../hex.js';
import { isRecord } from '../json.js';
import { baseQuery, type BlockscoutContext } from './context.js';
import { blockscoutProtocolError } from './protocol-error.js';

/** eth_chainId through the instance's ETH RPC API (POST /api/eth-rpc); rejects with CHAIN_MISMATCH on another chain. */
export async function verifyBlockscoutChainId(ctx: BlockscoutContext, options: SourceCallOptions = {}): Promise<void> {
  const response = await ctx.http.request({
    method: 'POST',
    path: 'api/eth-rpc',
    query: baseQuery(ctx),
    body: { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] },
    signal: options.signal,
  });
  const json = response.json;
  if (!isRecord(json) || !('result' in json)) throw blockscoutProtocolError(ctx, 'eth_chainId: no result', json);
  let reported: bigint;
  try {
    reported = quantity(json.result, 'eth_chainId');
  } catch {
    throw blockscoutProtocolError(ctx, 'eth_chainId answered a non-quantity', json.result);
  }
  if (reported !== BigInt(ctx.network.chainId)) throw chainMismatchError(ctx.network, reported, ctx.http.endpoint, 'blockscout');
}
