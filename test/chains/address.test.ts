import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { hexToBytes } from '@noble/hashes/utils.js';
import { encodeAddress, payloadFromPublicKey } from '../../src/chains/address.js';
import { NETWORKS } from '../../src/chains/networks.js';
import type { ScriptType } from '../../src/chains/types.js';

const vectors = JSON.parse(readFileSync(new URL('../../../shared/vectors/public-vectors.json', import.meta.url), 'utf8'));
const about = vectors.abandon_about;
const root = HDKey.fromMasterSeed(hexToBytes(about.seedHex.value));

/** Every "abandon … about" address vector: [network, script, path, expected]. */
const cases: [string, ScriptType, string, string][] = [];
const add = (network: string, script: ScriptType, group: Record<string, { path?: string; value: string }>, skip: RegExp = /^account/) => {
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
for (const [path, v] of Object.entries<{ value: string } | string>(about.evm))
  if (path.startsWith('m/')) cases.push(['ethereum', 'evm', path, typeof v === 'string' ? v : v.value]);
for (const [path, v] of Object.entries<{ value: string } | string>(about.tron))
  cases.push(['tron', 'tron', path, typeof v === 'string' ? v : v.value]);

describe('address encoders against the "abandon … about" vectors', () => {
  it('covers every family', () => expect(cases.length).toBeGreaterThanOrEqual(25));
  it.each(cases)('%s %s %s', (network, script, path, expected) => {
    const key = root.derive(path.replace(/'/g, "'"));
    const payload = payloadFromPublicKey(script, key.publicKey!);
    expect(encodeAddress(NETWORKS[network]!, script, payload)).toBe(expected);
  });
  it('refuses a script the network does not have', () => {
    expect(() => encodeAddress(NETWORKS.dogecoin!, 'p2wpkh', new Uint8Array(20))).toThrow(/dogecoin/);
    expect(() => encodeAddress(NETWORKS.bitcoin!, 'p2wpkh', new Uint8Array(19))).toThrow(/20 bytes/);
  });
});
