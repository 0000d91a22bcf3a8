import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { toHex } from '../keys/hex.js';
import { encodeAddress, payloadFromPublicKey } from '../chains/address.js';
import { NETWORKS } from '../chains/networks.js';
import { scriptPubKey, type BitcoinScriptType } from '../chains/bitcoin/script.js';
import { cardExportFromSeed, type CardExportJson } from '../keys/card-from-seed.js';
import { slip10Ed25519 } from '../keys/slip10-ed25519.js';
import type { Curve } from '../keys/types.js';
import { parsePath } from '../paths/derivation-path.js';

/**
 * The demo wallet. Its mnemonic is a PUBLIC BIP-39 test vector (trezor/python-mnemonic vectors.json, entropy 7f7f…7f, 24 words): anyone can
 * spend from it on a real network, so it is never to be funded there. It only ever holds coins of the local demo
 * networks, which exist for the run of `restore-scan demo` and are thrown away afterwards.
 */
export const DEMO_MNEMONIC_PUBLIC_TEST_VECTOR =
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful ' +
  'legal winner thank year wave sausage worth title';

/** What the demo card exported (public keys only). Deliberately NOT m/44'/966'/0' (Tangem V1 Polygon). */
export const DEMO_CARD_PATHS: readonly { readonly curve: Curve; readonly path: string }[] = Object.freeze([
  // Account discovery (BIP-44) needs the account after the last used one to be seen empty: where account 0 is
  // used, the card exported account 1 too; BIP-84 account 1 is used, so account 2 as well.
  { curve: 'secp256k1', path: "m/44'/0'/0'" },
  { curve: 'secp256k1', path: "m/44'/0'/1'" },
  { curve: 'secp256k1', path: "m/49'/0'/0'" },
  { curve: 'secp256k1', path: "m/84'/0'/0'" },
  { curve: 'secp256k1', path: "m/84'/0'/1'" },
  { curve: 'secp256k1', path: "m/84'/0'/2'" },
  { curve: 'secp256k1', path: "m/86'/0'/0'" },
  { curve: 'secp256k1', path: "m/86'/0'/1'" },
  { curve: 'secp256k1', path: "m/44'/60'/0'" },
  { curve: 'secp256k1', path: "m/44'/60'/1'" },
  { curve: 'secp256k1', path: "m/44'/9001'/0'" }, // Tangem V1 Arbitrum: exported
  { curve: 'secp256k1', path: "m/44'/195'/0'" },
  { curve: 'secp256k1', path: "m/44'/195'/1'" },
  { curve: 'ed25519', path: "m/44'/501'/0'/0'" },
  { curve: 'ed25519', path: "m/44'/501'/1'/0'" },
  { curve: 'ed25519', path: "m/44'/501'/0'" },
  { curve: 'ed25519', path: "m/44'/501'/1'" },
]);

/** The path the demo card did not export, where the demo world still puts funds (the report's export advice). */
export const DEMO_MISSING_PATH = "m/44'/966'/0'";

export const DEMO_CARD_LABEL = 'restore-scan demo card (public BIP-39 test vector — never fund it)';

let cachedSeed: Uint8Array | undefined;
/** The BIP-39 seed (empty passphrase); computed once, kept in memory only. */
export function demoSeed(): Uint8Array {
  cachedSeed ??= mnemonicToSeedSync(DEMO_MNEMONIC_PUBLIC_TEST_VECTOR);
  return cachedSeed;
}

let cachedRoot: HDKey | undefined;
function root(): HDKey {
  cachedRoot ??= HDKey.fromMasterSeed(demoSeed());
  return cachedRoot;
}

/** The card export of the demo wallet: public keys and chain codes of DEMO_CARD_PATHS. */
export function demoCardExport(): CardExportJson {
  return cardExportFromSeed(
    demoSeed(),
    DEMO_CARD_PATHS.map(({ curve, path }) => ({ curve, path: parsePath(path) })),
    { kind: 'card', label: DEMO_CARD_LABEL },
  );
}

/** A Bitcoin mainnet address and its scriptPubKey (hex) at a full path. */
export function bitcoinOutputAt(script: BitcoinScriptType, path: string): { address: string; scriptPubKeyHex: string } {
  const payload = payloadFromPublicKey(script, root().derive(path).publicKey!);
  return { address: encodeAddress(NETWORKS.bitcoin!, script, payload), scriptPubKeyHex: toHex(scriptPubKey(script, payload)) };
}

/** An EVM address (EIP-55) at a full path. */
export function evmAddressAt(path: string): `0x${string}` {
  return encodeAddress(NETWORKS.ethereum!, 'evm', payloadFromPublicKey('evm', root().derive(path).publicKey!)) as `0x${string}`;
}

/** The private key at a full path, for signing inside the demo world only (never written or logged). */
export function evmPrivateKeyAt(path: string): `0x${string}` {
  return `0x${toHex(root().derive(path).privateKey!)}`;
}

export function tronAddressAt(path: string): string {
  return encodeAddress(NETWORKS.tron!, 'tron', payloadFromPublicKey('tron', root().derive(path).publicKey!));
}

/** A Solana address (ed25519, SLIP-0010: every level hardened). */
export function solanaAddressAt(path: string): string {
  return encodeAddress(NETWORKS.solana!, 'solana', slip10Ed25519(demoSeed(), parsePath(path)).publicKey);
}
