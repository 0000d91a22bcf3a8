import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateFieldMulSource } from '../../src/workers/secp/field-codegen.js';
import { generateKeccakSource } from '../../src/workers/hash/keccak-codegen.js';

const read = (path: string) => readFileSync(new URL(`../../src/workers/${path}`, import.meta.url), 'utf8');

describe('generated sources are what their generators produce', () => {
  it('field-mul.generated.ts', () => {
    expect(read('secp/field-mul.generated.ts') === generateFieldMulSource(), 'regenerate: see field-codegen.ts').toBe(true);
  });
  it('keccak.generated.ts', () => {
    expect(read('hash/keccak.generated.ts') === generateKeccakSource(), 'regenerate: see keccak-codegen.ts').toBe(true);
  });
});
