import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getNetwork, NETWORKS, networksOf } from '../../src/chains/networks.js';
import { InputError, RestoreScanError } from '../../src/errors.js';
import {
  CATALOG, defineScheme, expandTemplate, findScheme, formatPath, getScheme, hardenedPrefix, HARDENED, parseTemplate,
  schemeProblems, schemeTableMarkdown, schemeTableRows, type Scheme,
} from '../../src/paths/index.js';

const vectors = JSON.parse(readFileSync(new URL('../../../shared/vectors/public-vectors.json', import.meta.url), 'utf8')) as {
  walletcore_default_paths: { paths: Record<string, string[]> };
  trezor_suite_account_types: { paths: Record<string, Record<string, string> | string> };
};

const fmt = (s: Scheme, network: string, at: { account?: number; change?: number; index?: number } = {}): string =>
  formatPath(expandTemplate(s, network, at));

/** Every address path the catalog yields on `network` for accounts 0–2, first branch, index 0. */
function catalogAddresses(network: string): Map<string, Scheme[]> {
  const out = new Map<string, Scheme[]>();
  for (const s of CATALOG) {
    if (!s.networks.includes(network) || s.uncheckable) continue;
    for (const account of [0, 1, 2]) {
      if (s.accounts.kind === 'single' && account > 0) break;
      if (s.skipAccountZero && account === 0) continue;
      const p = fmt(s, network, { account });
      out.set(p, [...(out.get(p) ?? []), s]);
    }
  }
  return out;
}

