import type { NetworkConfig } from '../config/indexer-types.js';
import { startTronGrid, TronWorld, USDT_CONTRACT } from '../devnet/tron/index.js';
import { tronAddressAt } from './demo-wallet.js';
import type { Closers } from './closers.js';

/** A Tron ledger where the demo's first Tron address holds TRX and USDT, behind a TronGrid server. */
export async function startDemoTron(closers: Closers): Promise<{ config: NetworkConfig }> {
  const world = new TronWorld({ seed: 'restore-scan demo' });
  world.addToken({ contract: USDT_CONTRACT, symbol: 'USDT', name: 'Tether USD', decimals: 6, supply: 10n ** 15n });
  const holder = tronAddressAt("m/44'/195'/0'/0/0");
  world.transferTrx(holder, 150_000_000n); // 150 TRX
  world.transferTrc20(USDT_CONTRACT, holder, 320_000_000n); // 320 USDT
  const grid = await startTronGrid(world);
  closers.add(grid.close);
  return { config: { indexers: [{ type: 'trongrid', url: grid.url }] } };
}
