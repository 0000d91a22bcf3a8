import type { JsonRpcCall, JsonRpcSettled } from '../../../net/index.js';
import { lowerAddress, quantity } from '../hex.js';
import { collectSightings, type TokenSightings } from '../sightings.js';
import { decodeTransferLog, type TokenTransfer } from '../transfer-logs.js';
import { decodeUint256 } from './aggregate3-codec.js';
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

/** The quantities answered in settled[start, end). */
function quantities(ctx: EvmRpcContext, settled: readonly JsonRpcSettled[], what: string, start = 0, end = settled.length): bigint[] {
  const values: bigint[] = [];
  for (let i = start; i < end; i++) {
    const outcome = settled[i] as JsonRpcSettled;
    if (!outcome.ok) throw outcome.error;
    try {
      values.push(quantity(outcome.result, what));
    } catch {
      throw protocolError(ctx, `${what} answered a non-quantity`, outcome.result);
    }
  }
  return values;
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
  const calls: JsonRpcCall[] = [];
  for (const a of addresses) calls.push({ method: 'eth_getTransactionCount', params: [a, 'latest'] });
  for (const c of balanceCalls) calls.push(c);
  if (probing) calls.push(multicall3CodeCall);
  const { results, logs } = await fetchWindow(ctx, { calls, filters: transferLogFilters(addresses), signal });

  const nonces = quantities(ctx, results, 'eth_getTransactionCount', 0, n);
  const balancesEnd = n + balanceCalls.length;
  let balances: bigint[];
  if (probing && !noteMulticall3Code(ctx, results[balancesEnd] as JsonRpcSettled)) {
    // No Multicall3 here: the speculative aggregate3 answered `0x`. Ask plainly, once per endpoint.
    balances = quantities(ctx, await ctx.rpc.batchSettled(addresses.map(getBalanceCall), { signal }), 'eth_getBalance');
  } else if (viaMulticall) {
    balances = decodeAggregate3(ctx, n, results.slice(n, balancesEnd)).map((data) => {
      if (data === undefined) throw protocolError(ctx, 'Multicall3 getEthBalance returned no value');
      try {
        return decodeUint256(data);
      } catch {
        throw protocolError(ctx, 'Multicall3 getEthBalance returned undecodable data', data);
      }
    });
  } else {
    balances = quantities(ctx, results, 'eth_getBalance', n, balancesEnd);
  }

  const transfers: TokenTransfer[] = [];
  for (const log of logs) {
    const transfer = decodeTransferLog(log);
    if (transfer !== undefined) transfers.push(transfer);
  }
  const sightings = collectSightings(addresses, transfers);
  return addresses.map((address, i) => ({
    address,
    nonce: nonces[i] as bigint,
    balance: balances[i] as bigint,
    sightings: sightings.get(address) as TokenSightings,
  }));
}
