import { HDKey } from '@scure/bip32';
import { createBase58check } from '@scure/base';
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { InputError } from '../../../errors.js';
import { bytesToHex } from '../chain/hashes.js';
import type { ServerNetwork } from '../chain/networks.js';

export type XpubScriptType = 'p2pkh' | 'p2sh-p2wpkh' | 'p2wpkh' | 'p2tr';

/** An account Blockbook derives addresses for: an extended public key, its script type, base path and chains. */
export interface XpubAccount {
  readonly scriptType: XpubScriptType;
  /** `m/84'/1'/0'` (Blockbook's `basePath`), used to name tokens `basePath/chain/index`. */
  readonly basePath: string;
  /** Branches to scan, in order: `<0;1>` (the default) or a single branch. */
  readonly chains: readonly number[];
  /** scriptPubKey (hex) of `chain/index`. */
  scriptAt(chain: number, index: number): string;
}

const PURPOSE: Readonly<Record<XpubScriptType, number>> = Object.freeze({ p2pkh: 44, 'p2sh-p2wpkh': 49, p2wpkh: 84, p2tr: 86 });
const base58check = createBase58check(sha256);

/**
 * Parses what Blockbook's `/api/v2/xpub/` and `/api/v2/utxo/` take: a bare extended public key, whose SLIP-132
 * version picks BIP44/49/84 (unknown versions mean BIP44, as Blockbook does), or an output descriptor
 * `pkh(…)`, `sh(wpkh(…))`, `wpkh(…)`, `tr(…)` with an optional `[fingerprint/path]` origin, `/<0;1>/*` or
 * `/n/*` suffix and `#checksum` (verified when present).
 */
