// The WebAssembly global as Node provides it, as far as this project uses it (its TypeScript libs carry no DOM
// types, and @types/node declares none): src/workers/secp/wasm-kernel.ts and its users.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: object);
    readonly exports: object;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
}
