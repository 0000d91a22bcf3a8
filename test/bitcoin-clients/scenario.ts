/**
 * The shared scenario of the Bitcoin client tests: scripts derived from the abandon…about account keys (public test
 * vectors), laid down on a regtest chain model with the scenario builder, and ONE table of cases every client must
 * answer identically.
 */
import { HDKey } from '@scure/bip32';
import { bytesToHex } from '@noble/hashes/utils.js';
import vectors from '../keys/vectors/public-vectors.keys.json' with { type: 'json' };
import { encodeAddress, payloadFromPublicKey } from '../../src/chains/address.js';
import { scriptPubKey, type BitcoinScriptType } from '../../src/chains/bitcoin/script.js';
import type { AddressRef } from '../../src/chains/source.js';
import type { BitcoinNetwork } from '../../src/chains/types.js';
import { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { bitcoinRegtest } from '../../src/devnet/bitcoin/chain/networks.js';
import { applyScenario, type ScenarioEntry, type ScenarioKind } from '../../src/devnet/bitcoin/scenarios.js';

/** restore-scan's view of the servers' regtest network (addresses `bcrt1…`, `m…`/`n…`, `2…`). */
export const REGTEST: BitcoinNetwork = Object.freeze<BitcoinNetwork>({
  id: 'bitcoin-regtest',
  name: 'Bitcoin regtest',
  family: 'bitcoin',
  coinType: 1,
  symbol: 'rBTC',
  decimals: 8,
  testnet: true,
  pubKeyHash: 0x6f,
  scriptHash: 0xc4,
  bech32: 'bcrt',
  scriptTypes: ['p2pkh', 'p2sh-p2wpkh', 'p2wpkh', 'p2tr'],
});

const btc = vectors.abandon_about.btc;
/** Account keys of the abandon…about mnemonic (mainnet xpub form; the scripts do not depend on the network). */
export const ACCOUNTS = Object.freeze({
  p2pkh: { xpub: btc.bip44.accountXpub.value, origin: "44'/0'/0'", descriptor: (k: string) => `pkh(${k})` },
  'p2sh-p2wpkh': { xpub: btc.bip49.accountXpubForm.value, origin: "49'/0'/0'", descriptor: (k: string) => `sh(wpkh(${k}))` },
  p2wpkh: { xpub: btc.bip84.accountXpubForm.value, origin: "84'/0'/0'", descriptor: (k: string) => `wpkh(${k})` },
  p2tr: { xpub: btc.bip86.accountXpub.value, origin: "86'/0'/0'", descriptor: (k: string) => `tr(${k})` },
} satisfies Record<BitcoinScriptType, unknown>);

/** The account as a descriptor with its key origin, as Blockbook's xpub API takes it. */
export function accountDescriptor(type: BitcoinScriptType): string {
  const a = ACCOUNTS[type];
  return a.descriptor(`[${vectors.abandon_about.masterFingerprint.value}/${a.origin}]${a.xpub}/<0;1>/*`);
}

export interface DerivedScript {
  readonly type: BitcoinScriptType;
  readonly path: string;
  readonly script: Uint8Array;
  readonly scriptHex: string;
  /** On `network` (default REGTEST). */
  address(network?: BitcoinNetwork): string;
  readonly ref: AddressRef;
}

/** `chain/index` of an account, derived with @scure/bip32 and restore-scan's own payload and script encoders. */
export function derive(type: BitcoinScriptType, chain: number, index: number): DerivedScript {
  const key = HDKey.fromExtendedKey(ACCOUNTS[type].xpub).deriveChild(chain).deriveChild(index);
  const payload = payloadFromPublicKey(type, key.publicKey!);
  const script = scriptPubKey(type, payload);
  const address = (network: BitcoinNetwork = REGTEST): string => encodeAddress(network, type, payload);
  return {
    type,
    path: `m/${ACCOUNTS[type].origin}/${chain}/${index}`,
    script,
    scriptHex: bytesToHex(script),
    address,
    ref: { address: address(), script },
  };
}

/** One row of the table: a script, what happens to it, and what every client must answer. */
export interface ClientCase {
  readonly name: string;
  readonly target: DerivedScript;
  readonly entries: readonly { kind: ScenarioKind; value: number }[];
  /** Spend its first confirmed coin in the mempool after the scenario (a negative unconfirmed balance). */
  readonly spendInMempool?: boolean;
  readonly expected: { used: boolean; txCount: number; amount: bigint; unconfirmed: bigint };
}

const sixty = Array.from({ length: 60 }, (_, i) => ({ kind: 'receive' as const, value: 10_000 + i }));
const sum = (entries: readonly { value: number }[]): bigint => entries.reduce((s, e) => s + BigInt(e.value), 0n);

export const CASES: readonly ClientCase[] = Object.freeze([
  { name: 'receive-only (p2wpkh)', target: derive('p2wpkh', 0, 0), entries: [{ kind: 'receive', value: 100_000 }],
    expected: { used: true, txCount: 1, amount: 100_000n, unconfirmed: 0n } },
  { name: 'spent change: history, zero balance', target: derive('p2wpkh', 1, 0), entries: [{ kind: 'spent', value: 50_000 }],
    expected: { used: true, txCount: 2, amount: 0n, unconfirmed: 0n } },
  { name: 'mempool-only', target: derive('p2wpkh', 0, 1), entries: [{ kind: 'mempool', value: 30_000 }],
    expected: { used: true, txCount: 1, amount: 30_000n, unconfirmed: 30_000n } },
  { name: 'mempool with an unconfirmed parent', target: derive('p2wpkh', 0, 2), entries: [{ kind: 'mempool-unconfirmed-parent', value: 5_000 }],
    expected: { used: true, txCount: 1, amount: 5_000n, unconfirmed: 5_000n } },
  { name: 'confirmed, spent in the mempool', target: derive('p2wpkh', 0, 5), entries: [{ kind: 'receive', value: 40_000 }], spendInMempool: true,
    expected: { used: true, txCount: 2, amount: 0n, unconfirmed: -40_000n } },
  { name: 'unused (p2wpkh gap)', target: derive('p2wpkh', 0, 3), entries: [], expected: { used: false, txCount: 0, amount: 0n, unconfirmed: 0n } },
  { name: 'unused (p2wpkh change)', target: derive('p2wpkh', 1, 1), entries: [], expected: { used: false, txCount: 0, amount: 0n, unconfirmed: 0n } },
  { name: 'unused (p2pkh)', target: derive('p2pkh', 0, 1), entries: [], expected: { used: false, txCount: 0, amount: 0n, unconfirmed: 0n } },
  { name: '60 transactions (Esplora paging)', target: derive('p2pkh', 0, 0), entries: sixty,
    expected: { used: true, txCount: 60, amount: sum(sixty), unconfirmed: 0n } },
  { name: 'receive (p2sh-p2wpkh)', target: derive('p2sh-p2wpkh', 0, 0), entries: [{ kind: 'receive', value: 20_000 }],
    expected: { used: true, txCount: 1, amount: 20_000n, unconfirmed: 0n } },
  { name: 'receive (p2tr)', target: derive('p2tr', 0, 0), entries: [{ kind: 'receive', value: 12_345 }, { kind: 'mempool', value: 1_000 }],
    expected: { used: true, txCount: 2, amount: 13_345n, unconfirmed: 1_000n } },
]);

/** A fresh regtest chain with every case laid down. */
export function buildScenarioChain(cases: readonly ClientCase[] = CASES): ChainModel {
  const model = new ChainModel({ network: bitcoinRegtest });
  const entries: ScenarioEntry[] = cases.flatMap((c) => c.entries.map((e) => ({ scriptPubKeyHex: c.target.scriptHex, ...e })));
  const outcomes = applyScenario(model, entries);
  for (const c of cases) {
    if (c.spendInMempool !== true) continue;
    const coin = outcomes.find((o) => o.scriptPubKeyHex === c.target.scriptHex)!.funding;
    model.spend([coin], [{ scriptPubKey: model.faucetScript, value: c.entries[0]!.value - 1_000 }]);
  }
  return model;
}

export const refsOf = (cases: readonly ClientCase[]): AddressRef[] => cases.map((c) => c.target.ref);
