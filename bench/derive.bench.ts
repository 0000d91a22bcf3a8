/**
 * Derivation benchmark: restore-scan against @scure/bip32, bitcoinjs `bip32` and ethers, side by side.
 *   npx tsc -p bench && node bench/.out/bench/derive.bench.js [--quick] [--rounds N] [--json FILE]
 * Prints every round, the median with the spread, and the ratios the targets are stated in
 * (bench/README.md). The same rows feed `restore-scan bench --only derive`.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { runDeriveBench, type DeriveBenchRow } from '../src/workers/bench-derive.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, rounds: { type: 'string' }, json: { type: 'string' } } });
const rounds: DeriveBenchRow[][] = [];
const key = (r: DeriveBenchRow) => `${r.encoding} ${r.impl} ×${r.threads}`;
const fmt = (n: number) => n.toLocaleString('en-US');

console.log(`${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`);
const rows = await runDeriveBench({
  quick: values.quick ?? false,
  ...(values.rounds ? { rounds: Number(values.rounds) } : {}),
  log: (line) => console.log(`  ${line}`),
  onRound: (round, r) => {
    rounds.push(r);
    console.log(`round ${round}: ${r.map((x) => `${key(x)} ${fmt(x.perSec)}`).join(' | ')}`);
  },
});

console.log('\n| encoding | impl | threads | addresses/s (median) | spread over rounds |');
console.log('|---|---|---:|---:|---:|');
for (const [i, r] of rows.entries()) {
  const all = rounds.map((round) => round[i]!.perSec);
  console.log(`| ${r.encoding} | ${r.impl} | ${r.threads} | ${fmt(r.perSec)} | ${fmt(Math.min(...all))}–${fmt(Math.max(...all))} |`);
}

const find = (encoding: string, impl: string, threads: number) => rows.find((r) => r.encoding === encoding && r.impl === impl && r.threads === threads)?.perSec;
console.log('\n| ratio | measured | target |');
console.log('|---|---:|---:|');
const ratio = (name: string, a: number | undefined, b: number | undefined, target: number) => {
  if (a && b) console.log(`| ${name} | ${(a / b).toFixed(2)}× | ≥ ${target}× |`);
};
for (const encoding of ['p2wpkh', 'p2tr', 'evm']) {
  const ours = find(encoding, 'restore-scan', 1);
  ratio(`${encoding}: restore-scan / @scure/bip32`, ours, find(encoding, '@scure/bip32', 1), 8);
  ratio(`${encoding}: restore-scan / bitcoinjs-bip32`, ours, find(encoding, 'bitcoinjs-bip32', 1), 3.5);
  if (encoding === 'evm') ratio('evm: restore-scan / ethers', ours, find(encoding, 'ethers', 1), 8);
  ratio(`${encoding}: pool 2 workers / pool 1 worker`, find(encoding, 'restore-scan', 2), find(encoding, 'restore-scan-pool', 1), 1.75);
}
if (values.json)
  writeFileSync(values.json, JSON.stringify({ format: 'restore-scan.bench/1', machine: { cpus: cpus().length, node: process.version }, derive: rows }, null, 2) + '\n');
