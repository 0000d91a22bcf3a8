import { describe, expect, it } from 'vitest';
import { runDeriveBench } from '../../src/workers/bench-derive.js';

describe('runDeriveBench (smoke: one quick round, no timing assertions)', () => {
  it('returns CONTRACT §5 rows for every implementation, after they agreed on a sample', async () => {
    const lines: string[] = [];
    const rows = await runDeriveBench({ quick: true, encodings: ['evm'], log: (l) => lines.push(l) });
    expect(rows.map((r) => `${r.impl}/${r.threads}`)).toEqual([
      'restore-scan/1',
      'restore-scan-pool/1',
      'restore-scan/2',
      '@scure/bip32/1',
      'bitcoinjs-bip32/1',
      'ethers/1',
    ]);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['encoding', 'impl', 'perSec', 'threads']);
      expect(row.encoding).toBe('evm');
      expect(row.perSec).toBeGreaterThan(0);
    }
    expect(lines.some((l) => /6 implementations agree/.test(l))).toBe(true);
    await expect(runDeriveBench({ rounds: 0 })).rejects.toThrow(RangeError);
  });
});
