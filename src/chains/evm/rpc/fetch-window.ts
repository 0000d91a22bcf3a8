import type { JsonRpcCall, JsonRpcSettled } from '../../../net/index.js';
import { quantity, toQuantity } from '../hex.js';
import { parseRpcLog, type RpcLog } from '../transfer-logs.js';
import type { EvmRpcContext } from './context.js';
import type { TopicFilter } from './log-filters.js';
import { protocolError } from './protocol-error.js';
import { initialSpans, isRangeRefusal, splitSpan, suggestedSpan, type BlockSpan } from './log-range.js';

export interface FetchWindowParameters {
  /** Calls sent along with the first round of log queries (nonces, balances…). */
  calls: readonly JsonRpcCall[];
  /** Log filters, each scanned over [logsFromBlock, head]. */
  filters: readonly TopicFilter[];
  signal?: AbortSignal;
}

export interface FetchWindowReturnType {
  /** One outcome per call, in order. */
  results: JsonRpcSettled[];
  /** Every matching log, once (deduplicated across filters), removed logs left out. */
  logs: RpcLog[];
  head: bigint;
}

interface LogTask {
  filter: TopicFilter;
  span: BlockSpan;
}

const BLOCK_NUMBER_CALL: JsonRpcCall = Object.freeze({ method: 'eth_blockNumber' });

const getLogsCall = (task: LogTask): JsonRpcCall => ({
  method: 'eth_getLogs',
  params: [
    {
      fromBlock: toQuantity(task.span.from),
      toBlock: task.span.to === 'latest' ? 'latest' : toQuantity(task.span.to),
      topics: task.filter,
    },
  ],
});

/**
 * eth_blockNumber + `calls` + eth_getLogs for every filter in ONE JSON-RPC batch; log queries the provider refuses
 * as too large are split (to the span its message names, else in halves) and asked again in the next batch, and the
 * accepted span is remembered for the endpoint, so later windows cut their range up front.
 */
export async function fetchWindow(ctx: EvmRpcContext, parameters: FetchWindowParameters): Promise<FetchWindowReturnType> {
  const { calls, filters, signal } = parameters;
  const { state } = ctx;
  let tasks: LogTask[] = filters.flatMap((filter) =>
    initialSpans(ctx.logsFromBlock, state.head, state.maxLogSpan).map((span) => ({ filter, span })),
  );

  const batch: JsonRpcCall[] = [BLOCK_NUMBER_CALL];
  for (const call of calls) batch.push(call);
  for (const task of tasks) batch.push(getLogsCall(task));
  const first = await ctx.rpc.batchSettled(batch, { signal });
  const headOutcome = first[0] as JsonRpcSettled;
  if (!headOutcome.ok) throw headOutcome.error;
  const head = quantity(headOutcome.result, 'eth_blockNumber');
  if (state.head === undefined || head > state.head) state.head = head;
  const results = first.slice(1, 1 + calls.length);

  const seen = new Set<string>();
  const logs: RpcLog[] = [];
  // The outcome of tasks[i] is outcomes[firstTask + i]: in the first round the log queries follow the calls.
  let outcomes = first;
  let firstTask = 1 + calls.length;
  for (;;) {
    const retry: LogTask[] = [];
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i] as LogTask;
      const outcome = outcomes[firstTask + i] as JsonRpcSettled;
      if (outcome.ok) {
        if (!Array.isArray(outcome.result))
          throw protocolError(ctx, 'eth_getLogs answered something else than a list', outcome.result);
        for (const entry of outcome.result) {
          const log = parseRpcLog(entry);
          if (log === undefined) continue;
          const key = `${log.transactionHash.toLowerCase()}:${log.logIndex}`;
          if (!seen.has(key)) {
            seen.add(key);
            logs.push(log);
          }
        }
        continue;
      }
      const { error } = outcome;
      if (!isRangeRefusal(error)) throw error;
      const to = task.span.to === 'latest' ? head : task.span.to;
      const size = to - task.span.from + 1n;
      if (size <= 0n) continue; // nothing left to scan (the range starts above the head)
      if (size === 1n) throw error; // a single block over the provider's result limit: nothing smaller to ask
      const hinted = suggestedSpan(error);
      const span = hinted !== undefined && hinted < size ? hinted : (size + 1n) / 2n;
      if (state.maxLogSpan === undefined || span < state.maxLogSpan) state.maxLogSpan = span;
      for (const part of splitSpan(task.span.from, to, span)) retry.push({ filter: task.filter, span: part });
    }
    if (retry.length === 0) break;
    tasks = retry;
    outcomes = await ctx.rpc.batchSettled(tasks.map(getLogsCall), { signal });
    firstTask = 0;
  }
  return { results, logs, head };
}
