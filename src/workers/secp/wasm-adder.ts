/**
 * The batched affine additions of fixed-base.ts in WebAssembly: secp256k1 field elements as 10 × 26-bit limbs in
 * i64 slots, 100 native 64-bit products per multiplication (~49 ns against ~150 ns for the 11 float limbs of the
 * JavaScript field). Generated and compiled by scripts/wasm-kernel (AssemblyScript); the module is embedded in
 * wasm-kernel.generated.ts. Same algorithm and results as batch-add.ts; a thread without WebAssembly uses that.
 */
import { hasWebAssembly, instantiateKernel, type KernelExports } from './wasm-kernel.js';
import { ENTRY, type BaseTable } from './base-table.js';
import * as F from './field.js';

const L = F.LIMBS; // 11 limbs of 24 bits (JavaScript field)
const ELEMENT = 80; // bytes: 10 × i64
const TABLE_ENTRY = 80; // bytes: x then y, 10 × u32 each
const SCRATCH = 32768; // 16 free elements for the module's temporaries
const TABLE_BASE = 65536;
const PAGE = 65536;

/**
 * 24-bit limbs (canonical, little-endian) → 26-bit limbs, written to `out` at `at`, `at + stride`, …; with stride 2
 * the words between (the high halves of i64 slots) are zeroed. Exact in doubles (< 2^50); no allocation.
 */
function to26(src: ArrayLike<number>, so: number, out: Uint32Array, at: number, stride: number): void {
  let acc = 0;
  let scale = 1;
  let k = 0;
  for (let i = 0; i < L; i++) {
    acc += src[so + i]! * scale;
    scale *= 2 ** 24;
    while (scale >= 2 ** 26 && k < 9) {
      const limb = acc % 2 ** 26;
      out[at + stride * k] = limb;
      if (stride === 2) out[at + 2 * k + 1] = 0;
      k++;
      acc = (acc - limb) / 2 ** 26;
      scale /= 2 ** 26;
    }
  }
  out[at + stride * 9] = acc;
  if (stride === 2) out[at + 19] = 0;
}

export class WasmAdder {
  private readonly kernel: KernelExports;
  private capacity = 0;
  private ax = 0;
  private ay = 0;
  private prefix = 0;
  private slots = 0;
  private offsets = 0;
  private neg = 0;
  private words!: Uint32Array;
  private bytes!: Uint8Array;
  private i32!: Int32Array;

  constructor(readonly table: BaseTable) {
    this.kernel = instantiateKernel();
    const entries = table.entries;
    if (table.points.length !== entries * ENTRY) throw new Error('the table points were released before the WebAssembly adder copied them');
    this.grow(TABLE_BASE + entries * TABLE_ENTRY);
    const words = this.words;
    for (let e = 0; e < entries; e++) {
      const base = (TABLE_BASE + e * TABLE_ENTRY) / 4;
      to26(table.points, e * ENTRY, words, base, 1);
      to26(table.points, e * ENTRY + L, words, base + 10, 1);
    }
    table.points = new Int32Array(0); // 13 MB the JavaScript additions will not read on this thread
  }

  private get tableEnd(): number {
    return TABLE_BASE + this.table.entries * TABLE_ENTRY;
  }

  private grow(bytes: number): void {
    const memory = this.kernel.memory;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    this.words = new Uint32Array(memory.buffer);
    this.bytes = new Uint8Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
  }

  /** Room for `count` accumulators and one round's addends. */
  private ensure(count: number): void {
    if (count <= this.capacity) return;
    const c = Math.max(count, 2 * this.capacity, 256);
    this.ax = this.tableEnd;
    this.ay = this.ax + c * ELEMENT;
    this.prefix = this.ay + c * ELEMENT;
    this.slots = this.prefix + c * ELEMENT;
    this.offsets = this.slots + c * 4;
    this.neg = this.offsets + c * 4;
    this.grow(this.neg + c);
    this.capacity = c;
  }

