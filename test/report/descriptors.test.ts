import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressToScript } from '../../src/keys/descriptor/address-script.js';
import { descriptorScripts } from '../../src/keys/descriptor/scripts.js';
import { decodeExtendedPublicKey } from '../../src/keys/extended-key.js';
import { u32Hex } from '../../src/keys/hash.js';
import { toHex } from '../../src/keys/hex.js';
import { readInputs } from '../../src/keys/read-inputs.js';
import { parsePath } from '../../src/paths/derivation-path.js';
import {
  accountDescriptors, importDescriptorRequests, renderDescriptors, renderImportDescriptors, type DescriptorKey,
} from '../../src/report/index.js';
import type { Report, ScannedEntry } from '../../src/report/types.js';
import { sampleReport } from './sample-reports.js';

const vectors = JSON.parse(readFileSync('/work/shared/vectors/public-vectors.json', 'utf8')) as {
  descriptors: { abandon_account_descriptors: { descriptors: string[] } };
};
const VECTORS = vectors.descriptors.abandon_account_descriptors.descriptors;
const vector = (start: string, end: string): string => {
  const found = VECTORS.filter((d) => d.startsWith(start) && d.split('#')[0]!.endsWith(end));
  expect(found, `${start}…${end}`).toHaveLength(1);
  return found[0]!;
};

