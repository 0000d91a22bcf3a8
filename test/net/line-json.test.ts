import * as net from 'node:net';
import * as tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { TransportError } from '../../src/net/errors.js';
import { JsonRpcError } from '../../src/net/json-rpc-error.js';
import type { JsonRpcNotification } from '../../src/net/json-rpc-message.js';
import { lineJsonClient, type LineJsonClient, type LineJsonClientOptions } from '../../src/net/line-json.js';
import { TEST_TLS_CERT, TEST_TLS_KEY } from './fixtures/test-tls.js';
import { answerRpc, defaultLineAnswer, fastClock, startLineServer, type LineServer } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fn) => fn()));
});

async function server(respond?: Parameters<typeof startLineServer>[0]): Promise<LineServer> {
  const s = await startLineServer(respond);
  cleanups.push(() => s.close());
  return s;
}

function client(options: LineJsonClientOptions): LineJsonClient {
  const c = lineJsonClient({ clock: fastClock(1000), ...options });
  cleanups.push(() => c.close());
  return c;
}

type Msg = { id: number; method: string; params?: unknown[] };

/** n `add` calls whose first parameter is `base`: a batch recognisable in the lines the server read. */
const calls = (n: number, base: number) => Array.from({ length: n }, (_, i) => ({ method: 'add', params: [base, i] }));
/** Lines as the server read them: each call's first parameter. */
const firstParams = (s: LineServer) =>
  s.requests.map((r) => (Array.isArray(r.message) ? (r.message as Msg[]).map((m) => m.params?.[0]) : [(r.message as Msg).params?.[0]]));