  /** Copies the first `count` points of a JavaScript batch (canonical 24-bit limbs) in. */
  load(x: Float64Array, y: Float64Array, count: number): void {
    this.ensure(count);
    const words = this.words;
    for (let i = 0; i < count; i++) {
      to26(x, i * L, words, (this.ax + i * ELEMENT) / 4, 2);
      to26(y, i * L, words, (this.ay + i * ELEMENT) / 4, 2);
    }
  }

  /** Writes the accumulators back as canonical 24-bit limbs. */
  store(x: Float64Array, y: Float64Array, count: number): void {
    this.kernel.normalizeAll(this.ax, count);
    this.kernel.normalizeAll(this.ay, count);
    const words = this.words;
    for (let i = 0; i < count; i++) {
      this.from26(words, (this.ax + i * ELEMENT) / 4, x, i * L);
      this.from26(words, (this.ay + i * ELEMENT) / 4, y, i * L);
    }
  }

  private from26(words: Uint32Array, base: number, out: Float64Array, oo: number): void {
    let acc = 0;
    let scale = 1;
    let k = 0;
    for (let i = 0; i < 10; i++) {
      acc += words[base + 2 * i]! * scale;
      scale *= 2 ** 26;
      while (scale >= 2 ** 24 && k < L - 1) {
        const limb = acc % 2 ** 24;
        out[oo + k++] = limb;
        acc = (acc - limb) / 2 ** 24;
        scale /= 2 ** 24;
      }
    }
    out[oo + k++] = acc;
    while (k < L) out[oo + k++] = 0;
  }

  /** The round's addends: accumulator slot, table entry, negated. */
  setAddend(k: number, slot: number, entry: number, negate: boolean): void {
    this.i32[(this.slots >> 2) + k] = slot;
    this.i32[(this.offsets >> 2) + k] = entry;
    this.bytes[this.neg + k] = negate ? 1 : 0;
  }

  /**
   * acc[slot_k] += addend k for k < count. Returns how many slots it could not handle (x(acc) = x(addend)),
   * written to `exceptions`; their accumulators are left as they were.
   */
  round(count: number, exceptions: Int32Array): number {
    const { kernel } = this;
    if (kernel.addRound(this.ax, this.ay, TABLE_BASE, this.slots, this.offsets, this.neg, count, this.prefix, SCRATCH) === 0) return 0;
    // Rare: some dx is 0. Report those slots and run the round for the others.
    let found = 0;
    let kept = 0;
    const s = this.slots >> 2;
    const o = this.offsets >> 2;
    for (let k = 0; k < count; k++) {
      const slot = this.i32[s + k]!;
      const entry = this.i32[o + k]!;
      if (kernel.sameX(this.ax, slot, TABLE_BASE, entry, SCRATCH)) exceptions[found++] = slot;
      else {
        this.i32[s + kept] = slot;
        this.i32[o + kept] = entry;
        this.bytes[this.neg + kept] = this.bytes[this.neg + k]!;
        kept++;
      }
    }
    return found + (kept > 0 ? this.round(kept, exceptions.subarray(found)) : 0);
  }
}

let adder: WasmAdder | undefined;
let enabled = hasWebAssembly;

/**
 * Turns the WebAssembly additions off (or on again) for this thread: the JavaScript ones then run, as on a runtime
 * without WebAssembly (tests compare the two; a table whose points were released cannot go back to JavaScript).
 */
export function useWasmAdditions(on: boolean): void {
  enabled = on && hasWebAssembly;
}

/**
 * This thread's adder for `table`, or none without WebAssembly. Built on first use: converting the table takes ~60 ms,
 * on top of the ~0.4 s of building it (a table built in the module's memory directly would save that).
 */
export function wasmAdder(table: BaseTable): WasmAdder | undefined {
  if (!enabled) return undefined;
  if (adder?.table !== table) adder = new WasmAdder(table);
  return adder;
}
