import { afterEach, describe, expect, it } from 'vitest';
import { TransportError } from '../../src/net/errors.js';
import { httpTransport } from '../../src/net/http.js';
import { isRangeTooLarge, JsonRpcError } from '../../src/net/json-rpc-error.js';
import { jsonRpcClient } from '../../src/net/json-rpc.js';
import { fastClock, startHttpServer, startJsonRpcServer, type JsonRpcServerOptions, type TestServer } from './support.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(serverOptions: JsonRpcServerOptions = {}, clientOptions: { batchSize?: number; batchWaitMs?: number; retries?: number } = {}) {
  const server = await startJsonRpcServer(serverOptions);
  servers.push(server);
  const clock = fastClock(1000);
  const transport = httpTransport({ url: server.url, clock, maxConcurrency: 4 });
  const client = jsonRpcClient({ transport, clock, ...clientOptions });
  return { server, client, transport };
}

const adds = (n: number) => Array.from({ length: n }, (_, i) => ({ method: 'add', params: [i, 1000] }));
const expected = (n: number) => Array.from({ length: n }, (_, i) => i + 1000);

describe('jsonRpcClient', () => {
  it('makes single calls as plain objects', async () => {
    const { server, client } = await setup();
    expect(await client.call('add', [2, 3])).toBe(5);
    expect(await client.call('echo')).toBeNull();
    expect(JSON.parse(server.hits[0]?.body ?? '')).toMatchObject({ jsonrpc: '2.0', method: 'add', params: [2, 3] });
    expect(server.batchSizes()).toEqual([1, 1]);
  });

  it('matches batch answers by id when the server reorders them', async () => {
    const { client } = await setup({ mangleBatch: (answers) => [...answers].reverse() });
    expect(await client.batch(adds(7))).toEqual(expected(7));
  });

  it('re-sends only the entries a batch reply left out', async () => {
    // The first reply drops entries 1 and 3; later replies are complete.
    const { server, client } = await setup({
      mangleBatch: (answers, hit) => (hit === 0 ? answers.filter((_, i) => i !== 1 && i !== 3) : answers),
    });
    expect(await client.batch(adds(5))).toEqual(expected(5));
    expect(server.batchSizes()).toEqual([5, 2]);
    expect(client.stats.retries).toBe(2);
  });

  it('reports an entry the server never answers as a retryable PROTOCOL error, after bounded re-sends', async () => {
    const { server, client } = await setup(
      { mangleBatch: (answers) => answers.filter((a) => (a as { id: number }).id % 2 === 1) },
      { retries: 2 },
    );
    // Batch answers lose every even id: ids 1-4 → 2 and 4 re-sent as 5, 6 → 6 re-sent alone as 7 (a plain object).
    const settled = await client.batchSettled(adds(4));
    expect(settled).toEqual(expected(4).map((result) => ({ ok: true, result })));
    expect(server.batchSizes()).toEqual([4, 2, 1]);

    // Every batch reply holds only its first answer; one re-send allowed.
    const stubborn = await setup({ mangleBatch: (answers) => answers.slice(0, 1) }, { retries: 1 });
    const outcome = await stubborn.client.batchSettled(adds(3));
    expect(outcome[0]).toEqual({ ok: true, result: 1000 });
    expect(outcome[1]).toEqual({ ok: true, result: 1001 });
    expect(outcome[2]?.ok).toBe(false);
    const error = (outcome[2] as { ok: false; error: TransportError }).error;
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'PROTOCOL', retryable: true, attempts: 2 });
    expect(error.message).toMatch(/add: no answer/);
    expect(stubborn.server.batchSizes()).toEqual([3, 2]);
    expect(stubborn.client.stats.failures).toBe(1);
  });

  it('splits long batches by batchSize and keeps call order', async () => {
    const { server, client } = await setup({}, { batchSize: 4 });
    expect(await client.batch(adds(10))).toEqual(expected(10));
    expect(server.batchSizes().sort()).toEqual([2, 4, 4]);
  });

  it('surfaces JSON-RPC errors with code, message and data; deterministic ones are not retried', async () => {
    const { server, client } = await setup();
    const err = await client.call('fail', [-32602, 'invalid params', { field: 'address' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JsonRpcError);
    expect(err).toMatchObject({ rpcCode: -32602, rpcMessage: 'invalid params', data: { field: 'address' }, retryable: false, method: 'fail' });
    await expect(client.call('no_such_method')).rejects.toMatchObject({ rpcCode: -32601 });
    expect(server.hits).toHaveLength(2);
  });

  it('flags range-too-large errors for splitting, without retrying them', async () => {
    const { server, client } = await setup();
    const messages: [number, string][] = [
      [-32005, 'query returned more than 10000 results'],
      [-32602, 'range 20000 exceeds limit of 10000'],
      [-32000, 'exceed maximum block range: 5000'],
      [-32600, 'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range'],
    ];
    for (const [code, message] of messages) {
      const err = await client.call('fail', [code, message]).catch((e: unknown) => e);
      expect(isRangeTooLarge(err)).toBe(true);
      expect((err as JsonRpcError).retryable).toBe(false);
    }
    expect(server.hits).toHaveLength(messages.length);
    const plain = await client.call('fail', [-32602, 'invalid address']).catch((e: unknown) => e);
    expect(isRangeTooLarge(plain)).toBe(false);
  });

  it('retries rate-limit errors reported inside JSON-RPC', async () => {
    let n = 0;
    const server = await startHttpServer((hit) => {
      const req = JSON.parse(hit.body) as { id: number };
      n++;
      const body = n === 1
        ? { jsonrpc: '2.0', id: req.id, error: { code: -32005, message: 'daily request count exceeded, request rate limited' } }
        : { jsonrpc: '2.0', id: req.id, result: 'fine' };
      return { body: JSON.stringify(body) };
    });
    servers.push(server);
    const clock = fastClock(1000);
    const client = jsonRpcClient({ transport: httpTransport({ url: server.url, clock }), clock });
    expect(await client.call('eth_blockNumber')).toBe('fine');
    expect(client.stats.rateLimited).toBe(1);
  });

  it('applies a whole-request error (id null) to every entry', async () => {
    const server = await startHttpServer(() => ({
      status: 400,
      body: JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'batch too large' } }),
    }));
    servers.push(server);
    const client = jsonRpcClient({ transport: httpTransport({ url: server.url }) });
    const settled = await client.batchSettled(adds(3));
    expect(settled.map((s) => (s.ok ? 'ok' : (s.error as JsonRpcError).rpcMessage))).toEqual(['batch too large', 'batch too large', 'batch too large']);
    expect(server.hits).toHaveLength(1);
  });

  it('auto-batches calls issued in the same tick', async () => {
    const { server, client } = await setup({}, { batchWaitMs: 5, batchSize: 8 });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => client.call('add', [i, 1])));
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // 8 go out as soon as the batch is full, the other 4 when the window closes.
    expect(server.batchSizes()).toEqual([8, 4]);
  });

  it('sends non-idempotent calls alone and never re-sends them', async () => {
    const { server, client } = await setup({ mangleBatch: () => [] }, { batchWaitMs: 5 });
    const sent = client.call('echo', ['0xsignedtx'], { idempotent: false });
    const read = client.call('add', [1, 1]);
    expect(await sent).toEqual(['0xsignedtx']);
    expect(await read).toBe(2);
    expect(server.batchSizes()).toEqual([1, 1]);
  });

  it('lets an auto-batched caller abort', async () => {
    const { client } = await setup({}, { batchWaitMs: 50 });
    const controller = new AbortController();
    const pending = client.call('add', [1, 2], { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
