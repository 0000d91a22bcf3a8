import { HDKey } from '@scure/bip32';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { base58 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { readInputs, toHex } from '../../src/keys/index.js';
import { formatPath } from '../../src/paths/derivation-path.js';
import { V } from './vectors.js';

const solKey = { curve: 'ed25519', path: "m/44'/501'/0'/0'", publicKey: 'f036276246a75b9de3349ed42b15e232f6518fc20f5fcd4f1d64e81f9bd258f7' };
const card = (keys: unknown[]): { name: string; text: string } => ({
  name: 'card.json',
  text: JSON.stringify({ format: 'restore-scan.keys/1', keys }),
});

describe('card export (restore-scan.keys/1)', () => {
  it('reads every key with its curve, path and origin pointer', () => {
    const doc = JSON.parse(JSON.stringify({
      format: 'restore-scan.keys/1',
      source: { kind: 'card', label: 'backup card 2' },
      keys: [
        { curve: 'secp256k1', path: "m/44h/60h/0h", publicKey: '02eae4b876a8696134b868f88cc2f51f715f2dbedb7446b8e6edf3d4541c4eb67b', chainCode: '', masterFingerprint: '73C5DA0A' },
        solKey,
      ],
    }));
    const acct = HDKey.fromExtendedKey(V.abandon_about.evm["accountXpub m/44'/60'/0'"].value);
    doc.keys[0].publicKey = toHex(acct.publicKey!);
    doc.keys[0].chainCode = toHex(acct.chainCode!);
    const ks = readInputs([{ name: 'card.json', text: JSON.stringify(doc) }]);
    expect(ks.keys.map((k) => [k.curve, formatPath(k.path), k.masterFingerprint, k.origins[0]!.where])).toEqual([
      ['secp256k1', "m/44'/60'/0'", '73c5da0a', '/keys/0'],
      ['ed25519', "m/44'/501'/0'/0'", undefined, '/keys/1'],
    ]);
    expect(ks.keys[1]!.chainCode).toBeUndefined();
  });

  it('gives the published EVM and Solana addresses of the abandon mnemonic', () => {
    const acct = HDKey.fromExtendedKey(V.abandon_about.evm["accountXpub m/44'/60'/0'"].value);
    const ks = readInputs([card([
      { curve: 'secp256k1', path: "m/44'/60'/0'", publicKey: toHex(acct.publicKey!), chainCode: toHex(acct.chainCode!) },
      solKey,
    ])]);
    const evm = ks.keys[0]!;
    const leaf = new HDKey({ publicKey: evm.publicKey, chainCode: evm.chainCode }).deriveChild(0).deriveChild(0);
    const address = toHex(keccak_256(secp256k1.Point.fromBytes(leaf.publicKey!).toBytes(false).subarray(1)).subarray(12));
    expect(`0x${address}`).toBe(V.abandon_about.evm["m/44'/60'/0'/0/0"].value.toLowerCase());
    expect(base58.encode(ks.keys[1]!.publicKey)).toBe(V.abandon_about.solana["m/44'/501'/0'/0'"].value);
  });

  it('strips the SLIP-0010 00 byte of an ed25519 key and merges it with the bare form', () => {
    const ks = readInputs([card([{ ...solKey, publicKey: '00' + solKey.publicKey }]), { name: 'b.json', text: card([solKey]).text }]);
    expect(ks.keys).toHaveLength(1);
    expect(toHex(ks.keys[0]!.publicKey)).toBe(solKey.publicKey);
    expect(ks.keys[0]!.origins.map((o) => `${o.file}${o.where}`)).toEqual(['card.json/keys/0', 'b.json/keys/0']);
  });

  it('ignores an ed25519 chainCode with a note', () => {
    const ks = readInputs([card([{ ...solKey, chainCode: '11'.repeat(32) }])]);
    expect(ks.keys[0]!.chainCode).toBeUndefined();
    expect(ks.notes).toEqual(['card.json: /keys/0/chainCode: ed25519 chainCode ignored (SLIP-0010 ed25519 has no public derivation)']);
  });

  it('accepts a secp256k1 key without chain code (no derivation below it)', () => {
    const acct = HDKey.fromExtendedKey(V.abandon_about.evm["accountXpub m/44'/60'/0'"].value).deriveChild(0).deriveChild(0);
    const ks = readInputs([card([{ curve: 'secp256k1', path: "m/44'/60'/0'/0/0", publicKey: toHex(acct.publicKey!) }])]);
    expect(ks.keys[0]!.chainCode).toBeUndefined();
    expect(ks.keys[0]!.path).toHaveLength(5);
  });

  it('accepts a BOM and CRLF line endings', () => {
    const ks = readInputs([{ name: 'card.json', text: '\uFEFF' + card([solKey]).text.replace(/,/g, ',\r\n') }]);
    expect(ks.keys).toHaveLength(1);
  });
});
