import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  EXTENDED_KEY_VERSIONS, encodeExtendedPublicKey, fingerprintOf, inspectExtendedKey, readInputs, toHex,
  versionByPublicBytes, type ExtendedKeyVersion,
} from '../../src/keys/index.js';
import { HARDENED, formatPath, parsePath } from '../../src/paths/derivation-path.js';
import { V, hexToBytes, leakedPiece } from './vectors.js';

const abandonSeed = mnemonicToSeedSync(V.abandon_about.mnemonic);
const abandonRoot = HDKey.fromMasterSeed(abandonSeed);

/** The same node as `node` serialized with other version bytes. */
const withVersion = (node: HDKey, version: number): string =>
  encodeExtendedPublicKey(
    { depth: node.depth, parentFingerprint: node.parentFingerprint.toString(16).padStart(8, '0'), childNumber: node.index, chainCode: node.chainCode!, publicKey: node.publicKey! },
    version,
  );

const readOne = (text: string) => readInputs([{ name: 'keys.txt', text }]);

const errorOf = (run: () => unknown): InputError => {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error thrown');
};

/** SLIP-0132 "address encoding" column → what the version implies. */
const ENCODING_HINTS: Record<string, Pick<ExtendedKeyVersion, 'scriptHint' | 'multisig'>> = {
  'P2PKH or P2SH': { scriptHint: 'p2pkh', multisig: undefined },
  P2PKH: { scriptHint: 'p2pkh', multisig: undefined },
  'P2PKT or P2PKH or P2SH': { scriptHint: 'p2pkh', multisig: undefined },
  'P2WPKH in P2SH': { scriptHint: 'p2sh-p2wpkh', multisig: undefined },
  P2WPKH: { scriptHint: 'p2wpkh', multisig: undefined },
  'Multi-signature P2WSH in P2SH': { scriptHint: undefined, multisig: 'p2sh-p2wsh' },
  'Multi-signature P2WSH': { scriptHint: undefined, multisig: 'p2wsh' },
};

describe('SLIP-0132 versions', () => {
  const rows = V.slip0132_versions.rows;
  const account = abandonRoot.derive("m/84'/0'/0'");

  it.each(rows.map((r) => [`${r.coin} ${r.publicPrefix} ${r.public}`, r] as const))('%s decodes to the same key and its hint', (_n, row) => {
    const version = parseInt(row.public, 16);
    const inspected = inspectExtendedKey(withVersion(account, version));
    if (!inspected.ok) throw new Error(inspected.problem);
    const v = inspected.key.version;
    expect(v.public).toBe(version);
    expect(v.private).toBe(parseInt(row.private, 16));
    expect(toHex(inspected.key.publicKey)).toBe(toHex(account.publicKey!));
    expect(toHex(inspected.key.chainCode)).toBe(toHex(account.chainCode!));
    expect([v.coin, ...v.alsoUsedBy].some((c) => c.startsWith(row.coin))).toBe(true);
    // Byte values shared by several coins resolve to their first registration (Bitcoin's); check the hint there.
    if (v.coin === row.coin) {
      expect({ scriptHint: v.scriptHint, multisig: v.multisig }).toEqual(ENCODING_HINTS[row.addressEncoding]);
      expect(v.testnet).toBe(row.coin.endsWith('Testnet'));
      if (row.path !== '-') expect(`m/${v.purpose}'/${v.coinType}'`).toBe(row.path);
    }
  });

  it('covers every public version of the vectors (and dgub) in its table', () => {
    const wanted = [...rows.map((r) => parseInt(r.public, 16)), 0x02facafd];
    for (const w of wanted) expect(versionByPublicBytes(w), w.toString(16)).toBeDefined();
    expect(EXTENDED_KEY_VERSIONS.every((v) => Object.isFrozen(v))).toBe(true);
  });

  it.each(EXTENDED_KEY_VERSIONS.map((v) => [`${v.privatePrefix} (${v.coin})`, v] as const))('refuses %s as private material without echoing it', (_n, v) => {
    const prv = HDKey.fromMasterSeed(abandonSeed, { public: v.public, private: v.private }).derive("m/44'/0'/0'").privateExtendedKey;
    const err = errorOf(() => readOne(prv));
    expect(err.code).toBe('PRIVATE_MATERIAL');
    expect(err.message).toMatch(/private extended key .* refused/);
    expect(err.where).toBe('keys.txt:1');
    expect(leakedPiece(err.message, prv)).toBeUndefined();
  });

  it.each(EXTENDED_KEY_VERSIONS.filter((v) => v.purpose !== undefined && v.coinType !== undefined && !v.multisig && v.coin !== 'Vertcoin').map((v) => [v.prefix + ' ' + v.coin, v] as const))(
    '%s without origin gets the standard account path, flagged as assumed',
    (_n, v) => {
      const node = abandonRoot.derive(`m/${v.purpose}'/${v.coinType}'/4'`);
      const ks = readOne(`# ${v.prefix}\n${withVersion(node, v.public)}\n`);
      expect(ks.keys).toHaveLength(1);
      const k = ks.keys[0]!;
      expect(formatPath(k.path)).toBe(`m/${v.purpose}'/${v.coinType}'/4'`);
      expect(k.pathAssumed).toBe(true);
      expect(k.masterFingerprint).toBeUndefined();
      expect(k.scriptHint).toBe(v.generic ? undefined : v.scriptHint);
      expect(Boolean(k.testnet)).toBe(v.testnet);
      expect(k.origins).toEqual([{ file: 'keys.txt', where: '2', kind: 'extended-key' }]);
      expect(ks.notes).toHaveLength(1);
      expect(ks.notes[0]).toContain(`keys.txt:2: no key origin: assumed m/${v.purpose}'/${v.coinType}'/4' (${v.prefix}, ${v.coin}, account 4)`);
    },
  );

  it.each(['Ypub', 'Zpub', 'Upub', 'Vpub'])('%s with a key origin is a multisig cosigner key', (prefix) => {
    const v = EXTENDED_KEY_VERSIONS.find((x) => x.prefix === prefix)!;
    const path = `m/48'/${v.coinType}'/0'/${v.multisig === 'p2wsh' ? 2 : 1}'`;
    const node = abandonRoot.derive(path);
    const ks = readOne(`[73c5da0a${path.slice(1)}]${withVersion(node, v.public)}`);
    expect(ks.keys[0]).toMatchObject({ multisig: v.multisig, masterFingerprint: '73c5da0a' });
    expect(formatPath(ks.keys[0]!.path)).toBe(path);
    expect(ks.keys[0]!.scriptHint).toBeUndefined();
  });
});

