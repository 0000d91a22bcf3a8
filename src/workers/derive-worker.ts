/**
 * Worker-thread entry of the derive pool (piscina): runs deriveBatch and transfers the payload buffer
 * back instead of copying it.
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { deriveBatch, type DeriveResult, type DeriveTask } from './derive-task.js';

export default function deriveInWorker(task: DeriveTask): DeriveResult {
  const result = deriveBatch(task);
  // piscina posts [valueSymbol] with [transferableSymbol] in the transfer list.
  const transfer = { [transferableSymbol]: result.payloads.buffer, [valueSymbol]: result };
  return move(transfer) as unknown as DeriveResult;
}
