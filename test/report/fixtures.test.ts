import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDemoLikeReport, makeIncompleteReport, sampleReportText } from '../../fixtures/reports/make-sample-reports.js';
import type { AssetKind } from '../../src/report/types.js';

const root = join(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(join(root, 'schema/report.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);
const committed = (file: string): string => readFileSync(join(root, 'fixtures/reports', file), 'utf8');

describe('sample reports', () => {
  it.each([
    ['demo-like.json', makeDemoLikeReport],
    ['incomplete.json', makeIncompleteReport],
  ])('%s is what make-sample-reports.ts writes, and valid against schema/report.schema.json', (file, make) => {
    const text = committed(file);
    expect(text).toBe(sampleReportText(make()));
    const ok = validate(JSON.parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('demo-like covers every kind the renderers handle, and the coverage cases', () => {
    const demo = makeDemoLikeReport();
    const kinds = new Set(demo.assets.map((a) => a.kind));
    for (const k of ['native', 'erc20', 'erc721', 'erc1155', 'spl', 'spl-2022', 'nft'] satisfies AssetKind[]) expect(kinds).toContain(k);
    expect(demo.assets.some((a) => a.compressed)).toBe(true);
    expect(new Set(demo.assets.filter((a) => a.kind === 'erc20').map((a) => a.network))).toEqual(new Set(['ethereum', 'arbitrum']));
    expect(demo.coverage.scanned.some((s) => s.scheme === 'bip84' && s.lastUsed['1'] !== undefined)).toBe(true);
    expect(demo.coverage.scanned.some((s) => s.scheme === 'bip86' && s.lastUsed['1'] !== undefined)).toBe(true);
    expect(demo.coverage.missing).toContainEqual(expect.objectContaining({ network: 'polygon', accountPath: "m/44'/966'/0'" }));
    expect(demo.coverage.uncheckable).toContainEqual(expect.objectContaining({ scheme: 'sollet-deprecated' }));
    expect(makeIncompleteReport()).toMatchObject({ complete: false, failures: expect.arrayContaining([expect.anything()]) });
  });

  it('the schema check is not vacuous: a broken report is rejected', () => {
    const broken = { ...makeDemoLikeReport(), complete: false };
    expect(validate(broken)).toBe(false);
    const badAmount = makeDemoLikeReport();
    badAmount.assets[0]!.amount = '1.5';
    expect(validate(badAmount)).toBe(false);
  });
});
