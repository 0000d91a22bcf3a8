import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A minimal JSON HTTP server on 127.0.0.1:0 for the local indexers, with a request log. */

export interface JsonRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  body: string;
}

export interface JsonReply {
  status: number;
  body: unknown;
}

export interface LoggedRequest {
  method: string;
  url: string;
  status: number;
}

export interface LocalServer {
  readonly url: string;
  readonly port: number;
  /** Every request answered, in arrival order. */
  readonly log: LoggedRequest[];
  close(): Promise<void>;
}

export async function startJsonServer(handle: (request: JsonRequest) => Promise<JsonReply>): Promise<LocalServer> {
  const log: LoggedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const request: JsonRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      handle(request)
        .catch((err: unknown): JsonReply => ({ status: 500, body: { message: err instanceof Error ? err.message : String(err) } }))
        .then((reply) => {
          log.push({ method: request.method, url: req.url ?? '', status: reply.status });
          const text = JSON.stringify(reply.body);
          res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
          res.end(text);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
