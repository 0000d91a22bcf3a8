import { Transaction } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { ChainModel, TxRejected } from '../../src/devnet/bitcoin/chain-model.js';
import { parseHeader } from '../../src/devnet/bitcoin/chain/block-header.js';
import { bytesToHex, dsha256, electrumScripthash, esploraScripthash, hexToBytes } from '../../src/devnet/bitcoin/chain/hashes.js';
import { merkleRoot } from '../../src/devnet/bitcoin/chain/merkle.js';
import { bitcoinMainnet, bitcoinRegtest, bitcoinTestnet, litecoinRegtest } from '../../src/devnet/bitcoin/chain/networks.js';
import { addressProblem, addressToScript, scriptToAddress } from '../../src/devnet/bitcoin/chain/script-address.js';
import { buildRecordedChainModel, recordedChain, recordedScripts } from './recorded-fixture.js';

const P2WPKH = '0014d0c4a3ef09e997b6e99e397e518fe3e41a118ca1'; // m/84'/1'/0'/0/0 of the abandon…about mnemonic
const OTHER = '00146fa016500a3c6a737ebb260e2ddca78ba9234558';

describe('chain model', () => {
  it('mines blocks whose hashes, merkle roots and proof of work are real', () => {
    const model = new ChainModel({ network: bitcoinRegtest });
    model.fund(P2WPKH, 150_000);
    const block = model.mine();
    const header = hexToBytes(block.header);
    expect(block.hash).toBe(bytesToHex(dsha256(header).reverse()));
    expect(BigInt(`0x${block.hash}`) <= 0x7fffffn << 232n).toBe(true);
    const fields = parseHeader(block.header);
    expect(fields.prevHash).toBe(model.blockAt(0)!.hash);
    expect(fields.merkleRoot).toBe(bytesToHex(merkleRoot(block.txids.map((t) => hexToBytes(t).reverse())).reverse()));
    expect(block.height).toBe(1);
    expect(model.genesisHash).toBe(model.blockAt(0)!.hash);
  });

  it('builds genuine transactions: the raw hex parses back to the txid, which is the double-SHA256 of its stripped bytes', () => {
    const model = new ChainModel({ network: bitcoinRegtest });
    const funding = model.fund(P2WPKH, 250_000);
    const tx = model.tx(funding.txid)!;
    expect(Transaction.fromHex(tx.body!.raw).getId()).toBe(funding.txid);
    // The txid covers the serialization without witness data: version, inputs, outputs, locktime.
    const legacy = Transaction.fromHex(tx.body!.raw);
    legacy.ins.forEach((input) => (input.witness = []));
    expect(legacy.toHex().length).toBeLessThan(tx.body!.raw.length);
    expect(bytesToHex(dsha256(hexToBytes(legacy.toHex())).reverse())).toBe(funding.txid);
    expect(tx.outputs[0]).toEqual({ scriptPubKey: P2WPKH, value: 250_000 });
    expect(tx.fee).toBe(tx.body!.vsize * 2);
  });

  it('tracks history, UTXOs and balances across fund, mine and spend', () => {
    const model = new ChainModel({ network: bitcoinRegtest });
    const first = model.fund(P2WPKH, 100_000);
    model.mine();
    const second = model.fund(P2WPKH, 40_000);
    const spend = model.spend([first], [{ scriptPubKey: OTHER, value: 99_000 }]);
    expect(model.history(P2WPKH).map((h) => h.txid)).toEqual([first.txid, second.txid, spend]);
    const outputs = model.outputsOf(P2WPKH);
    expect(outputs.map((o) => [o.outpoint.txid, o.spentBy?.txid])).toEqual([[first.txid, spend], [second.txid, undefined]]);
    expect(model.tx(spend)!.fee).toBe(1_000);
    expect(model.balance(P2WPKH)).toEqual({ confirmed: 100_000, unconfirmed: 40_000 - 100_000 });
    expect(model.utxos(P2WPKH).map((o) => o.outpoint)).toEqual([second]);
    model.mine();
    expect(model.balance(P2WPKH)).toEqual({ confirmed: 40_000, unconfirmed: 0 });
    expect(model.outputsOf(OTHER)[0]!.placement.confirmed).toBe(true);
    expect(() => model.spend([first], [{ scriptPubKey: OTHER, value: 1 }])).toThrow(TxRejected);
  });

  it('marks a mempool transaction spending an unconfirmed output as having an unconfirmed parent', () => {
    const model = new ChainModel({ network: bitcoinRegtest });
    const plain = model.fund(P2WPKH, 10_000);
    const child = model.fund(OTHER, 20_000, { unconfirmedParent: true });
    expect(model.hasUnconfirmedParent(plain.txid)).toBe(false);
    expect(model.hasUnconfirmedParent(child.txid)).toBe(true);
    expect(() => model.mine({ txids: [child.txid] })).toThrow(InputError);
  });

  it('keeps the two scripthash forms apart: Electrum reversed, Esplora natural (as recorded in scripts.json)', () => {
    for (const entry of recordedScripts()) {
      expect(electrumScripthash(entry.scriptPubKey)).toBe(entry.electrum_scripthash);
      expect(esploraScripthash(entry.scriptPubKey)).toBe(entry.esplora_scripthash);
      expect(entry.electrum_scripthash).not.toBe(entry.esplora_scripthash);
    }
  });

  it('converts addresses and scripts for mainnet, testnet, regtest and the recorded Litecoin regtest', () => {
    expect(addressToScript('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', bitcoinMainnet)).toBe('0014c0cebcd6c3d3ca8c75dc5ec62ebe55330ef910e2');
    const testnet = scriptToAddress(P2WPKH, bitcoinTestnet)!;
    expect(testnet.startsWith('tb1q6rz28mcfaxtmd6v789l9rrlrusdprr9')).toBe(true);
    expect(addressToScript(testnet, bitcoinTestnet)).toBe(P2WPKH);
    const regtest = scriptToAddress(P2WPKH, bitcoinRegtest)!;
    expect(regtest.startsWith('bcrt1q6rz28mcfaxtmd6v789l9rrlrusdprr9')).toBe(true);
    expect(addressToScript(regtest, bitcoinRegtest)).toBe(P2WPKH);
    expect(addressToScript('1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA', bitcoinMainnet)).toMatch(/^76a914[0-9a-f]{40}88ac$/);
    expect(scriptToAddress(addressToScript('37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf', bitcoinMainnet), bitcoinMainnet)).toBe(
      '37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf',
    );
    expect(scriptToAddress(addressToScript('bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr', bitcoinMainnet), bitcoinMainnet)).toBe(
      'bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr',
    );
    for (const entry of recordedScripts()) {
      expect(scriptToAddress(entry.scriptPubKey, litecoinRegtest)).toBe(entry.address);
      expect(addressToScript(entry.address, litecoinRegtest)).toBe(entry.scriptPubKey);
    }
    expect(() => addressToScript('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', bitcoinRegtest)).toThrow(InputError);
    expect(addressProblem('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', bitcoinRegtest)).toBe('other-network');
    expect(addressProblem('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyx', bitcoinMainnet)).toBe('bech32');
    expect(addressProblem('1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabB', bitcoinMainnet)).toBe('base58');
  });

  it('rebuilds the recorded chain: tip 113, the recorded block hashes and mempool, the recorded fees', () => {
    const model = buildRecordedChainModel();
    const chain = recordedChain();
    expect(model.tipHeight).toBe(chain.tip_during_state_recordings.height);
    for (const height of [111, 112, 113]) expect(model.blockAt(height)!.hash).toBe(chain.block_hashes[String(height)]);
    expect(model.mempoolTxids()).toEqual(chain.mempool_at_end);
    for (const [txid, fee] of Object.entries(chain.mempool_entry_fees_sat)) expect(model.tx(txid)!.fee).toBe(fee);
    expect(model.genesisHash).toBe(chain.genesis_hash);
  });
});
