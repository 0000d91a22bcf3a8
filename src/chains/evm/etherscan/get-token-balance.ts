import type { SourceCallOptions } from '../../source.js';
import { decimalAmount } from '../hex.js';
import { callApi } from './call-api.js';
import type { EtherscanContext } from './context.js';
import { etherscanProtocolError } from './protocol-error.js';

/** ERC-20 balance of `address` at `contract`: module=account&action=tokenbalance (free tier). */
export async function getTokenBalance(
  ctx: EtherscanContext,
  contract: string,
  address: string,
  options: SourceCallOptions = {},
): Promise<bigint> {
  const result = await callApi(
    ctx,
    { module: 'account', action: 'tokenbalance', contractaddress: contract, address, tag: 'latest' },
    options,
  );
  try {
    return decimalAmount(result, 'tokenbalance');
  } catch {
    throw etherscanProtocolError(ctx, `tokenbalance of ${address} at ${contract} is not a decimal amount`, result);
  }
}
