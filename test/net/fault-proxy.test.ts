import { afterEach, describe, expect, it } from 'vitest';
import { httpTransport } from '../../src/net/http.js';
import { isRangeTooLarge, JsonRpcError } from '../../src/net/json-rpc-error.js';
import { jsonRpcClient, type JsonRpcClient } from '../../src/net/json-rpc.js';
import type { JsonRpcCall } from '../../src/net/json-rpc-message.js';
import { lineJsonClient } from '../../src/net/line-json.js';
import {
  faultsSeen,
  rateLimitViolations,
  startFaultProxy,
  TCP_FAULTS,
  TRANSIENT_FAULTS,
  type FaultProxy,
} from '../../src/devnet/fault-proxy.js';
import { fastClock, startJsonRpcServer, startLineServer } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fn) => fn()));
});

/** A fixed stream of jitter, so the whole run — requests, faults, retries — is the same every time. */
function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Alternating single calls and batches of four: both shapes, so every fault kind has requests it fits. */
function workload(rounds: number): { single: JsonRpcCall; batch: JsonRpcCall[] }[] {
  return Array.from({ length: rounds }, (_, r) => ({
    single: { method: 'add', params: [r, 7] },
    batch: [0, 1, 2, 3].map((k) => ({ method: k % 2 ? 'add' : 'echo', params: [r, k] })),
  }));
}

async function runWorkload(client: Pick<JsonRpcClient, 'batch'>, rounds: number): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const { single, batch } of workload(rounds)) {
    results.push(...(await client.batch([single])));
    results.push(...(await client.batch(batch)));
  }
  return results;
}

async function rpcUpstream() {
  const server = await startJsonRpcServer();
  cleanups.push(() => server.close());
  return server;
}

async function proxy(options: Parameters<typeof startFaultProxy>[0]): Promise<FaultProxy> {
  const p = await startFaultProxy(options);
  cleanups.push(() => p.close());
  return p;
}