describe('lineJsonClient', () => {
  it('connects lazily, answers requests and batches matched by id', async () => {
    const s = await server();
    const c = client({ url: s.url });
    expect(c.connected).toBe(false);
    expect(s.connections()).toBe(0);
    expect(await c.request('add', [1, 2])).toBe(3);
    expect(c.connected).toBe(true);
    expect(await c.batch([{ method: 'add', params: [1, 1] }, { method: 'echo', params: ['x'] }])).toEqual([2, ['x']]);
    expect(s.connections()).toBe(1);
    expect(c.stats.requests).toBe(2);
  });

  it('tolerates ElectrumX padding, split lines, reordered batches and out-of-order replies', async () => {
    let held: Msg | undefined;
    const s = await server((message, { socket }) => {
      if (Array.isArray(message)) {
        const answers = (message as Msg[]).map(answerRpc).reverse();
        return [`${JSON.stringify(answers)}${' '.repeat(900)}`];
      }
      const m = message as Msg;
      if (m.method === 'first') {
        held = m; // answered after the next request
        return 'silent';
      }
      // Answer this one, then the held one, each padded and written in pieces.
      const lines = [answerRpc(m), { jsonrpc: '2.0', id: held?.id, result: 'first done' }].map(
        (a) => `${JSON.stringify(a)}${' '.repeat(1024)}\r\n`,
      );
      const bytes = Buffer.from(lines.join(''));
      socket.write(bytes.subarray(0, 7));
      setTimeout(() => socket.write(bytes.subarray(7)), 5);
      return [];
    });
    // maxBatch 1: the two requests go out as two lines (issued together they would share one).
    const c = client({ url: s.url, maxBatch: 1 });
    const first = c.request('first');
    const second = c.request('add', [20, 22]);
    expect(await Promise.all([first, second])).toEqual(['first done', 42]);
    const c2 = client({ url: s.url });
    expect(await c2.batch([{ method: 'add', params: [1, 0] }, { method: 'add', params: [2, 0] }, { method: 'add', params: [3, 0] }])).toEqual([1, 2, 3]);
  });

  it('lets batches waiting for the rate limit share a line: whole batches, at most maxBatch calls', async () => {
    const s = await server();
    // 10 requests per second of real time: every batch issued below waits behind the first line's token.
    const c = lineJsonClient({ url: s.url, requestsPerSecond: 10, maxBatch: 5 });
    cleanups.push(() => c.close());
    const results = await Promise.all([
      c.batch(calls(2, 100)), c.batch(calls(2, 200)), c.request('add', [300, 0]), c.batch(calls(3, 400)), c.batch(calls(7, 500)),
    ]);
    expect(results).toEqual([[100, 101], [200, 201], 300, [400, 401, 402], [500, 501, 502, 503, 504, 505, 506]]);
    // Lines as the server read them: 2+2+1 fill the first; 3 alone (3+7 > 5); the 7 split into 5 and 2.
    const lines = firstParams(s);
    expect(lines).toEqual([[100, 100, 200, 200, 300], [400, 400, 400], [500, 500, 500, 500, 500], [500, 500]]);
    expect(c.stats.requests).toBe(4);
  });

  it('sends batches waiting behind the limits by priority, in arrival order among equals', async () => {
    const s = await server();
    // 50 requests per second of real time, one call per line: every batch below waits for a token.
    const c = lineJsonClient({ url: s.url, requestsPerSecond: 50, maxBatch: 2 });
    cleanups.push(() => c.close());
    const results = await Promise.all([
      c.batch(calls(2, 100)), // priority 0 (the default)
      c.batch(calls(2, 200), { priority: 0 }),
      c.batch(calls(2, 300), { priority: 1 }),
      c.batch(calls(1, 400), { priority: 2 }),
      c.batch(calls(1, 500), { priority: 1 }),
      c.batch(calls(1, 600), { priority: -1 }),
    ]);
    expect(results).toEqual([[100, 101], [200, 201], [300, 301], [400], [500], [600]]);
    const lines = firstParams(s);
    // 400 (priority 2) first; then 300 and 500 (priority 1, as they came; 300 fills its line); then 100, 200; 600 last.
    expect(lines).toEqual([[400], [300, 300], [500], [100, 100], [200, 200], [600]]);
  });

  it('routes notifications to the handler and runs onConnect first on every connection', async () => {
    const s = await server((message, { count }) => {
      const m = message as Msg;
      if (m.method === 'drop') return 'destroy';
      const out = defaultLineAnswer(message);
      if (count === 2) out.unshift(JSON.stringify({ jsonrpc: '2.0', method: 'blockchain.scripthash.subscribe', params: ['ab', 'cd'] }));
      return out;
    });
    const notifications: JsonRpcNotification[] = [];
    let handshakes = 0;
    const c = client({
      url: s.url,
      onNotification: (n) => notifications.push(n),
      onConnect: async (session) => {
        handshakes++;
        expect(await session.request('echo', ['restore-scan', '1.4'])).toEqual(['restore-scan', '1.4']);
      },
    });
    expect(await c.request('add', [1, 1])).toBe(2);
    expect(notifications).toEqual([{ method: 'blockchain.scripthash.subscribe', params: ['ab', 'cd'] }]);
    await expect(c.request('drop', [], { idempotent: false })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(await c.request('add', [2, 2])).toBe(4);
    expect(handshakes).toBe(2);
    // The handshake is the first message on each connection.
    for (const conn of [1, 2]) {
      const firstOnConn = s.requests.find((r) => r.connection === conn)?.message as Msg;
      expect(firstOnConn.params).toEqual(['restore-scan', '1.4']);
    }
  });

  it('reconnects after a reset mid-stream and re-sends the idempotent requests in flight', async () => {
    // Connection 1 answers 3 requests, then half of a line, then dies.
    const s = await server((message, { connection, count, socket }) => {
      if (connection === 1 && count === 4) {
        socket.write('{"jsonrpc":"2.0","id":');
        return 'destroy';
      }
      if (connection === 1 && count > 4) return 'silent';
      return defaultLineAnswer(message);
    });
    const c = client({ url: s.url, maxBatch: 1 }); // one line per request, as the server script counts them
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => c.request('add', [i, 100])));
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i + 100));
    expect(s.connections()).toBe(2);
    expect(c.stats.retries).toBeGreaterThan(0);
  });

  it('does not re-send a non-idempotent request after a reset', async () => {
    const s = await server((message) => ((message as Msg).method === 'broadcast' ? 'destroy' : defaultLineAnswer(message)));
    const c = client({ url: s.url });
    const err = await c.request('broadcast', ['rawtx'], { idempotent: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ code: 'NETWORK', retryable: true, attempts: 1 });
    expect(s.requests.filter((r) => (r.message as Msg).method === 'broadcast')).toHaveLength(1);
  });

  it('times out a silent request, drops the dead connection and asks again', async () => {
    const s = await server((message, { connection }) => (connection === 1 ? 'silent' : defaultLineAnswer(message)));
    const c = client({ url: s.url, timeoutMs: 80 });
    expect(await c.request('add', [5, 5])).toBe(10);
    expect(s.connections()).toBe(2);
  });

  it('re-sends batch entries the reply left out, and replaces a connection that sent garbage', async () => {
    let garbage = true;
    const s = await server((message) => {
      if (Array.isArray(message)) {
        const answers = (message as Msg[]).map(answerRpc);
        return [JSON.stringify(message.length > 1 ? answers.slice(1) : answers)];
      }
      if (garbage) {
        garbage = false;
        return ['<html>not json</html>'];
      }
      return defaultLineAnswer(message);
    });
    const c = client({ url: s.url });
    expect(await c.batch([{ method: 'add', params: [1, 0] }, { method: 'add', params: [2, 0] }])).toEqual([1, 2]);
    expect(await c.request('add', [3, 0])).toBe(3);
    expect(s.connections()).toBe(2);
  });

  it('sends queued requests right behind the handshake, holding their answers until it succeeds', async () => {
    const order: string[] = [];
    let heldHello: (() => void) | undefined;
    const s = await server((message, { socket }) => {
      const m = message as Msg;
      order.push(`server got ${m.method}`);
      if (m.method === 'hello') {
        // Answered only once the next request has arrived: the client did not wait for it.
        heldHello = () => socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: m.id, result: 'hi' })}\n`);
        return 'silent';
      }
      const out = defaultLineAnswer(message);
      order.push(`server answered ${m.method}`);
      for (const line of out) socket.write(`${line}\n`);
      heldHello?.();
      return [];
    });
    const c = client({
      url: s.url,
      onConnect: async (session) => {
        expect(await session.request('hello')).toBe('hi');
        order.push('handshake done');
      },
    });
    expect(await c.request('add', [1, 2])).toBe(3);
    order.push('add answered');
    expect(order).toEqual(['server got hello', 'server got add', 'server answered add', 'handshake done', 'add answered']);
  });

  it('fails the requests sent behind a handshake that fails, whatever the server answered them', async () => {
    const s = await server((message) => {
      const m = message as Msg;
      if (m.method === 'hello') return [JSON.stringify({ jsonrpc: '2.0', id: m.id, error: { code: 1, message: 'unsupported protocol version' } })];
      return defaultLineAnswer(message);
    });
    const c = client({
      url: s.url,
      retries: 0,
      onConnect: async (session) => {
        await session.request('hello');
      },
    });
    const err = await c.request('add', [1, 2]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ code: 'PROTOCOL', retryable: false });
    expect((err as Error).message).toContain('the connection handshake failed');
    // The server did get (and answer) the request: only the client's verdict withheld it.
    expect(s.requests.map((r) => (r.message as Msg).method)).toEqual(['hello', 'add']);
  });

  it('surfaces Electrum errors and gives up on a refused connection after its retries', async () => {
    const s = await server((message) => [
      JSON.stringify({ jsonrpc: '2.0', id: (message as Msg).id, error: { code: 1, message: 'zz is not a valid script hash' } }),
    ]);
    const c = client({ url: s.url });
    const err = await c.request('blockchain.scripthash.get_history', ['zz']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JsonRpcError);
    expect(err).toMatchObject({ rpcCode: 1, retryable: false });

    const port = s.port;
    await s.close();
    const refused = client({ url: `tcp://127.0.0.1:${port}`, retries: 2 });
    await expect(refused.request('add', [1, 1])).rejects.toMatchObject({ code: 'NETWORK', retryable: true, attempts: 3 });
  });

  it('close() rejects pending requests and aborts reject at once', async () => {
    const s = await server(() => 'silent');
    const c = client({ url: s.url });
    const controller = new AbortController();
    const aborted = c.request('add', [1, 1], { signal: controller.signal });
    const pending = c.request('add', [1, 1]);
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    const rejected = expect(pending).rejects.toMatchObject({ code: 'NETWORK', retryable: false });
    await c.close();
    await rejected;
    await expect(c.request('add', [1, 1])).rejects.toThrow(/closed/);
  });

  it('speaks TLS (ssl://)', async () => {
    const tlsServer = tls.createServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, (socket) => {
      let buffered = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buffered += chunk;
        for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          socket.write(`${defaultLineAnswer(JSON.parse(line))[0]}\n`);
        }
      });
    });
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => tlsServer.close(() => resolve())));
    const { port } = tlsServer.address() as net.AddressInfo;
    const c = client({ url: `ssl://127.0.0.1:${port}`, tlsOptions: { ca: TEST_TLS_CERT } });
    expect(await c.request('add', [40, 2])).toBe(42);
    await c.close();
    // Without trusting the certificate the handshake fails.
    const untrusted = client({ url: `ssl://localhost:${port}`, retries: 0 });
    await expect(untrusted.request('add', [1, 1])).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('refuses URLs it cannot use', () => {
    expect(() => lineJsonClient({ url: 'http://127.0.0.1:50001' })).toThrow(/scheme/);
    expect(() => lineJsonClient({ url: 'tcp://127.0.0.1' })).toThrow(/port/);
  });
});
