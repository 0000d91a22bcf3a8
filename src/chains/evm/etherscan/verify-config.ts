import type { SourceCallOptions } from '../../source.js';
import type { EtherscanContext } from './context.js';
import { getBalances } from './get-balances.js';

/**
 * Etherscan v2 picks the chain by the `chainid` parameter, so it cannot serve another chain than asked; what can
 * be wrong is that it does not serve this one, or refuses the key. One cheap call (balancemulti of the zero
 * address) surfaces both as CONFIG errors.
 */
export async function verifyEtherscanConfig(ctx: EtherscanContext, options: SourceCallOptions = {}): Promise<void> {
  await getBalances(ctx, ['0x0000000000000000000000000000000000000000'], options);
}