export function parseXpubOrDescriptor(input: string, network: ServerNetwork): XpubAccount {
  const hash = input.indexOf('#');
  const body = hash < 0 ? input : input.slice(0, hash);
  if (hash >= 0 && descriptorChecksum(body) !== input.slice(hash + 1)) {
    throw new InputError('descriptor', 'has a wrong checksum');
  }
  const wrapped = unwrapDescriptor(body);
  if (wrapped === undefined) {
    const key = decodeExtendedKey(body);
    const scriptType = scriptTypeOfVersion(key.version, network);
    return account(key.hdkey, scriptType, basePath(key.hdkey, scriptType, network, undefined), [0, 1]);
  }
  const { scriptType, keyExpression } = wrapped;
  const match = /^(?:\[([0-9a-fA-F]{8})((?:\/\d+['hH]?)*)\])?([1-9A-HJ-NP-Za-km-z]+)((?:\/\d+)*?)(?:\/<(\d+);(\d+)>\/\*|\/(\d+)\/\*)?$/.exec(keyExpression);
  if (match === null) throw new InputError('descriptor key', 'is not [origin]xpub[/<a;b>/*] or [origin]xpub[/n/*]');
  const [, , originPath, xpub, extraPath, chainA, chainB, single] = match;
  if (extraPath !== undefined && extraPath !== '') throw new InputError('descriptor key', 'derivation steps before the branch are not supported');
  const key = decodeExtendedKey(xpub!);
  const chains = chainA !== undefined ? [Number(chainA), Number(chainB)] : single !== undefined ? [Number(single)] : [0, 1];
  return account(key.hdkey, scriptType, basePath(key.hdkey, scriptType, network, originPath), chains);
}

function account(hdkey: HDKey, scriptType: XpubScriptType, path: string, chains: readonly number[]): XpubAccount {
  const branches = new Map<number, HDKey>();
  // Derivation dominates a gap scan's cost and the same account is scanned on every request: keep the scripts.
  const scripts = new Map<string, string>();
  return {
    scriptType,
    basePath: path,
    chains: Object.freeze([...chains]),
    scriptAt(chain, index) {
      const key = `${chain}/${index}`;
      let script = scripts.get(key);
      if (script === undefined) {
        let branch = branches.get(chain);
        if (branch === undefined) {
          branch = hdkey.deriveChild(chain);
          branches.set(chain, branch);
        }
        script = scriptFor(scriptType, branch.deriveChild(index).publicKey!);
        scripts.set(key, script);
      }
      return script;
    },
  };
}

function unwrapDescriptor(body: string): { scriptType: XpubScriptType; keyExpression: string } | undefined {
  const forms: [string, string, XpubScriptType][] = [
    ['sh(wpkh(', '))', 'p2sh-p2wpkh'],
    ['wpkh(', ')', 'p2wpkh'],
    ['pkh(', ')', 'p2pkh'],
    ['tr(', ')', 'p2tr'],
  ];
  for (const [open, close, scriptType] of forms) {
    if (body.startsWith(open) && body.endsWith(close)) {
      const keyExpression = body.slice(open.length, body.length - close.length);
      if (keyExpression.includes(',')) throw new InputError('descriptor', 'script trees and multiple keys are not supported');
      return { scriptType, keyExpression };
    }
  }
  if (/^[a-z]+\(/.test(body)) throw new InputError('descriptor', 'only pkh(), sh(wpkh()), wpkh() and tr() are supported');
  return undefined;
}

function decodeExtendedKey(text: string): { hdkey: HDKey; version: number } {
  let payload: Uint8Array;
  try {
    payload = base58check.decode(text);
  } catch (cause) {
    throw new InputError('extended public key', 'is not valid base58check', { cause });
  }
  if (payload.length !== 78) throw new InputError('extended public key', `has ${payload.length} bytes instead of 78`);
  const version = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0);
  if (payload[45] === 0) throw new InputError('extended public key', 'is private; only public keys are accepted');
  // scure checks the version against the one it is given; private keys were refused just above.
  return { hdkey: HDKey.fromExtendedKey(text, { public: version, private: (version + 1) >>> 0 }), version };
}

function scriptTypeOfVersion(version: number, network: ServerNetwork): XpubScriptType {
  if (version === network.xpubVersions.bip49) return 'p2sh-p2wpkh';
  if (version === network.xpubVersions.bip84) return 'p2wpkh';
  return 'p2pkh';
}

/** Blockbook's `DerivationBasePath`: from the origin when given, else `m/purpose'/coin'/account` at depth 3. */
function basePath(hdkey: HDKey, scriptType: XpubScriptType, network: ServerNetwork, originPath: string | undefined): string {
  if (originPath !== undefined && originPath !== '') return `m${originPath.replace(/[hH]/g, "'")}`;
  const hardened = hdkey.index >= 0x80000000;
  const child = `${hardened ? hdkey.index - 0x80000000 : hdkey.index}${hardened ? "'" : ''}`;
  if (hdkey.depth !== 3) return `unknown/${child}`;
  return `m/${PURPOSE[scriptType]}'/${network.coinType}'/${child}`;
}

function scriptFor(scriptType: XpubScriptType, publicKey: Uint8Array): string {
  const keyHash = bytesToHex(ripemd160(sha256(publicKey)));
  switch (scriptType) {
    case 'p2pkh':
      return `76a914${keyHash}88ac`;
    case 'p2wpkh':
      return `0014${keyHash}`;
    case 'p2sh-p2wpkh':
      return `a914${bytesToHex(ripemd160(sha256(Uint8Array.from([0x00, 0x14, ...ripemd160(sha256(publicKey))]))))}87`;
    case 'p2tr':
      return `5120${taprootOutputKey(publicKey.subarray(1))}`;
  }
}

/** BIP86 key-path-only output key: P + tagged_hash("TapTweak", x(P))·G, x-only. */
function taprootOutputKey(xOnly: Uint8Array): string {
  const internal = schnorr.utils.lift_x(BigInt(`0x${bytesToHex(xOnly)}`));
  const tweak = BigInt(`0x${bytesToHex(schnorr.utils.taggedHash('TapTweak', xOnly))}`);
  return bytesToHex(internal.add(secp256k1.Point.BASE.multiply(tweak)).toBytes(true).subarray(1));
}

const INPUT_CHARSET = "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
const CHECKSUM_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0xf5dee51989n, 0xa9fdca3312n, 0x1bab10e32dn, 0x3706b1677an, 0x644d626ffdn];

/** BIP380 descriptor checksum. */
export function descriptorChecksum(descriptor: string): string {
  const polymod = (c: bigint, value: number): bigint => {
    const top = c >> 35n;
    let next = ((c & 0x7ffffffffn) << 5n) ^ BigInt(value);
    GENERATORS.forEach((g, i) => {
      if ((top >> BigInt(i)) & 1n) next ^= g;
    });
    return next;
  };
  let c = 1n;
  let cls = 0;
  let count = 0;
  for (const ch of descriptor) {
    const pos = INPUT_CHARSET.indexOf(ch);
    if (pos < 0) throw new InputError('descriptor', `contains the character ${JSON.stringify(ch)}`);
    c = polymod(c, pos & 31);
    cls = cls * 3 + (pos >> 5);
    if (++count === 3) {
      c = polymod(c, cls);
      cls = 0;
      count = 0;
    }
  }
  if (count > 0) c = polymod(c, cls);
  for (let j = 0; j < 8; j++) c = polymod(c, 0);
  c ^= 1n;
  return Array.from({ length: 8 }, (_, j) => CHECKSUM_CHARSET[Number((c >> BigInt(5 * (7 - j))) & 31n)]).join('');
}
