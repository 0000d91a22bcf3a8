import { createElectrumSource, createEsploraSource } from '../chains/bitcoin/index.js';
import type { Config } from '../config/indexer-types.js';
import type { SourceFactories } from '../discovery/network-sources.js';
import type { CardExportJson } from '../keys/card-from-seed.js';
import { startDemoBitcoin } from './bitcoin-world.js';
import { Closers } from './closers.js';
import { demoCardExport } from './demo-wallet.js';
import { startDemoEvm, type DemoEvmFacts } from './evm-world.js';
import { startDemoSolana, type DemoSolanaFacts } from './solana-world.js';
import { startDemoTron } from './tron-world.js';

/** The networks the demo scans, in catalog order. Polygon is there so its Tangem V1 path shows up as missing. */
export const DEMO_NETWORKS = Object.freeze(['bitcoin', 'ethereum', 'arbitrum', 'base', 'polygon', 'solana', 'tron']);

export interface DemoWorld {
  /** Endpoints of the local networks, as a config file would give them (CONTRACT §3). */
  readonly config: Config;
  /** The local Bitcoin chain has its own genesis block: its clients are told which one to expect. */
  readonly sourceFactories: SourceFactories;
  /** What the demo card exported: public keys only. */
  readonly card: CardExportJson;
  readonly facts: { readonly evm: DemoEvmFacts; readonly solana: DemoSolanaFacts };
  /** Stops every server and anvil process (idempotent); resolves once they are gone. */
  stop(): Promise<void>;
}

export interface DemoWorldOptions {
  /** Called when SIGINT/SIGTERM arrives, after everything was stopped; default: exit with 128 + signal number. */
  readonly onSignal?: (signal: NodeJS.Signals) => void;
  /** Progress notes ("starting…"), for the command's stderr. */
  readonly note?: (text: string) => void;
}

const SIGNAL_EXIT = Object.freeze({ SIGINT: 130, SIGTERM: 143 } as const);

/**
 * Starts the bundled local networks on 127.0.0.1 — anvil as Ethereum, Arbitrum, Base and Polygon; Esplora and
 * Electrum over a local Bitcoin chain; Solana RPC and DAS over litesvm; TronGrid over a Tron ledger — and funds
 * the demo wallet on them. SIGINT/SIGTERM stop everything (no anvil survives) while the world is up.
 */
export async function startDemoWorld(options: DemoWorldOptions = {}): Promise<DemoWorld> {
  const closers = new Closers();
  const onSignal = (signal: NodeJS.Signals) => {
    void closers.close().then(() => {
      if (options.onSignal) options.onSignal(signal);
      else process.exit(SIGNAL_EXIT[signal as keyof typeof SIGNAL_EXIT] ?? 1);
    });
  };
  const signals = Object.keys(SIGNAL_EXIT) as NodeJS.Signals[];
  for (const s of signals) process.on(s, onSignal);
  const stop = async () => {
    await closers.close();
    for (const s of signals) process.off(s, onSignal);
  };

  try {
    options.note?.('starting the local networks and funding the demo wallet…');
    const [bitcoin, evm, solana, tron] = await Promise.all([
      startDemoBitcoin(closers),
      startDemoEvm(closers),
      startDemoSolana(closers),
      startDemoTron(closers),
    ]);
    const genesis = bitcoin.genesisHash;
    const sourceFactories: SourceFactories = {
      esplora: (network, config) => createEsploraSource({ network, config, expectedGenesisHash: genesis }),
      electrum: (network, config) => createElectrumSource({ network, config, expectedGenesisHash: genesis }),
    };
    return Object.freeze({
      config: {
        gapLimit: 20,
        networks: { bitcoin: bitcoin.config, ...evm.configs, solana: solana.config, tron: tron.config },
      },
      sourceFactories,
      card: demoCardExport(),
      facts: Object.freeze({ evm: evm.facts, solana: solana.facts }),
      stop,
    });
  } catch (err) {
    await stop();
    throw err;
  }
}
