import type { SourceCallOptions } from '../../source.js';
import { isRecord } from '../json.js';
import { callApi } from './call-api.js';
import type { EtherscanContext } from './context.js';
import { etherscanProtocolError } from './protocol-error.js';

/** Account history lists: normal transactions and the three token-transfer kinds. */
export type RecordAction = 'txlist' | 'tokentx' | 'tokennfttx' | 'token1155tx';

/** Every number in a record is a decimal string (research A4); the clients narrow the fields they read. */
export type EtherscanRecord = Readonly<Record<string, unknown>>;

/** Etherscan serves at most page × offset ≤ 10,000 records per query window (the default of `resultWindow`). */
export const RESULT_WINDOW = 10_000;

export interface ListRecordsParameters {
  action: RecordAction;
  address: string;
  /** Stop after this many records (activity needs one); default: the whole history. */
  limit?: number;
  signal?: AbortSignal;
}

/** A record's identity: every field but `confirmations`, which grows while we page. */
function recordKey(record: EtherscanRecord): string {
  const { confirmations: _ignored, ...rest } = record;
  return JSON.stringify(rest);
}

/**
 * An address's history, oldest first, paged with page & offset. Past the 10,000-record window the query restarts
 * at the last block seen (startblock), skipping the records of that block already read (counted, so identical
 * transfers within one transaction stay distinct).
 */
export async function listRecords(ctx: EtherscanContext, parameters: ListRecordsParameters): Promise<EtherscanRecord[]> {
  const { action, address, limit } = parameters;
  const options: SourceCallOptions = { signal: parameters.signal };
  const offset = Math.min(limit !== undefined ? Math.max(1, Math.min(limit, ctx.pageSize)) : ctx.pageSize, ctx.resultWindow);
  const out: EtherscanRecord[] = [];
  let skip = new Map<string, number>();
  let startblock = 0;
  for (let page = 1; ; page++) {
    if (page * offset > ctx.resultWindow) {
      const block = Number(out[out.length - 1]?.blockNumber);
      if (!Number.isSafeInteger(block) || block <= startblock)
        throw etherscanProtocolError(ctx, `${action} of ${address}: more than ${ctx.resultWindow} records in one block`);
      startblock = block;
      page = 1;
      skip = new Map();
      for (const record of out) {
        if (Number(record.blockNumber) !== block) continue;
        const key = recordKey(record);
        skip.set(key, (skip.get(key) ?? 0) + 1);
      }
    }
    const result = await callApi(
      ctx,
      { module: 'account', action, address, startblock, page, offset, sort: 'asc' },
      options,
    );
    if (!Array.isArray(result)) throw etherscanProtocolError(ctx, `${action}: result is not a list`, result);
    for (const record of result) {
      if (!isRecord(record)) throw etherscanProtocolError(ctx, `${action}: a record is not an object`, record);
      const key = recordKey(record);
      const pending = skip.get(key) ?? 0;
      if (pending > 0) {
        skip.set(key, pending - 1);
        continue;
      }
      out.push(record);
      if (limit !== undefined && out.length >= limit) return out;
    }
    if (result.length < offset) return out;
  }
}
