import { address } from '@solana/kit';
import type { NetworkConfig } from '../config/indexer-types.js';
import { startDas, startSolanaRpc, SvmWorld } from '../devnet/solana/index.js';
import { solanaAddressAt } from './demo-wallet.js';
import type { Closers } from './closers.js';

/** Phantom's and Ledger's/Tangem's Solana accounts of the demo seed (both exported by the demo card). */
export const DEMO_SOLANA_OWNERS = Object.freeze({ phantom: "m/44'/501'/0'/0'", ledger: "m/44'/501'/0'" });

export interface DemoSolanaFacts {
  readonly usdc: string;
  readonly pyusd: string;
}

/** A litesvm world with SOL, an SPL token, a Token-2022 balance and a compressed NFT; its RPC and DAS servers. */
export async function startDemoSolana(closers: Closers): Promise<{ config: NetworkConfig; facts: DemoSolanaFacts }> {
  const world = await SvmWorld.create({ seed: 'restore-scan demo' });
  const phantom = address(solanaAddressAt(DEMO_SOLANA_OWNERS.phantom));
  const ledger = address(solanaAddressAt(DEMO_SOLANA_OWNERS.ledger));
  await world.transferSol(phantom, 2_500_000_000n, { memo: 'restore-scan demo' }); // 2.5 SOL
  const usdc = await world.createMint({ decimals: 6, metadata: { name: 'USD Coin (demo)', symbol: 'USDC', uri: '' } });
  await world.mintTo(usdc, phantom, 420_000_000n); // 420 USDC
  const pyusd = await world.createMint({
    decimals: 6, program: 'token-2022', metadata: { name: 'PayPal USD (demo)', symbol: 'PYUSD', uri: '' },
  });
  await world.mintTo(pyusd, ledger, 75_500_000n); // 75.5 on an account holding no SOL at all
  await world.addCompressedNft(phantom, { name: 'Card Art #1', symbol: 'CART', uri: 'https://nft.invalid/card-art/1.json' });
  const rpc = await startSolanaRpc(world);
  closers.add(rpc.close);
  const das = await startDas(world);
  closers.add(das.close);
  return {
    config: { indexers: [{ type: 'solana-rpc', url: rpc.url }, { type: 'solana-das', url: das.url }] },
    facts: Object.freeze({ usdc, pyusd }),
  };
}