describe('fault proxy, HTTP mode', () => {
  it.each(TRANSIENT_FAULTS)('injects %s, and a client with retries still gets the right answer', async (kind) => {
    const upstream = await rpcUpstream();
    const p = await proxy({ target: upstream.url, rate: 1, faults: [kind], maxFaults: 1, holdMs: 300 });
    const clock = fastClock(1000);
    // Short timeouts only where the fault needs one: elsewhere a busy machine must not cause retries.
    const transport = httpTransport({ url: p.url, timeoutMs: kind === 'timeout' ? 150 : 5000, clock });
    const client = jsonRpcClient({ transport, clock });
    const calls = [0, 1, 2, 3].map((k) => ({ method: 'add', params: [k, 10] }));
    expect(await client.batch(calls)).toEqual([10, 11, 12, 13]);
    expect(p.log[0]?.fault).toBe(kind);
    expect(p.log.slice(1).every((e) => e.fault === null)).toBe(true);
    // Every fault but a reordering costs a retry.
    if (kind === 'out-of-order') expect(client.stats.retries + transport.stats.retries).toBe(0);
    else expect(p.log.length).toBeGreaterThan(1);
    if (kind === '429-retry-after') expect(clock.sleeps).toContain(1000);
  });

  it('at 30% faults a client with retries gets every answer right', async () => {
    const upstream = await rpcUpstream();
    const rounds = 80;
    const direct = await runWorkload(jsonRpcClient({ transport: httpTransport({ url: upstream.url }) }), rounds);

    const p = await proxy({ target: upstream.url, rate: 0.3, faults: TRANSIENT_FAULTS, seed: 7, holdMs: 160 });
    const clock = fastClock(1000);
    const random = seededRandom(3);
    // One request at a time: arrival order, hence the fault sequence, is the same on every run.
    const transport = httpTransport({ url: p.url, timeoutMs: 80, retries: 10, maxConcurrency: 1, clock, random });
    const client = jsonRpcClient({ transport, retries: 10, clock, random });
    const proxied = await runWorkload(client, rounds);

    expect(proxied).toEqual(direct);
    expect(p.log.length).toBeGreaterThan(2 * rounds);
    const faulted = p.log.filter((e) => e.fault !== null).length;
    expect(faulted / p.log.length).toBeGreaterThan(0.2);
    expect(faulted / p.log.length).toBeLessThan(0.4);
    expect(faultsSeen(p.log).size).toBeGreaterThanOrEqual(TRANSIENT_FAULTS.length - 2);
    expect(transport.stats.retries + client.stats.retries).toBeGreaterThanOrEqual(faulted);
    expect(p.log[0]).toMatchObject({ seq: 0, method: 'POST', path: '/', rpcMethods: ['add'] });
  });

  it('injects provider range limits on eth_getLogs only', async () => {
    const upstream = await rpcUpstream();
    const p = await proxy({ target: upstream.url, rate: 1, faults: ['range-limit'] });
    const client = jsonRpcClient({ transport: httpTransport({ url: p.url }) });
    const settled = await client.batchSettled([
      { method: 'add', params: [1, 2] },
      { method: 'eth_getLogs', params: [{ fromBlock: '0x0', toBlock: 'latest' }] },
    ]);
    expect(settled[0]).toEqual({ ok: true, result: 3 });
    expect(settled[1]?.ok).toBe(false);
    expect(isRangeTooLarge((settled[1] as { ok: false; error: unknown }).error)).toBe(true);
    // A request without eth_getLogs has nothing this fault fits: it passes untouched.
    expect(await client.call('add', [2, 2])).toBe(4);
    expect(p.log.map((e) => e.fault)).toEqual(['range-limit', null]);
    expect(upstream.hits).toHaveLength(2);
  });

  it('with rate 0 it is transparent, and setRate switches faults on', async () => {
    const upstream = await rpcUpstream();
    const p = await proxy({ target: upstream.url, faults: ['503'] });
    const transport = httpTransport({ url: p.url, retries: 0 });
    expect((await transport.request({ method: 'POST', body: { jsonrpc: '2.0', id: 1, method: 'add', params: [1, 1] } })).json).toEqual({
      jsonrpc: '2.0', id: 1, result: 2,
    });
    p.setRate(1);
    await expect(transport.request({ method: 'POST', body: { jsonrpc: '2.0', id: 2, method: 'add', params: [1, 1] } })).rejects.toMatchObject({ status: 503 });
    expect(p.log.map((e) => e.fault)).toEqual([null, '503']);
  });

  it('enforces a rate limit and its log shows which client stayed under it', async () => {
    const upstream = await rpcUpstream();
    // Generous jitter allowance: this machine may be busy, and client and proxy share one event loop.
    const limit = { requestsPerSecond: 50, burst: 2, toleranceMs: 100 };
    const body = { jsonrpc: '2.0', id: 1, method: 'add', params: [1, 1] };

    const polite = await proxy({ target: upstream.url, rateLimit: limit });
    await httpTransport({ url: upstream.url }).request({ method: 'POST', body }); // warm fetch up
    // A little under the limit: loopback jitter must not turn a compliant client into a violator.
    const under = httpTransport({ url: polite.url, requestsPerSecond: 40, burst: 2, maxConcurrency: 8 });
    await Promise.all(Array.from({ length: 25 }, () => under.request({ method: 'POST', body })));
    expect(polite.log).toHaveLength(25);
    expect(rateLimitViolations(polite.log)).toBe(0);

    // A client without a limiter, against a slow limit, is caught, and each refusal is a 429 it saw.
    const rude = await proxy({ target: upstream.url, rateLimit: { requestsPerSecond: 5, burst: 1, toleranceMs: 100 } });
    const unlimited = httpTransport({ url: rude.url, maxConcurrency: 8, retries: 0 });
    const outcomes = await Promise.allSettled(Array.from({ length: 25 }, () => unlimited.request({ method: 'POST', body })));
    const refused = outcomes.filter((o) => o.status === 'rejected' && (o.reason as { status?: number }).status === 429);
    expect(rateLimitViolations(rude.log)).toBeGreaterThan(0);
    expect(refused).toHaveLength(rateLimitViolations(rude.log));
    expect(unlimited.stats.rateLimited).toBe(refused.length);
    expect(rude.log.filter((e) => e.fault === 'rate-limit').every((e) => e.status === 429)).toBe(true);
  });

  it('adds a fixed latency to every request', async () => {
    const upstream = await rpcUpstream();
    const p = await proxy({ target: upstream.url, latencyMs: 60 });
    const transport = httpTransport({ url: p.url });
    const started = performance.now();
    await transport.request({ method: 'POST', body: { jsonrpc: '2.0', id: 1, method: 'add', params: [1, 1] } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('refuses fault kinds that do not fit the mode', async () => {
    await expect(startFaultProxy({ target: { host: '127.0.0.1', port: 1 }, faults: ['503'] })).rejects.toThrow(RangeError);
    await expect(startFaultProxy({ target: 'http://127.0.0.1:1', rate: 2 })).rejects.toThrow(RangeError);
  });
});

describe('fault proxy, TCP line-JSON mode', () => {
  const transientTcp = TCP_FAULTS.filter((f) => f !== 'range-limit');

  it.each(transientTcp)('injects %s, and a client with retries still gets the right answer', async (kind) => {
    const upstream = await startLineServer();
    cleanups.push(() => upstream.close());
    const p = await proxy({ target: { host: '127.0.0.1', port: upstream.port }, rate: 1, faults: [kind], maxFaults: 1 });
    const client = lineJsonClient({ url: p.url, timeoutMs: kind === 'timeout' ? 150 : 5000, clock: fastClock(1000) });
    cleanups.push(() => client.close());
    const calls = [0, 1, 2].map((k) => ({ method: 'add', params: [k, 10] }));
    expect(await client.batch(calls)).toEqual([10, 11, 12]);
    expect(p.log[0]?.fault).toBe(kind);
    if (kind === 'out-of-order') expect(client.stats.retries).toBe(0);
    else expect(p.log.length).toBeGreaterThan(1);
  });

  it('at 30% faults a line-JSON client with retries gets every answer right, through ElectrumX-style padding', async () => {
    const upstream = await startLineServer();
    cleanups.push(() => upstream.close());
    const rounds = 80;
    const directClient = lineJsonClient({ url: upstream.url });
    const direct = await runWorkload(directClient, rounds);
    await directClient.close();

    const p = await proxy({ target: { host: '127.0.0.1', port: upstream.port }, rate: 0.3, faults: transientTcp, seed: 11, padLines: true });
    const clock = fastClock(1000);
    const client = lineJsonClient({ url: p.url, timeoutMs: 80, retries: 10, maxInFlight: 1, clock, random: seededRandom(5) });
    cleanups.push(() => client.close());
    const proxied = await runWorkload(client, rounds);

    expect(proxied).toEqual(direct);
    expect(faultsSeen(p.log).size).toBeGreaterThanOrEqual(transientTcp.length - 1);
    expect(p.log[0]).toMatchObject({ method: 'LINE', path: 'tcp#1' });
    expect(client.stats.retries).toBeGreaterThan(0);
  });

  it('answers "server busy" to line-JSON calls above its rate limit', async () => {
    const upstream = await startLineServer();
    cleanups.push(() => upstream.close());
    const p = await proxy({ target: { host: '127.0.0.1', port: upstream.port }, rateLimit: { requestsPerSecond: 2, burst: 1, toleranceMs: 0 } });
    const client = lineJsonClient({ url: p.url, retries: 0 });
    cleanups.push(() => client.close());
    const settled = await client.batchSettled([{ method: 'add', params: [1, 1] }]);
    expect(settled).toEqual([{ ok: true, result: 2 }]);
    const busy = await client.request('add', [2, 2]).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(JsonRpcError);
    expect(busy).toMatchObject({ rpcCode: -102, isRateLimited: true, retryable: true });
    expect(rateLimitViolations(p.log)).toBe(1);
  });

  it('injects range limits into line-JSON replies too', async () => {
    const upstream = await startLineServer();
    cleanups.push(() => upstream.close());
    const p = await proxy({ target: { host: '127.0.0.1', port: upstream.port }, rate: 1, faults: ['range-limit'] });
    const client = lineJsonClient({ url: p.url });
    cleanups.push(() => client.close());
    const err = await client.request('eth_getLogs', [{}]).catch((e: unknown) => e);
    expect(isRangeTooLarge(err)).toBe(true);
  });
});
