import { readFileSync } from 'node:fs';
import { HDKey } from '@scure/bip32';
import { base58 } from '@scure/base';
import { mnemonicToSeedSync } from '@scure/bip39';
import { describe, expect, it } from 'vitest';
import { ABANDON_CARD_PATHS, makeAbandonCard } from '../../fixtures/inputs/make-abandon-card.js';
import { fingerprintOf, readInputs, slip10Ed25519, toHex } from '../../src/keys/index.js';
import { parsePath } from '../../src/paths/derivation-path.js';
import { V, hexToBytes } from './vectors.js';

describe('SLIP-0010 ed25519', () => {
  for (const tv of V.slip0010_ed25519.vectors) {
    it(`test vector ${tv.vector}`, () => {
      const seed = hexToBytes(tv.seedHex);
      for (const c of tv.chains) {
        const node = slip10Ed25519(seed, parsePath(c.path));
        expect(toHex(node.chainCode)).toBe(c.chainCode);
        expect(toHex(node.privateKey)).toBe(c.private);
        expect('00' + toHex(node.publicKey)).toBe(c.public);
      }
    });
  }

  it('refuses a non-hardened step', () => {
    expect(() => slip10Ed25519(new Uint8Array(16), [0])).toThrow(/hardened children only/);
  });

  it('gives the published Solana addresses of the abandon mnemonic', () => {
    const seed = mnemonicToSeedSync(V.abandon_about.mnemonic);
    for (const path of ["m/44'/501'/0'/0'", "m/44'/501'/1'/0'", "m/44'/501'/0'", "m/44'/501'"] as const)
      expect(base58.encode(slip10Ed25519(seed, parsePath(path)).publicKey)).toBe(V.abandon_about.solana[path].value);
  });
});

describe('fixtures/inputs/abandon-card.json', () => {
  const committed = JSON.parse(readFileSync('fixtures/inputs/abandon-card.json', 'utf8'));

  it('is what make-abandon-card.ts computes', () => {
    expect(committed).toEqual(makeAbandonCard());
    expect(committed.keys.map((k: { path: string }) => k.path)).toEqual(ABANDON_CARD_PATHS.map((p) => p.path));
  });

  it('holds the published account keys and reads back without notes', () => {
    const ks = readInputs([{ name: 'abandon-card.json', text: JSON.stringify(committed) }]);
    expect(ks.notes).toEqual([]);
    const byPath = new Map(committed.keys.map((k: { path: string; publicKey: string }) => [k.path, k.publicKey]));
    const xpubs: [string, string][] = [
      ["m/84'/0'/0'", V.abandon_about.btc.bip84.accountXpubForm.value],
      ["m/49'/0'/0'", V.abandon_about.btc.bip49.accountXpubForm.value],
      ["m/44'/0'/0'", V.abandon_about.btc.bip44.accountXpub.value],
      ["m/86'/0'/0'", V.abandon_about.btc.bip86.accountXpub.value],
      ["m/44'/2'/0'", V.abandon_about.ltc.bip44.accountXpubForm.value],
      ["m/44'/3'/0'", V.abandon_about.doge.bip44.accountXpubForm.value],
      ["m/44'/60'/0'", V.abandon_about.evm["accountXpub m/44'/60'/0'"].value],
    ];
    for (const [path, xpub] of xpubs) expect(byPath.get(path), path).toBe(toHex(HDKey.fromExtendedKey(xpub).publicKey!));
    expect(base58.encode(hexToBytes(byPath.get("m/44'/501'/0'/0'") as string))).toBe(V.abandon_about.solana["m/44'/501'/0'/0'"].value);
    expect(ks.keys.filter((k) => k.curve === 'secp256k1').every((k) => k.masterFingerprint === V.abandon_about.masterFingerprint.value)).toBe(true);
    expect(fingerprintOf(HDKey.fromExtendedKey(V.abandon_about.rootXpub.value).publicKey!)).toBe('73c5da0a');
  });
});