describe('BIP-32 test vectors', () => {
  for (const tv of V.bip32.vectors.filter((t) => t.chains)) {
    const root = HDKey.fromMasterSeed(hexToBytes(tv.seedHex!));
    const masterFp = root.fingerprint.toString(16).padStart(8, '0');
    it(`vector ${tv.vector}: every xpub reads with its origin; every xprv is refused`, () => {
      for (const c of tv.chains!) {
        const node = root.derive(c.path);
        const origin = `[${masterFp}${c.path.slice(1)}]`;
        const ks = readOne(`${origin}${c.xpub}\n`);
        const k = ks.keys[0]!;
        expect(formatPath(k.path)).toBe(formatPath(parsePath(c.path)));
        expect(toHex(k.publicKey)).toBe(toHex(node.publicKey!));
        expect(toHex(k.chainCode!)).toBe(toHex(node.chainCode!));
        expect(k.masterFingerprint).toBe(masterFp);
        expect(k.pathAssumed).toBeUndefined();
        const err = errorOf(() => readOne(`${origin}${c.xprv}\n`));
        expect(err.code).toBe('PRIVATE_MATERIAL');
        expect(leakedPiece(err.message, c.xprv)).toBeUndefined();
      }
    });
  }

  it('vector 1 master xpub needs no origin: path m, fingerprint computed', () => {
    const ks = readOne(V.bip32.vectors[0]!.chains![0]!.xpub);
    expect(ks.keys[0]!.path).toEqual([]);
    expect(ks.keys[0]!.masterFingerprint).toBe('3442193e');
    expect(ks.notes).toEqual([]);
  });

  /** What each vector-5 key must be refused for. */
  const TV5_MESSAGES: Record<string, RegExp> = {
    'pubkey version / prvkey mismatch': /public version bytes \(xpub\) but the key data is a private key \(version\/key mismatch\)/,
    'prvkey version / pubkey mismatch': /private-key version bytes but the key data is a public key \(version\/key mismatch\)/,
    'invalid pubkey prefix 04': /invalid public key prefix 04/,
    'invalid prvkey prefix 04': /invalid private key prefix 04/,
    'invalid pubkey prefix 01': /invalid public key prefix 01/,
    'invalid prvkey prefix 01': /invalid private key prefix 01/,
    'zero depth with non-zero parent fingerprint': /zero depth \(master key\) with non-zero parent fingerprint/,
    'zero depth with non-zero index': /zero depth \(master key\) with non-zero child number/,
    'unknown extended key version': /unknown extended key version bytes 0x01010101/,
    'private key 0 not in 1..n-1': /private key 0 is not in 1\.\.n-1/,
    'private key n not in 1..n-1': /private key ≥ n is not in 1\.\.n-1/,
    'invalid pubkey 020000000000000000000000000000000000000000000000000000000000000007': /not a point on the secp256k1 curve/,
    'invalid checksum': /invalid base58check checksum/,
  };
  const invalid = V.bip32.vectors[4]!.invalid!;

  it('vector 5 has 16 invalid keys, each with a known reason', () => {
    expect(invalid).toHaveLength(16);
    for (const k of invalid) expect(TV5_MESSAGES[k.reason], k.reason).toBeDefined();
  });

  it.each(invalid.map((k, i) => [`#${i + 1} ${k.reason}`, k] as const))('vector 5 %s is refused with a specific message', (_n, k) => {
    const err = errorOf(() => readOne(`# vector 5\n${k.key}\n`));
    expect(err.message).toMatch(TV5_MESSAGES[k.reason]!);
    expect(err.where).toBe('keys.txt:2');
    const looksPrivate = k.key.startsWith('xprv') || k.reason === 'pubkey version / prvkey mismatch';
    if (looksPrivate) expect(err.code).toBe('PRIVATE_MATERIAL');
    expect(leakedPiece(err.message, k.key)).toBeUndefined();
  });
});

