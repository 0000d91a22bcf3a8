import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { runDeriveBench, type DeriveBenchRow } from '../../workers/bench-derive.js';
import { createOutput, table, writeJson } from '../output.js';

/** Per-second figures side by side; the last column is each row's speed relative to restore-scan on one thread. */
export function deriveTable(rows: readonly DeriveBenchRow[]): string {
  const base = (encoding: string) => rows.find((r) => r.encoding === encoding && r.impl === 'restore-scan' && r.threads === 1)?.perSec;
  return table(rows.map((r) => {
    const b = base(r.encoding);
    return [r.encoding, r.impl, String(r.threads), Math.round(r.perSec).toLocaleString('en-US'), b ? `${(r.perSec / b).toFixed(2)}×` : ''];
  }), ['encoding', 'implementation', 'threads', 'addresses/s', 'relative']);
}

export function registerBench(program: Command, setExit: (code: number) => void): void {
  program
    .command('bench')
    .summary('run the throughput benchmarks and print a table (local only)')
    .addOption(new Option('--only <part>', 'run one part').choices(['derive']).default('derive'))
    .option('--json <file>', 'write the results (restore-scan.bench/1) to FILE; - for stdout')
    .option('--quick', 'one short round (a smoke test, not a measurement)')
    .addHelpText('after', `
Figures are measured side by side in one process on this machine; ratios are what travel between machines.

Examples:
  restore-scan bench --only derive
  restore-scan bench --json bench.json`)
    .action(async (opts: { only: string; json?: string; quick?: boolean }) => {
      const out = createOutput();
      const rows = await runDeriveBench({ quick: Boolean(opts.quick), log: (line) => out.info(line) });
      out.info(deriveTable(rows));
      if (opts.json)
        await writeJson(opts.json, { format: 'restore-scan.bench/1', machine: { cpus: availableParallelism(), node: process.version }, derive: rows });
      setExit(0);
    });
}
