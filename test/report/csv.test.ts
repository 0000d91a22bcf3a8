import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, renderCsv } from '../../src/report/index.js';
import type { Asset, Report } from '../../src/report/types.js';
import { EVIL, sampleReport } from './sample-reports.js';

/** A strict RFC 4180 reader, to check the writer round-trips (quoted fields may hold , " CR LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') { field += '"'; i += 2; } else if (text[i] === '"') { i++; break; } else field += text[i++];
      }
    } else if (text[i] === ',') { row.push(field); field = ''; i++; } else if (text.startsWith('\r\n', i)) {
      row.push(field); rows.push(row); row = []; field = ''; i += 2;
    } else field += text[i++];
  }
  expect(field, 'the text ends with CRLF').toBe('');
  return rows;
}

const demo = sampleReport('demo-like');
const column = (name: (typeof CSV_COLUMNS)[number]): number => CSV_COLUMNS.indexOf(name);

describe('renderCsv', () => {
  it('writes a header and one row per asset, CRLF-terminated', () => {
    const csv = renderCsv(demo);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      'network', 'address', 'path', 'kind', 'contract_or_mint', 'token_id', 'symbol', 'decimals', 'amount_base_units', 'amount',
    ]);
    expect(rows).toHaveLength(demo.assets.length + 1);
    expect(csv.split('\r\n')).toHaveLength(demo.assets.length + 2);
    expect(csv.replaceAll('\r\n', '')).not.toContain('\n');
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  it('gives exact base units and the decimal amount, with native decimals and symbols from the network', () => {
    const rows = parseCsv(renderCsv(demo)).slice(1);
    const find = (pred: (r: string[]) => boolean): string[] => {
      const r = rows.find(pred);
      expect(r).toBeDefined();
      return r!;
    };
    expect(find((r) => r[column('amount_base_units')] === '1250000000000000000'))
      .toEqual(['ethereum', '0x9858EfFD232B4033E47d90003D41EC34EcaEda94', "m/44'/60'/0'/0/0", 'native', '', '', 'ETH', '18', '1250000000000000000', '1.25']);
    expect(find((r) => r[column('symbol')] === 'ARB').slice(4))
      .toEqual(['0x912CE59144191C1204E64559FE8253a0e49E6548', '', 'ARB', '18', '1234567890000000000000', '1234.56789']);
    expect(find((r) => r[column('kind')] === 'erc721')[column('token_id')])
      .toBe('79233663829379634837589865448569342784712482819484549289560981379859480642508');
    expect(find((r) => r[column('kind')] === 'nft').slice(3))
      .toEqual(['nft', 'J7Lb9xNo2jRmTwMpwzYvYfNzChQEb2t6dpgTH1bWWbs3', '', 'DRIP', '0', '1', '1']);
    expect(find((r) => r[column('amount_base_units')] === '150000')[column('amount')]).toBe('0.0015');
  });

  it('leaves the decimal amount empty when a token hides its decimals', () => {
    const asset: Asset = { network: 'ethereum', address: '0xabc', path: "m/44'/60'/0'/0/0", kind: 'erc20', contract: '0xdef', amount: '5' };
    const [, row] = parseCsv(renderCsv({ ...demo, assets: [asset] }));
    expect(row!.slice(6)).toEqual(['', '', '5', '']);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and round-trips them', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    const tricky = 'A, "B"\r\nC';
    const report: Report = { ...demo, assets: demo.assets.map((a) => (a.kind === 'erc20' ? { ...a, symbol: tricky } : a)) };
    const rows = parseCsv(renderCsv(report));
    expect(rows.filter((r) => r[column('symbol')] === tricky)).toHaveLength(3);
  });

  it('neutralises spreadsheet formulas: a leading = + - @ (or tab, CR) becomes text', () => {
    for (const formula of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(csvField(formula).replace(/^"/, '').startsWith(`'${formula[0]}`)).toBe(true);
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('a=b')).toBe('a=b');
    const report: Report = { ...demo, assets: demo.assets.map((a) => (a.kind === 'erc20' ? { ...a, symbol: '=cmd|"/c calc"!A1' } : a)) };
    const symbols = parseCsv(renderCsv(report)).map((r) => r[column('symbol')]);
    expect(symbols).toContain(`'=cmd|"/c calc"!A1`);
    expect(symbols.some((s) => s?.startsWith('='))).toBe(false);
  });

  it('keeps markup as plain data (CSV is not HTML)', () => {
    const report: Report = { ...demo, assets: demo.assets.map((a) => (a.kind === 'spl' ? { ...a, symbol: EVIL } : a)) };
    expect(parseCsv(renderCsv(report)).map((r) => r[column('symbol')])).toContain(EVIL);
  });
});
