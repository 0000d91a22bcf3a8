import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  addressToScript, descriptorChecksum, descriptorScripts, expandMultipath, parseDescriptor, readInputs, toHex,
} from '../../src/keys/index.js';
import { formatPath } from '../../src/paths/derivation-path.js';
import { V } from './vectors.js';

const D = V.descriptors;
const abandonRoot = HDKey.fromMasterSeed(mnemonicToSeedSync(V.abandon_about.mnemonic));
const scriptOfAddress = (a: string): string => {
  const r = addressToScript(a);
  if (!r.ok) throw new Error(r.problem);
  return toHex(r.script);
};
const scriptsHex = (desc: string, index: number): string[] => descriptorScripts(desc, index).map(toHex);
const errorOf = (run: () => unknown): InputError => {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error thrown');
};

describe('BIP-380 checksum', () => {
  it.each(D.bip380_checksum.valid)('accepts %s', (desc) => {
    const p = parseDescriptor(desc, 'd');
    expect(p.checksum).toBe(desc.split('#')[1]);
    expect(p.normalized).toBe(desc.split('#')[0]);
  });

  it.each(D.bip380_checksum.invalid.map((c) => [c.why, c.desc] as const))('refuses %s', (_why, desc) => {
    const err = errorOf(() => parseDescriptor(desc, 'f.txt:1'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.where).toBe('f.txt:1');
    expect(err.message).toMatch(/checksum|character not allowed/);
  });

  it('computes the checksum when it is absent', () => {
    const p = parseDescriptor(D.bip380_checksum.noChecksumButValid, 'd');
    expect(p.checksum).toBe(D.bip380_checksum.valid[0]!.split('#')[1]);
    expect(descriptorChecksum('raw(deadbeef)')).toBe('89f8spxm');
  });
});

describe('BIP-381/382/385/386 scripts', () => {
  it.each(D.bip38x_scripts.cases.map((c) => [`BIP-${c.bip} ${c.desc.slice(0, 40)}…`, c] as const))('%s', (_n, c) => {
    c.scripts.forEach((script, i) => expect(scriptsHex(c.desc, i)).toEqual([script]));
  });
});

describe('abandon … about account descriptors', () => {
  const descs = D.abandon_account_descriptors.descriptors;

  it.each(descs)('%s parses with its checksum verified', (desc) => {
    const p = parseDescriptor(desc, 'd');
    expect(p.normalized).not.toMatch(/\dh/);
    expect(p.checksum).toBe(descriptorChecksum(p.normalized));
    if (!desc.includes("h/")) expect(p.checksum).toBe(desc.split('#')[1]);
  });

  it("normalises 'h' to ' (the checksum follows the normalised text)", () => {
    const [apostrophe, h] = [descs[4]!, descs[6]!];
    expect(parseDescriptor(h, 'd').normalized).toBe(parseDescriptor(apostrophe, 'd').normalized);
    expect(parseDescriptor(h, 'd').checksum).toBe(apostrophe.split('#')[1]);
  });

  it('yields one account key per script type with fingerprint, path and hint', () => {
    const ks = readInputs([{ name: 'descs.txt', text: descs.join('\n') }]);
    expect(ks.keys.map((k) => [formatPath(k.path), k.masterFingerprint, k.scriptHint])).toEqual([
      ["m/44'/0'/0'", '73c5da0a', 'p2pkh'],
      ["m/49'/0'/0'", '73c5da0a', 'p2sh-p2wpkh'],
      ["m/84'/0'/0'", '73c5da0a', 'p2wpkh'],
      ["m/86'/0'/0'", '73c5da0a', 'p2tr'],
    ]);
    for (const k of ks.keys) expect(toHex(k.publicKey)).toBe(toHex(abandonRoot.derive(formatPath(k.path)).publicKey!));
    expect(ks.keys[2]!.origins.map((o) => o.where)).toEqual(['5', '6', '7', '8']);
    // The h-form duplicates normalise onto their '-form twins; the multipath ones stay whole.
    expect(ks.descriptors).toHaveLength(10);
    expect(ks.descriptors.every((d) => d.origin.kind === 'descriptor')).toBe(true);
    expect(ks.notes).toEqual([]);
  });

  const btc = V.abandon_about.btc;
  it.each([
    ['BIP-44 receive 0', descs[0]!, 0, btc.bip44.receive0.value],
    ['BIP-44 change 0', descs[1]!, 0, btc.bip44.change0.value],
    ['BIP-49 receive 0', descs[2]!, 0, btc.bip49.receive0.value],
    ['BIP-49 change 0', descs[3]!, 0, btc.bip49.change0.value],
    ['BIP-84 receive 0', descs[4]!, 0, btc.bip84.receive0.value],
    ['BIP-84 receive 1', descs[4]!, 1, btc.bip84.receive1.value],
    ['BIP-84 change 0', descs[5]!, 0, btc.bip84.change0.value],
    ['BIP-86 receive 0', descs[8]!, 0, btc.bip86.receive0.value],
    ['BIP-86 receive 1', descs[8]!, 1, btc.bip86.receive1.value],
    ['BIP-86 change 0', descs[9]!, 0, btc.bip86.change0.value],
  ] as const)('%s matches the published address', (_n, desc, index, address) => {
    expect(scriptsHex(desc, index)).toEqual([scriptOfAddress(address)]);
  });

  it('BIP-389 multipath expands into receive and change', () => {
    const multi = parseDescriptor(descs[10]!, 'd');
    expect(multi.multipathCount).toBe(2);
    const [receive, change] = expandMultipath(multi);
    expect(receive!.checksum).toBe(descs[8]!.split('#')[1]);
    expect(change!.checksum).toBe(descs[9]!.split('#')[1]);
    expect(descriptorScripts(change!, 0).map(toHex)).toEqual([scriptOfAddress(btc.bip86.change0.value)]);
    expect(() => descriptorScripts(multi, 0)).toThrow(/expand it with expandMultipath/);
  });
});

describe('script functions', () => {
  const PUB = '03a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd';
  const PUB2 = '02f1f347891b20f7568eae3ec9869fbfb67bcab6f358326f10ecc42356bd55939d';

  it('combo() gives P2PK, P2PKH, P2WPKH and P2SH-P2WPKH for a compressed key', () => {
    const s = scriptsHex(`combo(${PUB})`, 0);
    expect(s).toEqual([
      `21${PUB}ac`,
      '76a9149a1c78a507689f6f54b847ad1cef1e614ee23f1e88ac',
      '00149a1c78a507689f6f54b847ad1cef1e614ee23f1e',
      expect.stringMatching(/^a914[0-9a-f]{40}87$/),
    ]);
    expect(s[3]).toBe(scriptsHex(`sh(wpkh(${PUB}))`, 0)[0]);
  });

  it('sortedmulti() sorts keys, multi() keeps their order', () => {
    const multi = scriptsHex(`multi(1,${PUB},${PUB2})`, 0)[0]!;
    const sorted = scriptsHex(`sortedmulti(1,${PUB},${PUB2})`, 0)[0]!;
    expect(multi).toBe(`5121${PUB}21${PUB2}52ae`);
    expect(sorted).toBe(`5121${PUB2}21${PUB}52ae`);
    expect(scriptsHex(`wsh(sortedmulti(1,${PUB},${PUB2}))`, 0)[0]).toMatch(/^0020[0-9a-f]{64}$/);
    expect(scriptsHex(`sh(wsh(multi(1,${PUB},${PUB2})))`, 0)[0]).toMatch(/^a914[0-9a-f]{40}87$/);
  });

  it('keeps multisig descriptors whole (no per-key ExportedKey)', () => {
    const acct = abandonRoot.derive("m/48'/0'/0'/2'");
    const desc = `wsh(sortedmulti(1,[73c5da0a/48'/0'/0'/2']${acct.publicExtendedKey}/<0;1>/*,${PUB}))`;
    const ks = readInputs([{ name: 'ms.txt', text: desc }]);
    expect(ks.keys).toEqual([]);
    expect(ks.descriptors).toHaveLength(1);
    expect(ks.descriptors[0]!.descriptor).toBe(desc);
  });

  it('derives the account key through the fixed steps before the branch', () => {
    const acct = abandonRoot.derive("m/84'/0'/0'");
    const ks = readInputs([{ name: 'd.txt', text: `wpkh([73c5da0a/84'/0'/0']${acct.publicExtendedKey}/7/<0;1>/*)` }]);
    expect(formatPath(ks.keys[0]!.path)).toBe("m/84'/0'/0'/7");
    expect(toHex(ks.keys[0]!.publicKey)).toBe(toHex(acct.deriveChild(7).publicKey!));
    expect(ks.notes[0]).toMatch(/derived to m\/84'\/0'\/0'\/7/);
  });

  it('assumes the path of an origin-less xpub from the function, and keeps inconsistent origins descriptor-only', () => {
    const x86 = V.abandon_about.btc.bip86.accountXpub.value;
    const ks = readInputs([{ name: 'd.txt', text: `tr(${x86}/0/*)\n${D.bip38x_scripts.cases[2]!.desc}` }]);
    expect(ks.keys).toHaveLength(1);
    expect(formatPath(ks.keys[0]!.path)).toBe("m/86'/0'/0'");
    expect(ks.keys[0]!.pathAssumed).toBe(true);
    expect(ks.descriptors).toHaveLength(2);
    expect(ks.notes[1]).toMatch(/d\.txt:2: .*ends in 13' but the key's child number is 0; kept as a descriptor only/);
  });

  it('reads addr() and raw() as descriptor-only wallets', () => {
    const ks = readInputs([{ name: 'd.txt', text: `addr(${V.abandon_about.btc.bip84.receive0.value})\nraw(6a)` }]);
    expect(ks.keys).toEqual([]);
    expect(ks.descriptors.map((d) => d.descriptor)).toEqual([`addr(${V.abandon_about.btc.bip84.receive0.value})`, 'raw(6a)']);
  });

  it('reports errors with a column that accounts for indentation', () => {
    const err = errorOf(() => readInputs([{ name: 'd.txt', text: `   wpkh(${PUB}` }]));
    expect(err.message).toMatch(/column 75: expected '\)'/);
  });
});
