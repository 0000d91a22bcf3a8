import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/report/index.js';
import type { Report } from '../../src/report/types.js';
import { sampleReport } from './sample-reports.js';

const ESC = '\u001b';
const demo = sampleReport('demo-like');
const plain = renderSummary(demo, { color: false });
const lines = plain.split('\n');

/** Lines from the one starting with `heading` up to the next blank line. */
function block(text: string, heading: string): string[] {
  const all = text.split('\n');
  const start = all.findIndex((l) => l.startsWith(heading));
  expect(start, heading).toBeGreaterThan(-1);
  const end = all.indexOf('', start);
  return all.slice(start, end === -1 ? undefined : end);
}

describe('renderSummary', () => {
  it('opens with the status and totals', () => {
    expect(lines[0]).toBe('restore-scan: scan complete');
    expect(lines[1]).toBe('4 networks with activity · 11 used addresses · 17 assets · gap limit 20');
  });

  it('lists per network the used addresses and the assets with decimals and symbol', () => {
    const bitcoin = block(plain, 'Bitcoin (bitcoin)');
    expect(bitcoin).toContain('  6 used addresses');
    expect(bitcoin).toContain("    m/84'/0'/0'/0/0  bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu                      4 txs");
    expect(bitcoin.some((l) => /^ +0\.0251 BTC  native  bc1qp59yckz4ae5c4efgw2s5wfyvrz0ala7rgvuz8z +m\/84'\/0'\/0'\/0\/2$/.test(l))).toBe(true);
    const ethereum = block(plain, 'Ethereum (ethereum)');
    expect(ethereum.some((l) => l.includes('1,500 USDC  erc20 USD Coin'))).toBe(true);
    expect(ethereum.some((l) => l.includes('1 ENS  erc721 Ethereum Name Service #79233663…642508'))).toBe(true);
    expect(block(plain, 'Solana (solana)').some((l) => l.includes('42.000001 USDC  spl USD Coin'))).toBe(true);
  });

  it('aligns columns: amounts right-aligned, addresses and paths in one column each', () => {
    const assets = block(plain, 'Arbitrum One (arbitrum)').slice(-3);
    expect(assets).toEqual([
      "          0.042 ETH  native          0x9858EfFD232B4033E47d90003D41EC34EcaEda94  m/44'/60'/0'/0/0",
      "    1,234.56789 ARB  erc20 Arbitrum  0x9858EfFD232B4033E47d90003D41EC34EcaEda94  m/44'/60'/0'/0/0",
      "         250.5 USDC  erc20 USD Coin  0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0  m/44'/60'/0'/0/1",
    ]);
  });

  it('then the missing paths and the export plan advice', () => {
    const missing = block(plain, 'Missing: 7 accounts not scanned');
    expect(missing.find((l) => l.includes("m/44'/966'/0'"))).toMatch(
      /^ {2}Polygon PoS +m\/44'\/966'\/0' +Tangem V1 polygon on coin type 966 +not exported; used by Tangem V1/);
    const plan = block(plain, 'Export plan: export these paths from the card and run again:');
    expect(plan.slice(1)).toEqual(demo.exportPlan.map((e) => expect.stringMatching(new RegExp(`^  \\[ \\]  ${e.path.replaceAll("'", "'")} +${e.curve}$`))));
    expect(plain.indexOf('Missing:')).toBeLessThan(plain.indexOf('Export plan:'));
    expect(plain.indexOf('Solana (solana)')).toBeLessThan(plain.indexOf('Missing:'));
    expect(block(plain, 'Not checkable from public keys:')[2]).toMatch(/^ {2}Solana +Sollet deprecated .* needs the private key$/);
  });

  it('ends with the failures of an incomplete report', () => {
    const text = renderSummary(sampleReport('incomplete'), { color: false });
    expect(text.split('\n')[0]).toBe('restore-scan: scan INCOMPLETE: 2 queries failed');
    const failures = block(text, 'Failures: the report is incomplete (2 queries failed after retries)');
    expect(failures[1]).toMatch(/^ {2}Arbitrum One +evm-rpc https:\/\/arb1\.arbitrum\.io\/rpc +eth_getLogs .* HTTP 429 Too Many Requests \(5 attempts\)$/);
    expect(text.indexOf('Failures:')).toBeGreaterThan(text.indexOf('Export plan:'));
  });

  it('uses colours only when asked, with the same text', () => {
    expect(plain).not.toContain(ESC);
    const colored = renderSummary(demo, { color: true });
    expect(colored).toContain(`${ESC}[32mcomplete${ESC}[0m`);
    expect(colored.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('keeps terminal escapes and bidi overrides of chain-provided text out of the terminal', () => {
    const evil: Report = {
      ...demo,
      assets: demo.assets.map((a) => (a.kind === 'erc20' ? { ...a, symbol: `${ESC}]0;pwned\u0007${ESC}[2J`, name: 'USD\u202eCoin' } : a)),
    };
    const text = renderSummary(evil, { color: false });
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u0007');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('\uFFFD]0;pwned\uFFFD\uFFFD[2J');
  });

  it('says so when nothing was found', () => {
    const empty: Report = { ...demo, addresses: [], assets: [] };
    expect(renderSummary(empty, { color: false })).toContain('\nNo used address found on any network.\n');
  });
});
