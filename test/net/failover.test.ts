import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../src/net/errors.js';
import { createFailover, isEndpointFailure } from '../../src/net/failover.js';
import { httpTransport, type HttpTransport } from '../../src/net/http.js';
import { JsonRpcError } from '../../src/net/json-rpc-error.js';
import { fastClock, startHttpServer, virtualClock, type TestServer } from './support.js';

describe('failover', () => {
  let down: TestServer;
  let up: TestServer;
  let refusedUrl: string;
  beforeAll(async () => {
    down = await startHttpServer(() => ({ status: 503, body: 'maintenance' }));
    up = await startHttpServer(() => ({ body: '{"from":"up"}' }));
    const gone = await startHttpServer(() => ({}));
    refusedUrl = gone.url;
    await gone.close();
  });
  afterAll(async () => {
    await down.close();
    await up.close();
  });

  const transports = (clock = fastClock(1000)): HttpTransport[] =>
    [refusedUrl, down.url, up.url].map((url) => httpTransport({ url, retries: 1, clock }));

  it('moves on after an endpoint exhausts its retries, and skips it during the cool-down', async () => {
    const clock = virtualClock();
    const failover = createFailover(transports(), { cooldownMs: 10_000, clock });
    const get = (t: HttpTransport, signal?: AbortSignal) => t.request({ path: '/x', signal }).then((r) => r.json);

    const downHits = down.hits.length;
    expect(await failover.run(get)).toEqual({ from: 'up' });
    expect(down.hits.length - downHits).toBe(2); // first attempt + 1 retry
    expect(failover.healthy().map((t) => t.endpoint)).toEqual([`${up.url}/`]);

    // Cooling endpoints are tried last: the healthy one answers without touching them.
    expect(await failover.run(get)).toEqual({ from: 'up' });
    expect(down.hits.length - downHits).toBe(2);

    // After the cool-down they are first in line again.
    clock.advance(10_001);
    expect(failover.healthy()).toHaveLength(3);
    expect(await failover.run(get)).toEqual({ from: 'up' });
    expect(down.hits.length - downHits).toBe(4);
  });

  it('reports every endpoint when all fail', async () => {
    const [refused, unavailable] = transports();
    const failover = createFailover([refused as HttpTransport, unavailable as HttpTransport], { clock: virtualClock() });
    const err = await failover.run((t) => t.request({ path: '/' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).shortMessage).toMatch(/all 2 endpoints failed/);
    expect((err as TransportError).details).toMatch(/HTTP 503/);
  });

  it('does not fail over on answers that would be the same elsewhere', async () => {
    const failover = createFailover(transports(), { clock: virtualClock() });
    let calls = 0;
    const invalid = new JsonRpcError('eth_getLogs', { code: -32602, message: 'invalid params' }, { endpoint: 'http://a/' });
    await expect(
      failover.run(async () => {
        calls++;
        throw invalid;
      }),
    ).rejects.toBe(invalid);
    expect(calls).toBe(1);
  });

  it('classifies endpoint failures', () => {
    const e = (status: number, retryable: boolean) => new TransportError('NETWORK', 'x', { endpoint: 'http://a/', status, retryable });
    expect(isEndpointFailure(e(503, true))).toBe(true);
    expect(isEndpointFailure(e(401, false))).toBe(true);
    expect(isEndpointFailure(e(404, false))).toBe(false);
    expect(isEndpointFailure(new JsonRpcError('ots_getApiLevel', { code: -32601, message: 'not found' }, { endpoint: 'http://a/' }))).toBe(true);
    expect(isEndpointFailure(new JsonRpcError('eth_getLogs', { code: -32005, message: 'query returned more than 10000 results' }, { endpoint: 'http://a/' }))).toBe(false);
    expect(isEndpointFailure(new Error('bug'))).toBe(false);
  });

  it('stops when aborted', async () => {
    const failover = createFailover(transports(), { clock: virtualClock() });
    const controller = new AbortController();
    controller.abort();
    await expect(failover.run((t, signal) => t.request({ path: '/', signal }), controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
