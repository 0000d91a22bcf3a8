import { describe, expect, it } from 'vitest';
import { runScanBench, type ScanBenchResult } from '../../src/bench/scan/run-scan-bench.js';
import { branchRounds, scanLowerBound } from '../../src/bench/scan/lower-bound.js';
import { usedIndices } from '../../src/bench/scan/world.js';
import { runMain } from '../cli/run-cli.js';

describe('scan benchmark lower bound', () => {
  it('is the largest of the chain, rate and concurrency terms', () => {
    expect(branchRounds(200, 20, 20)).toBe(12); // 221 verdicts, 20 per round
    expect(branchRounds(-1, 20, 20)).toBe(1);
    const lb = scanLowerBound({
      latencyMs: 50, gapLimit: 20, window: 20, branchLastUsed: [200, -1],
      providers: [{ name: 'a', requests: 1000, requestsPerSecond: 200, maxConcurrency: 16 }, { name: 'b', requests: 10, requestsPerSecond: 200, maxConcurrency: 16 }],
    });
    expect(lb).toMatchObject({ chainMs: 600, rateMs: 5000, concurrencyMs: 3125, boundMs: 5000, binding: 'rate', chainRounds: 12 });
  });

  it('lays used indices out with the last used index included', () => {
    expect(usedIndices({ purpose: 84, branch: 0, lastUsed: 25, every: 10 })).toEqual([0, 10, 20, 25]);
    expect(usedIndices({ purpose: 84, branch: 0, lastUsed: -1, every: 10 })).toEqual([]);
  });
});

describe('scan benchmark on a tiny world', () => {
  let result: ScanBenchResult;
  it('runs engine and naive peer side by side with consistent numbers', async () => {
    result = await runScanBench({
      branches: [{ purpose: 84, branch: 0, lastUsed: 12, every: 4 }, { purpose: 86, branch: 1, lastUsed: 5, every: 5 }],
      gapLimit: 5, latencyMs: 5, requestsPerSecond: 400, maxConcurrency: 8, workers: 0,
    });
    const s = result.scan;
    expect(result.complete).toBe(true);
    expect(s.requests).toBeGreaterThan(0);
    expect(s.rateViolations).toBe(0);
    expect(result.naiveRateViolations).toBe(0);
    expect(s.efficiency).toBeGreaterThan(0);
    expect(s.efficiency).toBeLessThanOrEqual(1.2);
    expect(s.lowerBoundMs).toBe(Math.round(Math.max(result.lowerBound.chainMs, result.lowerBound.rateMs, result.lowerBound.concurrencyMs)));
    expect(s.speedupVsNaive).toBeCloseTo(s.naiveWallMs / s.wallMs, 1);
    expect(s.deriveWaitMs).toBeGreaterThanOrEqual(0);
    expect(s.deriveWaitMs).toBeLessThanOrEqual(s.wallMs);
    expect(s.peakRssMB).toBeGreaterThan(0);
    // Every branch the card reaches is walked: at least gap + 1 addresses past each used one.
    expect(result.addressesDerived).toBeGreaterThanOrEqual(13 + 5 + 6 + 5);
    expect(result.used.engine.map((u) => u.split(' ')[0])).toEqual(result.used.world);
    expect(result.used.naive).toEqual(result.used.engine);
    expect(result.providers.map((p) => p.name).sort()).toEqual(['electrum', 'esplora']);
    expect(result.providers.every((p) => p.naiveRequests > 0)).toBe(true);
  }, 60_000);
});

describe('restore-scan bench --only scan', () => {
  it('prints the table and writes CONTRACT §5 `scan` as JSON', async () => {
    const { code, stdout, stderr } = await runMain(['bench', '--only', 'scan', '--branches', '1', '--last-used', '4', '--gap', '3',
      '--latency', '2', '--rps', '1000', '--workers', '0', '--json', '-']);
    expect(stderr).toContain('world: 1 used branches, 3 used addresses'); // indices 0, 3 and 4
    expect(stderr).toMatch(/efficiency\s+\d\.\d{3}\s+≥ 0\.75/);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { format: string; derive?: unknown; scan: Record<string, number> };
    expect(json.format).toBe('restore-scan.bench/1');
    expect(json.derive).toBeUndefined();
    expect(Object.keys(json.scan).sort()).toEqual(['deriveWaitMs', 'efficiency', 'latencyMs', 'lowerBoundMs', 'naiveWallMs', 'peakRssMB',
      'rateViolations', 'requests', 'speedupVsNaive', 'wallMs'].sort());
    expect(json.scan.latencyMs).toBe(2);
    expect(json.scan.rateViolations).toBe(0);
  }, 60_000);

  it('refuses a spacing wider than the gap', async () => {
    const { code, stderr } = await runMain(['bench', '--only', 'scan', '--gap', '3', '--every', '5']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('--every must be at most the gap limit (3), got 5');
  });
});
