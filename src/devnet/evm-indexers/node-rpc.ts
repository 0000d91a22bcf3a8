import { RestoreScanError } from '../../errors.js';

/** A tiny JSON-RPC batch client for reading a local node (the indexer servers' only data source). */

interface RpcReply {
  id?: unknown;
  result?: unknown;
  error?: { code?: number; message?: string };
}

/** Sends `calls` as one batch; results in call order; any error entry rejects. */
export async function nodeBatch(url: string, calls: readonly { method: string; params: readonly unknown[] }[]): Promise<unknown[]> {
  if (calls.length === 0) return [];
  const body = calls.map((call, id) => ({ jsonrpc: '2.0', id, method: call.method, params: call.params }));
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let replies: unknown;
  try {
    replies = JSON.parse(text);
  } catch (cause) {
    throw new RestoreScanError('PROTOCOL', `node ${url} answered non-JSON`, { details: text.slice(0, 200), cause });
  }
  if (!Array.isArray(replies)) throw new RestoreScanError('PROTOCOL', `node ${url} answered a batch with a non-array`);
  const byId = new Map<unknown, RpcReply>((replies as RpcReply[]).map((r) => [r.id, r]));
  return calls.map((call, id) => {
    const reply = byId.get(id);
    if (reply === undefined) throw new RestoreScanError('PROTOCOL', `node ${url}: no answer to ${call.method}`);
    if (reply.error) throw new RestoreScanError('PROTOCOL', `node ${url}: ${call.method} failed: ${reply.error.message ?? 'error'}`);
    return reply.result;
  });
}

export async function nodeCall(url: string, method: string, params: readonly unknown[] = []): Promise<unknown> {
  const [result] = await nodeBatch(url, [{ method, params }]);
  return result;
}

/** eth_call that reports a revert as undefined (view calls on arbitrary contracts). */
export async function tryEthCall(url: string, to: string, data: string): Promise<string | undefined> {
  const body = { jsonrpc: '2.0', id: 1, method: 'eth_call', params: [{ to, data }, 'latest'] };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const reply = (await response.json()) as RpcReply;
  if (reply.error) return undefined;
  return typeof reply.result === 'string' && reply.result !== '0x' ? reply.result : undefined;
}
