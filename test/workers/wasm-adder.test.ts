import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import * as F from '../../src/workers/secp/field.js';
import { N } from '../../src/workers/secp/curve.js';
import { addRound } from '../../src/workers/secp/batch-add.js';
import { buildBaseTable, ENTRY } from '../../src/workers/secp/base-table.js';
import { WasmAdder, useWasmAdditions } from '../../src/workers/secp/wasm-adder.js';
import { derivePayloads } from '../../src/workers/secp/derive-kernel.js';
import { DEFAULT_WINDOW, setBaseTableWindow } from '../../src/workers/secp/base-table.js';
import { WASM_KERNEL_BASE64 } from '../../src/workers/secp/wasm-kernel.generated.js';

const P = F.P;
const L = F.LIMBS;
const G = secp256k1.Point.BASE;
const random = (bits = 256): bigint => BigInt('0x' + randomBytes(32).toString('hex')) >> BigInt(256 - bits);

interface Hooks {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  testMul(r: number, a: number, b: number): void;
  testSqr(r: number, a: number): void;
  testSub(r: number, a: number, b: number): void;
  testInvert(r: number, a: number, tmp: number): void;
  normalize(r: number): void;
}

describe('WebAssembly field (10 × 26-bit limbs in i64) against BigInt', () => {
  const module = new WebAssembly.Module(Buffer.from(WASM_KERNEL_BASE64, 'base64'));
  const hooks = new WebAssembly.Instance(module, { env: { abort: () => { throw new Error('abort'); } } }).exports as unknown as Hooks;
  hooks.memory.grow(2);
  const m = new BigInt64Array(hooks.memory.buffer);
  const A = 65536, B = A + 80, R = A + 160, TMP = A + 1024;
  /** Any value below 2^260 (the weak form the operations accept), as limbs of 26 bits. */
  const put = (x: bigint, at: number) => {
    for (let i = 0; i < 10; i++, x >>= 26n) m[at / 8 + i] = x & 0x3ffffffn;
  };
  const get = (at: number): bigint => {
    let x = 0n;
    for (let i = 9; i >= 0; i--) x = (x << 26n) + m[at / 8 + i]!;
    return x;
  };
  const mod = (x: bigint) => ((x % P) + P) % P;
  const edges = [0n, 1n, 2n, P - 1n, P, P + 1n, 2n ** 256n - 1n, 2n ** 259n + 12345n, 2n ** 260n - 1n];
  const pairs: [bigint, bigint][] = [...edges.flatMap((a) => edges.map((b): [bigint, bigint] => [a, b])), ...Array.from({ length: 1500 }, (): [bigint, bigint] => [random(260), random(260)])];

  /** Limbs as the operations may leave them (the weak form: limbs 0–8 below 2^27, limb 9 below 2^26). */
  const putLimbs = (limbs: readonly bigint[], at: number) => limbs.forEach((l, i) => (m[at / 8 + i] = l));
  const valueOf = (limbs: readonly bigint[]) => limbs.reduceRight((x, l) => (x << 26n) + l, 0n);
  const weakMax = [...Array(9).fill(2n ** 27n - 1n), 2n ** 26n - 1n];
  const randomWeak = () => weakMax.map((max) => random(64) % (max + 1n));
  const weak: bigint[][] = [weakMax, weakMax.map((l, i) => (i % 2 ? l : 0n)), ...Array.from({ length: 300 }, randomWeak)];
  /** The output holds the weak form: every operation's result can be any operation's input. */
  const expectWeak = (at: number) => {
    for (let i = 0; i < 10; i++) expect(m[at / 8 + i]!).toBeLessThan(i < 9 ? 2n ** 27n : 2n ** 26n);
  };

  it('multiplies, squares, subtracts and normalizes (edges: 0, p − 1, p, 2^256 − 1, 2^260 − 1; weak results fed back)', () => {
    for (const [a, b] of pairs) {
      put(a, A);
      put(b, B);
      hooks.testMul(R, A, B);
      expect(mod(get(R))).toBe(mod(a * b));
      expectWeak(R);
      hooks.testMul(R, R, R); // a weak result as input
      expect(mod(get(R))).toBe(mod(mod(a * b) ** 2n));
      hooks.testSqr(R, A);
      expect(mod(get(R))).toBe(mod(a * a));
      expectWeak(R);
      hooks.testSqr(R, R);
      expect(mod(get(R))).toBe(mod(a ** 4n));
      hooks.testSub(R, A, B);
      expect(mod(get(R))).toBe(mod(a - b));
      expectWeak(R);
      hooks.normalize(R);
      expect(get(R)).toBe(mod(a - b));
    }
  });

  it('takes inputs at the bounds of the weak form (limbs 0–8 up to 2^27 − 1, limb 9 up to 2^26 − 1)', () => {
    for (const [n, la] of weak.entries()) {
      const lb = weak[(n * 7 + 1) % weak.length]!;
      const [a, b] = [valueOf(la), valueOf(lb)];
      const ops: [string, () => void, bigint][] = [
        ['mul', () => hooks.testMul(R, A, B), a * b],
        ['sqr', () => hooks.testSqr(R, A), a * a],
        ['sub', () => hooks.testSub(R, A, B), a - b],
      ];
      for (const [name, run, want] of ops) {
        putLimbs(la, A);
        putLimbs(lb, B);
        run();
        expect(mod(get(R)), `${name} of limbs ${la.join(',')} and ${lb.join(',')}`).toBe(mod(want));
        expectWeak(R);
      }
      putLimbs(la, R);
      hooks.normalize(R);
      expect(get(R)).toBe(mod(a));
    }
  });

  it('inverts (Fermat, the addition chain of the JavaScript field)', () => {
    for (const [a] of pairs.slice(0, 300)) {
      if (mod(a) === 0n) continue;
      put(a, A);
      hooks.testInvert(R, A, TMP);
      expect(mod(get(R) * a)).toBe(1n);
    }
  });
});

