import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { bitcoinRegtest } from '../../src/devnet/bitcoin/chain/networks.js';
import { SPEND_FEE, createScenarioChain } from '../../src/devnet/bitcoin/scenarios.js';

const script = (n: number): string => `0014${n.toString(16).padStart(40, '0')}`;

describe('scenario builder', () => {
  it('lays down every kind so it means what it says', () => {
    const { model, outcomes } = createScenarioChain(bitcoinRegtest, [
      { scriptPubKeyHex: script(1), kind: 'receive', value: 100_000 },
      { scriptPubKeyHex: script(2), kind: 'spent', value: 50_000 },
      { scriptPubKeyHex: script(3), kind: 'mempool', value: 30_000 },
      { scriptPubKeyHex: script(4), kind: 'mempool', value: 31_000 },
      { scriptPubKeyHex: script(5), kind: 'mempool-unconfirmed-parent', value: 5_000 },
      { scriptPubKeyHex: script(1), kind: 'receive', value: 7_000 },
    ]);
    const [receive, spent, mempoolA, mempoolB, unconfirmedParent, receiveAgain] = outcomes;

    expect(model.placement(receive!.funding.txid)!.confirmed).toBe(true);
    expect(model.outputsOf(script(1)).map((o) => [o.value, o.spentBy])).toEqual([[100_000, undefined], [7_000, undefined]]);
    expect(receiveAgain!.funding.txid).not.toBe(receive!.funding.txid);

    const spentOutputs = model.outputsOf(script(2));
    expect(spentOutputs).toHaveLength(1);
    expect(spentOutputs[0]!.spentBy!.txid).toBe(spent!.spendingTxid);
    expect(spentOutputs[0]!.spentBy!.placement.confirmed).toBe(true);
    expect(model.history(script(2)).map((h) => h.txid)).toEqual([spent!.funding.txid, spent!.spendingTxid]);
    expect(model.tx(spent!.spendingTxid!)!.fee).toBe(SPEND_FEE);

    for (const outcome of [mempoolA!, mempoolB!]) {
      expect(model.placement(outcome.funding.txid)!.confirmed).toBe(false);
      expect(model.hasUnconfirmedParent(outcome.funding.txid)).toBe(false);
    }
    expect(model.placement(unconfirmedParent!.funding.txid)!.confirmed).toBe(false);
    expect(model.hasUnconfirmedParent(unconfirmedParent!.funding.txid)).toBe(true);
    expect(model.output(unconfirmedParent!.funding)).toEqual({ scriptPubKey: script(5), value: 5_000 });
  });

  it('refuses a spent payment too small to pay its spend fee', () => {
    expect(() => createScenarioChain(bitcoinRegtest, [{ scriptPubKeyHex: script(1), kind: 'spent', value: SPEND_FEE }])).toThrow(
      InputError,
    );
  });
});
