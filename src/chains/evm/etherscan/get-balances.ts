import type { SourceCallOptions } from '../../source.js';
import { decimalAmount, lowerAddress } from '../hex.js';
import { isRecord } from '../json.js';
import { callApi } from './call-api.js';
import type { EtherscanContext } from './context.js';
import { etherscanProtocolError } from './protocol-error.js';

/** Etherscan's limit for balancemulti. */
export const BALANCEMULTI_MAX = 20;

/** Native balances (wei), in input order: module=account&action=balancemulti, 20 addresses per request. */
export async function getBalances(
  ctx: EtherscanContext,
  addresses: readonly string[],
  options: SourceCallOptions = {},
): Promise<bigint[]> {
  const lower = addresses.map(lowerAddress);
  const chunks: string[][] = [];
  for (let i = 0; i < lower.length; i += BALANCEMULTI_MAX) chunks.push(lower.slice(i, i + BALANCEMULTI_MAX));
  const byAddress = new Map<string, bigint>();
  await Promise.all(
    chunks.map(async (chunk) => {
      const result = await callApi(ctx, { module: 'account', action: 'balancemulti', address: chunk.join(','), tag: 'latest' }, options);
      if (!Array.isArray(result)) throw etherscanProtocolError(ctx, 'balancemulti: result is not a list', result);
      for (const entry of result) {
        if (!isRecord(entry) || typeof entry.account !== 'string')
          throw etherscanProtocolError(ctx, 'balancemulti: an entry lacks account', entry);
        try {
          byAddress.set(entry.account.toLowerCase(), decimalAmount(entry.balance, 'balance'));
        } catch {
          throw etherscanProtocolError(ctx, `balancemulti: balance of ${entry.account} is not a decimal amount`, entry.balance);
        }
      }
    }),
  );
  return lower.map((address) => {
    const balance = byAddress.get(address);
    if (balance === undefined) throw etherscanProtocolError(ctx, `balancemulti: no balance for ${address}`);
    return balance;
  });
}
