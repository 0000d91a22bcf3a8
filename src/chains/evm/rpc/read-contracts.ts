import { JsonRpcError, type JsonRpcSettled } from '../../../net/index.js';
import type { EvmRpcContext } from './context.js';
import { aggregate3Calls, decodeAggregate3, type ContractRead, type ReadOutcome } from './multicall3.js';

/** A JSON-RPC answer that the call itself failed (revert, bad opcode): deterministic, unlike a transport failure. */
function isCallFailure(outcome: JsonRpcSettled): boolean {
  return !outcome.ok && outcome.error instanceof JsonRpcError && !outcome.error.retryable;
}

export interface ReadContractsParameters {
  reads: readonly ContractRead[];
  signal?: AbortSignal;
}

/**
 * Runs view calls in one JSON-RPC batch: packed into Multicall3 aggregate3 where it exists, else one eth_call each
 * (a revert answers that entry with a JSON-RPC error, read as "no value"). Transport failures reject: a value that
 * could not be read is never reported as absent. Uses eth_call; needs `state.multicall3` known (ensureMulticall3).
 */
export async function readContracts(ctx: EvmRpcContext, parameters: ReadContractsParameters): Promise<ReadOutcome[]> {
  const { reads, signal } = parameters;
  if (reads.length === 0) return [];
  if (ctx.state.multicall3 === true) {
    const settled = await ctx.rpc.batchSettled(aggregate3Calls(reads), { signal });
    return decodeAggregate3(ctx, reads.length, settled);
  }
  const settled = await ctx.rpc.batchSettled(
    reads.map((r) => ({ method: 'eth_call', params: [{ to: r.target, data: r.data }, 'latest'] })),
    { signal },
  );
  return settled.map((outcome) => {
    if (outcome.ok) return typeof outcome.result === 'string' && outcome.result !== '0x' ? (outcome.result as ReadOutcome) : undefined;
    if (isCallFailure(outcome)) return undefined;
    throw outcome.error;
  });
}