describe('abandon … about account keys', () => {
  const btc = V.abandon_about.btc;
  it.each([
    ['zpub', btc.bip84.accountZpub.value, "m/84'/0'/0'", 'p2wpkh', btc.bip84.accountXpubForm.value],
    ['ypub', btc.bip49.accountYpub.value, "m/49'/0'/0'", 'p2sh-p2wpkh', btc.bip49.accountXpubForm.value],
    ['Ltub', V.abandon_about.ltc.bip44.accountLtub.value, "m/44'/2'/0'", 'p2pkh', V.abandon_about.ltc.bip44.accountXpubForm.value],
    ['Mtub', V.abandon_about.ltc.bip49.accountMtub.value, "m/49'/2'/0'", 'p2sh-p2wpkh', undefined],
    ['dgub', V.abandon_about.doge.bip44.accountDgub.value, "m/44'/3'/0'", 'p2pkh', V.abandon_about.doge.bip44.accountXpubForm.value],
  ] as const)('%s without origin', (_n, key, path, hint, xpubForm) => {
    const ks = readOne(key);
    const k = ks.keys[0]!;
    expect(formatPath(k.path)).toBe(path);
    expect(k.scriptHint).toBe(hint);
    expect(toHex(k.publicKey)).toBe(toHex(abandonRoot.derive(path).publicKey!));
    if (xpubForm) expect(toHex(k.publicKey)).toBe(toHex(HDKey.fromExtendedKey(xpubForm).publicKey!));
    expect(ks.notes[0]).toMatch(/no key origin: assumed/);
  });

  it('a generic xpub without origin is assumed BIP-44, and the note says other coins need an origin', () => {
    const ks = readOne(btc.bip86.accountXpub.value);
    expect(formatPath(ks.keys[0]!.path)).toBe("m/44'/0'/0'");
    expect(ks.keys[0]!.scriptHint).toBeUndefined();
    expect(ks.notes[0]).toMatch(/assumed m\/44'\/0'\/0' \(xpub, Bitcoin, account 0\); an xpub of another coin .* needs a key origin/);
  });

  it('SLIP-0032 legacy xpubs read with their stated paths', () => {
    const lines = Object.entries(V.slip0032_abandon.legacyXpubs).map(([p, x]) => `[73c5da0a${p.slice(1)}]${x}`);
    const ks = readOne(lines.join('\n'));
    expect(ks.keys.map((k) => formatPath(k.path))).toEqual(Object.keys(V.slip0032_abandon.legacyXpubs));
    for (const k of ks.keys) expect(toHex(k.publicKey)).toBe(toHex(abandonRoot.derive(formatPath(k.path)).publicKey!));
  });

  it('BIP-49 testnet upub: testnet, m/49\'/1\'/0\', and its 0/0 public key', () => {
    const t = V.bip49_testnet;
    const k = readOne(t.account0Xpub_upub).keys[0]!;
    expect(k).toMatchObject({ testnet: true, scriptHint: 'p2sh-p2wpkh', pathAssumed: true });
    expect(formatPath(k.path)).toBe("m/49'/1'/0'");
    const child = new HDKey({ publicKey: k.publicKey, chainCode: k.chainCode }).deriveChild(0).deriveChild(0);
    expect(toHex(child.publicKey!)).toBe(t.pubkey);
  });

  it('a depth-1 key must name its parent as the origin fingerprint', () => {
    const node = abandonRoot.derive("m/84'");
    const err = errorOf(() => readOne(`[00000000/84']${node.publicExtendedKey}`));
    expect(err.message).toMatch(/origin fingerprint 00000000 is not the parent fingerprint 73c5da0a/);
    expect(readOne(`[73c5da0a/84']${node.publicExtendedKey}`).keys[0]!.masterFingerprint).toBe('73c5da0a');
  });

  it('a master key with an origin must carry its own fingerprint', () => {
    const root = V.abandon_about.rootXpub.value;
    expect(errorOf(() => readOne(`[00000000]${root}`)).message).toMatch(/not this master key's fingerprint 73c5da0a/);
    expect(readOne(`[73c5da0a]${root}`).keys[0]!.path).toEqual([]);
    expect(fingerprintOf(abandonRoot.publicKey!)).toBe('73c5da0a');
  });

  it('accepts h and H as hardened markers in origins', () => {
    const ks = readOne(`[73C5DA0A/84h/0H/0']${btc.bip84.accountZpub.value}`);
    expect(ks.keys[0]!.path).toEqual([84 + HARDENED, HARDENED, HARDENED]);
    expect(ks.keys[0]!.masterFingerprint).toBe('73c5da0a');
  });
});
