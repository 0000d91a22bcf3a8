import { address as bjsAddress } from 'bitcoinjs-lib';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { InputError } from '../../../errors.js';
import { bytesToHex, hexToBytes } from './hashes.js';
import { SERVER_NETWORKS, type ServerNetwork } from './networks.js';

/** Output script templates the servers distinguish. */
export type ScriptKind =
  | 'empty' | 'op_return' | 'p2pk' | 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'witness_unknown' | 'nonstandard';

export function classifyScript(script: Uint8Array): ScriptKind {
  const n = script.length;
  if (n === 0) return 'empty';
  if (script[0] === 0x6a) return 'op_return';
  if (n === 25 && script[0] === 0x76 && script[1] === 0xa9 && script[2] === 0x14 && script[23] === 0x88 && script[24] === 0xac)
    return 'p2pkh';
  if (n === 23 && script[0] === 0xa9 && script[1] === 0x14 && script[22] === 0x87) return 'p2sh';
  if (n === 22 && script[0] === 0x00 && script[1] === 0x14) return 'p2wpkh';
  if (n === 34 && script[0] === 0x00 && script[1] === 0x20) return 'p2wsh';
  if (n === 34 && script[0] === 0x51 && script[1] === 0x20) return 'p2tr';
  if (n >= 4 && n <= 42 && script[0]! >= 0x51 && script[0]! <= 0x60 && script[1] === n - 2) return 'witness_unknown';
  if ((n === 35 && script[0] === 0x21 && script[34] === 0xac) || (n === 67 && script[0] === 0x41 && script[66] === 0xac))
    return 'p2pk';
  return 'nonstandard';
}

/** The address an indexer shows for an output script, or undefined when the script has no address form. */
export function scriptToAddress(scriptHex: string, network: ServerNetwork): string | undefined {
  const script = hexToBytes(scriptHex);
  switch (classifyScript(script)) {
    case 'p2pkh':
      return bjsAddress.toBase58Check(script.subarray(3, 23), network.pubKeyHash);
    case 'p2sh':
      return bjsAddress.toBase58Check(script.subarray(2, 22), network.scriptHash);
    case 'p2wpkh':
    case 'p2wsh':
      return bjsAddress.toBech32(script.subarray(2), 0, network.bech32);
    case 'p2tr':
    case 'witness_unknown':
      return bjsAddress.toBech32(script.subarray(2), script[0]! - 0x50, network.bech32);
    default:
      return undefined;
  }
}

/** Bitcoin Core reports a P2PK output under the P2PKH address of its key. */
export function coreAddressOf(scriptHex: string, network: ServerNetwork): string | undefined {
  const script = hexToBytes(scriptHex);
  if (classifyScript(script) !== 'p2pk') return scriptToAddress(scriptHex, network);
  const pubkey = script.subarray(1, script.length - 1);
  return bjsAddress.toBase58Check(ripemd160(sha256(pubkey)), network.pubKeyHash);
}

/** scriptPubKey (hex) of an address of `network`; throws InputError naming what is wrong. */
export function addressToScript(address: string, network: ServerNetwork): string {
  const decoded = decodeAddress(address);
  if (decoded === undefined) throw new InputError(`address ${JSON.stringify(address)}`, 'is neither base58check nor bech32');
  if (!belongsTo(decoded, network)) {
    throw new InputError(`address ${JSON.stringify(address)}`, `does not belong to network ${network.id}`);
  }
  return scriptOf(decoded, network);
}

/** scriptPubKey of a valid address of `network`, or undefined. */
export function tryAddressToScript(address: string, network: ServerNetwork): string | undefined {
  const decoded = decodeAddress(address);
  return decoded !== undefined && belongsTo(decoded, network) ? scriptOf(decoded, network) : undefined;
}

/**
 * Why an address string is not an address of `network`, in the terms an indexer distinguishes:
 * `other-network` (valid for another known network), `bech32` (bech32-shaped but undecodable) or `base58`.
 */
export function addressProblem(address: string, network: ServerNetwork): 'other-network' | 'bech32' | 'base58' | undefined {
  const decoded = decodeAddress(address);
  if (decoded !== undefined) {
    if (belongsTo(decoded, network)) return undefined;
    return Object.values(SERVER_NETWORKS).some((n) => belongsTo(decoded, n)) ? 'other-network' : decoded.kind;
  }
  return /^[a-z0-9]+1[02-9ac-hj-np-z]{6,}$/i.test(address) ? 'bech32' : 'base58';
}

/** A base58check payload keeps its version byte: whether it is P2PKH or P2SH depends on the network. */
type DecodedAddress =
  | { readonly kind: 'base58'; readonly version: number; readonly hashHex: string }
  | { readonly kind: 'bech32'; readonly prefix: string; readonly scriptHex: string };

function decodeAddress(address: string): DecodedAddress | undefined {
  try {
    const { version, prefix, data } = bjsAddress.fromBech32(address);
    const validProgram = version === 0 ? data.length === 20 || data.length === 32 : data.length >= 2 && data.length <= 40;
    if (!validProgram || version > 16) return undefined;
    const script = new Uint8Array([version === 0 ? 0 : 0x50 + version, data.length, ...data]);
    return { kind: 'bech32', prefix: prefix.toLowerCase(), scriptHex: bytesToHex(script) };
  } catch {
    // not bech32: try base58check below
  }
  try {
    const { version, hash } = bjsAddress.fromBase58Check(address);
    return { kind: 'base58', version, hashHex: bytesToHex(hash) };
  } catch {
    return undefined;
  }
}

function belongsTo(decoded: DecodedAddress, network: ServerNetwork): boolean {
  if (decoded.kind === 'bech32') return decoded.prefix === network.bech32;
  return decoded.version === network.pubKeyHash || decoded.version === network.scriptHash;
}

function scriptOf(decoded: DecodedAddress, network: ServerNetwork): string {
  if (decoded.kind === 'bech32') return decoded.scriptHex;
  return decoded.version === network.pubKeyHash ? `76a914${decoded.hashHex}88ac` : `a914${decoded.hashHex}87`;
}
