import { describe, expect, it } from 'vitest';
import { runScanBench, type ScanBenchResult } from '../../src/bench/scan/run-scan-bench.js';
import { branchRounds, scanLowerBound } from '../../src/bench/scan/lower-bound.js';
import { usedIndices } from '../../src/bench/scan/world.js';
import { defaultEvmUsed, evmLayout } from '../../src/bench/scan/evm-world.js';
import { DEFAULT_SOLANA_KEYS, worldFromFlags } from '../../src/bench/scan/report.js';
import { solanaLayout } from '../../src/bench/scan/solana-world.js';
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
    expect(evmLayout([25, 0, 7, 7], 20)).toEqual({ used: [0, 7, 25], lastUsed: 25 });
    expect(() => evmLayout([0, 21], 20)).toThrow('20 unused addresses before index 21 would end the branch (gap 20)');
    expect(defaultEvmUsed(5)).toEqual([0, 4, 8]);
    // Even accounts used, every second used one with a token balance too.
    expect(solanaLayout(5).map((u) => [u.k, u.lamports > 0n, u.tokenAmount > 0n])).toEqual([[0, true, false], [2, true, true], [4, true, false]]);
    expect(solanaLayout(0)).toEqual([]);
    expect(() => solanaLayout(-1)).toThrow('solana keys must be an integer ≥ 0, got -1');
  });
});

describe('scan benchmark flags', () => {
  it('take the first --evm EVM networks, the most used first (0: a Bitcoin-only world)', () => {
    expect(worldFromFlags({}).evmNetworks).toEqual(['ethereum', 'arbitrum', 'base', 'polygon']);
    expect(worldFromFlags({ evm: '0' }).evmNetworks).toEqual([]);
    expect(worldFromFlags({ burst: '4' }).burst).toBe(4);
    expect(() => worldFromFlags({ burst: '0' })).toThrow('--burst must be an integer ≥ 1, got "0"');
    expect(worldFromFlags({ evm: '6' }).evmNetworks).toEqual(['ethereum', 'arbitrum', 'base', 'polygon', 'optimism', 'bsc']);
    expect(() => worldFromFlags({ evm: '99' })).toThrow(/--evm must be at most \d+, got 99/);
  });

  it('take --solana Solana accounts (default 10, as in the issue; 0: none)', () => {
    expect(worldFromFlags({}).solanaKeys).toBe(DEFAULT_SOLANA_KEYS);
    expect(DEFAULT_SOLANA_KEYS).toBe(10);
    expect(worldFromFlags({ solana: '0' }).solanaKeys).toBe(0);
    expect(worldFromFlags({ solana: '3' }).solanaKeys).toBe(3);
    expect(() => worldFromFlags({ solana: '-1' })).toThrow('--solana must be an integer ≥ 0, got "-1"');
    expect(() => worldFromFlags({ solana: '2.5' })).toThrow('--solana must be an integer ≥ 0, got "2.5"');
  });
});

describe('scan benchmark on a tiny world', () => {
  let result: ScanBenchResult;
  it('runs engine and naive peer side by side with consistent numbers', async () => {
    result = await runScanBench({
      branches: [{ purpose: 84, branch: 0, lastUsed: 12, every: 4 }, { purpose: 86, branch: 1, lastUsed: 5, every: 5 }],
      gapLimit: 5, latencyMs: 5, requestsPerSecond: 400, maxConcurrency: 8, workers: 0,
      evmNetworks: ['ethereum', 'arbitrum'], evmUsed: [0, 3], burst: 2, solanaKeys: 3,
    });
    const s = result.scan;
    expect(result.complete).toBe(true);
    expect(s.requests).toBeGreaterThan(0);
    expect(s.rateViolations).toBe(0);
    expect(result.naiveRateViolations).toBe(0);
    expect(s.efficiency).toBeGreaterThan(0);
    expect(s.efficiency).toBeLessThanOrEqual(1.2);
    expect(s.lowerBoundMs).toBe(Math.round(Math.max(result.lowerBound.chainMs, result.lowerBound.rateMs, result.lowerBound.concurrencyMs)));
    // The summary's times are whole milliseconds and its speed-up is computed before rounding: on a world this
    // small (~100 ms) that moves the ratio by up to ~0.5 %, so compare relatively.
    expect(Math.abs(s.speedupVsNaive - s.naiveWallMs / s.wallMs) / s.speedupVsNaive).toBeLessThan(0.01);
    expect(s.deriveWaitMs).toBeGreaterThanOrEqual(0);
    expect(s.deriveWaitMs).toBeLessThanOrEqual(s.wallMs);
    expect(s.peakRssMB).toBeGreaterThan(0);
    // Every branch the card reaches is walked: at least gap + 1 addresses past each used one.
    expect(result.addressesDerived).toBeGreaterThanOrEqual(13 + 5 + 6 + 5);
    // Bitcoin 0, 4, 8, 12 and 0, 5; EVM 0 and 3 on each of the two networks; Solana accounts 0 and 2 (of 0, 1, 2).
    expect(result.used.world).toHaveLength(12);
    expect(result.used.world.filter((u) => u.startsWith('solana '))).toEqual(["solana m/44'/501'/0'/0'", "solana m/44'/501'/2'/0'"]);
    expect(result.used.engine.map((u) => u.split(' ').slice(0, 2).join(' '))).toEqual(result.used.world);
    expect(result.used.naive).toEqual(result.used.engine);
    expect(result.providers.map((p) => p.name).sort()).toEqual(['arbitrum evm-rpc', 'electrum', 'esplora', 'ethereum evm-rpc', 'solana-das', 'solana-rpc']);
    expect(result.providers.filter((p) => p.name.startsWith('solana-')).every((p) => p.requests > 0 && p.rateViolations === 0)).toBe(true);
    expect(result.providers.every((p) => p.naiveRequests > 0)).toBe(true);
  }, 60_000);
});

describe('restore-scan bench --only scan', () => {
  it('prints the table and writes CONTRACT §5 `scan` as JSON', async () => {
    const { code, stdout, stderr } = await runMain(['bench', '--only', 'scan', '--branches', '1', '--last-used', '4', '--gap', '3',
      '--latency', '2', '--rps', '1000', '--workers', '0', '--solana', '2', '--json', '-']);
    // Bitcoin 0, 3 and 4; EVM 0, 2 and 4 (the default layout squeezed into gap 3) on the 4 default EVM networks;
    // Solana account 0 of 0 and 1. (The runner's EVM network count in this line counts solana too: not asserted.)
    expect(stderr).toContain("world: 1 used branches, 16 used addresses; EVM m/44'/60'/0'/0 used at 0, 2, 4 on ");
    expect(stderr).toContain('(one anvil), 8 providers');
    expect(stderr).toMatch(/requests .*electrum \d+, esplora \d+, ethereum evm-rpc \d+, arbitrum evm-rpc \d+, base evm-rpc \d+, polygon evm-rpc \d+, solana-rpc \d+, solana-das \d+/);
    expect(stderr).toContain('same used addresses found');
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