describe('WebAssembly adder against the JavaScript one (batch-add.ts)', () => {
  const table = buildBaseTable(4);
  const jsPoints = table.points.slice(); // the adder releases the table's own copy
  const adder = new WasmAdder(table);
  expect(table.points.length).toBe(0);
  const entryPoint = (e: number) => {
    const x = new Float64Array(L);
    const y = new Float64Array(L);
    for (let i = 0; i < L; i++) {
      x[i] = jsPoints[e * ENTRY + i]!;
      y[i] = jsPoints[e * ENTRY + L + i]!;
    }
    return { x: F.toBigint(x, 0), y: F.toBigint(y, 0) };
  };

  it('adds the same table points to the same accumulators, negated or not, and reports the same exceptions', () => {
    for (let round = 0; round < 20; round++) {
      const count = 1 + (round * 37) % 300;
      const x = new Float64Array(count * L);
      const y = new Float64Array(count * L);
      const points = Array.from({ length: count }, () => G.multiply(1n + (random() % (N - 1n))).toAffine());
      const entries = Array.from({ length: count }, () => Math.floor(Math.random() * table.entries));
      const negate = Array.from({ length: count }, () => Math.random() < 0.5);
      // Exceptions: an accumulator on the addend itself (a doubling), or on its negation (infinity).
      if (count > 2) {
        const e = entryPoint(entries[0]!);
        points[0] = { x: e.x, y: negate[0] ? P - e.y : e.y };
        const f = entryPoint(entries[1]!);
        points[1] = { x: f.x, y: negate[1] ? f.y : P - f.y };
      }
      points.forEach((p, i) => {
        F.fromBigint(x, i * L, p.x);
        F.fromBigint(y, i * L, p.y);
      });
      // Every accumulator once, in a shuffled order.
      const slots = Int32Array.from([...Array(count).keys()].sort(() => Math.random() - 0.5));
      const jsX = x.slice();
      const jsY = y.slice();
      const jsExceptions = new Int32Array(count);
      const offsets = Int32Array.from(slots, (i) => entries[i]! * ENTRY);
      const negates = Uint8Array.from(slots, (i) => (negate[i] ? 1 : 0));
      const jsFailed = addRound(jsX, jsY, slots, count, { points: jsPoints, offsets, negate: negates }, jsExceptions);

      adder.load(x, y, count);
      slots.forEach((slot, k) => adder.setAddend(k, slot, entries[slot]!, negate[slot]!));
      const wasmExceptions = new Int32Array(count);
      const wasmFailed = adder.round(count, wasmExceptions);
      const outX = new Float64Array(count * L);
      const outY = new Float64Array(count * L);
      adder.store(outX, outY, count);

      expect([...wasmExceptions.subarray(0, wasmFailed)].sort()).toEqual([...jsExceptions.subarray(0, jsFailed)].sort());
      if (count > 2) expect(wasmFailed).toBe(2);
      for (let i = 0; i < count; i++) {
        expect(F.toBigint(outX, i * L)).toBe(F.toBigint(jsX, i * L));
        expect(F.toBigint(outY, i * L)).toBe(F.toBigint(jsY, i * L));
      }
    }
  });
});

describe('the kernel with and without WebAssembly', () => {
  it('derives the same payloads either way (the JavaScript additions are what a runtime without WebAssembly uses)', () => {
    const key = { publicKey: Uint8Array.from(G.multiply(123456789n).toBytes(true)), chainCode: new Uint8Array(32).fill(9) };
    const run = () => (['p2wpkh', 'p2tr', 'evm'] as const).map((script) => Buffer.from(derivePayloads({ ...key, script, from: 1000, count: 300 }).payloads).toString('hex'));
    setBaseTableWindow(6); // a table of this test's own: the default one's points are released once WebAssembly has them
    try {
      useWasmAdditions(false);
      const javascript = run();
      useWasmAdditions(true);
      expect(run()).toEqual(javascript);
    } finally {
      useWasmAdditions(true);
      setBaseTableWindow(DEFAULT_WINDOW);
    }
  });
});

describe('the embedded module', () => {
  it('is what scripts/wasm-kernel builds from its generator (AssemblyScript, pinned in devDependencies)', () => {
    const build = fileURLToPath(new URL('../../scripts/wasm-kernel/build.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [build, '--check'], { stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});
