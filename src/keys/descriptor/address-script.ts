import { bech32, bech32m } from '@scure/base';
import { networksOf } from '../../chains/networks.js';
import type { BitcoinNetwork } from '../../chains/types.js';
import { decodeBase58Check } from '../base58check.js';
import { p2pkhFromHash, p2shFromHash, witnessProgram } from '../../chains/bitcoin/script-builders.js';

/** The scriptPubKey an address stands for, or a problem (BIP-385 addr()). */
export type AddressScript = { ok: true; script: Uint8Array } | { ok: false; problem: string };

const bitcoinNetworks = (): BitcoinNetwork[] => networksOf('bitcoin') as BitcoinNetwork[];
/** Regtest (local demo nodes) is not a scan target of its own but its addresses appear in descriptors. */
const EXTRA_HRPS = ['bcrt'];

export function addressToScript(address: string): AddressScript {
  const lower = address.toLowerCase();
  const hrps = [...bitcoinNetworks().flatMap((n) => (n.bech32 ? [n.bech32] : [])), ...EXTRA_HRPS];
  const hrp = hrps.find((h) => lower.startsWith(h + '1'));
  if (hrp) return segwitScript(address, hrp);
  const decoded = decodeBase58Check(address);
  if (!decoded.ok) return { ok: false, problem: decoded.reason === 'checksum' ? 'address checksum does not match' : 'not a valid address' };
  if (decoded.payload.length !== 21) return { ok: false, problem: 'not a valid address (wrong length)' };
  const version = decoded.payload[0]!;
  const hash = decoded.payload.subarray(1);
  if (bitcoinNetworks().some((n) => n.pubKeyHash === version)) return { ok: true, script: p2pkhFromHash(hash) };
  if (bitcoinNetworks().some((n) => n.scriptHash === version)) return { ok: true, script: p2shFromHash(hash) };
  return { ok: false, problem: `address version byte 0x${version.toString(16).padStart(2, '0')} belongs to no supported network` };
}

function segwitScript(address: string, hrp: string): AddressScript {
  if (address !== address.toLowerCase() && address !== address.toUpperCase())
    return { ok: false, problem: 'bech32 address mixes upper and lower case' };
  for (const [coder, name] of [[bech32, 'bech32'], [bech32m, 'bech32m']] as const) {
    let words: number[];
    let prefix: string;
    try {
      ({ prefix, words } = coder.decode(address.toLowerCase() as `${string}1${string}`));
    } catch {
      continue;
    }
    if (prefix !== hrp || words.length === 0) return { ok: false, problem: 'not a valid segwit address' };
    const version = words[0]!;
    if (version > 16) return { ok: false, problem: `invalid witness version ${version}` };
    // BIP-350: version 0 uses bech32, later versions bech32m.
    if ((version === 0) !== (name === 'bech32')) return { ok: false, problem: `witness version ${version} must use ${version === 0 ? 'bech32' : 'bech32m'}` };
    let program: Uint8Array;
    try {
      program = coder.fromWords(words.slice(1));
    } catch {
      return { ok: false, problem: 'not a valid segwit address (bad padding)' };
    }
    if (program.length < 2 || program.length > 40) return { ok: false, problem: 'witness program must be 2 to 40 bytes' };
    if (version === 0 && program.length !== 20 && program.length !== 32)
      return { ok: false, problem: 'witness v0 program must be 20 or 32 bytes' };
    return { ok: true, script: witnessProgram(version, program) };
  }
  return { ok: false, problem: 'segwit address checksum does not match' };
}
