import type { QueryValue } from '../../../net/index.js';
import { isRecord } from '../json.js';
import type { BlockscoutContext } from './context.js';
import { getJson, NOT_FOUND } from './get-json.js';
import { blockscoutProtocolError } from './protocol-error.js';

/** A runaway cursor (an instance echoing the same page) must end, not loop: far above any real wallet. */
const MAX_PAGES = 1000;

export interface CollectPagesParameters<T> {
  path: string;
  query: Readonly<Record<string, QueryValue>>;
  /** Narrows one item; undefined skips it (types the client does not handle). */
  item: (value: unknown) => T | undefined;
  signal?: AbortSignal;
}

/** `next_page_params` as query parameters: passed back verbatim (research A4), nulls left out. */
function pageQuery(next: Record<string, unknown>): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value === null || value === undefined) continue;
    query[key] = typeof value === 'object' ? JSON.stringify(value) : (value as QueryValue);
  }
  return query;
}

/** Every page of a Blockscout v2 list (`{items, next_page_params}`), following next_page_params until null. */
export async function collectPages<T>(ctx: BlockscoutContext, parameters: CollectPagesParameters<T>): Promise<T[]> {
  const out: T[] = [];
  const cursors = new Set<string>();
  let next: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const json = await getJson(ctx, parameters.path, { ...parameters.query, ...(next && pageQuery(next)) }, parameters.signal);
    // A list of an address the instance does not know: nothing listed.
    if (json === NOT_FOUND) return out;
    if (!isRecord(json) || !Array.isArray(json.items))
      throw blockscoutProtocolError(ctx, `${parameters.path}: the answer has no items list`, json);
    for (const value of json.items) {
      const item = parameters.item(value);
      if (item !== undefined) out.push(item);
    }
    const cursor = json.next_page_params;
    if (cursor === null || cursor === undefined) return out;
    if (!isRecord(cursor)) throw blockscoutProtocolError(ctx, `${parameters.path}: next_page_params is not an object`, cursor);
    const key = JSON.stringify(cursor);
    if (cursors.has(key)) throw blockscoutProtocolError(ctx, `${parameters.path}: next_page_params repeats`, cursor);
    cursors.add(key);
    next = cursor;
  }
  throw blockscoutProtocolError(ctx, `${parameters.path}: more than ${MAX_PAGES} pages`);
}
