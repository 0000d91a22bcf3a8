/**
 * Networks the local Bitcoin-like servers can speak, as data. Address encoding (version bytes, bech32 HRP),
 * the SLIP-132 extended-key versions Blockbook maps to BIP44/49/84, and the flavour of the node's verbose JSON.
 * `litecoin-regtest` exists because the recorded ElectrumX traffic (test/bitcoin-servers/recorded) ran on it.
 */
export interface ServerNetwork {
  readonly id: string;
  /** Blockbook's `coin` name and the backend's `chain` name in status pages. */
  readonly coinName: string;
  readonly chain: 'main' | 'test' | 'regtest';
  /** Base58check version bytes of P2PKH and P2SH addresses. */
  readonly pubKeyHash: number;
  readonly scriptHash: number;
  /** Bech32 human-readable part of segwit addresses. */
  readonly bech32: string;
  /** SLIP-44 coin type used in the BIP44/49/84/86 base paths Blockbook reports. */
  readonly coinType: number;
  /** Public extended-key versions: Blockbook infers BIP44 / BIP49 / BIP84 from them (xpub/ypub/zpub forms). */
  readonly xpubVersions: { readonly bip44: number; readonly bip49: number; readonly bip84: number };
  /** Litecoin Core 0.21 adds `ismweb` to every vin/vout of its verbose transaction JSON. */
  readonly verboseTxHasMweb: boolean;
  /** Block subsidy paid by the model's coinbases, in base units. */
  readonly subsidy: number;
  /** Relay fee the node reports, in coins per kilobyte (Electrum `blockchain.relayfee`). */
  readonly relayFeePerKb: number;
}

const network = (n: ServerNetwork): ServerNetwork => Object.freeze({ ...n, xpubVersions: Object.freeze({ ...n.xpubVersions }) });

const MAINNET_XPUB = { bip44: 0x0488b21e, bip49: 0x049d7cb2, bip84: 0x04b24746 } as const; // xpub ypub zpub
const TESTNET_XPUB = { bip44: 0x043587cf, bip49: 0x044a5262, bip84: 0x045f1cf6 } as const; // tpub upub vpub

export const bitcoinMainnet = network({
  id: 'bitcoin', coinName: 'Bitcoin', chain: 'main', pubKeyHash: 0x00, scriptHash: 0x05, bech32: 'bc', coinType: 0,
  xpubVersions: MAINNET_XPUB, verboseTxHasMweb: false, subsidy: 50_0000_0000, relayFeePerKb: 0.00001,
});
export const bitcoinTestnet = network({
  id: 'bitcoin-testnet', coinName: 'Testnet', chain: 'test', pubKeyHash: 0x6f, scriptHash: 0xc4, bech32: 'tb', coinType: 1,
  xpubVersions: TESTNET_XPUB, verboseTxHasMweb: false, subsidy: 50_0000_0000, relayFeePerKb: 0.00001,
});
export const bitcoinRegtest = network({
  id: 'bitcoin-regtest', coinName: 'Regtest', chain: 'regtest', pubKeyHash: 0x6f, scriptHash: 0xc4, bech32: 'bcrt', coinType: 1,
  xpubVersions: TESTNET_XPUB, verboseTxHasMweb: false, subsidy: 50_0000_0000, relayFeePerKb: 0.00001,
});
/** Litecoin regtest as run by the recording (README of test/bitcoin-servers/recorded): `rltc`, 0x6f, 0x3a. */
export const litecoinRegtest = network({
  id: 'litecoin-regtest', coinName: 'Litecoin Regtest', chain: 'regtest', pubKeyHash: 0x6f, scriptHash: 0x3a, bech32: 'rltc',
  coinType: 1, xpubVersions: TESTNET_XPUB, verboseTxHasMweb: true, subsidy: 50_0000_0000, relayFeePerKb: 0.00001,
});

export const SERVER_NETWORKS: Readonly<Record<string, ServerNetwork>> = Object.freeze(
  Object.fromEntries([bitcoinMainnet, bitcoinTestnet, bitcoinRegtest, litecoinRegtest].map((n) => [n.id, n])),
);
