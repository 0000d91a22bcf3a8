import { EsploraShapeError, parseTxids } from './stats.js';

/** electrs rest.rs: 25 confirmed transactions per `/txs/chain` page; `/txs/mempool` gives at most 50, unpaged. */
export const ESPLORA_CHAIN_PAGE = 25;
export const ESPLORA_MEMPOOL_MAX = 50;

/** GETs a path below the script's base (`/scripthash/:h` or `/address/:a`), e.g. `/txs/chain`, and parses JSON. */
export type ScriptGet = (suffix: string) => Promise<unknown>;

/**
 * Every confirmed txid of a script, newest first: `/txs/chain`, then `/txs/chain/:last_seen_txid` until a page
 * holds fewer than 25. A server that ignores the cursor (a repeated txid) is refused rather than looped on.
 */
export async function pageChainTxids(get: ScriptGet): Promise<string[]> {
  const txids: string[] = [];
  const seen = new Set<string>();
  let lastSeen: string | undefined;
  for (;;) {
    const page = parseTxids(await get(lastSeen === undefined ? '/txs/chain' : `/txs/chain/${lastSeen}`));
    for (const txid of page) {
      if (seen.has(txid)) throw new EsploraShapeError(`paging after ${lastSeen ?? 'the first page'} repeated transaction ${txid}`);
      seen.add(txid);
      txids.push(txid);
    }
    if (page.length < ESPLORA_CHAIN_PAGE) return txids;
    lastSeen = page[page.length - 1];
  }
}

/** Unconfirmed txids of a script, newest first; Esplora caps the list at 50 and offers no paging. */
export async function mempoolTxids(get: ScriptGet): Promise<string[]> {
  return parseTxids(await get('/txs/mempool'));
}
