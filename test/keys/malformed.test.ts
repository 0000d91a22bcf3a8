import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readInputs } from '../../src/keys/index.js';
import { MALFORMED_CASES } from './malformed-cases.js';
import { leakedPiece } from './vectors.js';

function errorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

describe('malformed inputs are refused with a precise InputError', () => {
  it('has at least 45 cases with distinct names', () => {
    expect(MALFORMED_CASES.length).toBeGreaterThanOrEqual(45);
    expect(new Set(MALFORMED_CASES.map((c) => c.name)).size).toBe(MALFORMED_CASES.length);
  });

  it.each(MALFORMED_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const err = errorOf(() => readInputs(c.files));
    expect(['BAD_INPUT', 'PRIVATE_MATERIAL']).toContain(err.code);
    expect(err.message).toMatch(c.message);
    // Names the file and a line (file:3, file:3:7) or a JSON pointer (file: /keys/0).
    const names = c.files.map((f) => f.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    expect(err.where).toMatch(new RegExp(`^(${names})(:\\d+(:\\d+)?|: /.*)$`));
    expect(err.message.startsWith(`${err.where}: `)).toBe(true);
    if (c.where !== undefined) expect(err.where).toBe(c.where);
    if (c.secret !== undefined) {
      expect(err.code).toBe('PRIVATE_MATERIAL');
      for (const text of [err.message, err.hint ?? '', String(err.stack)]) expect(leakedPiece(text, c.secret)).toBeUndefined();
    }
  });
});