describe('scheme catalog', () => {
  it('has at least 60 well-formed, frozen schemes with unique ids', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CATALOG.map((s) => s.id)).size).toBe(CATALOG.length);
    for (const s of CATALOG) {
      expect(schemeProblems(s), s.id).toEqual([]);
      expect(Object.isFrozen(s) && Object.isFrozen(s.networks) && Object.isFrozen(s.usedBy), s.id).toBe(true);
      expect(s.usedBy.length, s.id).toBeGreaterThan(0);
      expect(s.source, s.id).toMatch(/\.md|vectors|SLIP/);
      for (const id of s.networks) expect(getNetwork(id)?.family, `${s.id} ${id}`).toBe(s.family);
    }
    expect(CATALOG.filter((s) => s.family === 'bitcoin').length).toBeGreaterThanOrEqual(30);
  });

  it('expands every entry on every network into a well-formed path', () => {
    for (const s of CATALOG) {
      for (const network of s.networks) {
        const accounts = s.accounts.kind === 'single' ? [0] : [s.skipAccountZero ? 1 : 0, 7];
        for (const account of accounts) {
          const path = expandTemplate(s, network, { account, index: 19 });
          expect(path.every((n) => Number.isSafeInteger(n) && n >= 0 && n < 2 * HARDENED), s.id).toBe(true);
          const prefix = hardenedPrefix(s, network, account);
          expect(prefix.length, s.id).toBeGreaterThan(0);
          expect(path.slice(0, prefix.length), s.id).toEqual(prefix);
          if (!s.uncheckable) expect(path.slice(prefix.length).every((n) => n < HARDENED), s.id).toBe(true);
        }
      }
    }
  });

  it('keeps ed25519 templates fully hardened', () => {
    const ed = CATALOG.filter((s) => s.curve === 'ed25519');
    expect(ed.length).toBeGreaterThanOrEqual(3);
    for (const s of ed) expect(parseTemplate(s.path).every((st) => (st.kind === 'fixed' ? st.value >= HARDENED : st.hardened)), s.id).toBe(true);
  });

  it("contains Electrum's 18 bip39 recovery formats (path × script)", () => {
    // wallet-conventions.md §3.1: electrum/bip39_wallet_formats.json @92357801.
    const formats: [string, string][] = [
      ["m/44'/0'/0'", 'p2pkh'], ["m/49'/0'/0'", 'p2sh-p2wpkh'], ["m/84'/0'/0'", 'p2wpkh'],
      ["m/0'", 'p2pkh'], ["m/0'", 'p2sh-p2wpkh'], ["m/0'", 'p2wpkh'],
      ["m/84'/0'/0'", 'p2pkh'], ["m/84'/0'/0'", 'p2sh-p2wpkh'], ["m/49'/0'/0'", 'p2pkh'], ["m/49'/0'/0'", 'p2wpkh'],
      ["m/44'/0'/0'", 'p2wpkh'], ["m/44'/0'/0'", 'p2sh-p2wpkh'],
      ["m/84'/0'/2147483644'", 'p2wpkh'], ["m/84'/0'/2147483645'", 'p2wpkh'], ["m/84'/0'/2147483646'", 'p2wpkh'],
      ["m/44'/0'/2147483647'", 'p2pkh'], ["m/49'/0'/2147483647'", 'p2sh-p2wpkh'], ["m/84'/0'/2147483647'", 'p2wpkh'],
    ];
    for (const [path, script] of formats) {
      const hit = CATALOG.find((s) => s.networks.includes('bitcoin') && s.script === script
        && formatPath(hardenedPrefix(s, 'bitcoin')) === path);
      expect(hit, `${script} on ${path}`).toBeDefined();
    }
  });

  it('puts each Tangem V1 EVM chain on its own coin type, with V1 single address at index 0', () => {
    // tangem_derivations.md, V1 column.
    const v1: Record<string, string> = {
      polygon: "m/44'/966'/0'/0/0", bsc: "m/44'/9006'/0'/0/0", avalanche: "m/44'/9000'/0'/0/0", arbitrum: "m/44'/9001'/0'/0/0",
      optimism: "m/44'/614'/0'/0/0", gnosis: "m/44'/700'/0'/0/0", fantom: "m/44'/1007'/0'/0/0", scroll: "m/44'/534352'/0'/0/0",
    };
    for (const [network, path] of Object.entries(v1)) {
      const s = getScheme(`tangem-v1-${network}`);
      expect(s.networks).toEqual([network]);
      expect(fmt(s, network)).toBe(path);
      expect(fmt(s, network, { index: 4 })).toBe(path.replace(/0$/, '4')); // accounts: last node (AccountNodeRecognizer)
      expect(s.addressGap && s.accounts.kind === 'single').toBe(true);
    }
    expect(fmt(getScheme('tangem-v1-cronos'), 'ethereum')).toBe("m/44'/10000025'/0'/0/0");
    // V2 ETC on 60 and V1/V3 ETC on 61 are both reachable on ethereum-classic.
    const etc = catalogAddresses('ethereum-classic');
    expect(etc.has("m/44'/60'/0'/0/0") && etc.has("m/44'/61'/0'/0/0")).toBe(true);
  });

  it("applies MetaMask's path to every EVM network and Ledger Live's modes as Ledger has them", () => {
    const evmIds = networksOf('evm').map((n) => n.id);
    expect(getScheme('bip44-evm').networks).toEqual(evmIds);
    expect(fmt(getScheme('ledger-live-evm'), 'arbitrum', { account: 3 })).toBe("m/44'/60'/3'/0/0");
    expect(fmt(getScheme('ledger-live-evm'), 'ethereum-classic', { account: 3 })).toBe("m/44'/61'/3'/0/0");
    const mew = getScheme('ledger-live-mew');
    expect(mew.accounts).toEqual({ kind: 'skip-empty', max: 10 });
    expect(fmt(mew, 'ethereum', { account: 4 })).toBe("m/44'/60'/0'/4");
    const ethMM = getScheme('ledger-live-metamask');
    expect(ethMM.skipAccountZero).toBe(true);
    expect(fmt(ethMM, 'ethereum')).toBe("m/44'/60'/0'/0/1");
    expect(fmt(getScheme('ledger-live-etc-mew'), 'ethereum-classic', { account: 2 })).toBe("m/44'/60'/160720'/0'/2");
  });

  it('reaches every default path of the wallet-core registry', () => {
    const networkOf: Record<string, string> = {
      bitcoin: 'bitcoin', litecoin: 'litecoin', doge: 'dogecoin', bitcoincash: 'bitcoin-cash', ethereum: 'ethereum', tron: 'tron', solana: 'solana',
    };
    for (const [chain, paths] of Object.entries(vectors.walletcore_default_paths.paths)) {
      const network = networkOf[chain];
      expect(network, chain).toBeDefined();
      const addresses = catalogAddresses(network as string);
      for (const entry of paths) {
        const path = entry.split(' ')[0] as string;
        expect(addresses.has(path), `${chain} ${path}`).toBe(true);
      }
    }
  });

  it("reaches every Trezor Suite account type at accounts 0–2 (coinjoin included)", () => {
    const networkOf: Record<string, string> = { btc: 'bitcoin', 'eth (and pol, bnb ...)': 'ethereum', sol: 'solana', ltc: 'litecoin', bch: 'bitcoin-cash', doge: 'dogecoin' };
    for (const [chain, types] of Object.entries(vectors.trezor_suite_account_types.paths)) {
      const network = networkOf[chain];
      if (!network) continue; // ada: not a supported family
      const templates = typeof types === 'string' ? [types] : Object.values(types);
      for (const template of templates) {
        for (const i of [0, 1, 2]) {
          const accountPath = template.replace('i', String(i));
          // Accounts of account-based chains are addresses; for UTXO chains the account path is a prefix.
          const hit = CATALOG.some((s) => s.networks.includes(network) && !s.uncheckable
            && [0, 1, 2].some((account) => {
              if (s.accounts.kind === 'single' && account > 0) return false;
              if (s.skipAccountZero && account === 0) return false;
              const full = fmt(s, network, { account, index: s.addressGap ? i : 0 });
              return full === accountPath || full.startsWith(`${accountPath}/`);
            }));
          expect(hit, `${chain} ${accountPath}`).toBe(true);
        }
      }
    }
  });

  it('lists the Solana families and marks Sollet uncheckable', () => {
    expect(formatPath(hardenedPrefix(getScheme('solana-bip44-change'), 'solana', 3))).toBe("m/44'/501'/3'/0'");
    expect(formatPath(hardenedPrefix(getScheme('solana-bip44'), 'solana', 3))).toBe("m/44'/501'/3'");
    expect(getScheme('solana-bip44-root').accounts.kind).toBe('single');
    expect(fmt(getScheme('solana-bip44-root'), 'solana')).toBe("m/44'/501'");
    expect(getScheme('sollet-deprecated').uncheckable).toBe('needs-private-key');
    expect(fmt(getScheme('sollet-deprecated'), 'solana', { account: 2, index: 0 })).toBe("m/501'/2'/0/0");
  });

  it('computes hardened prefixes (what a card must export)', () => {
    expect(formatPath(hardenedPrefix(getScheme('tangem-v1-polygon'), 'polygon'))).toBe("m/44'/966'/0'");
    expect(formatPath(hardenedPrefix(getScheme('bip44-evm'), 'base'))).toBe("m/44'/60'/0'");
    expect(formatPath(hardenedPrefix(getScheme('ledger-live-mew'), 'ethereum', 9))).toBe("m/44'/60'/0'");
    expect(formatPath(hardenedPrefix(getScheme('ledger-live-etc-mew'), 'ethereum-classic', 9))).toBe("m/44'/60'/160720'/0'");
    expect(formatPath(hardenedPrefix(getScheme('trezor-coinjoin'), 'bitcoin', 1))).toBe("m/10025'/0'/1'/1'");
    expect(formatPath(hardenedPrefix(getScheme('bip84'), 'litecoin', 2))).toBe("m/84'/2'/2'");
    expect(formatPath(hardenedPrefix(getScheme('electrum-p2pkh-on-m0h'), 'bitcoin', 1))).toBe("m/1'");
    expect(formatPath(hardenedPrefix(getScheme('bip44-bch-unsplit'), 'bitcoin-cash'))).toBe("m/44'/0'/0'");
  });

  it('expands templates and refuses positions the scheme does not have', () => {
    expect(fmt(getScheme('bip84'), 'litecoin', { account: 1, change: 1, index: 5 })).toBe("m/84'/2'/1'/1/5");
    expect(fmt(getScheme('bip44'), 'bitcoin-testnet')).toBe("m/44'/1'/0'/0/0");
    expect(() => expandTemplate(getScheme('bip44-evm'), 'ethereum', { change: 1 })).toThrow(InputError);
    expect(() => expandTemplate(getScheme('bip84'), 'bitcoin', { index: HARDENED })).toThrow(/out of range/);
    expect(() => expandTemplate(getScheme('bip84'), 'no-such-net')).toThrow(/unknown network/);
    expect(() => expandTemplate(getScheme('samourai-postmix'), 'bitcoin', { account: 1 })).toThrow(/single account/);
    expect(() => getScheme('nope')).toThrow(InputError);
    expect(findScheme('nope')).toBeUndefined();
  });
});

