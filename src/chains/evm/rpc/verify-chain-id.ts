import type { SourceCallOptions } from '../../source.js';
import { chainMismatchError } from '../chain-mismatch.js';
import { quantity } from '../hex.js';
import type { EvmRpcContext } from './context.js';
import { protocolError } from './protocol-error.js';

/** eth_chainId must equal the network's chain id; rejects with CHAIN_MISMATCH otherwise. */
export async function verifyChainId(ctx: EvmRpcContext, options: SourceCallOptions = {}): Promise<void> {
  const result = await ctx.rpc.call('eth_chainId', [], { signal: options.signal });
  let reported: bigint;
  try {
    reported = quantity(result, 'eth_chainId');
  } catch {
    throw protocolError(ctx, 'eth_chainId answered a non-quantity', result);
  }
  if (reported !== BigInt(ctx.network.chainId)) throw chainMismatchError(ctx.network, reported, ctx.endpoint, 'evm-rpc');
}
