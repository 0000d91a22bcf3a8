/**
 * Bitcoin-like indexer clients (esplora, electrum, blockbook): ChainSources that take addresses with their
 * scriptPubKeys and answer used / txCount / native balance, identically across the three protocols.
 */
import type { IndexerConfig } from '../../config/indexer-types.js';
import type { ChainSource } from '../source.js';
import type { Network } from '../types.js';
import { createBlockbookSource } from './blockbook/source.js';
import { createElectrumSource } from './electrum/source.js';
import { createEsploraSource } from './esplora/source.js';

export {
  createEsploraSource,
  type EsploraRoute,
  type EsploraSource,
  type EsploraSourceOptions,
  type EsploraTransportTuning,
} from './esplora/source.js';
export { esploraScripthash } from './esplora/scripthash.js';
export { ESPLORA_CHAIN_PAGE, ESPLORA_MEMPOOL_MAX, mempoolTxids, pageChainTxids, type ScriptGet } from './esplora/history.js';
export { parseScriptStats, parseUtxos } from './esplora/stats.js';

export {
  createElectrumSource,
  ELECTRUM_DEFAULTS,
  ElectrumVersionError,
  type ElectrumProbe,
  type ElectrumSource,
  type ElectrumSourceOptions,
  type ElectrumTransportTuning,
  type NegotiatedServer,
} from './electrum/source.js';
export { electrumScripthash } from './electrum/scripthash.js';
export {
  compareVersions,
  parseBalance,
  parseFeatures,
  parseHistory,
  parseListUnspent,
  parseServerVersion,
  parseStatus,
  PROTOCOL_MAX,
  PROTOCOL_MIN,
  type HistoryEntry,
  type ScriptBalance,
  type ServerFeatures,
} from './electrum/protocol.js';
export { checkGenesis, expectedGenesisOf, KNOWN_GENESIS_HASHES } from './electrum/genesis.js';
export { bitcoinActivity, type ScriptSummary } from './electrum/native-activity.js';
export { sortUtxos, type AddressUtxos, type BitcoinUtxo } from './electrum/utxos.js';

export {
  createBlockbookSource,
  type BlockbookSource,
  type BlockbookSourceOptions,
  type BlockbookTransportTuning,
} from './blockbook/source.js';
export { parseAddressAnswer, parseUtxoAnswer, parseXpubAnswer, type XpubAccountScan, type XpubAddress } from './blockbook/answers.js';

/** The three clients by indexer type, in the shape the discovery engine's source factories take. */
export const BITCOIN_SOURCE_FACTORIES: Readonly<Record<'esplora' | 'electrum' | 'blockbook', (network: Network, config: IndexerConfig) => ChainSource>> =
  Object.freeze({
    esplora: (network: Network, config: IndexerConfig) => createEsploraSource({ network, config }),
    electrum: (network: Network, config: IndexerConfig) => createElectrumSource({ network, config }),
    blockbook: (network: Network, config: IndexerConfig) => createBlockbookSource({ network, config }),
  });