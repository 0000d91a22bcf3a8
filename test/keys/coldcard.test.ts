import { HDKey } from '@scure/bip32';
import { describe, expect, it } from 'vitest';
import { readInputs, toHex } from '../../src/keys/index.js';
import { formatPath } from '../../src/paths/derivation-path.js';
import { V } from './vectors.js';

const sample = V.wallet_exports.coldcard_generic_json.sample;
const read = (doc: unknown) => readInputs([{ name: 'coldcard.json', text: JSON.stringify(doc) }]);

describe('Coldcard generic JSON export', () => {
  it('yields the master key and one key per section, with path, hint and master fingerprint', () => {
    const ks = read(sample);
    expect(ks.keys.map((k) => [formatPath(k.path), k.scriptHint ?? k.multisig ?? null, k.masterFingerprint, k.origins[0]!.where])).toEqual([
      ['m', null, '0f056943', '/xpub'],
      ["m/44'/0'/123'", 'p2pkh', '0f056943', '/bip44'],
      ["m/49'/0'/123'", 'p2sh-p2wpkh', '0f056943', '/bip49'],
      ["m/84'/0'/123'", 'p2wpkh', '0f056943', '/bip84'],
      ["m/48'/0'/123'/1'", 'p2sh-p2wsh', '0f056943', '/bip48_1'],
      ["m/48'/0'/123'/2'", 'p2wsh', '0f056943', '/bip48_2'],
    ]);
    const sections = [sample.bip44, sample.bip49, sample.bip84, sample.bip48_1, sample.bip48_2];
    sections.forEach((s, i) => {
      const k = ks.keys[i + 1]!;
      expect(toHex(k.publicKey)).toBe(toHex(HDKey.fromExtendedKey(s.xpub).publicKey!));
      expect(toHex(k.chainCode!)).toBe(toHex(HDKey.fromExtendedKey(s.xpub).chainCode!));
      expect(k.origins[0]!.kind).toBe('coldcard');
    });
    expect(ks.notes).toEqual([]);
  });

  it('keeps the single-sig descriptors (checksums verified, normalised to \')', () => {
    const ks = read(sample);
    expect(ks.descriptors.map((d) => d.origin.where)).toEqual(['/bip44/desc', '/bip49/desc', '/bip84/desc']);
    expect(ks.descriptors[2]!.descriptor).toBe(`wpkh([0f056943/84'/0'/123']${sample.bip84.xpub}/<0;1>/*)`);
  });

  it('reads a testnet (XTN) export as testnet and notes unknown sections', () => {
    const ks = read({ chain: 'XTN', xfp: sample.xfp, bip84: { deriv: sample.bip84.deriv, xpub: sample.bip84.xpub }, bip99: { xpub: 'x' } });
    expect(ks.keys).toHaveLength(1);
    expect(ks.keys[0]!.testnet).toBe(true);
    expect(ks.notes).toEqual(['coldcard.json: /bip99: Coldcard section "bip99" is not one restore-scan reads; ignored']);
  });

  it('merges with the same keys given as descriptors and SLIP-0132 lines', () => {
    const ks = readInputs([
      { name: 'coldcard.json', text: JSON.stringify(sample) },
      { name: 'keys.txt', text: `${sample.bip84.desc}\n[0f056943/49'/0'/123']${sample.bip49._pub}\n` },
    ]);
    expect(ks.keys).toHaveLength(6);
    expect(ks.keys[3]!.origins.map((o) => `${o.file}:${o.where}`)).toEqual(['coldcard.json:/bip84', 'keys.txt:1']);
    expect(ks.keys[2]!.origins.map((o) => `${o.file}:${o.where}`)).toEqual(['coldcard.json:/bip49', 'keys.txt:2']);
    expect(ks.descriptors).toHaveLength(3);
  });
});
