/**
 * The fixed-base table: for each window j, the multiples d·2^(w·j)·G for d = 1 … 2^(w−1) (affine,
 * canonical limbs). With it s·G is a sum of windowCount(w) table points — no doublings — and every
 * addition of a batch shares one inversion (batch-add.ts).
 *
 * Built once per thread on first use (w = 14: ~0.35 s of CPU, 13 MB); the window was chosen by measurement
 * (bench/README.md): larger windows save additions but cost build time, memory and cache misses.
 */
import * as F from './field.js';
import { addRound } from './batch-add.js';
import { Point, writeAffine, type Point as CurvePoint } from './curve.js';
import { windowCount } from './scalar-digits.js';

const L = F.LIMBS;
/** Int32 limbs per table entry: x, then y. */
export const ENTRY = 2 * L;
export const DEFAULT_WINDOW = 14;

export interface BaseTable {
  /** Window width w in bits. */
  readonly window: number;
  /** First entry of window j; entry (j, |d|) is at (start[j] + |d| − 1)·ENTRY. */
  readonly start: Int32Array;
  /**
   * Canonical limbs (< 2^24) as int32: half the memory traffic of float64. Emptied once the WebAssembly adder has
   * its own copy (wasm-adder.ts): the JavaScript additions are then never used on this thread.
   */
  points: Int32Array;
  /** Entries in the table (points.length / ENTRY until the points are released). */
  readonly entries: number;
}

let cached: BaseTable | undefined;

let cachedWindow = DEFAULT_WINDOW;

/** The table of this thread, built on first use. */
export function baseTable(): BaseTable {
  cached ??= buildBaseTable(cachedWindow);
  return cached;
}

/** Selects the window of this thread's table (benchmarks compare windows; results do not change). */
export function setBaseTableWindow(w: number): void {
  if (w !== cachedWindow) cached = undefined;
  cachedWindow = w;
}

/** Entries of window j: 2^(w−1), except the last window (top 256 mod w bits plus a carry). */
function windowSizes(w: number): number[] {
  const windows = windowCount(w);
  const topBits = 256 - w * (windows - 1);
  return Array.from({ length: windows }, (_, j) => (j < windows - 1 ? 2 ** (w - 1) : 2 ** topBits));
}

export function buildBaseTable(w: number): BaseTable {
  if (!Number.isInteger(w) || w < 2 || w > 20) throw new RangeError(`table window must be 2…20 bits, got ${w}`);
  const sizes = windowSizes(w);
  const start = new Int32Array(sizes.length);
  let total = 0;
  sizes.forEach((size, j) => {
    start[j] = total;
    total += size;
  });
  const points = new Int32Array(total * ENTRY);
  const at = (j: number, d: number) => (start[j]! + d - 1) * ENTRY;

  // Entries 1 and 2 of each window from noble (the affine formulas cannot double).
  let base = Point.BASE;
  sizes.forEach((size, j) => {
    storePoint(points, at(j, 1), base);
    if (size >= 2) storePoint(points, at(j, 2), base.double());
    for (let i = 0; i < w; i++) base = base.double();
  });

  // Doubling generations: with entries 1…m known, d = m+1 … 2m−1 is entry(d−m) + entry(m), and then
  // 2m = entry(2m−1) + entry(1). All windows of a generation share one batch.
  const maxSize = Math.max(...sizes);
  for (let m = 2; m < maxSize; m *= 2) {
    const targets: [number, number, number][] = []; // [window, d, addend d]
    const later: [number, number, number][] = [];
    sizes.forEach((size, j) => {
      for (let d = m + 1; d <= Math.min(2 * m - 1, size); d++) targets.push([j, d, m]);
      if (2 * m <= size) later.push([j, 2 * m, 1]);
    });
    fillEntries(points, at, targets);
    fillEntries(points, at, later);
  }
  return { window: w, start, points, entries: total };
}

const one = new Float64Array(2 * L);

function storePoint(points: Int32Array, offset: number, p: CurvePoint): void {
  writeAffine(p, one, 0, one, L);
  storeLimbs(points, offset, one, 0);
  storeLimbs(points, offset + L, one, L);
}

/** Canonicalizes a (in place) and stores it as int32 limbs. */
function storeLimbs(points: Int32Array, offset: number, a: Float64Array, ao: number): void {
  F.canonicalize(a, ao);
  for (let i = 0; i < L; i++) points[offset + i] = a[ao + i]!;
}

/** entry(j, d) = entry(j, d − a) + entry(j, a) for each [j, d, a], in one batch. */
function fillEntries(points: Int32Array, at: (j: number, d: number) => number, targets: [number, number, number][]): void {
  const n = targets.length;
  if (n === 0) return;
  const x = new Float64Array(n * L);
  const y = new Float64Array(n * L);
  const slots = new Int32Array(n);
  const offsets = new Int32Array(n);
  targets.forEach(([j, d, a], k) => {
    slots[k] = k;
    for (let i = 0; i < L; i++) {
      x[k * L + i] = points[at(j, d - a) + i]!;
      y[k * L + i] = points[at(j, d - a) + L + i]!;
    }
    offsets[k] = at(j, a);
  });
  // Multiples d·B with 0 < d < n never share an x with another multiple below n: no exceptions.
  const exceptions = new Int32Array(n);
  if (addRound(x, y, slots, n, { points, offsets, negate: new Uint8Array(n) }, exceptions) !== 0)
    throw new Error('base table: unexpected exceptional addition');
  targets.forEach(([j, d], k) => {
    storeLimbs(points, at(j, d), x, k * L);
    storeLimbs(points, at(j, d) + L, y, k * L);
  });
}
