/**
 * A JSON-RPC 2.0 server over HTTP POST on 127.0.0.1 (port chosen by the OS), with batches and
 * notifications, shaped like the jsonrpc-core / jsonrpsee servers behind Solana nodes and DAS indexers.
 * Handlers run synchronously against in-process state (litesvm is synchronous), so no locking is needed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toJsonText } from './json-text.js';

export class JsonRpcError extends Error {
  override name = 'JsonRpcError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export const INVALID_PARAMS = -32602;

export type JsonRpcHandler = (params: unknown) => unknown;

export interface JsonRpcServerOptions {
  readonly methods: Readonly<Record<string, JsonRpcHandler>>;
  /** Plain-text GET routes, e.g. agave's `GET /health` → `ok`. */
  readonly getRoutes?: Readonly<Record<string, () => string>>;
  /** agave caps request bodies at 50 KiB (`MAX_REQUEST_BODY_SIZE`). */
  readonly maxBodyBytes?: number;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

type JsonRpcId = string | number | null;

interface ErrorBody {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

const PARSE_ERROR: ErrorBody = Object.freeze({ code: -32700, message: 'Parse error' });
const INVALID_REQUEST: ErrorBody = Object.freeze({ code: -32600, message: 'Invalid request' });
const METHOD_NOT_FOUND: ErrorBody = Object.freeze({ code: -32601, message: 'Method not found' });
const INTERNAL_ERROR: ErrorBody = Object.freeze({ code: -32603, message: 'Internal error' });

function errorResponse(id: JsonRpcId, error: ErrorBody): object {
  return { jsonrpc: '2.0', error, id };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validId(value: unknown): value is JsonRpcId {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
}

function errorBodyOf(err: unknown): ErrorBody {
  if (err instanceof JsonRpcError)
    return err.data === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, data: err.data };
  // A bug in a handler: answer like a node's internal error, but keep the cause visible to the test author.
  return { ...INTERNAL_ERROR, data: err instanceof Error ? err.message : String(err) };
}

/** One request object → its response, or undefined for a notification (no `id` member). */
function handleOne(request: unknown, methods: JsonRpcServerOptions['methods']): object | undefined {
  if (!isRecord(request)) return errorResponse(null, INVALID_REQUEST);
  const hasId = Object.hasOwn(request, 'id');
  const id = hasId && validId(request.id) ? request.id : null;
  if (request.jsonrpc !== '2.0' || typeof request.method !== 'string' || (hasId && !validId(request.id)))
    return errorResponse(id, INVALID_REQUEST);
  const handler = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
  let response: object;
  if (handler === undefined) {
    response = errorResponse(id, METHOD_NOT_FOUND);
  } else {
    try {
      response = { jsonrpc: '2.0', result: handler(request.params), id };
    } catch (err) {
      response = errorResponse(id, errorBodyOf(err));
    }
  }
  return hasId ? response : undefined;
}

function handleBody(text: string, methods: JsonRpcServerOptions['methods']): object | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return errorResponse(null, PARSE_ERROR);
  }
  if (!Array.isArray(payload)) return handleOne(payload, methods);
  if (payload.length === 0) return errorResponse(null, INVALID_REQUEST);
  const responses = payload.map((request) => handleOne(request, methods)).filter((r) => r !== undefined);
  return responses.length === 0 ? undefined : responses;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startJsonRpcHttpServer(options: JsonRpcServerOptions): Promise<RunningServer> {
  const limit = options.maxBodyBytes ?? 50 * 1024;
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.method === 'GET' && options.getRoutes && Object.hasOwn(options.getRoutes, path)) {
        const route = options.getRoutes[path];
        if (route) return send(res, 200, 'text/plain; charset=utf-8', route());
      }
      if (req.method !== 'POST')
        return send(res, 405, 'text/plain', 'Used HTTP Method is not allowed. POST or OPTIONS is required');
      const contentType = req.headers['content-type'];
      if (contentType !== undefined && !contentType.toLowerCase().startsWith('application/json'))
        return send(res, 415, 'text/plain', 'Supplied content type is not allowed. Content-Type: application/json is required');
      const text = await readBody(req, limit);
      if (text === undefined) return send(res, 413, 'text/plain', 'Payload Too Large');
      const result = handleBody(text, options.methods);
      if (result === undefined) return send(res, 200, 'application/json', '');
      send(res, 200, 'application/json; charset=utf-8', toJsonText(result));
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal Server Error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
