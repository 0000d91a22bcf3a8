/**
 * Scan throughput benchmark: the engine against the round-trip lower bound and a naive peer, in one process,
 * over local Esplora + Electrum servers behind latency- and rate-limiting proxies (bench/README.md).
 *   npx tsc -p bench && cp package.json bench/.out/ && node bench/.out/bench/scan.bench.js [--latency 50] [--rps 200] [--concurrency 16]
 *     [--branches 5] [--last-used 200] [--every 10] [--window 20] [--gap 20] [--workers N] [--json FILE]
 * (The copy of package.json lets the compiled Electrum client read its version, as it does from dist/.)
 * The same runner feeds `restore-scan bench --only scan`.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { runScanBench } from '../src/bench/scan/run-scan-bench.js';
import { scanBenchTable, worldFromFlags } from '../src/bench/scan/report.js';

const { values } = parseArgs({
  options: {
    latency: { type: 'string' }, rps: { type: 'string' }, concurrency: { type: 'string' }, branches: { type: 'string' },
    'last-used': { type: 'string' }, every: { type: 'string' }, window: { type: 'string' }, workers: { type: 'string' }, gap: { type: 'string' }, json: { type: 'string' },
  },
});

console.log(`${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`);
const result = await runScanBench({ ...worldFromFlags({ ...values, lastUsed: values['last-used'] }), log: (line) => console.log(`  ${line}`) });
console.log(scanBenchTable(result));
if (values.json)
  writeFileSync(values.json, JSON.stringify({ format: 'restore-scan.bench/1', machine: { cpus: cpus().length, node: process.version }, scan: result.scan }, null, 2) + '\n');
