import type { BitcoinScriptType } from '../chains/bitcoin/script.js';
import type { NetworkConfig } from '../config/indexer-types.js';
import { ChainModel } from '../devnet/bitcoin/chain-model.js';
import { bitcoinMainnet } from '../devnet/bitcoin/chain/networks.js';
import { startElectrum } from '../devnet/bitcoin/electrum-server.js';
import { startEsplora } from '../devnet/bitcoin/esplora-server.js';
import { applyScenario, type ScenarioKind } from '../devnet/bitcoin/scenarios.js';
import { bitcoinOutputAt } from './demo-wallet.js';
import type { Closers } from './closers.js';

/** One payment of the demo's Bitcoin history (amounts in sats). */
interface DemoPayment {
  readonly script: BitcoinScriptType;
  readonly path: string;
  readonly kind: ScenarioKind;
  readonly value: number;
}

/**
 * A realistic single-seed history: native segwit account 0 with a gap in its receive branch and change (one
 * change output already spent), account 1 in use, a taproot receive, an old legacy receive, one payment still
 * in the mempool.
 */
export const DEMO_BITCOIN_PAYMENTS: readonly DemoPayment[] = Object.freeze([
  { script: 'p2wpkh', path: "m/84'/0'/0'/0/0", kind: 'receive', value: 250_000 },
  { script: 'p2wpkh', path: "m/84'/0'/0'/0/1", kind: 'spent', value: 40_000 },
  { script: 'p2wpkh', path: "m/84'/0'/0'/0/5", kind: 'receive', value: 125_000 }, // after a gap of 3
  { script: 'p2wpkh', path: "m/84'/0'/0'/0/6", kind: 'mempool', value: 15_000 },
  { script: 'p2wpkh', path: "m/84'/0'/0'/1/0", kind: 'spent', value: 60_000 }, // change, spent again
  { script: 'p2wpkh', path: "m/84'/0'/0'/1/1", kind: 'receive', value: 32_500 }, // change, unspent
  { script: 'p2wpkh', path: "m/84'/0'/1'/0/0", kind: 'receive', value: 100_000 },
  { script: 'p2wpkh', path: "m/84'/0'/1'/0/1", kind: 'spent', value: 20_000 },
  { script: 'p2tr', path: "m/86'/0'/0'/0/0", kind: 'receive', value: 80_000 },
  { script: 'p2pkh', path: "m/44'/0'/0'/0/2", kind: 'receive', value: 50_000 },
]);

/** A local Bitcoin chain with the demo history, served by Esplora and Electrum on 127.0.0.1. */
export async function startDemoBitcoin(closers: Closers): Promise<{ config: NetworkConfig; genesisHash: string }> {
  const model = new ChainModel({ network: bitcoinMainnet });
  applyScenario(model, DEMO_BITCOIN_PAYMENTS.map((p) => ({ scriptPubKeyHex: bitcoinOutputAt(p.script, p.path).scriptPubKeyHex, kind: p.kind, value: p.value })));
  const esplora = await startEsplora(model);
  closers.add(esplora.close);
  const electrum = await startElectrum(model);
  closers.add(electrum.close);
  return {
    config: { indexers: [{ type: 'esplora', url: esplora.url }, { type: 'electrum', url: electrum.url }] },
    genesisHash: model.genesisHash,
  };
}
