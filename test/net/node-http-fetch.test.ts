import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport } from '../../src/net/http.js';
import { nodeHttpFetch } from '../../src/net/node-http-fetch.js';
import { TEST_TLS_CERT, TEST_TLS_KEY } from './fixtures/test-tls.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Which accepted connection carried the request (1-based). */
  connection: number;
}

interface Server {
  url: string;
  seen: Seen[];
  connections: () => number;
  /** Resolves when the server side of a request's socket closes (for requests left unanswered). */
  closedUnanswered: () => Promise<void>;
  close(): Promise<void>;
}

const JSON_BODY = JSON.stringify({ jsonrpc: '2.0', id: 1, result: ['é', 'ü', '✓'] });

type Route = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen, other: string) => void;

/** Answers per path; `other` is the base URL of the second server (for cross-origin redirects). */
/** A redirect to `location` (relative to this server unless absolute), with an optional body. */
const redirect = (status: number, location: string, body?: string): Route => (_req, res) => {
  res.writeHead(status, { location });
  res.end(body);
};

/** A 200 answer whose body is `body`, sent with this Content-Encoding. */
const encoded = (coding: string, body: Buffer): Route => (_req, res) => {
  res.writeHead(200, { 'content-encoding': coding });
  res.end(body);
};

const ROUTES: Readonly<Record<string, Route>> = Object.freeze({
  '/plain': (_req, res) => {
    res.writeHead(201, 'Made It', { 'content-type': 'text/plain', 'x-multi': ['a', 'b'], 'set-cookie': ['k=1', 'l=2'] });
    res.end('plain words');
  },
  '/echo': (_req, res, seen) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(seen));
  },
  '/json': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON_BODY);
  },
  '/gzip': encoded('gzip', zlib.gzipSync(JSON_BODY)),
  '/deflate': encoded('deflate', zlib.deflateSync(JSON_BODY)),
  '/deflate-raw': encoded('deflate', zlib.deflateRawSync(JSON_BODY)),
  '/br': encoded('br', zlib.brotliCompressSync(JSON_BODY)),
  '/gzip-then-br': encoded('gzip, br', zlib.brotliCompressSync(zlib.gzipSync(JSON_BODY))),
  '/unknown-coding': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'zz-custom' });
    res.end('as sent');
  },
  '/bom': (_req, res) => res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"bom":true}')])),
  '/empty': (_req, res) => {
    res.writeHead(204);
    res.end();
  },
  '/hang': () => undefined,
  '/cut': (req, res) => {
    res.writeHead(200, { 'content-length': '100' });
    res.write('only part');
    setTimeout(() => req.socket.destroy(), 10);
  },
  '/hang-up': (req) => req.socket.destroy(),
  '/302': redirect(302, '/echo', 'moved'),
  '/307': redirect(307, '/echo?kept=1'),
  '/303': redirect(303, '/echo'),
  '/away': (_req, res, _seen, other) => {
    res.writeHead(301, { location: `${other}/echo` });
    res.end();
  },
  '/loop': redirect(302, '/loop'),
  '/to-ftp': redirect(302, 'ftp://127.0.0.1/x'),
});

