/** JSON-RPC 2.0 wire shapes and their narrowing from `unknown` (the JSON boundary). */

export type JsonRpcId = number | string;

export interface JsonRpcCall {
  readonly method: string;
  /** Positional (array) or named (object) parameters. */
  readonly params?: readonly unknown[] | Readonly<Record<string, unknown>>;
}

export interface JsonRpcRequestMessage {
  jsonrpc: '2.0';
  id: JsonRpcId;
  method: string;
  params?: JsonRpcCall['params'];
}

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export type JsonRpcResponseMessage =
  | { id: JsonRpcId | null; ok: true; result: unknown }
  | { id: JsonRpcId | null; ok: false; error: JsonRpcErrorObject };

export interface JsonRpcNotification {
  method: string;
  params: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requestMessage(id: JsonRpcId, call: JsonRpcCall): JsonRpcRequestMessage {
  return call.params === undefined
    ? { jsonrpc: '2.0', id, method: call.method }
    : { jsonrpc: '2.0', id, method: call.method, params: call.params };
}

/** `JSON.stringify(requestMessage(id, call))`, without the intermediate object. */
export function requestJson(id: JsonRpcId, call: JsonRpcCall): string {
  const head = `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"method":${JSON.stringify(call.method)}`;
  return call.params === undefined ? `${head}}` : `${head},"params":${JSON.stringify(call.params)}}`;
}

function narrowError(error: unknown): JsonRpcErrorObject {
  // Some Electrum servers send a bare string; keep its text.
  if (typeof error === 'string') return { code: 0, message: error };
  if (isRecord(error)) {
    const code = typeof error.code === 'number' ? error.code : 0;
    const message = typeof error.message === 'string' ? error.message : JSON.stringify(error);
    return 'data' in error ? { code, message, data: error.data } : { code, message };
  }
  return { code: 0, message: JSON.stringify(error) };
}

/** A response object (`result` or `error` with an `id`, possibly null); undefined for anything else. */
export function parseResponseMessage(value: unknown): JsonRpcResponseMessage | undefined {
  if (!isRecord(value) || !('id' in value)) return undefined;
  const id = value.id;
  if (typeof id !== 'number' && typeof id !== 'string' && id !== null) return undefined;
  if ('error' in value && value.error !== undefined && value.error !== null) {
    return { id, ok: false, error: narrowError(value.error) };
  }
  if ('result' in value) return { id, ok: true, result: value.result };
  return undefined;
}

/** A server-initiated message: `method` and no `id` (Electrum subscriptions). */
export function parseNotification(value: unknown): JsonRpcNotification | undefined {
  if (!isRecord(value) || typeof value.method !== 'string') return undefined;
  if ('id' in value && value.id !== null && value.id !== undefined) return undefined;
  return { method: value.method, params: value.params };
}
