import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, runMain } from './run-cli.js';
import type { PathsReport } from '../../src/api/paths.js';

const CARD = new URL('../../fixtures/inputs/abandon-card.json', import.meta.url).pathname;

describe('restore-scan paths', () => {
  it('lists the Tangem V1 Polygon path as missing and in the export plan, Sollet as uncheckable, and asks for nothing covered', async () => {
    const r = await runMain(['paths', CARD, '--networks', 'polygon,solana', '--json', '-']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PathsReport;
    expect(report.networks).toEqual(['polygon', 'solana']);
    expect(report.coverage.missing).toContainEqual(expect.objectContaining({
      network: 'polygon', scheme: 'tangem-v1-polygon', accountPath: "m/44'/966'/0'", reason: 'not-exported',
    }));
    expect(report.exportPlan).toContainEqual(expect.objectContaining({ curve: 'secp256k1', path: "m/44'/966'/0'" }));
    expect(report.coverage.uncheckable).toContainEqual(expect.objectContaining({ network: 'solana', scheme: 'sollet-deprecated', reason: 'needs-private-key' }));
    // The card exports m/44'/60'/0', m/44'/501'/0'/0' and m/44'/501'/0': none of them may be asked for again.
    const exported = (JSON.parse(readFileSync(CARD, 'utf8')) as { keys: { path: string }[] }).keys.map((k) => k.path);
    for (const e of report.exportPlan) expect(exported).not.toContain(e.path);
    expect(report.coverage.scanned).toContainEqual(expect.objectContaining({ network: 'polygon', scheme: 'bip44-evm', accountPath: "m/44'/60'/0'" }));
    // Human output went to stderr, and names the export.
    expect(r.stderr).toMatch(/Export plan/);
    expect(r.stderr).toMatch(/m\/44'\/966'\/0'/);
  });

  it('with the Tangem path exported, nothing is missing for it', async () => {
    const card = JSON.parse(readFileSync(CARD, 'utf8')) as { keys: Record<string, string>[] };
    const evm = card.keys.find((k) => k.path === "m/44'/60'/0'")!;
    // Any valid key will do for coverage; the point is that the path is now present.
    card.keys.push({ ...evm, path: "m/44'/966'/0'" });
    const dir = mkdtempSync(join(tmpdir(), 'restore-scan-paths-'));
    const file = join(dir, 'card.json');
    writeFileSync(file, JSON.stringify(card));
    const r = await runMain(['paths', file, '--networks', 'polygon', '--json', '-']);
    const report = JSON.parse(r.stdout) as PathsReport;
    expect(report.coverage.missing.map((m) => m.scheme)).not.toContain('tangem-v1-polygon');
    expect(report.exportPlan.map((e) => e.path)).not.toContain("m/44'/966'/0'");
  });

  it('refuses an unknown network with exit 2 and a hint', async () => {
    const r = await runMain(['paths', CARD, '--networks', 'polygn']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--networks: unknown network "polygn"/);
    expect(r.stderr).toMatch(/hint: known networks: .*polygon/);
  });

  it('works from the installed binary, --help and --version included', async () => {
    const help = await runBin(['paths', '--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toMatch(/Examples:/);
    const version = await runBin(['--version']);
    expect(version.code).toBe(0);
    expect(version.stderr.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const r = await runBin(['paths', CARD, '--quiet', '--json', '-']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as PathsReport).format).toBe('restore-scan.paths/1');
  });
});
