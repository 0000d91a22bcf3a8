import type { Hex } from 'viem';
import type { JsonRpcCall, JsonRpcSettled } from '../../../net/index.js';
import { MULTICALL3_ADDRESS } from '../constants.js';
import { decodeAggregate3Result, encodeAggregate3, encodeGetEthBalance, type Aggregate3Result } from './aggregate3-codec.js';
import type { EvmRpcContext } from './context.js';
import { protocolError } from './protocol-error.js';

/** A read-only contract call. */
export interface ContractRead {
  target: string;
  data: Hex;
}

/** The return data, or undefined when the call reverted, hit an address without code, or returned nothing. */
export type ReadOutcome = Hex | undefined;

/** Calls per aggregate3: well under every node's eth_call gas cap for simple view functions. */
export const AGGREGATE3_CHUNK = 250;

/** The eth_call(s) carrying `reads` through Multicall3 aggregate3, every call allowed to fail on its own. */
export function aggregate3Calls(reads: readonly ContractRead[]): JsonRpcCall[] {
  const calls: JsonRpcCall[] = [];
  for (let i = 0; i < reads.length; i += AGGREGATE3_CHUNK) {
    const data = encodeAggregate3(reads, i, Math.min(i + AGGREGATE3_CHUNK, reads.length));
    calls.push({ method: 'eth_call', params: [{ to: MULTICALL3_ADDRESS, data }, 'latest'] });
  }
  return calls;
}

/**
 * Decodes the answers of `aggregate3Calls(reads)`. A failed eth_call rejects (it says nothing about the reads).
 * Per read: success with non-empty data is a value; a revert or EMPTY data is "no value" (research A4: a call to an
 * address without code succeeds with `0x`).
 */
export function decodeAggregate3(ctx: EvmRpcContext, readCount: number, settled: readonly JsonRpcSettled[]): ReadOutcome[] {
  const out: ReadOutcome[] = [];
  for (const outcome of settled) {
    if (!outcome.ok) throw outcome.error;
    if (typeof outcome.result !== 'string' || outcome.result === '0x')
      throw protocolError(ctx, 'Multicall3 aggregate3 returned no data', outcome.result);
    let results: Aggregate3Result[];
    try {
      results = decodeAggregate3Result(outcome.result);
    } catch (cause) {
      throw protocolError(ctx, 'Multicall3 aggregate3 returned undecodable data', String(cause));
    }
    for (const r of results) out.push(r.success && r.returnData !== '0x' ? r.returnData : undefined);
  }
  if (out.length !== readCount) throw protocolError(ctx, `Multicall3 answered ${out.length} results for ${readCount} calls`);
  return out;
}

export function ethBalanceRead(address: string): ContractRead {
  return { target: MULTICALL3_ADDRESS, data: encodeGetEthBalance(address) };
}
