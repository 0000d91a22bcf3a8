import { RestoreScanError } from '../../../errors.js';
import { unusedActivity, type AddressActivity, type AddressRef, type FoundAsset } from '../../source.js';
import type { BitcoinNetwork, Network } from '../../types.js';

/**
 * What every Bitcoin-like indexer answers about one script, reduced to the ChainSource shape. Shared by the
 * esplora, electrum and blockbook clients so the three give identical answers for identical chain state.
 */
export interface ScriptSummary {
  /** Transactions touching the script: confirmed and mempool. */
  txCount: number;
  /** Confirmed balance (outputs created and not spent in the chain), base units. */
  confirmed: bigint;
  /** What the mempool adds or takes away (may be negative), base units. */
  unconfirmed: bigint;
}

export function bitcoinActivity(network: BitcoinNetwork, ref: AddressRef, summary: ScriptSummary): AddressActivity {
  const amount = summary.confirmed + summary.unconfirmed;
  if (summary.txCount === 0 && amount === 0n) return unusedActivity(ref);
  const assets: FoundAsset[] = [];
  // Zero holdings are not assets (source.ts), even when the mempool is about to change them.
  if (amount !== 0n) {
    const asset: FoundAsset = { kind: 'native', amount, decimals: network.decimals, symbol: network.symbol };
    if (summary.unconfirmed !== 0n) asset.unconfirmed = summary.unconfirmed;
    assets.push(asset);
  }
  // A balance without history cannot happen on an honest indexer; count it as used anyway (DESIGN rule 2).
  return { address: ref.address, used: summary.txCount > 0 || amount !== 0n, txCount: summary.txCount, assets };
}

/** Bitcoin-like indexers serve Bitcoin-like networks only. */
export function requireBitcoinNetwork(network: Network, type: string): BitcoinNetwork {
  if (network.family !== 'bitcoin')
    throw new RestoreScanError('CONFIG', `${type} serves Bitcoin-like networks, not ${network.id} (family ${network.family})`);
  return network;
}

/** Electrum and Esplora key by script: the discovery engine passes it with every Bitcoin-like address. */
export function requireScript(type: string, ref: { address: string; script?: Uint8Array }): Uint8Array {
  if (ref.script === undefined || ref.script.length === 0)
    throw new RangeError(`${type} needs the scriptPubKey of ${ref.address} (AddressRef.script)`);
  return ref.script;
}
