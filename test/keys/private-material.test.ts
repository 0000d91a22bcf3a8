import { ed25519 } from '@noble/curves/ed25519.js';
import { HDKey } from '@scure/bip32';
import { base58 } from '@scure/base';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { encodeBase58Check, findPrivateMaterial, readInputs, toHex } from '../../src/keys/index.js';
import { leakedPiece } from './vectors.js';

const refusal = (files: { name: string; text: string }[]): InputError => {
  try {
    readInputs(files);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('not refused');
};

const expectRefused = (text: string, secret: string, where = 'in.txt:1'): void => {
  const err = refusal([{ name: 'in.txt', text }]);
  expect(err.code).toBe('PRIVATE_MATERIAL');
  expect(err.where).toBe(where);
  expect(leakedPiece(err.message, secret)).toBeUndefined();
};

describe('private material is refused, never echoed', () => {
  it.each([12, 15, 18, 21, 24])('a %i-word mnemonic', (words) => {
    const entropy = Uint8Array.from({ length: (words * 4) / 3 }, (_, i) => (i * 37 + words) & 0xff);
    const mnemonic = entropyToMnemonic(entropy, wordlist);
    expectRefused(mnemonic, mnemonic);
    expectRefused(`# backup\n\n${mnemonic.split(' ').join('\n')}\n`, mnemonic, 'in.txt:3');
  });

  it('a mnemonic with a mistyped word or in capitals', () => {
    const typo = entropyToMnemonic(new Uint8Array(16).fill(7), wordlist).replace(/^\w+/, 'abandn');
    expectRefused(typo, typo);
    expectRefused(typo.toUpperCase(), typo.toUpperCase());
  });

  it('a Solana keypair (base58 secret || public key)', () => {
    const secret = new Uint8Array(32).fill(9);
    const keypair = base58.encode(Uint8Array.from([...secret, ...ed25519.getPublicKey(secret)]));
    expectRefused(keypair, keypair);
    expect(findPrivateMaterial(keypair)?.problem).toMatch(/Solana keypair/);
  });

  it('a BIP-38 encrypted key', () => {
    const bip38 = encodeBase58Check(Uint8Array.from([0x01, 0x42, 0xc0, ...new Uint8Array(36).fill(3)]));
    expectRefused(bip38, bip38);
  });

  it('an xprv inside a Coldcard-like JSON export', () => {
    const xprv = HDKey.fromMasterSeed(new Uint8Array(32).fill(1)).privateExtendedKey;
    const err = refusal([{ name: 'cc.json', text: JSON.stringify({ xfp: '0F056943', bip84: { xpub: xprv, deriv: "m/84h/0h/0h" } }) }]);
    expect(err.code).toBe('PRIVATE_MATERIAL');
    expect(err.where).toBe('cc.json: /bip84/xpub');
    expect(leakedPiece(err.message, xprv)).toBeUndefined();
  });

  it('a private field at any depth of any JSON input', () => {
    const err = refusal([{ name: 'w.json', text: '{ "wallet": { "accounts": [ { "wif": "secret-ish" } ] } }' }]);
    expect(err.code).toBe('PRIVATE_MATERIAL');
    expect(err.where).toBe('w.json: /wallet/accounts/0/wif');
  });

  it('an English comment or label is not a mnemonic', () => {
    expect(findPrivateMaterial('# exported from the card on monday, account zero and one, for the yearly audit')).toBeUndefined();
    expect(findPrivateMaterial('abandon about')).toBeUndefined();
  });

  it('random public keys and chain codes are never mistaken for secrets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed, chainCode) => {
        const node = HDKey.fromMasterSeed(Uint8Array.from([...seed, 1]));
        const card = { format: 'restore-scan.keys/1', keys: [
          { curve: 'secp256k1', path: "m/84'/0'/0'", publicKey: toHex(node.publicKey!), chainCode: toHex(chainCode) },
          { curve: 'ed25519', path: "m/44'/501'/0'", publicKey: toHex(ed25519.getPublicKey(seed)) },
        ] };
        expect(readInputs([{ name: 'c.json', text: JSON.stringify(card) }]).keys).toHaveLength(2);
        const ownFingerprint = node.fingerprint.toString(16).padStart(8, '0');
        expect(readInputs([{ name: 'x.txt', text: `[${ownFingerprint}]${node.publicExtendedKey}` }]).keys).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
    const allOnes = { format: 'restore-scan.keys/1', keys: [{ curve: 'secp256k1', path: 'm', publicKey: toHex(HDKey.fromMasterSeed(new Uint8Array(16)).publicKey!), chainCode: '11'.repeat(32) }] };
    expect(readInputs([{ name: 'c.json', text: JSON.stringify(allOnes) }]).keys).toHaveLength(1);
  });
});
