import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networksOf } from '../../src/chains/networks.js';
import type { EvmNetwork } from '../../src/chains/types.js';
import { InputError } from '../../src/errors.js';
import type { Curve, ExportedKey, KeySet } from '../../src/keys/types.js';
import {
  CATALOG, fitKey, formatPath, getScheme, isHardened, keysOfSeed, nextAccountExport, parsePath, planAccount,
  planCoverage, schemeAppliesTo, startsWith, targetAddressPath, type Coverage, type ScanTarget,
} from '../../src/paths/index.js';

// KeySets are built here as data. Coverage depends only on curve, path, chain code and fingerprint, so the key
// bytes are distinct placeholders.
let serial = 0;
interface KeySpec { curve?: Curve; chainCode?: boolean; fp?: string; assumed?: boolean }
function key(path: string, spec: KeySpec = {}): ExportedKey {
  serial++;
  const curve = spec.curve ?? 'secp256k1';
  const body = new Uint8Array(32).fill(serial % 251);
  return {
    curve,
    path: parsePath(path),
    publicKey: curve === 'ed25519' ? body : Uint8Array.of(2, ...body),
    ...(curve === 'secp256k1' && spec.chainCode !== false && { chainCode: new Uint8Array(32).fill(7) }),
    ...(spec.fp !== undefined && { masterFingerprint: spec.fp }),
    ...(spec.assumed && { pathAssumed: true, scriptHint: 'p2wpkh' as const }),
    origins: [{ file: 'test', where: path, kind: spec.assumed ? 'extended-key' : 'card' }],
  };
}
const keySet = (...keys: ExportedKey[]): KeySet => ({ keys, descriptors: [], notes: [] });

const EVM = networksOf('evm').map((n) => n.id);
const find = <T extends { network: string; scheme: string }>(list: readonly T[], network: string, scheme: string): T[] =>
  list.filter((e) => e.network === network && e.scheme === scheme);
const targetOf = (c: Coverage, scheme: string, account = 0): ScanTarget[] => c.targets.filter((t) => t.scheme === scheme && t.account === account);

