import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/index.js';
import type { Report } from '../../src/report/types.js';
import { EVIL, sampleReport } from './sample-reports.js';

const demo = sampleReport('demo-like');
const page = renderHtml(demo);

/** The HTML of the table row that contains `text`. */
function rowWith(html: string, text: string): string {
  const at = html.indexOf(text);
  expect(at, `${text} in the page`).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at));
}

const section = (html: string, id: string): string => {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
};

describe('renderHtml', () => {
  it('is one self-contained document: no script, no external resource, a CSP that forbids them', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<html lang="en">');
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(page).not.toMatch(/\s(src|href)=/i);
    // The only URL is the SVG namespace, which is never fetched.
    expect(page.match(/https?:\/\/[^\s"'<>]+/g)?.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('escapes every chain-provided string', () => {
    const evil: Report = {
      ...demo,
      addresses: [...demo.addresses, { ...demo.addresses[0]!, address: `"><svg onload=alert(3)>` }],
      assets: demo.assets.map((a) => (a.kind === 'erc20' ? { ...a, symbol: EVIL, name: '<script>alert(2)</script>', contract: `'"&<>` } : a)),
      notes: ['<b>note</b>'],
    };
    const html = renderHtml(evil, { title: '<i>t</i>' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<b>note');
    expect(html).not.toContain('<i>t</i>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&#39;&quot;&amp;&lt;&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;');
  });

  it('lists every asset with its amount formatted by its decimals', () => {
    const assets = section(page, 'assets-title');
    expect(assets.match(/<tr>/g)?.length).toBe(demo.assets.length + 1);
    expect(rowWith(assets, '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48')).toMatch(/>1,500<\/span> <span class="muted">USDC</);
    expect(rowWith(assets, '0x912CE59144191C1204E64559FE8253a0e49E6548')).toContain('1,234.56789');
    expect(rowWith(assets, '79233663829379634837589865448569342784712482819484549289560981379859480642508')).toContain('ERC-721');
    expect(rowWith(assets, 'J7Lb9xNo2jRmTwMpwzYvYfNzChQEb2t6dpgTH1bWWbs3')).toContain('compressed');
    expect(assets).toContain('incl. 0.0001 unconfirmed');
    expect(section(page, 'holdings-title')).toContain('0.0345021'); // 150000 + 2510000 + 48210 + 730000 + 12000 sats
  });

  it('lists the used addresses', () => {
    const addresses = section(page, 'addresses-title');
    for (const a of demo.addresses) expect(addresses).toContain(a.address);
    expect(addresses.match(/<tr>/g)?.length).toBe(demo.addresses.length + 1);
  });

  it('draws both charts as accessible SVG with a data-table fallback, counting assets', () => {
    const svgs = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) {
      expect(svg).toMatch(/role="img" aria-labelledby="(chart-\w+)-title \1-desc"/);
      expect(svg).toMatch(/<title id="chart-\w+-title">Assets per (network|kind)<\/title><desc id="chart-\w+-desc">Number of assets/);
    }
    expect(page.match(/<details class="data-table">/g)).toHaveLength(2);
    // Ethereum holds 2 native + ERC-20 + ERC-721 + ERC-1155 = 5 assets: counted, not summed.
    expect(rowWith(page, '<th scope="row">Ethereum</th>')).toMatch(/<td class="num">5<\/td>$/);
    expect(rowWith(page, '<th scope="row">Native coin</th>')).toContain('<td class="num">9</td>');
  });

  it('maps coverage: every applicable catalog scheme, with status in text', () => {
    const coverage = section(page, 'coverage-title');
    const tangem = rowWith(coverage, "m/44&#39;/966&#39;/0&#39;");
    expect(tangem).toContain('class="missing"');
    expect(tangem).toContain('Missing</span>');
    expect(tangem).toContain('Polygon PoS');
    expect(tangem).toContain('Tangem V1 (card batches AC01, AC02, CB95)');
    expect(rowWith(coverage, 'sollet-deprecated')).toContain('Uncheckable</span>');
    expect(rowWith(coverage, 'm/84&#39;/0&#39;/0&#39;<')).toContain('Scanned</span>');
    expect(rowWith(coverage, 'm/84&#39;/0&#39;/0&#39;<')).toContain('last used: receive 2, change 0');
    // Applies to Polygon, appears nowhere in the report:
    const phantom = coverage.slice(coverage.indexOf('<tbody class="group-body"><tr class="group"><th colspan="6" scope="colgroup">Polygon PoS'));
    expect(rowWith(phantom, 'phantom-evm-bip44-group')).toContain('Not applicable to the input</span>');
    // Networks not in the report are not mapped.
    expect(coverage).not.toContain('tangem-v1-bsc');
    expect(coverage).not.toContain('tron-bip44');
  });

  it('makes the export plan a checklist', () => {
    const plan = section(page, 'plan-title');
    expect(plan.match(/<input type="checkbox" id="export-\d+"><label for="export-\d+">/g)).toHaveLength(demo.exportPlan.length);
    expect(plan).toContain('Export these paths from the card and run the scan again');
    expect(rowWith(plan.replaceAll('<li>', '<tr>').replaceAll('</li>', '</tr>'), "m/44&#39;/966&#39;/0&#39;"))
      .toContain('Tangem V1 polygon on coin type 966 (Polygon PoS)');
  });

  it('shows the failures on top, saying the report is incomplete, only when there are failures', () => {
    expect(page).not.toContain('role="alert"');
    const incomplete = renderHtml(sampleReport('incomplete'));
    const main = incomplete.slice(incomplete.indexOf('<main>') + 6).trimStart();
    expect(main.startsWith('<section class="failures" role="alert"')).toBe(true);
    expect(main).toMatch(/Incomplete report: 2 queries failed/);
    expect(main).toContain('HTTP 429 Too Many Requests (5 attempts)');
  });

  it('is deterministic without generatedAt, and shows it when given', () => {
    expect(renderHtml(demo)).toBe(page);
    expect(renderHtml(demo, { generatedAt: new Date('2025-01-01T12:00:00Z') })).toContain('Generated <b>2025-01-01T12:00:00.000Z</b>');
  });

  it('renders an empty report without charts', () => {
    const empty: Report = { ...demo, addresses: [], assets: [], coverage: { scanned: [], missing: [], uncheckable: [] }, exportPlan: [] };
    const html = renderHtml(empty);
    expect(html).not.toContain('<svg');
    expect(html).toContain('No assets found.');
    expect(html).toContain('Nothing to export');
  });
});
