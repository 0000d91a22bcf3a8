import { table } from '../../cli/output.js';
import { RestoreScanError } from '../../errors.js';
import type { ScanBenchOptions, ScanBenchResult } from './run-scan-bench.js';
import { NETWORKS } from '../../chains/networks.js';
import { DEFAULT_BRANCHES, type BranchLayout } from './world.js';

/** The targets of the issue "Scan throughput", printed next to what was measured. */
export const SCAN_TARGETS = Object.freeze({ efficiency: 0.75, speedupVsNaive: 20, rateViolations: 0, deriveWaitShare: 0.05 });

/** Flag values (strings, named as commander names them) → runner options; unset flags keep the defaults. */
export interface ScanBenchFlags {
  latency?: string | undefined;
  rps?: string | undefined;
  concurrency?: string | undefined;
  branches?: string | undefined;
  lastUsed?: string | undefined;
  every?: string | undefined;
  window?: string | undefined;
  workers?: string | undefined;
  gap?: string | undefined;
  /** Provider burst, in the proxies and the clients alike (default 1). */
  burst?: string | undefined;
  /** EVM networks in the world, 0 for a Bitcoin-only world (default DEFAULT_EVM_NETWORK_COUNT). */
  evm?: string | undefined;
  /** Solana accounts on the card, every other one used (default DEFAULT_SOLANA_KEYS; 0: no Solana). */
  solana?: string | undefined;
  /** Measured engine runs after the warm-up one (default 3). */
  runs?: string | undefined;
  /** commander's `--no-naive`: false skips the naive peer. */
  naive?: boolean | undefined;
}

/** EVM network ids the world takes its first `--evm` from: the most used first, then the rest of restore-scan's. */
const EVM_FIRST = ['ethereum', 'arbitrum', 'base', 'polygon', 'optimism', 'bsc', 'avalanche', 'gnosis', 'linea', 'scroll', 'zksync'];
export const BENCH_EVM_NETWORKS: readonly string[] = Object.freeze([
  ...EVM_FIRST.filter((id) => NETWORKS[id]?.family === 'evm'),
  ...Object.values(NETWORKS).filter((n) => n.family === 'evm' && !EVM_FIRST.includes(n.id)).map((n) => n.id),
]);
export const DEFAULT_EVM_NETWORK_COUNT = 4;
/** The issue's example world has 10 Solana keys. */
export const DEFAULT_SOLANA_KEYS = 10;

function intFlag(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return n;
}

