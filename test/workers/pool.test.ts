import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PAYLOAD_WIDTH } from '../../src/chains/address.js';
import { RestoreScanError } from '../../src/errors.js';
import { deriveBatch } from '../../src/workers/derive-task.js';
import { createDerivePool, type DerivePool } from '../../src/workers/pool.js';
import { accountKey, fromArb, hex, referencePayloads, scriptArb, seedArb } from './reference.js';

describe('derive pool with 2 workers', () => {
  let pool: DerivePool;
  beforeAll(() => {
    // Small chunks so that even short requests are split across both workers and merged back.
    pool = createDerivePool({ workers: 2, chunkSize: 5 });
  });
  afterAll(async () => {
    await pool.destroy();
  });

  it('returns exactly the in-process and @scure/bip32 payloads', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, scriptArb, fc.integer({ min: 1, max: 14 }).chain((n) => fc.tuple(fc.constant(n), fromArb(n))), async (seed, script, [count, from]) => {
        const parent = accountKey(seed, 0);
        const task = { publicKey: parent.publicKey!, chainCode: parent.chainCode!, steps: [1], script, from, count };
        const result = await pool.derive(task);
        expect(result).toMatchObject({ script, from, count, width: PAYLOAD_WIDTH[script], skipped: [] });
        expect(hex(result.payloads)).toBe(hex(deriveBatch(task).payloads));
        expect(hex(result.payloads)).toBe(hex(referencePayloads(parent.deriveChild(1), script, from, count, result.width)));
      }),
      { numRuns: 8 },
    );
  });

  it('rejects an aborted request with ABORTED, and invalid tasks before dispatch', async () => {
    const parent = accountKey(new Uint8Array(16), 0);
    const task = { publicKey: parent.publicKey!, chainCode: parent.chainCode!, script: 'p2wpkh' as const, from: 0, count: 50 };
    const controller = new AbortController();
    controller.abort();
    await expect(pool.derive(task, { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(pool.derive({ ...task, script: 'solana' })).rejects.toThrow(/ed25519/);
    expect((await pool.derive(task)).payloads).toHaveLength(50 * 20);
  });
});

describe('derive pool with 1 worker', () => {
  it('answers each task as soon as it is derived, not after the tasks sent with it', async () => {
    // Two tasks in flight on one worker (the scan's first windows go in groups so that the first can go out
    // early): the small one's answer must not wait for the large one's work.
    const pool = createDerivePool({ workers: 1 });
    try {
      const parent = accountKey(new Uint8Array(16).fill(5), 0);
      const task = (from: number, count: number) => ({ publicKey: parent.publicKey!, chainCode: parent.chainCode!, script: 'p2wpkh' as const, from, count });
      await pool.derive(task(0, 8)); // worker up, curve tables built
      const answered: Record<string, number> = {};
      const timed = (name: string, count: number) => pool.derive(task(100_000, count)).then(() => (answered[name] = performance.now()));
      await Promise.all([timed('small', 8), timed('large', 1024)]);
      // Without the fix both answers leave together (~0 ms apart); the large task alone takes tens of ms.
      expect(answered.large! - answered.small!).toBeGreaterThan(5);
    } finally {
      await pool.destroy();
    }
  });
});

describe('derive pool lifecycle', () => {
  it('workers: 0 derives in-process, and honours an abort between chunks', async () => {
    const pool = createDerivePool({ workers: 0, chunkSize: 4 });
    const parent = accountKey(new Uint8Array(16).fill(3), 1);
    const task = { publicKey: parent.publicKey!, chainCode: parent.chainCode!, script: 'evm' as const, from: 7, count: 10 };
    expect(hex((await pool.derive(task)).payloads)).toBe(hex(deriveBatch(task).payloads));
    const controller = new AbortController();
    const pending = pool.derive(task, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(RestoreScanError);
    await pool.destroy();
  });

  it('rejects use after destroy() and bad options', async () => {
    const pool = createDerivePool({ workers: 1 });
    await pool.destroy();
    const parent = accountKey(new Uint8Array(16), 0);
    await expect(pool.derive({ publicKey: parent.publicKey!, chainCode: parent.chainCode!, script: 'p2pkh', from: 0, count: 1 })).rejects.toThrow(/destroy/);
    expect(() => createDerivePool({ workers: -1 })).toThrow(RangeError);
    expect(() => createDerivePool({ workers: 1, chunkSize: 0 })).toThrow(RangeError);
  });
});