// The BIP-39 test mnemonic: public, never a wallet. The keys are derived here independently of src/keys, with
// their real parent fingerprints (as an xpub input states them), so the xpubs equal the vectors'.
const root = HDKey.fromMasterSeed(mnemonicToSeedSync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
function accountKey(path: string, withParent = true): DescriptorKey {
  const node = root.derive(path);
  return {
    curve: 'secp256k1', path: parsePath(path), publicKey: node.publicKey!, chainCode: node.chainCode!,
    masterFingerprint: u32Hex(root.fingerprint), origins: [],
    ...(withParent && { parentFingerprint: u32Hex(node.parentFingerprint) }),
  };
}
const keySet = { keys: ["m/44'/0'/0'", "m/49'/0'/0'", "m/84'/0'/0'", "m/86'/0'/0'"].map((p) => accountKey(p)) };

const demo = sampleReport('demo-like');
const withScanned = (scanned: ScannedEntry[]): Report => ({ ...demo, coverage: { ...demo.coverage, scanned } });

describe('watch-only descriptors of the found Bitcoin accounts', () => {
  it('writes the BIP-84 and BIP-86 accounts as multipath descriptors equal to the vectors', () => {
    expect(renderDescriptors(demo, keySet)).toBe([
      vector("wpkh([73c5da0a/84h/0h/0h]", '/<0;1>/*)'),
      vector("tr([73c5da0a/86h/0h/0h]", '/<0;1>/*)'),
    ].join('\n') + '\n');
  });

  it("writes receive /0/* and change /1/* descriptors equal to the vectors, with ' or h", () => {
    const quote = accountDescriptors(demo, keySet, { hardenedMarker: "'" }).accounts.flatMap((a) => a.branches.map((b) => b.descriptor));
    expect(quote).toEqual([
      vector("wpkh([73c5da0a/84'/0'/0']", '/0/*)'), vector("wpkh([73c5da0a/84'/0'/0']", '/1/*)'),
      vector("tr([73c5da0a/86'/0'/0']", '/0/*)'), vector("tr([73c5da0a/86'/0'/0']", '/1/*)'),
    ]);
    const h = accountDescriptors(demo, keySet).accounts[0]!.branches[0]!.descriptor;
    expect(h).toBe(vector('wpkh([73c5da0a/84h/0h/0h]', '/0/*)'));
  });

  it('gives an importdescriptors array: receive and change per account, ranges past the last used index', () => {
    const requests = importDescriptorRequests(demo, keySet, { hardenedMarker: "'" });
    expect(requests).toEqual([
      { desc: vector("wpkh([73c5da0a/84'/0'/0']", '/0/*)'), timestamp: 0, active: true, internal: false, range: [0, 22] },
      { desc: vector("wpkh([73c5da0a/84'/0'/0']", '/1/*)'), timestamp: 0, active: true, internal: true, range: [0, 20] },
      { desc: vector("tr([73c5da0a/86'/0'/0']", '/0/*)'), timestamp: 0, active: true, internal: false, range: [0, 20] },
      { desc: vector("tr([73c5da0a/86'/0'/0']", '/1/*)'), timestamp: 0, active: true, internal: true, range: [0, 20] },
    ]);
    expect(JSON.parse(renderImportDescriptors(demo, keySet, { timestamp: 'now' }))[0]).toMatchObject({ timestamp: 'now', active: true });
  });

  it('marks only the first account of a script type active (Bitcoin Core keeps one per type and branch)', () => {
    const keys = { keys: [...keySet.keys, accountKey("m/84'/0'/1'")] };
    const report = withScanned([
      { network: 'bitcoin', scheme: 'bip84', accountPath: "m/84'/0'/0'", lastUsed: { '0': 3 } },
      { network: 'bitcoin', scheme: 'bip84', accountPath: "m/84'/0'/1'", lastUsed: { '1': 0 } },
    ]);
    const requests = importDescriptorRequests(report, keys);
    expect(requests.map((r) => [r.active, r.internal, r.range])).toEqual([
      [true, false, [0, 23]], [true, true, [0, 19]], [false, false, [0, 19]], [false, true, [0, 20]],
    ]);
  });

  it('describes keys from a card export (no parent fingerprint) that resolve to the scanned addresses', () => {
    const card = readInputs([{ name: 'abandon-card.json', text: readFileSync(join(import.meta.dirname, '../../fixtures/inputs/abandon-card.json'), 'utf8') }]);
    const [wpkh, tr] = accountDescriptors(demo, card).accounts;
    expect(wpkh!.descriptor).toMatch(/^wpkh\(\[73c5da0a\/84h\/0h\/0h\]xpub\w+\/<0;1>\/\*\)#[a-z0-9]{8}$/);
    const xpub = /\](xpub\w+)\//.exec(wpkh!.descriptor)![1]!;
    const decoded = decodeExtendedPublicKey(xpub, 'test');
    const key = accountKey("m/84'/0'/0'");
    expect({ depth: decoded.depth, child: decoded.childNumber, parent: decoded.parentFingerprint })
      .toEqual({ depth: 3, child: 0x8000_0000, parent: '00000000' });
    expect(toHex(decoded.publicKey)).toBe(toHex(key.publicKey));
    expect(toHex(decoded.chainCode)).toBe(toHex(key.chainCode!));
    // Each branch descriptor derives the report's own addresses.
    const check = (desc: string, path: string): void => {
      const used = demo.addresses.find((a) => a.path === path)!;
      const index = Number(path.split('/').at(-1));
      const expected = addressToScript(used.address);
      expect(expected.ok).toBe(true);
      if (expected.ok) expect(toHex(descriptorScripts(desc, index)[0]!)).toBe(toHex(expected.script));
    };
    check(wpkh!.branches[0]!.descriptor, "m/84'/0'/0'/0/2");
    check(wpkh!.branches[1]!.descriptor, "m/84'/0'/0'/1/0");
    check(tr!.branches[0]!.descriptor, "m/86'/0'/0'/0/0");
    check(tr!.branches[1]!.descriptor, "m/86'/0'/0'/1/0");
  });

  it('wraps nested segwit and legacy accounts, and uses tpub on testnet', () => {
    const report = withScanned([
      { network: 'bitcoin', scheme: 'bip49', accountPath: "m/49'/0'/0'", lastUsed: { '0': 0 } },
      { network: 'bitcoin', scheme: 'bip44', accountPath: "m/44'/0'/0'", lastUsed: { '0': 0 } },
      { network: 'bitcoin-testnet', scheme: 'bip84', accountPath: "m/84'/1'/0'", lastUsed: { '0': 0 } },
    ]);
    const keys = { keys: [...keySet.keys, accountKey("m/84'/1'/0'")] };
    const lines = renderDescriptors(report, keys, { hardenedMarker: "'" }).trimEnd().split('\n');
    const receive49 = vector("sh(wpkh([73c5da0a/49'/0'/0']", '/0/*))');
    expect(lines[0]!.split('#')[0]).toBe(receive49.split('#')[0]!.replace('/0/*', '/<0;1>/*'));
    expect(lines[1]).toMatch(/^pkh\(\[73c5da0a\/44'\/0'\/0'\]xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj\/<0;1>\/\*\)#/);
    expect(lines[2]).toMatch(/^wpkh\(\[73c5da0a\/84'\/1'\/0'\]tpub\w+\/<0;1>\/\*\)#/);
    expect(lines).toHaveLength(3);
  });

  it('skips unused accounts unless asked, and non-Bitcoin families always', () => {
    const report = withScanned([
      { network: 'bitcoin', scheme: 'bip44', accountPath: "m/44'/0'/0'", lastUsed: {} },
      { network: 'ethereum', scheme: 'bip44-evm', accountPath: "m/44'/60'/0'", lastUsed: { '0': 3 } },
    ]);
    expect(renderDescriptors(report, keySet)).toBe('');
    expect(accountDescriptors(report, keySet, { includeUnused: true }).accounts.map((a) => a.scheme)).toEqual(['bip44']);
  });

  it('says which found accounts it cannot describe (no key given, or no chain code)', () => {
    expect(renderDescriptors(demo)).toBe(
      "# bitcoin bip84 m/84'/0'/0': no key at this path in the inputs\n# bitcoin bip86 m/86'/0'/0': no key at this path in the inputs\n");
    const { chainCode: _, ...bare } = accountKey("m/84'/0'/0'");
    const result = accountDescriptors(demo, { keys: [bare, accountKey("m/86'/0'/0'")] });
    expect(result.accounts.map((a) => a.scheme)).toEqual(['bip86']);
    expect(result.unavailable).toEqual([
      { network: 'bitcoin', scheme: 'bip84', accountPath: "m/84'/0'/0'", reason: 'the key at this path has no chain code' },
    ]);
    expect(importDescriptorRequests(demo)).toEqual([]);
  });

  it('writes a single-address scheme as a non-ranged, never active descriptor', () => {
    const report = withScanned([{ network: 'bitcoin', scheme: 'atomic-single-address', accountPath: "m/44'/0'/0'", lastUsed: { '0': 0 } }]);
    const [account] = accountDescriptors(report, keySet).accounts;
    expect(account!.descriptor).toMatch(/^pkh\(\[73c5da0a\/44h\/0h\/0h\]xpub\w+\/0\/0\)#/);
    expect(importDescriptorRequests(report, keySet)).toEqual([{ desc: account!.descriptor, timestamp: 0, internal: false }]);
  });
});
