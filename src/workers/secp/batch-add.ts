/**
 * One round of batched affine point additions: acc[e] += addend for many independent points, with a
 * single field inversion shared by the whole round (Montgomery's trick). Per point this costs 5
 * multiplications and 1 squaring, against ~11 for a projective addition plus a later normalisation.
 * The subtractions that feed a multiplication are fused into it (mulLinear, mulTableLinear).
 *
 * Affine formulas cannot double or reach infinity: a point whose x equals its addend's x is reported
 * back as an exception (left unchanged) for the caller's slow path. That never happens for honest
 * random scalars but must stay correct for any input.
 */
import * as F from './field.js';

const L = F.LIMBS;

/**
 * The addends of a round: for the k-th addition, the point at `points[offsets[k]]` (canonical limbs:
 * x, then y at + LIMBS), negated when `negate[k]` is 1.
 */
export interface Addends {
  points: Int32Array;
  offsets: Int32Array;
  negate: Uint8Array;
}

/** Per-thread working memory, grown on demand. */
let prefix = new Float64Array(0);
const t = new Float64Array(L * 5);
const INV = 0, SLOPE = L, X3 = 2 * L, TMP = 3 * L, DX = 4 * L;

/**
 * For k < count: acc[slots[k]] += addend k. Accumulators are affine (x in accX, y in accY, element e at
 * e·LIMBS). Returns how many slots it could not handle (x(acc) = x(addend)); they are written to
 * `exceptions` and their accumulators left as they were.
 */
export function addRound(
  accX: Float64Array,
  accY: Float64Array,
  slots: Int32Array,
  count: number,
  addends: Addends,
  exceptions: Int32Array,
): number {
  if (count === 0) return 0;
  if (prefix.length < count * L) prefix = new Float64Array(Math.max(count, 2 * prefix.length / L) * L);
  const { points, offsets, negate } = addends;
  touchAddends(points, offsets, count);
  // Forward: prefix_k = dx_0 ⋯ dx_k with dx_k = x(addend) − x(acc).
  F.subFromTable(prefix, 0, points, offsets[0]!, accX, slots[0]! * L);
  for (let k = 1; k < count; k++) F.mulTableLinear(prefix, k * L, prefix, (k - 1) * L, points, offsets[k]!, accX, slots[k]! * L, -1);
  F.copy(t, TMP, prefix, (count - 1) * L);
  if (F.isZero(t, TMP)) return splitOffExceptions(accX, accY, slots, count, addends, exceptions);
  F.invert(t, INV, prefix, (count - 1) * L);
  // Backward: peel 1/dx_k off the running inverse, then the affine addition itself.
  for (let k = count - 1; k >= 0; k--) {
    const e = slots[k]! * L;
    const px = offsets[k]!;
    let inverse = INV; // 1/dx_k
    if (k > 0) {
      F.mul(t, SLOPE, t, INV, prefix, (k - 1) * L);
      F.mulTableLinear(t, INV, t, INV, points, px, accX, e, -1);
      inverse = SLOPE;
    }
    // λ = (y2 − y1)/dx; for a negated addend λ' = (y2 + y1)/dx = −λ, and the signs below follow.
    const negated = negate[k] === 1;
    F.mulTableLinear(t, SLOPE, t, inverse, points, px + L, accY, e, negated ? 1 : -1);
    // x3 = λ² − x1 − x2;  y3 = λ(x1 − x3) − y1 = λ'(x3 − x1) − y1
    F.sqr(t, X3, t, SLOPE);
    F.subSubTableNormalize(t, X3, t, X3, accX, e, points, px);
    if (negated) F.mulLinear(t, TMP, t, SLOPE, t, X3, accX, e, -1);
    else F.mulLinear(t, TMP, t, SLOPE, accX, e, t, X3, -1);
    F.subNormalize(accY, e, t, TMP, accY, e);
    F.copy(accX, e, t, X3);
  }
  return 0;
}

/**
 * Reads every addend once before the round: the table is megabytes and each entry a random cache miss;
 * independent loads in a tight loop overlap their misses, and the ~90 KB they bring in stay in L2
 * for the arithmetic that follows.
 */
function touchAddends(points: Int32Array, offsets: Int32Array, count: number): void {
  let sink = 0;
  for (let k = 0; k < count; k++) {
    const o = offsets[k]!;
    sink ^= points[o]! ^ points[o + L]! ^ points[o + 2 * L - 1]!;
  }
  touched = sink;
}
let touched = 0;

/** Slow path: some dx is 0. Report those slots, and run the round for the others. */
function splitOffExceptions(
  accX: Float64Array,
  accY: Float64Array,
  slots: Int32Array,
  count: number,
  addends: Addends,
  exceptions: Int32Array,
): number {
  const keep: number[] = [];
  let found = 0;
  for (let k = 0; k < count; k++) {
    F.subFromTable(t, DX, addends.points, addends.offsets[k]!, accX, slots[k]! * L);
    if (F.isZero(t, DX)) exceptions[found++] = slots[k]!;
    else keep.push(k);
  }
  const rest: Addends = {
    points: addends.points,
    offsets: Int32Array.from(keep, (k) => addends.offsets[k]!),
    negate: Uint8Array.from(keep, (k) => addends.negate[k]!),
  };
  const restSlots = Int32Array.from(keep, (k) => slots[k]!);
  return found + addRound(accX, accY, restSlots, restSlots.length, rest, exceptions.subarray(found));
}
