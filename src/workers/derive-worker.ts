/**
 * Worker-thread entry of the derive pool (piscina): runs deriveMany and transfers the payload buffers back
 * instead of copying them.
 */
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { deriveMany, type DeriveResult, type DeriveTask } from './derive-task.js';

/**
 * Several small tasks in one message and shared batches (the pool's `deriveMany`).
 *
 * The work starts in a macrotask of its own. piscina runs the tasks a worker holds (two in flight, pool.ts) as
 * async calls, and posts an answer only when its call resumes from `await handler(task)`: with a synchronous
 * handler, the second task runs in the microtask right after the first, before that resume, so the first
 * answer waited for the second task's work too (measured: the scan's first windows, derived in two groups so
 * that the first could go out early, came back together ~7–10 ms late). Between macrotasks, the first call
 * resumes and posts its answer before the second task starts.
 */
export async function deriveManyInWorker(tasks: DeriveTask[]): Promise<DeriveResult[]> {
  await nextMacrotask();
  const results = deriveMany(tasks);
  // piscina posts [valueSymbol] with [transferableSymbol] in the transfer list.
  const transfer = { [transferableSymbol]: results.map((r) => r.payloads.buffer), [valueSymbol]: results };
  return move(transfer) as unknown as DeriveResult[];
}
