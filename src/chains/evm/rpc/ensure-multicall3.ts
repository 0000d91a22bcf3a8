import type { JsonRpcCall, JsonRpcSettled } from '../../../net/index.js';
import { MULTICALL3_ADDRESS } from '../constants.js';
import type { EvmRpcContext } from './context.js';
import { protocolError } from './protocol-error.js';

export const multicall3CodeCall: JsonRpcCall = Object.freeze({ method: 'eth_getCode', params: [MULTICALL3_ADDRESS, 'latest'] });

/** Records whether Multicall3 has code, from an eth_getCode(0xcA11…CA11) answer. */
export function noteMulticall3Code(ctx: EvmRpcContext, outcome: JsonRpcSettled): boolean {
  if (!outcome.ok) throw outcome.error;
  if (typeof outcome.result !== 'string') throw protocolError(ctx, 'eth_getCode answered a non-string', outcome.result);
  ctx.state.multicall3 = outcome.result !== '0x' && outcome.result !== '';
  return ctx.state.multicall3;
}

/** Checks once per endpoint (eth_getCode) whether Multicall3 is deployed at its canonical address. */
export async function ensureMulticall3(ctx: EvmRpcContext, signal?: AbortSignal): Promise<boolean> {
  if (ctx.state.multicall3 !== undefined) return ctx.state.multicall3;
  const [outcome] = await ctx.rpc.batchSettled([multicall3CodeCall], { signal });
  return noteMulticall3Code(ctx, outcome as JsonRpcSettled);
}
