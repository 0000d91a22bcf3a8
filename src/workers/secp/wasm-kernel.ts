/**
 * The WebAssembly kernel (scripts/wasm-kernel: field arithmetic, the batched addition round, the child step's
 * HMAC-SHA512), compiled once per thread. Each user instantiates it with a memory of its own: the adder keeps a
 * 12 MB table in its memory, the HMAC needs one page.
 */
import { WASM_KERNEL_BASE64 } from './wasm-kernel.generated.js';

export interface KernelExports {
  memory: WebAssembly.Memory;
  addRound(ax: number, ay: number, table: number, slots: number, offsets: number, neg: number, count: number, prefix: number, tmp: number): number;
  sameX(ax: number, slot: number, table: number, offset: number, tmp: number): number;
  normalizeAll(ax: number, count: number): void;
  hmacMidstates(key: number, mids: number, block: number, w: number): void;
  childScalars(mids: number, pub: number, from: number, count: number, out: number, scratch: number): void;
}

let compiled: WebAssembly.Module | undefined;

/** Whether this runtime has WebAssembly (every supported Node does; the JavaScript paths remain for the rest). */
export const hasWebAssembly = typeof WebAssembly === 'object';

/** A fresh instance of the kernel, with its own memory. */
export function instantiateKernel(): KernelExports {
  compiled ??= new WebAssembly.Module(Buffer.from(WASM_KERNEL_BASE64, 'base64'));
  return new WebAssembly.Instance(compiled, { env: { abort: () => { throw new Error('wasm kernel abort'); } } }).exports as unknown as KernelExports;
}