/** Five branch slots exist in the default layout (more would need a second account); `--branches` takes the first N. */
export function worldFromFlags(flags: ScanBenchFlags): ScanBenchOptions {
  const count = intFlag('branches', flags.branches, 1) ?? DEFAULT_BRANCHES.length;
  if (count > DEFAULT_BRANCHES.length) throw new RestoreScanError('USAGE', `--branches must be at most ${DEFAULT_BRANCHES.length}, got ${count}`);
  const lastUsed = intFlag('last-used', flags.lastUsed, 0);
  const gap = intFlag('gap', flags.gap, 1);
  // The default spacing must stay within a smaller gap, or the branch would end before its last used index.
  const every = intFlag('every', flags.every, 1) ?? (gap !== undefined ? Math.min(gap, DEFAULT_BRANCHES[0]!.every) : undefined);
  if (every !== undefined && every > (gap ?? 20)) throw new RestoreScanError('USAGE', `--every must be at most the gap limit (${gap ?? 20}), got ${every}`);
  const branches: BranchLayout[] = DEFAULT_BRANCHES.slice(0, count).map((b) => ({ ...b, ...(lastUsed !== undefined && { lastUsed }), ...(every !== undefined && { every }) }));
  const options: ScanBenchOptions = { branches };
  const set = <K extends keyof ScanBenchOptions>(key: K, value: ScanBenchOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set('latencyMs', intFlag('latency', flags.latency, 0));
  set('requestsPerSecond', intFlag('rps', flags.rps, 1));
  set('maxConcurrency', intFlag('concurrency', flags.concurrency, 1));
  set('window', intFlag('window', flags.window, 1));
  set('workers', intFlag('workers', flags.workers, 0));
  set('gapLimit', gap);
  set('burst', intFlag('burst', flags.burst, 1));
  set('runs', intFlag('runs', flags.runs, 0));
  if (flags.naive === false) options.naive = false;
  const evm = intFlag('evm', flags.evm, 0) ?? DEFAULT_EVM_NETWORK_COUNT;
  if (evm > BENCH_EVM_NETWORKS.length) throw new RestoreScanError('USAGE', `--evm must be at most ${BENCH_EVM_NETWORKS.length}, got ${evm}`);
  options.evmNetworks = BENCH_EVM_NETWORKS.slice(0, evm);
  options.solanaKeys = intFlag('solana', flags.solana, 0) ?? DEFAULT_SOLANA_KEYS;
  return options;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
/** The derive wait of every measured run, worst first: the target is for each run, not only the median one. */
const worstRun = (r: ScanBenchResult) => r.runDeriveWaitShares.length < 2 ? '' :
  `; worst run ${pct(Math.max(...r.runDeriveWaitShares))} (runs: ${r.runDeriveWaitShares.map(pct).join(', ')})`;
const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;

/** The run as a table: measured figure, target, and what the figure is made of. */
export function scanBenchTable(r: ScanBenchResult): string {
  const s = r.scan;
  const lb = r.lowerBound;
  const share = s.wallMs > 0 ? s.deriveWaitMs / s.wallMs : 0;
  const perProvider = r.providers.map((p) => `${p.name} ${p.requests}`).join(', ');
  return table([
    ['latency', `${s.latencyMs} ms`, '', `${r.providers[0]?.requestsPerSecond ?? 0}/s (burst ${r.burst}) and ${r.providers[0]?.maxConcurrency ?? 0} in flight per provider, window ${r.window}`],
    ['wall time', ms(s.wallMs), '', `${r.runWallsMs.length === 0 ? 'the first run only (--runs 0)' : `median of ${r.runWallsMs.length} runs (${r.runWallsMs.map(ms).join(', ')}) after a first one of ${ms(r.coldWallMs)}`}; ${r.addressesDerived.toLocaleString('en-US')} addresses derived`],
    ['lower bound', ms(s.lowerBoundMs), '', `chain ${ms(lb.chainMs)} (${lb.chainRounds} rounds), rate ${ms(lb.rateMs)}, concurrency ${ms(lb.concurrencyMs)}: ${lb.binding}`],
    ['efficiency', s.efficiency.toFixed(3), `≥ ${SCAN_TARGETS.efficiency}`, 'lower bound / wall time'],
    ...(r.naiveAddressesChecked === 0 ? [['naive peer', 'skipped', '', '--no-naive']] : [
      ['naive peer', ms(s.naiveWallMs), '', `${r.naiveAddressesChecked.toLocaleString('en-US')} addresses, one request at a time per scheme and network`],
      ['speed-up vs naive', `${s.speedupVsNaive.toFixed(2)}×`, `≥ ${SCAN_TARGETS.speedupVsNaive}×`, r.used.naive.join('\n') === r.used.engine.join('\n') ? 'same used addresses found' : 'DIFFERENT used addresses found'],
    ]),
    ['requests', String(s.requests), '', `${perProvider} (as the providers counted them)`],
    ['rate violations', String(s.rateViolations), '0', `naive peer: ${r.naiveRateViolations}`],
    ['derive wait', ms(s.deriveWaitMs), `< ${SCAN_TARGETS.deriveWaitShare * 100}% of wall`, `${(share * 100).toFixed(1)}% of wall: waits ${ms(r.deriveWait.engineMs)} + on the engine's thread ${ms(r.deriveWait.inThreadMs)}${worstRun(r)} (warm-up ${ms(r.deriveWarmupMs)}, untimed)`],
    ['peak RSS', `${s.peakRssMB} MB`, '', r.complete ? 'scan complete' : 'scan INCOMPLETE (failures)'],
  ], ['figure', 'measured', 'target', 'detail']);
}
