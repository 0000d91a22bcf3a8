import type { ChainModel } from '../chain-model.js';
import type { JsonValue } from '../wire/json-text.js';

/**
 * electrs `ScriptStats` for the chain and for the mempool. Keys in alphabetical order: electrs builds the
 * reply with `json!` into a sorted map. A confirmed output spent in the mempool counts in mempool_stats.
 */
export function scriptStats(model: ChainModel, script: string | undefined): { chain: JsonValue; mempool: JsonValue } {
  const chain = { funded_txo_count: 0, funded_txo_sum: 0, spent_txo_count: 0, spent_txo_sum: 0, tx_count: 0 };
  const mempool = { ...chain };
  if (script !== undefined) {
    for (const output of model.outputsOf(script)) {
      const funded = output.placement.confirmed ? chain : mempool;
      funded.funded_txo_count++;
      funded.funded_txo_sum += output.value;
      if (output.spentBy !== undefined) {
        const spent = output.spentBy.placement.confirmed ? chain : mempool;
        spent.spent_txo_count++;
        spent.spent_txo_sum += output.value;
      }
    }
    for (const { placement } of model.history(script)) (placement.confirmed ? chain : mempool).tx_count++;
  }
  return { chain, mempool };
}
