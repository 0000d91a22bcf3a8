import { readFileSync } from 'node:fs';
import { HDKey } from '@scure/bip32';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { formatOrigin, readInputFiles, readInputs, toHex } from '../../src/keys/index.js';
import { formatPath } from '../../src/paths/derivation-path.js';
import { V } from './vectors.js';

const FIXTURES = 'fixtures/inputs';
const fixture = (name: string): string => readFileSync(`${FIXTURES}/${name}`, 'utf8');
const btc = V.abandon_about.btc;

describe('readInputs: many files, many kinds, one KeySet', () => {
  it('detects formats by content, not by extension', () => {
    const ks = readInputs([
      { name: 'card.txt', text: fixture('abandon-card.json') },
      { name: 'keys.json', text: btc.bip84.accountZpub.value },
    ]);
    expect(ks.keys.map((k) => k.origins[0]!.kind)).toContain('card');
    expect(ks.keys.find((k) => formatPath(k.path) === "m/84'/0'/0'")!.origins.map((o) => o.kind)).toEqual(['card', 'extended-key']);
  });

  it('merges the same key read twice, concatenating origins, and keeps the stated path over an assumed one', () => {
    const ks = readInputs([
      { name: 'a.txt', text: btc.bip84.accountZpub.value },
      { name: 'b.txt', text: `[73c5da0a/84'/0'/0']${btc.bip84.accountXpubForm.value}` },
    ]);
    expect(ks.keys).toHaveLength(1);
    const k = ks.keys[0]!;
    expect(k.pathAssumed).toBeUndefined();
    expect(k.masterFingerprint).toBe('73c5da0a');
    expect(k.scriptHint).toBe('p2wpkh');
    expect(k.origins.map(formatOrigin)).toEqual(['a.txt:1', 'b.txt:1']);
  });

  it('drops an assumed path that another input contradicts, with a note', () => {
    // The BIP-86 account xpub without origin is assumed BIP-44; the descriptor states m/86'/0'/0'.
    const ks = readInputs([
      { name: 'x.txt', text: btc.bip86.accountXpub.value },
      { name: 'd.txt', text: V.descriptors.abandon_account_descriptors.descriptors[8]! },
    ]);
    expect(ks.keys.map((k) => formatPath(k.path))).toEqual(["m/86'/0'/0'"]);
    expect(ks.keys[0]!.origins.map(formatOrigin)).toEqual(['d.txt:1', 'x.txt:1']);
    expect(ks.notes.at(-1)).toBe("x.txt:1: the assumed path m/44'/0'/0' is dropped: d.txt:1 states this key's path as m/86'/0'/0'");
  });

  it('keeps two different keys at the same path when no master fingerprint ties them (two seeds)', () => {
    const card = (publicKey: string) => JSON.stringify({ format: 'restore-scan.keys/1', keys: [{ curve: 'secp256k1', path: "m/84'/0'/0'", publicKey }] });
    const other = toHex(HDKey.fromExtendedKey(V.wallet_exports.coldcard_generic_json.sample.bip84.xpub).publicKey!);
    const ks = readInputs([
      { name: 'card1.json', text: card(JSON.parse(fixture('abandon-card.json')).keys[0].publicKey) },
      { name: 'card2.json', text: card(other) },
    ]);
    expect(ks.keys.map((k) => formatPath(k.path))).toEqual(["m/84'/0'/0'", "m/84'/0'/0'"]);
  });

  it('refuses a second chain code for the same key and path', () => {
    const card = JSON.parse(fixture('abandon-card.json'));
    card.keys = [{ ...card.keys[0], chainCode: '22'.repeat(32) }];
    try {
      readInputs([{ name: 'x.txt', text: btc.bip84.accountZpub.value }, { name: 'c.json', text: JSON.stringify(card) }]);
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toBe('c.json: /keys/0: same key and path as x.txt:1 but a different chain code');
    }
  });

  it('refuses an empty list of inputs', () => {
    expect(() => readInputs([])).toThrow(/no input files/);
  });
});

describe('readInputFiles and the sample inputs', () => {
  it('reads every sample in fixtures/inputs together', async () => {
    const files = ['abandon-card.json', 'abandon-xpubs.txt', 'abandon-descriptors.txt', 'coldcard-generic.json', 'bip49-testnet-upub.txt'];
    const ks = await readInputFiles(files.map((f) => `${FIXTURES}/${f}`));
    const card = JSON.parse(fixture('abandon-card.json')) as { keys: { path: string; publicKey: string }[] };
    for (const ck of card.keys) {
      const k = ks.keys.find((x) => formatPath(x.path) === ck.path.replace(/h/g, "'") && toHex(x.publicKey) === ck.publicKey);
      expect(k, ck.path).toBeDefined();
    }
    const bip84 = ks.keys.find((k) => formatPath(k.path) === "m/84'/0'/0'")!;
    expect(bip84.origins.map((o) => o.file.split('/').pop())).toEqual([
      'abandon-card.json', 'abandon-xpubs.txt', 'abandon-descriptors.txt', 'abandon-descriptors.txt', 'abandon-descriptors.txt', 'abandon-descriptors.txt',
    ]);
    expect(ks.keys.filter((k) => k.masterFingerprint === '0f056943')).toHaveLength(6);
    expect(ks.keys.find((k) => k.testnet)!.path).toHaveLength(3);
    expect(ks.descriptors).toHaveLength(13);
    expect(ks.notes.some((n) => n.includes('no key origin: assumed m/49\'/1\'/0\''))).toBe(true);
  });

  it('names a missing file', async () => {
    await expect(readInputFiles([`${FIXTURES}/nope.json`])).rejects.toThrow(`${FIXTURES}/nope.json: file not found`);
  });
});
