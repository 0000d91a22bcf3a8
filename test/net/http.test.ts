import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestoreScanError } from '../../src/errors.js';
import { TransportError } from '../../src/net/errors.js';
import { httpTransport } from '../../src/net/http.js';
import { fastClock, startHttpServer, type Reply, type TestServer } from './support.js';

/** A server whose answers are scripted per path: each path walks through its list, then repeats the last. */
function scripted(script: Record<string, Reply[]>): (hit: { url: string }) => Reply {
  const seen = new Map<string, number>();
  return (hit) => {
    const path = new URL(hit.url, 'http://x').pathname;
    const n = seen.get(path) ?? 0;
    seen.set(path, n + 1);
    const replies = script[path] ?? [{ status: 404, body: '{"error":"no such path"}' }];
    return replies[Math.min(n, replies.length - 1)] as Reply;
  };
}

const ok = (body: unknown): Reply => ({ body: JSON.stringify(body) });

describe('httpTransport', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpServer(
      scripted({
        '/echo': [ok({ hello: 'world' })],
        '/flaky': [{ status: 503 }, { status: 429, headers: { 'retry-after': '2' } }, ok({ third: true })],
        '/dated': [
          { status: 429, headers: { 'retry-after': new Date(Date.now() + 4000).toUTCString() } },
          ok({ dated: true }),
        ],
        '/always-503': [{ status: 503, body: 'overloaded' }],
        '/not-implemented': [{ status: 501 }],
        '/missing': [{ status: 404, body: '{"error":"not found"}' }],
        '/bad-json': [{ body: '{"half":' }, ok({ fixed: 1 })],
        '/html': [{ body: '<html>oops</html>', headers: { 'content-type': 'text/html' } }, ok({ fixed: 2 })],
        '/slow': [{ delayMs: 400, body: '{}' }, ok({ fast: true })],
        '/reset': [{ destroy: true }, ok({ after: 'reset' })],
        '/text': [{ body: 'plain words', headers: { 'content-type': 'text/plain' } }],
        '/send': [{ status: 503 }],
        '/hang': [{ delayMs: 1000, body: '{}' }],
      }),
    );
  });
  afterAll(() => server.close());

  const hitsOf = (path: string): number => server.hits.filter((h) => h.url.startsWith(path)).length;

  it('GETs and POSTs JSON with query, headers and basic auth from the URL', async () => {
    const base = server.url.replace('http://', 'http://alice:s3cret@');
    const t = httpTransport({ url: base, headers: { 'x-client': 'restore-scan' } });
    expect(t.endpoint).toBe(`${server.url}/`);
    const get = await t.request({ path: '/echo', query: { a: 1, b: 'two', skip: undefined } });
    expect(get.status).toBe(200);
    expect(get.json).toEqual({ hello: 'world' });
    const hit = server.hits.at(-1);
    expect(hit?.url).toBe('/echo?a=1&b=two');
    expect(hit?.headers['x-client']).toBe('restore-scan');
    expect(hit?.headers.authorization).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    await t.request({ method: 'POST', path: 'echo', body: { x: [1, 2] } });
    expect(server.hits.at(-1)?.body).toBe('{"x":[1,2]}');
    expect(server.hits.at(-1)?.headers['content-type']).toBe('application/json');
    expect(t.stats.requests).toBe(2);
    expect(t.stats.bytesReceived).toBeGreaterThan(0);
  });

  it('retries 503 and 429, honouring Retry-After in seconds', async () => {
    const clock = fastClock(1000);
    const t = httpTransport({ url: server.url, clock, random: () => 0.5, baseDelayMs: 100 });
    const res = await t.request({ path: '/flaky' });
    expect(res.json).toEqual({ third: true });
    expect(hitsOf('/flaky')).toBe(3);
    expect(clock.sleeps).toEqual([50, 2000]);
    expect(t.stats.retries).toBe(2);
    expect(t.stats.rateLimited).toBe(1);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const clock = fastClock(1000);
    const t = httpTransport({ url: server.url, clock });
    await t.request({ path: '/dated' });
    expect(clock.sleeps).toHaveLength(1);
    // Seconds resolution of the date, and the time the request took.
    expect(clock.sleeps[0]).toBeGreaterThan(2000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(4000);
  });

  it('gives up after bounded attempts with a scrubbed TransportError', async () => {
    const key = '0123456789abcdef0123456789abcdef';
    const t = httpTransport({
      url: `${server.url.replace('http://', 'http://bob:pw123@')}/?apikey=${key}`,
      retries: 2,
      clock: fastClock(1000),
    });
    const err = await t.request({ path: '/always-503', query: { token: 'tok-value' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    const e = err as TransportError;
    expect(e.code).toBe('NETWORK');
    expect(e.status).toBe(503);
    expect(e.retryable).toBe(true);
    expect(e.attempts).toBe(3);
    expect(e.endpoint).toBe(`${server.url}/?apikey=***`);
    const text = `${e.message} ${e.endpoint} ${e.details ?? ''}`;
    expect(text).not.toMatch(new RegExp(`${key}|pw123|bob|tok-value`));
    expect(e.details).toBe('overloaded');
    expect(t.stats.failures).toBe(1);
  });

  it('keeps a key in the base path and a configured secret out of messages', async () => {
    const key = 'Kx9_aB3dEfGhIjKlMnOpQrStUvWxYz01';
    const t = httpTransport({ url: `${server.url}/v2/${key}`, secrets: ['not-in-url-secret'] });
    const err = (await t.request({ path: '/missing', query: { q: 'not-in-url-secret' } }).catch((e: unknown) => e)) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(server.hits.at(-1)?.url).toBe(`/v2/${key}/missing?q=not-in-url-secret`);
    expect(err.message).toBe(`GET /v2/***/missing?q=***: HTTP 404 (${server.url}/v2/***)\nDetails: {"error":"no such path"}`);
    expect(err.endpoint).toBe(`${server.url}/v2/***`);
  });

  it('does not retry 501, 404, or any non-idempotent request', async () => {
    const t = httpTransport({ url: server.url, clock: fastClock(1000) });
    await expect(t.request({ path: '/not-implemented' })).rejects.toMatchObject({ status: 501, retryable: false });
    await expect(t.request({ path: '/missing' })).rejects.toMatchObject({ status: 404, code: 'PROTOCOL' });
    await expect(t.request({ method: 'POST', path: '/send', body: 'raw-tx', idempotent: false })).rejects.toMatchObject({
      status: 503,
      attempts: 1,
    });
    expect(hitsOf('/not-implemented')).toBe(1);
    expect(hitsOf('/missing')).toBe(1);
    expect(hitsOf('/send')).toBe(1);
  });

  it('hands back accepted error statuses', async () => {
    const t = httpTransport({ url: server.url });
    const res = await t.request({ path: '/missing', acceptStatus: (s) => s === 404 });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'not found' });
  });

  it('retries truncated and non-JSON bodies, and reads text on request', async () => {
    const t = httpTransport({ url: server.url, clock: fastClock(1000) });
    expect((await t.request({ path: '/bad-json' })).json).toEqual({ fixed: 1 });
    expect((await t.request({ path: '/html' })).json).toEqual({ fixed: 2 });
    const text = await t.request({ path: '/text', responseType: 'text' });
    expect(text.text).toBe('plain words');
    expect(text.json).toBeUndefined();
  });

  it('times out a slow answer and retries it', async () => {
    const t = httpTransport({ url: server.url, timeoutMs: 100, clock: fastClock(1000) });
    const res = await t.request({ path: '/slow' });
    expect(res.json).toEqual({ fast: true });
    expect(t.stats.retries).toBe(1);
  });

  it('retries a connection reset', async () => {
    const t = httpTransport({ url: server.url, clock: fastClock(1000) });
    expect((await t.request({ path: '/reset' })).json).toEqual({ after: 'reset' });
  });

  it('reports a refused connection as a retryable NETWORK error after its retries', async () => {
    const closed = await startHttpServer(() => ({}));
    await closed.close();
    const t = httpTransport({ url: closed.url, retries: 1, clock: fastClock(1000) });
    await expect(t.request({ path: '/' })).rejects.toMatchObject({ code: 'NETWORK', retryable: true, attempts: 2 });
  });

  it('aborts during a backoff wait and during a request', async () => {
    const t = httpTransport({ url: server.url, retries: 5, baseDelayMs: 60_000, random: () => 0.99 });
    const controller = new AbortController();
    const pending = t.request({ path: '/always-503', signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestoreScanError);
    expect((err as RestoreScanError).code).toBe('ABORTED');

    const slow = new AbortController();
    const inFlight = t.request({ path: '/hang', signal: slow.signal, timeoutMs: 5000 });
    setTimeout(() => slow.abort(), 30);
    await expect(inFlight).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('refuses an invalid base URL without echoing credentials', () => {
    expect(() => httpTransport({ url: 'no-scheme-here?apikey=zzz' })).toThrow(/apikey=\*\*\*/);
  });
});