describe('planCoverage', () => {
  it('lists Tangem V1 Polygon as missing when the card lacks m/44\'/966\'/0\' (DONE criterion)', () => {
    const card = keySet(key("m/84'/0'/0'"), key("m/44'/60'/0'"), key("m/44'/501'/0'/0'", { curve: 'ed25519' }));
    const c = planCoverage(card, { networks: ['polygon'] });
    expect(c.networks).toEqual(['polygon']);
    expect(find(c.missing, 'polygon', 'tangem-v1-polygon')).toEqual([{
      network: 'polygon', scheme: 'tangem-v1-polygon', accountPath: "m/44'/966'/0'", account: 0,
      usedBy: getScheme('tangem-v1-polygon').usedBy, reason: 'not-exported',
    }]);
    expect(c.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/44'/966'/0'" });
    // MetaMask's path is there: scanned from the m/44'/60'/0' key.
    expect(find(c.scanned, 'polygon', 'bip44-evm')).toHaveLength(1);
    expect(c.targets.every((t) => t.networks.every((n) => n === 'polygon'))).toBe(true);
  });

  it('scans a Tangem V1 address export as one address and still asks for the account path', () => {
    const v1 = key("m/44'/966'/0'/0/0", { chainCode: false });
    const c = planCoverage(keySet(v1), { networks: ['polygon'] });
    const [t] = targetOf(c, 'tangem-v1-polygon');
    expect(t).toMatchObject({ key: v1, addressIndex: null, partial: true, derivationFromKey: [], networks: ['polygon'] });
    expect(formatPath(targetAddressPath(t as ScanTarget))).toBe("m/44'/966'/0'/0/0");
    expect(find(c.scanned, 'polygon', 'tangem-v1-polygon')).toEqual([
      { network: 'polygon', scheme: 'tangem-v1-polygon', accountPath: "m/44'/966'/0'", account: 0, partial: true }]);
    expect(find(c.missing, 'polygon', 'tangem-v1-polygon')[0]?.reason).toBe('not-exported');
    expect(c.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/44'/966'/0'" });
  });

  it('serves MetaMask, Ledger Live and MEW on many EVM networks from one m/44\'/60\'/0\' key', () => {
    const k = key("m/44'/60'/0'");
    const c = planCoverage(keySet(k));
    expect(c.networks).toEqual(EVM); // default: the family the key reaches
    const [mm] = targetOf(c, 'bip44-evm');
    expect(mm).toMatchObject({ key: k, networks: EVM, branches: [0], addressIndex: 'gap', partial: false });
    expect(formatPath(targetAddressPath(mm as ScanTarget, 0, 7))).toBe("m/44'/60'/0'/0/7");

    const [ledger] = targetOf(c, 'ledger-live-evm');
    expect(ledger?.networks).toEqual(EVM.filter((n) => n !== 'ethereum-classic')); // ETC is on coin 61
    expect(formatPath(targetAddressPath(ledger as ScanTarget))).toBe("m/44'/60'/0'/0/0");
    expect(find(c.missing, 'ethereum-classic', 'ledger-live-evm')[0]?.accountPath).toBe("m/44'/61'/0'");

    const [mew] = targetOf(c, 'ledger-live-mew');
    expect(mew).toMatchObject({ networks: ['ethereum', 'ethereum-classic'], addressIndex: 0 });
    expect(formatPath(targetAddressPath(mew as ScanTarget))).toBe("m/44'/60'/0'/0");
    expect(targetOf(c, 'ledger-live-metamask', 0)).toEqual([]); // ethMM starts at 1
    expect(formatPath(targetAddressPath(targetOf(c, 'ledger-live-metamask', 1)[0] as ScanTarget))).toBe("m/44'/60'/0'/0/1");

    // Further MEW accounts come from the same key: the scanner asks planAccount, no export needed.
    const next = planAccount(c.targets.map((t) => t.key), getScheme('ledger-live-mew'), 'ethereum', 5);
    expect(next.missing).toBeUndefined();
    expect(formatPath(targetAddressPath(next.targets[0] as ScanTarget))).toBe("m/44'/60'/0'/5");

    for (const [scheme, path] of [['tangem-v1-bsc', "m/44'/9006'/0'"], ['ledger-live-etc-mew', "m/44'/60'/160720'/0'"],
      ['bip44-etc', "m/44'/61'/0'"], ['phantom-evm-bip44-group', "m/44'/60'/1'"]] as const)
      expect(c.exportPlan, scheme).toContainEqual({ curve: 'secp256k1', path });
    expect(c.exportPlan.some((e) => e.path === "m/44'/60'/0'")).toBe(false);
    expect(c.scanned.every((s) => EVM.includes(s.network)) && c.missing.every((s) => EVM.includes(s.network))).toBe(true);
  });

  it('covers a zpub without origin at the assumed BIP-84 path', () => {
    const zpub = key("m/84'/0'/0'", { assumed: true });
    const c = planCoverage(keySet(zpub));
    expect(c.networks).toEqual(['bitcoin', 'litecoin', 'dogecoin', 'bitcoin-cash']); // mainnets of its family
    const [t] = targetOf(c, 'bip84');
    expect(t).toMatchObject({ key: zpub, networks: ['bitcoin'], branches: [0, 1], addressIndex: 'gap', derivationFromKey: [] });
    expect(formatPath(targetAddressPath(t as ScanTarget, 1, 3))).toBe("m/84'/0'/0'/1/3");
    // The same key serves the script mix-ups Electrum and Sparrow look for on that path.
    expect(targetOf(c, 'electrum-p2pkh-on-bip84')[0]?.key).toBe(zpub);
    expect(targetOf(c, 'sparrow-p2tr-on-bip84')[0]?.key).toBe(zpub);
    expect(c.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/44'/0'/0'" });
    expect(c.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/84'/2'/0'" });
    // The next account is the scanner's call, not an offline gap.
    expect(c.missing.some((m) => m.scheme === 'bip84' && m.account > 0)).toBe(false);
    expect(nextAccountExport(getScheme('bip84'), 'bitcoin', 1)).toEqual({ curve: 'secp256k1', path: "m/84'/0'/1'" });
  });

  it('covers ed25519 Solana keys at m/44\'/501\'/0\'/0\' and m/44\'/501\'/0\'', () => {
    const phantom = key("m/44'/501'/0'/0'", { curve: 'ed25519' });
    const ledger = key("m/44'/501'/0'", { curve: 'ed25519' });
    const c = planCoverage(keySet(phantom, ledger));
    expect(c.networks).toEqual(['solana']);
    expect(targetOf(c, 'solana-bip44-change')).toEqual([expect.objectContaining({ key: phantom, addressIndex: null, derivationFromKey: [] })]);
    expect(targetOf(c, 'solana-bip44')).toEqual([expect.objectContaining({ key: ledger, addressIndex: null })]);
    expect(c.missing.map((m) => [m.scheme, m.accountPath])).toEqual([['solana-bip44-root', "m/44'/501'"]]);
    expect(c.exportPlan).toEqual([{ curve: 'ed25519', path: "m/44'/501'" }]);
    expect(c.uncheckable).toEqual([{ network: 'solana', scheme: 'sollet-deprecated', reason: 'needs-private-key' }]);
    // Account 1 is asked for only once account 0 turns out used.
    expect(planAccount([phantom, ledger], getScheme('solana-bip44-change'), 'solana', 1).missing?.export)
      .toEqual({ curve: 'ed25519', path: "m/44'/501'/1'/0'" });
  });

  it("lists Sollet's path as uncheckable for solana even without Solana keys", () => {
    const c = planCoverage(keySet(key("m/44'/60'/0'")), { networks: ['solana', 'bitcoin'] });
    expect(c.uncheckable).toContainEqual({ network: 'solana', scheme: 'sollet-deprecated', reason: 'needs-private-key' });
    expect(c.uncheckable).toContainEqual({ network: 'bitcoin', scheme: 'bitcoin-core-hd-p2pkh', reason: 'hardened-addresses' });
    expect(c.exportPlan).toContainEqual({ curve: 'ed25519', path: "m/44'/501'/0'/0'" });
  });

  it('lists exported accounts beyond 0 as scanned, and nothing in between as missing', () => {
    const c = planCoverage(keySet(key("m/84'/0'/0'"), key("m/84'/0'/3'")), { networks: ['bitcoin'] });
    expect(find(c.scanned, 'bitcoin', 'bip84').map((s) => [s.account, s.accountPath])).toEqual([[0, "m/84'/0'/0'"], [3, "m/84'/0'/3'"]]);
    expect(find(c.missing, 'bitcoin', 'bip84')).toEqual([]);
  });

  it('asks again for an account path exported without its chain code', () => {
    const c = planCoverage(keySet(key("m/44'/60'/0'", { chainCode: false })), { networks: ['ethereum'] });
    expect(find(c.missing, 'ethereum', 'bip44-evm')[0]?.reason).toBe('no-chain-code');
    expect(c.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/44'/60'/0'" });
    expect(c.targets).toEqual([]);
  });

  it('never mixes keys of two seeds', () => {
    const a = key("m/44'/60'/0'", { fp: 'aaaaaaaa' });
    const b1 = key("m/84'/0'/0'", { fp: 'bbbbbbbb' });
    const a2 = key("m/84'/0'/0'", { fp: 'aaaaaaaa' });
    const c = planCoverage(keySet(a, b1, a2));
    const bip84 = targetOf(c, 'bip84');
    expect(bip84.map((t) => t.key)).toEqual([b1, a2]);
    expect(bip84.map((t) => t.masterFingerprint)).toEqual(['bbbbbbbb', 'aaaaaaaa']);
    // Seed b reaches only bitcoin: nothing EVM is asked of it; seed a is asked for both families.
    expect(c.missing.some((m) => m.masterFingerprint === 'bbbbbbbb' && EVM.includes(m.network))).toBe(false);
    expect(c.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/44'/0'/0'", masterFingerprint: 'aaaaaaaa' });
    expect(c.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/44'/0'/0'", masterFingerprint: 'bbbbbbbb' });
    expect(c.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/44'/966'/0'", masterFingerprint: 'aaaaaaaa' });
    expect(c.exportPlan.some((e) => e.masterFingerprint === 'bbbbbbbb' && e.path === "m/44'/966'/0'")).toBe(false);
  });

  it('keeps testnet keys to testnet networks', () => {
    const c = planCoverage(keySet(key("m/84'/1'/0'")));
    expect(c.networks).toEqual(['bitcoin-testnet']);
    expect(targetOf(c, 'bip84')[0]?.networks).toEqual(['bitcoin-testnet']);
  });

  it('applies conventions to config-defined EVM networks and reports keys on no known path', () => {
    const devnet: EvmNetwork = { id: 'my-devnet', name: 'Devnet', family: 'evm', chainId: 31337, coinType: 60, symbol: 'ETH', decimals: 18, layer: 'l1' };
    const cronos: EvmNetwork = { ...devnet, id: 'cronos', name: 'Cronos', chainId: 25, symbol: 'CRO' };
    const stray = key("m/44'/966'/1'");
    const c = planCoverage(keySet(key("m/44'/60'/0'"), stray), { customNetworks: [devnet, cronos] });
    expect(targetOf(c, 'bip44-evm')[0]?.networks).toContain('my-devnet');
    expect(find(c.missing, 'cronos', 'tangem-v1-cronos')[0]?.accountPath).toBe("m/44'/10000025'/0'");
    expect(find(c.missing, 'my-devnet', 'tangem-v1-cronos')).toEqual([]);
    expect(c.unmatchedKeys).toEqual([{ curve: 'secp256k1', path: "m/44'/966'/1'" }]);
    // A multisig cosigner key is scanned through its descriptor, never as a single-sig account.
    const cosigner = { ...key("m/84'/0'/0'"), multisig: 'p2wsh' as const };
    const ms = planCoverage(keySet(cosigner), { networks: ['bitcoin'] });
    expect(ms.targets).toEqual([]);
    expect(ms.unmatchedKeys).toEqual([]);
    expect(() => planCoverage(keySet(), { customNetworks: [{ ...devnet, id: 'polygon' }] })).toThrow(InputError);
  });

  it('refuses unknown network ids', () => {
    expect(() => planCoverage(keySet(key("m/84'/0'/0'")), { networks: ['bitcoin', 'atlantis'] })).toThrow(/unknown network "atlantis"/);
  });
});

describe('planCoverage properties', () => {
  const secpPaths = ["m/84'/0'/0'", "m/84'/0'/1'", "m/44'/0'/0'", "m/49'/0'/0'", "m/86'/0'/0'", "m/44'/60'/0'", "m/44'/60'/1'",
    "m/44'/61'/0'", "m/44'/966'/0'", "m/44'/966'/0'/0/0", "m/44'/9006'/0'/0/3", "m/44'/60'/0'/0/5", "m/44'/60'/0'/7", "m/0'", "m/1'",
    "m/44'/195'/0'", "m/44'/195'/2'/0/0", "m/84'/1'/0'", "m/44'/145'/0'", "m/10025'/0'/0'/1'", "m/84'/0'/0'/0", "m/44'/60'/160720'/0'",
    "m/84'/0'/2147483646'", "m/44'/966'/1'", "m/44'/2'/0'", "m/501'/0'"];
  const edPaths = ["m/44'/501'", "m/44'/501'/0'", "m/44'/501'/0'/0'", "m/44'/501'/1'/0'", "m/44'/501'/2'"];
  const keyArb = fc.oneof(
    fc.record({ path: fc.constantFrom(...secpPaths), curve: fc.constant<Curve>('secp256k1'), chainCode: fc.boolean(),
      fp: fc.constantFrom(undefined, 'aaaaaaaa', 'bbbbbbbb') }),
    fc.record({ path: fc.constantFrom(...edPaths), curve: fc.constant<Curve>('ed25519'), chainCode: fc.constant(false),
      fp: fc.constantFrom(undefined, 'aaaaaaaa', 'bbbbbbbb') }),
  );
  const networksArb = fc.option(fc.subarray(['bitcoin', 'litecoin', 'bitcoin-testnet', 'ethereum', 'polygon', 'ethereum-classic', 'solana', 'tron'],
    { minLength: 1 }), { nil: undefined });

  /** Whether `k` already gives `path` (same curve): the path itself with what it needs, or below it by public steps. */
  const derivable = (k: ExportedKey, curve: Curve, path: readonly number[]): boolean =>
    k.curve === curve && startsWith(path, k.path)
    && (path.length === k.path.length ? (curve === 'ed25519' || k.chainCode !== undefined)
      : k.chainCode !== undefined && path.slice(k.path.length).every((n) => !isHardened(n)));

  it('asks for nothing the input covers, and keeps targets, scanned, missing and the plan consistent', () => {
    fc.assert(fc.property(fc.array(keyArb, { minLength: 1, maxLength: 8 }), networksArb, (specs, networks) => {
      const keys = specs.map((s) => key(s.path, { curve: s.curve, chainCode: s.chainCode, ...(s.fp && { fp: s.fp }) }));
      const c = planCoverage(keySet(...keys), networks ? { networks } : {});
      for (const e of c.exportPlan) {
        const seed = keysOfSeed(keys, e.masterFingerprint);
        expect(seed.some((k) => derivable(k, e.curve, parsePath(e.path))), `${e.path} is covered`).toBe(false);
        expect(e.path.split('/').slice(1).every((step) => step.endsWith("'")), e.path).toBe(true);
        expect(c.missing.some((m) => m.accountPath === e.path && m.masterFingerprint === e.masterFingerprint)).toBe(true);
      }
      expect(new Set(c.exportPlan.map((e) => JSON.stringify(e))).size).toBe(c.exportPlan.length);
      for (const m of c.missing) {
        expect(c.exportPlan.some((e) => e.path === m.accountPath && e.masterFingerprint === m.masterFingerprint
          && e.curve === getScheme(m.scheme).curve)).toBe(true);
        const partner = c.scanned.find((s) => s.network === m.network && s.scheme === m.scheme && s.account === m.account
          && s.masterFingerprint === m.masterFingerprint);
        if (partner) expect(partner.partial).toBe(true);
      }
      for (const t of c.targets) {
        expect(keysOfSeed(keys, t.masterFingerprint)).toContain(t.key);
        const scheme = getScheme(t.scheme);
        for (const network of t.networks) {
          expect(schemeAppliesTo(scheme, networksOf(scheme.family).find((n) => n.id === network) ?? (() => { throw new Error(network); })())).toBe(true);
          expect(fitKey(scheme, network, t.account, t.key)?.kind).toBe('serves');
          expect(c.scanned.some((s) => s.network === network && s.scheme === t.scheme && s.account === t.account
            && s.masterFingerprint === t.masterFingerprint)).toBe(true);
        }
        const path = targetAddressPath(t, t.branches?.[0], 0);
        expect(startsWith(path, t.key.path)).toBe(true);
        expect(path.slice(0, parsePath(t.accountPath).length)).toEqual(parsePath(t.accountPath));
      }
      for (const s of c.scanned)
        expect(c.targets.some((t) => t.scheme === s.scheme && t.account === s.account && t.networks.includes(s.network)
          && t.masterFingerprint === s.masterFingerprint)).toBe(true);
      const listed = [...c.scanned, ...c.missing, ...c.uncheckable].map((e) => e.network);
      expect(listed.every((n) => c.networks.includes(n))).toBe(true);
      if (networks) expect(c.networks.every((n) => networks.includes(n))).toBe(true);
    }), { numRuns: 80 });
  });

  it('sorts the export plan by seed, curve and path, and the listings by network then catalog order', () => {
    const c = planCoverage(keySet(key("m/44'/966'/0'/0/0", { chainCode: false }), key("m/44'/501'/0'", { curve: 'ed25519' }), key("m/0'")));
    const plan = c.exportPlan.map((e) => [e.curve, parsePath(e.path)] as const);
    for (let i = 1; i < plan.length; i++) {
      const [pc, pp] = plan[i - 1] as (typeof plan)[number];
      const [cc, cp] = plan[i] as (typeof plan)[number];
      const cmp = pc.localeCompare(cc) || (pp.findIndex((n, j) => n !== cp[j]) === -1 ? pp.length - cp.length
        : (pp[pp.findIndex((n, j) => n !== cp[j])] as number) - (cp[pp.findIndex((n, j) => n !== cp[j])] as number));
      expect(cmp, `${formatPath(pp)} before ${formatPath(cp)}`).toBeLessThan(0);
    }
    const order = c.networks;
    const ranks = c.missing.map((m) => [order.indexOf(m.network), CATALOG.findIndex((s) => s.id === m.scheme)]);
    expect(ranks).toEqual([...ranks].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number)));
  });
});
