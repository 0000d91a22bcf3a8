import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { descriptorChecksum, parseXpubOrDescriptor } from '../../src/devnet/bitcoin/blockbook/xpub-descriptor.js';
import { bitcoinMainnet, litecoinRegtest } from '../../src/devnet/bitcoin/chain/networks.js';
import { scriptToAddress } from '../../src/devnet/bitcoin/chain/script-address.js';
import { recordedAccountTpubs, scriptOfRole } from './recorded-fixture.js';

/** Public vectors of the abandon…about mnemonic (BIP84/49/86, SLIP-132), as in /work/shared/vectors. */
const ZPUB = 'zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs';
const YPUB = 'ypub6Ww3ibxVfGzLrAH1PNcjyAWenMTbbAosGNB6VvmSEgytSER9azLDWCxoJwW7Ke7icmizBMXrzBx9979FfaHxHcrArf3zbeJJJUZPf663zsP';
const XPUB44 = 'xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj';
const XPUB49_FORM = 'xpub6C6nQwHaWbSrzs5tZ1q7m5R9cPK9eYpNMFesiXsYrgc1P8bvLLAet9JfHjYXKjToD8cBRswJXXbbFpXgwsswVPAZzKMa1jUp2kVkGVUaJa7';
const XPUB86 = 'xpub6BgBgsespWvERF3LHQu6CnqdvfEvtMcQjYrcRzx53QJjSxarj2afYWcLteoGVky7D3UKDP9QyrLprQ3VCECoY49yfdDEHGCtMMj92pReUsQ';

const addressAt = (input: string, chain: number, index: number): string | undefined =>
  scriptToAddress(parseXpubOrDescriptor(input, bitcoinMainnet).scriptAt(chain, index), bitcoinMainnet);

describe('xpub and descriptor parsing for the Blockbook server', () => {
  it('infers the script type from the SLIP-132 version and names Blockbook base paths', () => {
    expect(addressAt(ZPUB, 0, 0)).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
    expect(addressAt(ZPUB, 0, 1)).toBe('bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g');
    expect(addressAt(ZPUB, 1, 0)).toBe('bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el');
    expect(addressAt(YPUB, 0, 0)).toBe('37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf');
    expect(addressAt(XPUB44, 0, 0)).toBe('1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA');
    expect(parseXpubOrDescriptor(ZPUB, bitcoinMainnet)).toMatchObject({ scriptType: 'p2wpkh', basePath: "m/84'/0'/0'", chains: [0, 1] });
    expect(parseXpubOrDescriptor(YPUB, bitcoinMainnet).basePath).toBe("m/49'/0'/0'");
  });

  it('takes descriptors with origins, branch selectors and checksums', () => {
    expect(addressAt(`tr(${XPUB86}/<0;1>/*)`, 0, 0)).toBe('bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr');
    expect(addressAt(`tr(${XPUB86})`, 1, 0)).toBe('bc1p3qkhfews2uk44qtvauqyr2ttdsw7svhkl9nkm9s9c3x4ax5h60wqwruhk7');
    expect(parseXpubOrDescriptor(`wpkh([73c5da0a/84h/0h/0h]${ZPUB})`, bitcoinMainnet).basePath).toBe("m/84'/0'/0'");
    const nested = parseXpubOrDescriptor(`sh(wpkh([73c5da0a/49'/0'/0']${XPUB49_FORM}/<0;1>/*))`, bitcoinMainnet);
    expect(nested).toMatchObject({ scriptType: 'p2sh-p2wpkh', basePath: "m/49'/0'/0'" });
    expect(scriptToAddress(nested.scriptAt(0, 0), bitcoinMainnet)).toBe('37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf');
    const single = parseXpubOrDescriptor(`wpkh(${ZPUB}/1/*)`, bitcoinMainnet);
    expect(single.chains).toEqual([1]);
    const withChecksum = `pkh(${XPUB44}/<0;1>/*)`;
    const account = parseXpubOrDescriptor(`${withChecksum}#${descriptorChecksum(withChecksum)}`, bitcoinMainnet);
    expect(scriptToAddress(account.scriptAt(0, 0), bitcoinMainnet)).toBe('1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA');
    expect(() => parseXpubOrDescriptor(`${withChecksum}#qqqqqqqq`, bitcoinMainnet)).toThrow(InputError);
  });

  it('computes BIP380 checksums (bip-0380 test vector)', () => {
    expect(descriptorChecksum('raw(deadbeef)')).toBe('89f8spxm');
  });

  it('derives the recorded Litecoin-regtest scripts from the recorded account tpubs', () => {
    const tpubs = recordedAccountTpubs();
    const bip84 = parseXpubOrDescriptor(`wpkh([73c5da0a/84'/1'/0']${tpubs["m/84'/1'/0'"]}/<0;1>/*)`, litecoinRegtest);
    expect(bip84.basePath).toBe("m/84'/1'/0'");
    expect(bip84.scriptAt(0, 0)).toBe(scriptOfRole('p2wpkh'));
    expect(bip84.scriptAt(0, 1)).toBe(scriptOfRole('spent'));
    expect(bip84.scriptAt(0, 5)).toBe(scriptOfRole('mempool-unconfirmed-parent'));
    // A bare tpub is BIP44 to Blockbook; P2SH-P2WPKH needs the descriptor form (or a upub).
    expect(parseXpubOrDescriptor(tpubs["m/44'/1'/0'"]!, litecoinRegtest).scriptAt(0, 0)).toBe(scriptOfRole('p2pkh'));
    expect(parseXpubOrDescriptor(`sh(wpkh(${tpubs["m/49'/1'/0'"]}))`, litecoinRegtest).scriptAt(0, 0)).toBe(scriptOfRole('p2sh-p2wpkh'));
  });

  it('refuses private keys and unsupported descriptors', () => {
    const tprv = 'tprv8ZgxMBicQKsPe5YMU9gHen4Ez3ApihUfykaqUorj9t6FDqy3nP6eoXiAo2ssvpAjoLroQxHqr3R5nE3a5dU3DHTjTgJDd7zrbniJr6nrCzd';
    expect(() => parseXpubOrDescriptor(tprv, litecoinRegtest)).toThrow(/only public keys/);
    try {
      parseXpubOrDescriptor(tprv, litecoinRegtest);
    } catch (error) {
      expect(String(error)).not.toContain(tprv.slice(4, 30));
    }
    expect(() => parseXpubOrDescriptor(`multi(1,${XPUB44})`, bitcoinMainnet)).toThrow(InputError);
    expect(() => parseXpubOrDescriptor('not-a-key', bitcoinMainnet)).toThrow(InputError);
  });
});
