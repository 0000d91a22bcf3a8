import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { runDeriveBench, type DeriveBenchRow } from '../../workers/bench-derive.js';
import { runScanBench } from '../../bench/scan/run-scan-bench.js';
import {
  BENCH_EVM_NETWORKS, DEFAULT_EVM_NETWORK_COUNT, DEFAULT_SOLANA_KEYS, scanBenchTable, worldFromFlags, type ScanBenchFlags,
} from '../../bench/scan/report.js';
import { createOutput, table, writeJson } from '../output.js';

/** Per-second figures side by side; the last column is each row's speed relative to restore-scan on one thread. */
export function deriveTable(rows: readonly DeriveBenchRow[]): string {
  const base = (encoding: string) => rows.find((r) => r.encoding === encoding && r.impl === 'restore-scan' && r.threads === 1)?.perSec;
  return table(rows.map((r) => {
    const b = base(r.encoding);
    return [r.encoding, r.impl, String(r.threads), Math.round(r.perSec).toLocaleString('en-US'), b ? `${(r.perSec / b).toFixed(2)}×` : ''];
  }), ['encoding', 'implementation', 'threads', 'addresses/s', 'relative']);
}

interface BenchOptions extends ScanBenchFlags {
  only?: 'derive' | 'scan';
  json?: string;
  quick?: boolean;
}

export function registerBench(program: Command, setExit: (code: number) => void): void {
  program
    .command('bench')
    .summary('run the throughput benchmarks and print a table (local only)')
    .addOption(new Option('--only <part>', 'run one part (default: both)').choices(['derive', 'scan']))
    .option('--json <file>', 'write the results (restore-scan.bench/1) to FILE; - for stdout')
    .option('--quick', 'derive: one short round (a smoke test, not a measurement)')
    .option('--latency <ms>', 'scan: latency the proxies add per request (default 50)')
    .option('--rps <n>', 'scan: rate limit per provider, in the proxy and the client config (default 200)')
    .option('--concurrency <n>', 'scan: requests in flight per provider (default 16)')
    .option('--branches <n>', 'scan: Bitcoin branches with used addresses, 1–5 (default 5)')
    .option('--last-used <n>', 'scan: last used index on each of those branches (default 200)')
    .option('--every <n>', 'scan: spacing of used indices, at most the gap limit (default 10)')
    .option('--window <n>', 'scan: addresses per round per branch (default: the gap limit, 20)')
    .option('--gap <n>', 'scan: gap limit (default 20)')
    .option('--workers <n>', 'scan: derivation worker threads (default 1; 0 = on the engine thread, where derivation blocks everything else)')
    .option('--evm <n>', `scan: EVM networks in the world, 0–${BENCH_EVM_NETWORKS.length} (default ${DEFAULT_EVM_NETWORK_COUNT}; 0 = none)`)
    .option('--solana <n>', `scan: Solana accounts on the card, m/44'/501'/k'/0', every other one used (default ${DEFAULT_SOLANA_KEYS}; 0 = none)`)
    .option('--no-naive', 'scan: leave the naive peer out (memory runs over 100,000 addresses)')
    .option('--runs <n>', 'scan: measured engine runs after a first, warm-up one; the median is reported (default 3; 0 = the first run only)')
    .option('--burst <n>', 'scan: token-bucket burst per provider, in the proxy and the client (default 1)')
    .addHelpText('after', `
Figures are measured side by side in one process on this machine; ratios are what travel between machines.
The scan part serves a local Bitcoin chain through Esplora and Electrum, EVM networks through one anvil node
and Solana through a litesvm world's RPC and DAS servers, each provider behind a proxy that adds latency and
enforces a rate limit, and compares the engine with the round-trip lower bound and a naive address-by-address
scanner (bench/README.md).

Examples:
  restore-scan bench --only derive
  restore-scan bench --only scan --latency 50 --rps 200
  restore-scan bench --json bench.json`)
    .action(async (opts: BenchOptions) => {
      const out = createOutput();
      const result: { format: string; machine: { cpus: number; node: string }; derive?: DeriveBenchRow[]; scan?: unknown } = {
        format: 'restore-scan.bench/1', machine: { cpus: availableParallelism(), node: process.version },
      };
      if (opts.only !== 'scan') {
        const rows = await runDeriveBench({ quick: Boolean(opts.quick), log: (line) => out.info(line) });
        out.info(deriveTable(rows));
        result.derive = rows;
      }
      if (opts.only !== 'derive') {
        const run = await runScanBench({ ...worldFromFlags(opts), log: (line) => out.info(line) });
        out.info(scanBenchTable(run));
        result.scan = run.scan;
      }
      if (opts.json) await writeJson(opts.json, result);
      setExit(0);
    });
}
