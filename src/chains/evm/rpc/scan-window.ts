import { decodeFunctionResult } from 'viem';
import type { JsonRpcCall, JsonRpcSettled } from '../../../net/index.js';
import { multicall3Abi } from '../abi.js';
import { lowerAddress, quantity } from '../hex.js';
import { collectSightings, type TokenSightings } from '../sightings.js';
import { decodeTransferLog, type TokenTransfer } from '../transfer-logs.js';
import type { EvmRpcContext } from './context.js';
import { multicall3CodeCall, noteMulticall3Code } from './ensure-multicall3.js';
import { fetchWindow } from './fetch-window.js';
import { transferLogFilters } from './log-filters.js';
import { aggregate3Calls, decodeAggregate3, ethBalanceRead } from './multicall3.js';
import { protocolError } from './protocol-error.js';

/** What one window scan learns about an address. */
export interface AddressScan {
  /** Lower-case. */
  address: string;
  nonce: bigint;
  balance: bigint;
  sightings: TokenSightings;
}

export interface ScanWindowParameters {
  /** Addresses in any case; answers come back in the same order. */
  addresses: readonly string[];
  signal?: AbortSignal;
}

const getBalanceCall = (address: string): JsonRpcCall => ({ method: 'eth_getBalance', params: [address, 'latest'] });

function quantities(ctx: EvmRpcContext, settled: readonly JsonRpcSettled[], what: string): bigint[] {
  return settled.map((outcome) => {
    if (!outcome.ok) throw outcome.error;
    try {
      return quantity(outcome.result, what);
    } catch {
      throw protocolError(ctx, `${what} answered a non-quantity`, outcome.result);
    }
  });
}

/**
 * Nonces (eth_getTransactionCount), native balances (Multicall3 getEthBalance in one eth_call, or an eth_getBalance
 * batch where Multicall3 has no code) and Transfer logs (one OR-ed eth_getLogs per direction) for a whole window,
 * in one JSON-RPC batch. The first window on an endpoint also asks eth_getCode of Multicall3 and speculatively
 * sends the aggregate3 call; on a chain without it, balances take one more batch, once.
 */
export async function scanWindow(ctx: EvmRpcContext, parameters: ScanWindowParameters): Promise<AddressScan[]> {
  const { signal } = parameters;
  const addresses = parameters.addresses.map(lowerAddress);
  const n = addresses.length;
  if (n === 0) return [];

  const probing = ctx.state.multicall3 === undefined;
  const viaMulticall = ctx.state.multicall3 !== false;
  const balanceCalls = viaMulticall ? aggregate3Calls(addresses.map(ethBalanceRead)) : addresses.map(getBalanceCall);
  const calls: JsonRpcCall[] = [
    ...addresses.map((a): JsonRpcCall => ({ method: 'eth_getTransactionCount', params: [a, 'latest'] })),
    ...balanceCalls,
    ...(probing ? [multicall3CodeCall] : []),
  ];
  const { results, logs } = await fetchWindow(ctx, { calls, filters: transferLogFilters(addresses), signal });

  const nonces = quantities(ctx, results.slice(0, n), 'eth_getTransactionCount');
  const balanceResults = results.slice(n, n + balanceCalls.length);
  let balances: bigint[];
  if (probing && !noteMulticall3Code(ctx, results[n + balanceCalls.length] as JsonRpcSettled)) {
    // No Multicall3 here: the speculative aggregate3 answered `0x`. Ask plainly, once per endpoint.
    balances = quantities(ctx, await ctx.rpc.batchSettled(addresses.map(getBalanceCall), { signal }), 'eth_getBalance');
  } else if (viaMulticall) {
    balances = decodeAggregate3(ctx, n, balanceResults).map((data) => {
      if (data === undefined) throw protocolError(ctx, 'Multicall3 getEthBalance returned no value');
      try {
        return decodeFunctionResult({ abi: multicall3Abi, functionName: 'getEthBalance', data });
      } catch {
        throw protocolError(ctx, 'Multicall3 getEthBalance returned undecodable data', data);
      }
    });
  } else {
    balances = quantities(ctx, balanceResults, 'eth_getBalance');
  }

  const transfers = logs.map(decodeTransferLog).filter((t): t is TokenTransfer => t !== undefined);
  const sightings = collectSightings(addresses, transfers);
  return addresses.map((address, i) => ({
    address,
    nonce: nonces[i] as bigint,
    balance: balances[i] as bigint,
    sightings: sightings.get(address) as TokenSightings,
  }));
}
