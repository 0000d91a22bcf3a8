/**
 * Worker-thread entry of the derive pool (piscina): runs deriveBatch and transfers the payload buffer
 * back instead of copying it.
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { deriveBatch, deriveMany, type DeriveResult, type DeriveTask } from './derive-task.js';

export default function deriveInWorker(task: DeriveTask): DeriveResult {
  const result = deriveBatch(task);
  // piscina posts [valueSymbol] with [transferableSymbol] in the transfer list.
  const transfer = { [transferableSymbol]: result.payloads.buffer, [valueSymbol]: result };
  return move(transfer) as unknown as DeriveResult;
}

/** Several small tasks in one message and shared batches (the pool's `deriveMany`); buffers transferred back. */
export function deriveManyInWorker(tasks: DeriveTask[]): DeriveResult[] {
  const results = deriveMany(tasks);
  const transfer = { [transferableSymbol]: results.map((r) => r.payloads.buffer), [valueSymbol]: results };
  return move(transfer) as unknown as DeriveResult[];
}
