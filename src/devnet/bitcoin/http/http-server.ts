import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One HTTP answer: status, content type, body, extra headers. */
export interface HttpReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpServerHandle {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

export type HttpHandler = (request: { method: string; url: URL; body: string }) => HttpReply;

/** Serves `handler` on 127.0.0.1 with an OS-chosen port; `close()` ends open keep-alive connections too. */
export async function startHttpServer(handler: HttpHandler, onError: (error: unknown) => HttpReply): Promise<HttpServerHandle> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let reply: HttpReply;
      try {
        reply = handler({
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', 'http://127.0.0.1'),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      } catch (error) {
        reply = onError(error);
      }
      res.writeHead(reply.status, { 'Content-Type': reply.contentType, ...reply.headers });
      res.end(reply.body);
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
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Splits a URL path into its decoded segments: `/address/x/txs` → ['address', 'x', 'txs']. */
export function pathSegments(url: URL): string[] {
  return url.pathname.split('/').slice(1).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}
