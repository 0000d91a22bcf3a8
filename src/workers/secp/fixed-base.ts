/**
 * Batched "acc_i ← acc_i + s_i·G": each scalar is recoded into signed windows, and window by window
 * every point of the batch gets one table point added — one shared inversion per window. A point the
 * affine formulas cannot handle (see batch-add.ts) is redone from its start with noble.
 */
import * as F from './field.js';
import { addRound, type Addends } from './batch-add.js';
import { ENTRY, baseTable } from './base-table.js';
import { Point, bytesToBigint, readAffine, writeAffine } from './curve.js';
import { recode, windowCount } from './scalar-digits.js';
import { wasmAdder } from './wasm-adder.js';

const L = F.LIMBS;

/** A batch of affine points (element i at i·LIMBS in x and y) and which of them are still live. */
export interface PointBatch {
  x: Float64Array;
  y: Float64Array;
  /** 1 while element i is a valid point; set to 0 when its sum is the point at infinity. */
  live: Uint8Array;
}

class Scratch {
  capacity = 0;
  digits = new Int32Array(0);
  slots = new Int32Array(0);
  exceptions = new Int32Array(0);
  fallback = new Uint8Array(0);
  startX = new Float64Array(0);
  startY = new Float64Array(0);
  addends: Addends = { points: new Int32Array(0), offsets: new Int32Array(0), negate: new Uint8Array(0) };
  ensure(count: number, windows: number, points: Int32Array): void {
    this.addends.points = points;
    if (count > this.capacity || this.digits.length < count * windows) {
      this.capacity = Math.max(count, this.capacity);
      const c = this.capacity;
      this.digits = new Int32Array(c * windows);
      this.slots = new Int32Array(c);
      this.exceptions = new Int32Array(c);
      this.fallback = new Uint8Array(c);
      this.startX = new Float64Array(c * L);
      this.startY = new Float64Array(c * L);
      this.addends.offsets = new Int32Array(c);
      this.addends.negate = new Uint8Array(c);
    }
  }
}
const scratch = new Scratch();

/**
 * For each live i < count: batch[i] += s_i·G, s_i the 32 big-endian bytes at scalars[32·i] (< 2^256).
 * Elements whose sum is infinity are marked not live.
 */
export function addMultiplesOfG(batch: PointBatch, scalars: Uint8Array, count: number): void {
  const table = baseTable();
  const w = table.window;
  const windows = windowCount(w);
  scratch.ensure(count, windows, table.points);
  const { digits, slots, exceptions, fallback, startX, startY, addends } = scratch;
  const { x, y, live } = batch;
  for (let i = 0; i < count; i++) {
    fallback[i] = 0;
    if (!live[i]) continue;
    recode(scalars, 32 * i, w, digits, i * windows);
    F.copy(startX, i * L, x, i * L);
    F.copy(startY, i * L, y, i * L);
  }
  // The additions run in WebAssembly when the thread has it (wasm-adder.ts), else in JavaScript (batch-add.ts).
  const wasm = wasmAdder(table);
  wasm?.load(x, y, count);
  for (let j = 0; j < windows; j++) {
    const first = table.start[j]! - 1;
    let n = 0;
    for (let i = 0; i < count; i++) {
      const d = digits[i * windows + j]!;
      if (d === 0 || !live[i] || fallback[i]) continue;
      const entry = first + (d < 0 ? -d : d);
      if (wasm) wasm.setAddend(n, i, entry, d < 0);
      else {
        slots[n] = i;
        addends.offsets[n] = entry * ENTRY;
        addends.negate[n] = d < 0 ? 1 : 0;
      }
      n++;
    }
    const failed = wasm ? wasm.round(n, exceptions) : addRound(x, y, slots, n, addends, exceptions);
    for (let k = 0; k < failed; k++) fallback[exceptions[k]!] = 1;
  }
  wasm?.store(x, y, count);
  for (let i = 0; i < count; i++) if (fallback[i]) addWithNoble(batch, i, startX, startY, scalars);
}

function addWithNoble(batch: PointBatch, i: number, startX: Float64Array, startY: Float64Array, scalars: Uint8Array): void {
  const s = bytesToBigint(scalars, 32 * i);
  const sum = readAffine(startX, i * L, startY, i * L).add(Point.BASE.multiplyUnsafe(s));
  if (sum.equals(Point.ZERO)) batch.live[i] = 0;
  else writeAffine(sum, batch.x, i * L, batch.y, i * L);
}
