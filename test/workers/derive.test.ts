import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { hexToBytes } from '@noble/hashes/utils.js';
import { getNetwork } from '../../src/chains/networks.js';
import type { ScriptType } from '../../src/chains/types.js';
import { HARDENED, formatPath, parsePath } from '../../src/paths/derivation-path.js';
import { derive } from '../../src/workers/derive.js';
import { applySteps, deriveBatch } from '../../src/workers/derive-task.js';
import { createDerivePool } from '../../src/workers/pool.js';
import { hash160 } from '../../src/chains/bitcoin/hashes.js';
import { hex } from './reference.js';

const vectors = JSON.parse(readFileSync(new URL('../../../shared/vectors/public-vectors.json', import.meta.url), 'utf8'));

describe('derive() on the "abandon … about" vectors', () => {
  const about = vectors.abandon_about;
  const root = HDKey.fromMasterSeed(hexToBytes(about.seedHex.value));
  /** [network, script, path, expected address] */
  const cases: [string, ScriptType, string, string][] = [];
  const add = (network: string, script: ScriptType, group: Record<string, { path?: string; value: string }>, skip = /^account/) => {
    for (const [name, v] of Object.entries(group)) if (!skip.test(name) && v.path) cases.push([network, script, v.path, v.value]);
  };
  add('bitcoin', 'p2pkh', about.btc.bip44);
  add('bitcoin', 'p2sh-p2wpkh', about.btc.bip49);
  add('bitcoin', 'p2wpkh', about.btc.bip84);
  add('bitcoin', 'p2tr', about.btc.bip86);
  add('litecoin', 'p2pkh', about.ltc.bip44);
  add('litecoin', 'p2sh-p2wpkh', about.ltc.bip49, /^account|legacy3/);
  add('litecoin', 'p2wpkh', about.ltc.bip84);
  add('dogecoin', 'p2pkh', about.doge.bip44);
  add('bitcoin-cash', 'p2pkh', about.bch.bip44, /^account|legacy/);
  add('ethereum', 'evm', about.evm, /^account/);
  add('tron', 'tron', about.tron);
  const pool = createDerivePool({ workers: 2 });
  afterAll(() => pool.destroy());

  it('has the vectors it expects', () => expect(cases.length).toBeGreaterThanOrEqual(26));

  it.each(cases)('%s %s %s → %s', async (networkId, script, pathText, expected) => {
    const path = parsePath(pathText);
    const split = path.findIndex((step) => step < HARDENED);
    const accountPath = path.slice(0, split);
    const account = root.derive(formatPath(accountPath));
    const key = { publicKey: account.publicKey!, chainCode: account.chainCode!, path: accountPath };
    const steps = path.slice(split, -1);
    const index = path.at(-1)!;
    const network = getNetwork(networkId)!;
    const inProcess = await derive({ key, path: steps, script, network, from: index, count: 1 });
    expect(inProcess).toEqual([{ index, path: formatPath(path), address: expected }]);
    const pooled = await derive({ key, path: steps, script, network, from: index, count: 1, pool });
    expect(pooled).toEqual(inProcess);
  });

  it('derives a range and rejects a script the network does not have', async () => {
    const account = root.derive("m/84'/0'/0'");
    const key = { publicKey: account.publicKey!, chainCode: account.chainCode! };
    const out = await derive({ key, path: [0], script: 'p2wpkh', network: getNetwork('bitcoin')!, from: 0, count: 2 });
    expect(out).toEqual([
      { index: 0, address: about.btc.bip84.receive0.value },
      { index: 1, address: about.btc.bip84.receive1.value },
    ]);
    await expect(derive({ key, script: 'p2tr', network: getNetwork('dogecoin')!, from: 0, count: 1 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(derive({ key, script: 'p2wpkh', network: getNetwork('bitcoin')!, from: 2 ** 31, count: 1 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('BIP-32 test vectors 1–4: public derivation from the xpubs', () => {
  const steps: [number, string, string, string][] = []; // [vector, parent path, child path, …]
  for (const v of vectors.bip32.vectors.filter((x: { chains?: unknown }) => x.chains)) {
    const chains = v.chains as { path: string; xpub: string }[];
    for (let i = 1; i < chains.length; i++) {
      const step = parsePath(chains[i]!.path).at(-1)!;
      if (step < HARDENED) steps.push([v.vector, chains[i - 1]!.xpub, chains[i]!.xpub, chains[i]!.path]);
    }
  }

  it('finds the non-hardened steps of vectors 1 and 2 (3 and 4 are hardened only)', () => {
    expect(new Set(steps.map(([v]) => v))).toEqual(new Set([1, 2]));
  });

  it.each(steps)('vector %i: %s → %s (%s)', (_v, parentXpub, childXpub, childPath) => {
    const parent = HDKey.fromExtendedKey(parentXpub);
    const child = HDKey.fromExtendedKey(childXpub);
    const index = parsePath(childPath).at(-1)!;
    const key = { publicKey: parent.publicKey!, chainCode: parent.chainCode! };
    // The batch kernel (payload = HASH160 of the child key) and the one-step path (key and chain code).
    const { payloads } = deriveBatch({ ...key, script: 'p2pkh', from: index, count: 1 });
    expect(hex(payloads)).toBe(hex(hash160(child.publicKey!)));
    const stepped = applySteps(key, [index]);
    expect(hex(stepped.publicKey)).toBe(hex(child.publicKey!));
    expect(hex(stepped.chainCode)).toBe(hex(child.chainCode!));
  });
});