async function startServer(other: () => string): Promise<Server> {
  const seen: Seen[] = [];
  let connections = 0;
  const unanswered: Promise<void>[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const hit: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        connection: (req.socket as unknown as { n: number }).n,
      };
      seen.push(hit);
      const path = new URL(hit.url, 'http://x').pathname;
      if (path === '/hang') unanswered.push(new Promise((resolve) => req.socket.once('close', () => resolve())));
      (ROUTES[path] ?? ((_q, r) => (r.writeHead(404), r.end())))(req, res, hit, other());
    });
  });
  server.on('connection', (socket) => Object.assign(socket, { n: ++connections }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    connections: () => connections,
    closedUnanswered: async () => void (await Promise.all(unanswered)),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'resolved', (err: unknown) => err);

describe('nodeHttpFetch', () => {
  let a: Server;
  let b: Server;
  beforeAll(async () => {
    a = await startServer(() => b.url);
    b = await startServer(() => a.url);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('answers status, status text, headers as a Headers instance and the text', async () => {
    const res = await nodeHttpFetch(`${a.url}/plain`);
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Made It');
    expect(res.ok).toBe(true);
    expect(res.url).toBe(`${a.url}/plain`);
    expect(res.redirected).toBe(false);
    expect(res.headers).toBeInstanceOf(Headers);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('x-multi')).toBe('a, b');
    expect(res.headers.getSetCookie()).toEqual(['k=1', 'l=2']);
    expect(await res.text()).toBe('plain words');
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
  });

  it('sends undici’s default headers, Accept-Encoding included, and a string body as text/plain', async () => {
    await (await nodeHttpFetch(`${a.url}/echo`, { method: 'post', body: 'hello' })).text();
    const hit = a.seen.at(-1);
    expect(hit?.method).toBe('POST');
    expect(hit?.body).toBe('hello');
    expect(hit?.headers).toMatchObject({
      accept: '*/*',
      'accept-encoding': 'gzip, deflate',
      'accept-language': '*',
      'sec-fetch-mode': 'cors',
      'user-agent': 'node',
      'content-type': 'text/plain;charset=UTF-8',
      'content-length': '5',
    });
    expect(hit?.headers['transfer-encoding']).toBeUndefined();
  });

  it('POSTs a JSON body with the caller’s headers (a Headers instance, like http.ts, or a plain object)', async () => {
    const body = JSON.stringify({ method: 'getBalance', params: ['✓'] });
    const fromHeaders = await nodeHttpFetch(`${a.url}/echo`, {
      method: 'POST',
      headers: new Headers({ accept: 'application/json', 'content-type': 'application/json', 'X-Key': 'k' }),
      body,
    });
    const seen = (await fromHeaders.json()) as Seen;
    expect(seen.body).toBe(body);
    expect(seen.headers).toMatchObject({
      accept: 'application/json',
      'content-type': 'application/json',
      'x-key': 'k',
      'content-length': String(Buffer.byteLength(body)),
    });
    const fromObject = await nodeHttpFetch(`${a.url}/echo`, { method: 'POST', headers: { 'X-Key': 'o' }, body: Buffer.from(body) });
    expect(((await fromObject.json()) as Seen).headers['x-key']).toBe('o');
  });

  it('decodes gzip, deflate (zlib and raw), brotli and stacked codings; leaves unknown codings as sent', async () => {
    for (const path of ['/gzip', '/deflate', '/deflate-raw', '/br', '/gzip-then-br']) {
      expect(await (await nodeHttpFetch(`${a.url}${path}`)).text(), path).toBe(JSON_BODY);
    }
    expect(await (await nodeHttpFetch(`${a.url}/unknown-coding`)).text()).toBe('as sent');
  });

  it('reads UTF-8 as fetch does (a leading BOM dropped) and gives null-body statuses no body', async () => {
    expect(await (await nodeHttpFetch(`${a.url}/bom`)).json()).toEqual({ bom: true });
    const empty = await nodeHttpFetch(`${a.url}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    expect(await empty.text()).toBe('');
  });

  it('rejects at once with the reason when the signal is already aborted, sending nothing', async () => {
    const before = a.seen.length;
    const controller = new AbortController();
    controller.abort();
    const err = await rejection(nodeHttpFetch(`${a.url}/json`, { signal: controller.signal }));
    expect(err).toBe(controller.signal.reason);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('AbortError');
    expect(a.seen.length).toBe(before);
  });

  it('aborts a request the server never answers: rejects with the reason and closes the connection', async () => {
    const controller = new AbortController();
    const pending = rejection(nodeHttpFetch(`${a.url}/hang`, { signal: controller.signal }));
    while (!a.seen.some((s) => s.url === '/hang')) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const err = await pending;
    expect(err).toBe(controller.signal.reason);
    expect((err as DOMException).name).toBe('AbortError');
    await a.closedUnanswered();

    const timedOut = await rejection(nodeHttpFetch(`${a.url}/hang`, { signal: AbortSignal.timeout(30) }));
    expect((timedOut as DOMException).name).toBe('TimeoutError');
  });

  it('rejects a refused connection with TypeError("fetch failed") and the socket error as cause', async () => {
    const closed = await startServer(() => a.url);
    await closed.close();
    const err = await rejection(nodeHttpFetch(`${closed.url}/json`));
    expect(err).toBeInstanceOf(TypeError);
    expect((err as TypeError).message).toBe('fetch failed');
    expect((err as TypeError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('rejects a hang-up as "fetch failed" and a body cut short as "terminated", both with causes', async () => {
    const hangUp = (await rejection(nodeHttpFetch(`${a.url}/hang-up`))) as TypeError;
    expect(hangUp).toBeInstanceOf(TypeError);
    expect(hangUp.message).toBe('fetch failed');
    expect(hangUp.cause).toMatchObject({ code: 'ECONNRESET' });
    const cut = (await rejection(nodeHttpFetch(`${a.url}/cut`))) as TypeError;
    expect(cut).toBeInstanceOf(TypeError);
    expect(cut.message).toBe('terminated');
    expect(cut.cause).toBeInstanceOf(Error);
  });

  it('keeps the connection alive: sequential requests share one socket', async () => {
    const server = await startServer(() => a.url);
    try {
      for (let i = 0; i < 5; i++) {
        await (await nodeHttpFetch(`${server.url}/echo`, { method: 'POST', body: String(i) })).text();
      }
      expect(server.seen.map((s) => s.body)).toEqual(['0', '1', '2', '3', '4']);
      expect(server.connections()).toBe(1);
      expect(new Set(server.seen.map((s) => s.connection))).toEqual(new Set([1]));
    } finally {
      await server.close();
    }
  });

  it('follows redirects like fetch: 302 after POST and 303 become GET, 307 keeps method and body', async () => {
    const after302 = await nodeHttpFetch(`${a.url}/302`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"x":1}',
    });
    expect(after302.redirected).toBe(true);
    expect(after302.url).toBe(`${a.url}/echo`);
    const seen302 = (await after302.json()) as Seen;
    expect(seen302).toMatchObject({ method: 'GET', body: '' });
    expect(seen302.headers['content-type']).toBeUndefined();

    const seen303 = (await (await nodeHttpFetch(`${a.url}/303`, { method: 'PUT', body: 'x' })).json()) as Seen;
    expect(seen303).toMatchObject({ method: 'GET', body: '' });

    const seen307 = (await (await nodeHttpFetch(`${a.url}/307`, { method: 'POST', body: 'kept' })).json()) as Seen;
    expect(seen307).toMatchObject({ method: 'POST', body: 'kept', url: '/echo?kept=1' });
  });

  it('drops Authorization on a cross-origin redirect; honours manual and error; bounds loops and schemes', async () => {
    const away = await nodeHttpFetch(`${a.url}/away`, { headers: { authorization: 'Basic c2VjcmV0', 'x-keep': '1' } });
    expect(away.url).toBe(`${b.url}/echo`);
    const seenAway = (await away.json()) as Seen;
    expect(seenAway.headers.authorization).toBeUndefined();
    expect(seenAway.headers['x-keep']).toBe('1');

    const manual = await nodeHttpFetch(`${a.url}/302`, { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe('/echo');
    expect(await manual.text()).toBe('moved');

    for (const [path, redirect, cause] of [
      ['/302', 'error', 'unexpected redirect'],
      ['/loop', 'follow', 'redirect count exceeded'],
      ['/to-ftp', 'follow', 'URL scheme must be a HTTP(S) scheme'],
    ] as const) {
      const err = (await rejection(nodeHttpFetch(`${a.url}${path}`, { redirect }))) as TypeError;
      expect(err).toBeInstanceOf(TypeError);
      expect((err.cause as Error).message).toBe(cause);
    }
    expect(a.seen.filter((s) => s.url === '/loop')).toHaveLength(21);
  });

  it('refuses URLs with credentials without echoing them, bodies on GET, and other schemes', async () => {
    const withCredentials = (await rejection(nodeHttpFetch(a.url.replace('http://', 'http://user:pw9@')))) as TypeError;
    expect(withCredentials).toBeInstanceOf(TypeError);
    expect(withCredentials.message).not.toMatch(/pw9|user/);
    await expect(nodeHttpFetch(`${a.url}/json`, { body: 'x' })).rejects.toThrow(/GET\/HEAD method cannot have body/);
    await expect(nodeHttpFetch('ftp://127.0.0.1/x')).rejects.toMatchObject({ message: 'fetch failed', cause: { message: 'unknown scheme' } });
  });

  it('answers what undici’s fetch answers for the same requests', async () => {
    const describeAnswer = async (f: typeof fetch, path: string, init?: RequestInit): Promise<unknown> => {
      try {
        const res = await f(`${a.url}${path}`, init);
        const text = await res.text();
        // The echo differs by header order (and undici's connection header): compare it without headers.
        const echoed = new URL(res.url).pathname === '/echo';
        const body = echoed ? { ...(JSON.parse(text) as Seen), headers: undefined, connection: undefined } : text;
        return { status: res.status, statusText: res.statusText, url: res.url, redirected: res.redirected, body, type: res.headers.get('content-type') };
      } catch (err) {
        return { error: (err as Error).name, message: (err as Error).message, cause: ((err as Error).cause as Error | undefined)?.message };
      }
    };
    // Signals are made per call: each implementation meets the abort in the same state.
    const cases: [string, (() => RequestInit)?][] = [
      ['/plain'],
      ['/json', () => ({ method: 'POST', body: '{}' })],
      ['/gzip'],
      ['/br'],
      ['/bom'],
      ['/302', () => ({ method: 'POST', body: 'x' })],
      ['/307', () => ({ method: 'POST', body: 'x' })],
      ['/302', () => ({ redirect: 'error' })],
      ['/hang', () => ({ signal: AbortSignal.abort() })],
      ['/hang', () => ({ signal: AbortSignal.timeout(20) })],
      ['/missing'],
    ];
    for (const [path, init] of cases) {
      expect(await describeAnswer(nodeHttpFetch, path, init?.()), path).toEqual(await describeAnswer(globalThis.fetch, path, init?.()));
    }
  });

  it('is http.ts’s default: httpTransport reads a compressed JSON answer through it', async () => {
    const t = httpTransport({ url: a.url });
    const res = await t.request({ path: '/gzip' });
    expect(res.json).toEqual(JSON.parse(JSON_BODY));
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(a.seen.at(-1)?.headers['user-agent']).toBe('node');
  });
});

/** Runs `script` in a fresh node process where `nodeHttpFetch` is in scope (the module transpiled as is). */
async function runWithFetch(dir: string, script: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const modulePath = join(dir, 'node-http-fetch.mjs');
  const source = `const { nodeHttpFetch } = await import(${JSON.stringify(modulePath)});\n${script}`;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', source], { timeout: 30_000, env: { ...process.env, ...env } }, (_err, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('nodeHttpFetch in a process of its own', () => {
  let dir: string;
  let server: Server;
  let tls: https.Server;
  let tlsUrl: string;
  let tlsConnections = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'node-http-fetch-'));
    const source = await readFile(fileURLToPath(new URL('../../src/net/node-http-fetch.ts', import.meta.url)), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    await writeFile(join(dir, 'node-http-fetch.mjs'), outputText);
    await writeFile(join(dir, 'ca.pem'), TEST_TLS_CERT);
    server = await startServer(() => server.url);
    tls = https.createServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, (req, res) => {
      req.resume();
      req.on('end', () => res.end(`tls ${req.method ?? ''} ${req.url ?? ''}`));
    });
    tls.on('secureConnection', () => tlsConnections++);
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await server.close();
    tls.closeAllConnections();
    await new Promise<void>((resolve) => tls.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the process exit with a pooled connection: idle sockets are not kept referenced', async () => {
    const { code, stdout } = await runWithFetch(
      dir,
      [
        `const res = await nodeHttpFetch(${JSON.stringify(`${server.url}/json`)});`,
        `console.log(JSON.stringify({ text: await res.text(), resources: process.getActiveResourcesInfo() }));`,
      ].join('\n'),
    );
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { text: string; resources: string[] };
    expect(printed.text).toBe(JSON_BODY);
    // The connection is still open on the server's side, yet the child holds no socket handle alive.
    expect(server.connections()).toBe(1);
    expect(printed.resources).not.toContain('TCPSocketWrap');
  });

  it('speaks HTTPS over one kept-alive TLS connection, and verifies the certificate', async () => {
    const script = [
      `const texts = [];`,
      `for (const path of ['/a', '/b', '/c']) texts.push(await (await nodeHttpFetch(${JSON.stringify(tlsUrl)} + path, { method: 'POST', body: 'x' })).text());`,
      `console.log(JSON.stringify(texts));`,
    ].join('\n');
    const trusted = await runWithFetch(dir, script, { NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') });
    expect(trusted.code).toBe(0);
    expect(JSON.parse(trusted.stdout)).toEqual(['tls POST /a', 'tls POST /b', 'tls POST /c']);
    expect(tlsConnections).toBe(1);

    // Without the test CA the self-signed certificate is refused, as a network error like undici's.
    const refused = await runWithFetch(
      dir,
      `await nodeHttpFetch(${JSON.stringify(tlsUrl)}).catch((e) => console.log(JSON.stringify({ name: e.name, message: e.message, code: e.cause?.code })));`,
    );
    expect(JSON.parse(refused.stdout)).toEqual({ name: 'TypeError', message: 'fetch failed', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });
});
