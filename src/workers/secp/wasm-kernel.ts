/**
 * The WebAssembly kernel (scripts/wasm-kernel: field arithmetic, the batched addition round, the child step's
 * HMAC-SHA512, Keccak-256 and HASH160 of a key), compiled once per thread. The adder has an instance of its own (its 12 MB table
 * lives in its memory); the hashes share one, each in its region of the first page (HASH_MEMORY).
 */
import { WASM_KERNEL_BASE64 } from './wasm-kernel.generated.js';

export interface KernelExports {
  memory: WebAssembly.Memory;
  addRound(ax: number, ay: number, table: number, slots: number, offsets: number, neg: number, count: number, prefix: number, tmp: number): number;
  sameX(ax: number, slot: number, table: number, offset: number, tmp: number): number;
  normalizeAll(ax: number, count: number): void;
  hmacMidstates(key: number, mids: number, block: number, w: number): void;
  childScalars(mids: number, pub: number, from: number, count: number, out: number, scratch: number): void;
  keccakLast20Of64(input: number, out: number): void;
  hash160(input: number, len: number, out: number, block: number): void;
}

let compiled: WebAssembly.Module | undefined;

/** Whether this runtime has WebAssembly (every supported Node does; the JavaScript paths remain for the rest). */
export const hasWebAssembly = typeof WebAssembly === 'object';

/** A fresh instance of the kernel, with its own memory. */
export function instantiateKernel(): KernelExports {
  compiled ??= new WebAssembly.Module(Buffer.from(WASM_KERNEL_BASE64, 'base64'));
  return new WebAssembly.Instance(compiled, { env: { abort: () => { throw new Error('wasm kernel abort'); } } }).exports as unknown as KernelExports;
}

/** Regions of the hash instance's first page (the module's own data ends near 2 KB). */
export const HASH_MEMORY = Object.freeze({
  /** child-tweak.ts: key, parent, midstates, scratch, then up to 512 scalars of 32 bytes (40960 … 59392). */
  hmac: 40960,
  /** payload-hashes.ts: Keccak, 64 bytes in, 20 out. */
  keccakIn: 59392,
  keccakOut: 59456,
  /** payload-hashes.ts: HASH160, up to 55 bytes in, 20 out, a 64-byte block. */
  hash160In: 59520,
  hash160Out: 59584,
  hash160Block: 59648,
});

let hashes: { kernel: KernelExports; bytes: Uint8Array } | undefined;

/** This thread's instance for the hashes (its memory never grows: the byte view stays valid). */
export function hashInstance(): { kernel: KernelExports; bytes: Uint8Array } {
  if (!hashes) {
    const kernel = instantiateKernel();
    hashes = { kernel, bytes: new Uint8Array(kernel.memory.buffer) };
  }
  return hashes;
}
