/**
 * An HTTP front for a local server that answers some requests itself (`intercept`) and forwards the rest:
 * a server without scripthash routes, 429s with text bodies, answers of other shapes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Intercepted {
  status: number;
  body: string;
  contentType?: string;
}

export interface HttpWrapper {
  readonly url: string;
  /** Paths requested, in arrival order. */
  readonly paths: string[];
  /** Their request headers, in the same order. */
  readonly headers: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function startHttpWrapper(target: string, intercept: (path: string) => Intercepted | undefined): Promise<HttpWrapper> {
  const paths: string[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    paths.push(path);
    headers.push(req.headers);
    const own = intercept(path);
    const answer = own
      ? Promise.resolve(own)
      : fetch(`${target}${path}`).then(async (r) => ({ status: r.status, body: await r.text(), contentType: r.headers.get('content-type') ?? undefined }));
    answer.then(
      ({ status, body, contentType }) => {
        res.writeHead(status, { 'content-type': contentType ?? 'text/plain' });
        res.end(body);
      },
      () => res.socket?.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
