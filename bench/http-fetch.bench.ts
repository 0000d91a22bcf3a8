/**
 * undici's fetch against nodeHttpFetch (src/net/node-http-fetch.ts) for a small JSON-RPC POST to a local
 * keep-alive server, bare and through httpTransport (what a scan does).
 *   npx tsc -p bench && node bench/.out/bench/http-fetch.bench.js [--rounds 3]
 * The server runs in a child process, so CPU time measured here (process.cpuUsage: every thread of this process,
 * mostly the main one) is the client's alone. Latency is tinybench's; CPU per request comes from fixed loops,
 * one request at a time and in bursts of 35 (a scan's first 100 ms), implementations alternating per round.
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { httpTransport } from '../src/net/http.js';
import { nodeHttpFetch } from '../src/net/node-http-fetch.js';

const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
const ROUNDS = Number(values.rounds ?? 3);
const SEQUENTIAL = 1_000;
const BURST = 35;
const BURSTS = 40;

const SERVER = `
const http = require('node:http');
const answer = JSON.stringify({ jsonrpc: '2.0', id: 1, result: '0x1bc16d674ec80000' });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;
const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
const url = `http://127.0.0.1:${port}/rpc`;
const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: ['0x52908400098527886E0F7030069857D2E4169EE7', 'latest'] });

/** One request as http.ts makes it: a Headers instance, a string body, a signal, the whole text read. */
const bare = (f: typeof fetch) => async (): Promise<void> => {
  const headers = new Headers({ accept: 'application/json', 'content-type': 'application/json' });
  const res = await f(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) });
  if ((await res.text()).length === 0) throw new Error('empty answer');
};
const viaTransport = (f: typeof fetch) => {
  const transport = httpTransport({ url, fetch: f, maxConcurrency: BURST });
  return async (): Promise<void> => {
    const res = await transport.request({ method: 'POST', path: '', body });
    if (res.json === undefined) throw new Error('no JSON');
  };
};
const impls: readonly (readonly [string, () => Promise<void>])[] = [
  ['undici fetch', bare(globalThis.fetch)],
  ['nodeHttpFetch', bare(nodeHttpFetch)],
  ['httpTransport + undici fetch', viaTransport(globalThis.fetch)],
  ['httpTransport + nodeHttpFetch', viaTransport(nodeHttpFetch)],
];

interface Cost {
  wallUs: number;
  cpuUs: number;
}

/** Wall and CPU µs per request over `rounds × size` requests, `size` at a time. */
async function cost(run: () => Promise<void>, rounds: number, size: number): Promise<Cost> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let r = 0; r < rounds; r++) await Promise.all(Array.from({ length: size }, run));
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const n = rounds * size;
  return { wallUs: (wall * 1000) / n, cpuUs: (used.user + used.system) / n };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

try {
  console.log(`${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`);
  // Warm-up: JIT, connections in both pools.
  for (const [, run] of impls) await cost(run, 20, BURST);

  const sequential = new Map<string, Cost[]>();
  const bursts = new Map<string, Cost[]>();
  const latency = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? impls : [...impls].reverse();
    for (const [name, run] of order) {
      sequential.set(name, [...(sequential.get(name) ?? []), await cost(run, SEQUENTIAL, 1)]);
      bursts.set(name, [...(bursts.get(name) ?? []), await cost(run, BURSTS, BURST)]);
    }
    const bench = new Bench({ time: 1000 });
    for (const [name, run] of order) bench.add(name, run);
    await bench.run();
    for (const task of bench.tasks) {
      if (task.result.state === 'completed') latency.set(task.name, [...(latency.get(task.name) ?? []), task.result.latency.p50]);
    }
    console.log(`round ${round + 1}/${ROUNDS} done`);
  }

  console.log(`\nMedian of ${ROUNDS} rounds. Sequential: ${fmt(SEQUENTIAL)} requests one at a time; burst: ${BURSTS} × ${BURST} at once.`);
  console.log('| impl | latency p50 (tinybench) µs | sequential wall µs/req | sequential CPU µs/req | burst wall µs/req | burst CPU µs/req |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [name] of impls) {
    const seq = sequential.get(name) ?? [];
    const bur = bursts.get(name) ?? [];
    console.log(
      `| ${name} | ${fmt(median(latency.get(name) ?? []) * 1000)} | ${fmt(median(seq.map((c) => c.wallUs)))} | ${fmt(median(seq.map((c) => c.cpuUs)))} | ${fmt(median(bur.map((c) => c.wallUs)))} | ${fmt(median(bur.map((c) => c.cpuUs)))} |`,
    );
  }
} finally {
  child.kill();
}
