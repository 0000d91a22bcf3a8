/** Plain-fetch JSON-RPC calls for the tests (no client library, so the wire format is what is checked). */

// The JSON boundary: replies are checked field by field in the tests.
export type Json = any;

export interface JsonRpcReply {
  readonly jsonrpc: '2.0';
  readonly id: number | string | null;
  readonly result?: Json;
  readonly error?: { readonly code: number; readonly message: string; readonly data?: Json };
}

export async function postText(url: string, body: string, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, text: await response.text() };
}

export async function call(url: string, method: string, params?: unknown, id: number | string = 1): Promise<JsonRpcReply> {
  const { text } = await postText(url, JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  return JSON.parse(text) as JsonRpcReply;
}

/** The result of a call that must succeed. */
export async function result(url: string, method: string, params?: unknown): Promise<Json> {
  const reply = await call(url, method, params);
  if (reply.error !== undefined) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

/** The error of a call that must fail. */
export async function rpcError(url: string, method: string, params?: unknown): Promise<NonNullable<JsonRpcReply['error']>> {
  const reply = await call(url, method, params);
  if (reply.error === undefined) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(reply.result)}`);
  return reply.error;
}