describe('defineScheme', () => {
  const good: Scheme = {
    id: 'test-scheme', title: 'Test', family: 'bitcoin', networks: ['bitcoin'], curve: 'secp256k1',
    path: "m/84'/{coin}'/{account}'/{change}/{index}", script: 'p2wpkh', branches: [0, 1], accounts: { kind: 'first-unused' },
    addressGap: true, usedBy: ['Test wallet'], source: 'test',
  };

  it('accepts a well-formed entry and freezes it', () => {
    const s = defineScheme(good);
    expect(Object.isFrozen(s) && Object.isFrozen(s.branches)).toBe(true);
  });

  it.each<[string, Partial<Scheme>, RegExp]>([
    ['a non-kebab id', { id: 'Bad_Id' }, /kebab/],
    ['an unknown network', { networks: ['atlantis'] }, /unknown network/],
    ['a network of another family', { networks: ['ethereum'] }, /not of family/],
    ['a script the network lacks', { networks: ['dogecoin'] }, /no p2wpkh/],
    ['{index} not last', { path: "m/84'/{coin}'/{account}'/{index}/{change}" }, /last step/],
    ['{change} without branches', { branches: undefined }, /branches/],
    ['addressGap without {index}', { path: "m/84'/{coin}'/{account}'/0/0", branches: undefined }, /addressGap/],
    ['a single rule with {account}', { accounts: { kind: 'single' } }, /account rule/],
    ['a hardened step below a soft one', { path: "m/84'/{coin}'/{account}/{change}'/{index}" }, /hardened step follows/],
    ['a soft {coin}', { path: "m/84'/{coin}/{account}'/{change}/{index}" }, /\{coin\} must be hardened/],
    ['no usedBy', { usedBy: [] }, /usedBy/],
    ['a built-in chain id', { family: 'evm', script: 'evm', networks: [], chainIds: [137], path: "m/44'/60'/{account}'/{change}/{index}" }, /polygon/],
    ['an unhardened ed25519 template', { family: 'solana', script: 'solana', networks: ['solana'], curve: 'ed25519' }, /fully hardened/],
    ['a bad step', { path: "m/84'/x/{account}'/{change}/{index}" }, /bad step/],
  ])('rejects %s', (_what, change, message) => {
    expect(() => defineScheme({ ...good, ...change })).toThrow(RestoreScanError);
    expect(() => defineScheme({ ...good, ...change })).toThrow(message);
  });
});

describe('README scheme table', () => {
  it('has one row per scheme with id, path, networks and users', () => {
    const rows = schemeTableRows();
    expect(rows.map((r) => r.id)).toEqual(CATALOG.map((s) => s.id));
    const bip84 = rows.find((r) => r.id === 'bip84');
    expect(bip84?.networks).toBe('bitcoin (0), bitcoin-testnet (1), litecoin (2)');
    expect(rows.find((r) => r.id === 'sollet-deprecated')?.notes).toMatch(/needs the private key/);
    expect(rows.find((r) => r.id === 'tangem-v1-cronos')?.networks).toMatch(/chain id 25/);
    const md = schemeTableMarkdown();
    const lines = md.trim().split('\n');
    expect(lines).toHaveLength(CATALOG.length + 2);
    for (const line of lines.slice(2)) expect(line.replaceAll('\\|', '').split('|')).toHaveLength(7);
    expect(Object.keys(NETWORKS).every((id) => md.includes(id))).toBe(true);
  });
});
