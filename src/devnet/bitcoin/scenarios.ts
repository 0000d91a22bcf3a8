import { InputError } from '../../errors.js';
import { ChainModel, type OutPoint } from './chain-model.js';
import type { ServerNetwork } from './chain/networks.js';

/**
 * What happens to one script:
 * - `receive`: one confirmed payment, left unspent;
 * - `spent`: one confirmed payment, then spent (confirmed) back to the faucet: history, zero balance;
 * - `mempool`: one unconfirmed payment whose inputs are all confirmed (Electrum height 0);
 * - `mempool-unconfirmed-parent`: one unconfirmed payment spending an unconfirmed output (Electrum height -1).
 */
export type ScenarioKind = 'receive' | 'spent' | 'mempool' | 'mempool-unconfirmed-parent';

export interface ScenarioEntry {
  readonly scriptPubKeyHex: string;
  readonly kind: ScenarioKind;
  /** Amount paid to the script, in base units. */
  readonly value: number;
}

export interface ScenarioOutcome extends ScenarioEntry {
  /** The payment to the script (output `vout` of `txid`). */
  readonly funding: OutPoint;
  /** For `spent`: the transaction that spent the payment. */
  readonly spendingTxid?: string;
}

/** Fee of the transaction that spends a `spent` entry's coin, in base units. */
export const SPEND_FEE = 1_000;
/** Headroom on the faucet coins prepared for mempool payments (their fee and change come out of it). */
const COIN_HEADROOM = 10_000;

/**
 * Lays `entries` down on `model`, in this order so every kind means what it says:
 * 1. all `receive` and `spent` payments, mined in one block;
 * 2. the spends of the `spent` payments, plus one faucet transaction preparing a confirmed coin for each
 *    `mempool` payment, mined in a second block;
 * 3. the `mempool` and `mempool-unconfirmed-parent` payments, left in the mempool.
 * Entries of the same script accumulate (a script can receive several times).
 */
export function applyScenario(model: ChainModel, entries: readonly ScenarioEntry[]): ScenarioOutcome[] {
  entries.forEach((entry, i) => {
    if (entry.kind === 'spent' && entry.value <= SPEND_FEE) {
      throw new InputError(`scenario entry ${i}`, `a spent payment must exceed the spend fee of ${SPEND_FEE}`);
    }
  });
  const funding = new Map<number, OutPoint>();
  const spending = new Map<number, string>();

  entries.forEach((entry, i) => {
    if (entry.kind === 'receive' || entry.kind === 'spent') funding.set(i, model.fund(entry.scriptPubKeyHex, entry.value));
  });
  if (funding.size > 0) model.mine();

  entries.forEach((entry, i) => {
    if (entry.kind !== 'spent') return;
    const coin = funding.get(i)!;
    spending.set(i, model.spend([coin], [{ scriptPubKey: model.faucetScript, value: entry.value - SPEND_FEE }]));
  });
  const mempoolIndexes = entries.flatMap((entry, i) => (entry.kind === 'mempool' ? [i] : []));
  const prepared = prepareFaucetCoins(model, mempoolIndexes.map((i) => entries[i]!.value + COIN_HEADROOM));
  if (spending.size > 0 || prepared.length > 0) model.mine();

  mempoolIndexes.forEach((i, n) => funding.set(i, model.fund(entries[i]!.scriptPubKeyHex, entries[i]!.value, { coin: prepared[n]! })));
  entries.forEach((entry, i) => {
    if (entry.kind === 'mempool-unconfirmed-parent') {
      funding.set(i, model.fund(entry.scriptPubKeyHex, entry.value, { unconfirmedParent: true }));
    }
  });

  return entries.map((entry, i) => ({
    ...entry,
    funding: funding.get(i)!,
    ...(spending.has(i) ? { spendingTxid: spending.get(i)! } : {}),
  }));
}

/** A fresh chain model on `network` with `entries` applied. */
export function createScenarioChain(network: ServerNetwork, entries: readonly ScenarioEntry[]): {
  model: ChainModel;
  outcomes: ScenarioOutcome[];
} {
  const model = new ChainModel({ network });
  return { model, outcomes: applyScenario(model, entries) };
}

/** One faucet transaction with an output of each value back to the faucet; returns those outputs. */
function prepareFaucetCoins(model: ChainModel, values: readonly number[]): OutPoint[] {
  if (values.length === 0) return [];
  const needed = values.reduce((a, b) => a + b, 0) + COIN_HEADROOM;
  const coins: OutPoint[] = [];
  let total = 0;
  for (const coin of model.faucetCoins()) {
    if (total >= needed) break;
    coins.push(coin.outpoint);
    total += coin.value;
  }
  if (total < needed) throw new InputError('scenario', `needs ${needed} from the faucet, which holds ${total}`);
  const outputs = [...values, total - needed + COIN_HEADROOM - SPEND_FEE].map((value) => ({ scriptPubKey: model.faucetScript, value }));
  const txid = model.spend(coins, outputs);
  return values.map((_, vout) => ({ txid, vout }));
}
