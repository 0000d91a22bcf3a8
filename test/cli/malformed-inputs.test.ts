import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MALFORMED_CASES } from '../keys/malformed-cases.js';
import { runBin, runMain } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'restore-scan-malformed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a case's files into its own folder; returns their paths (names as the case gives them). */
function materialise(index: number, files: { name: string; text: string }[]): string[] {
  return files.map((f) => {
    const path = join(dir, String(index), f.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
    return path;
  });
}

/** No 8-character piece of the secret may appear anywhere in the output. */
function leaks(secret: string, output: string): string | undefined {
  for (let i = 0; i + 8 <= secret.length; i++) {
    const piece = secret.slice(i, i + 8);
    if (piece.trim().length === 8 && output.includes(piece)) return piece;
  }
  return undefined;
}

describe('the CLI on malformed inputs: exit 2, one clear line naming the place, no secret', () => {
  it('has at least 40 cases', () => expect(MALFORMED_CASES.length).toBeGreaterThanOrEqual(40));

  it.each(MALFORMED_CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    const c = MALFORMED_CASES[i]!;
    const files = materialise(i, c.files);
    const r = await runMain(['paths', ...files]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // Messages name files as the user gave them; the case's regexps use the bare names.
    const lines = r.stderr.replaceAll(join(dir, String(i)) + '/', '').trim().split('\n');
    expect(lines[0]).toMatch(/^restore-scan: /);
    expect(lines[0]).toMatch(c.message);
    expect(lines.length).toBeLessThanOrEqual(2); // the message and at most a hint: no stack trace
    expect(r.stderr).not.toMatch(/\n\s+at /);
    if (c.secret) expect(leaks(c.secret, r.stdout + r.stderr)).toBeUndefined();
  });

  it('the real binary exits 2 too, and prints the stack only with --debug', async () => {
    const c = MALFORMED_CASES.find((x) => x.secret)!;
    const files = materialise(9999, c.files);
    const r = await runBin(['paths', ...files]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(c.message);
    if (c.secret) expect(leaks(c.secret, r.stderr + r.stdout)).toBeUndefined();
  });
});
