import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/index.js';
import type { Report } from '../../src/report/types.js';

// Debian's chromium, driven by playwright-core: Playwright's own browser download cannot work here.
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
const demoLike = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/reports/demo-like.json'), 'utf8')) as Report;

let browser: Promise<Browser> | undefined;
let dir: string;

/**
 * The browser, launched once. Without chromium every test FAILS with this message (never skips): CI installs
 * it, and a missing browser must not let the HTML report go untested.
 */
function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the HTML report browser test`);
  browser ??= chromium.launch({ executablePath: CHROMIUM, headless: true });
  return browser;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'restore-scan-html-'));
});

afterAll(async () => {
  await (await browser)?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Loaded {
  page: Page;
  /** Every request for something other than the report file itself (none may happen: the page is self-contained). */
  external: string[];
  errors: string[];
  dialogs: string[];
}

/** Opens the rendered report from a file, offline: every non-file request is recorded and aborted. */
async function load(report: Report, name: string): Promise<Loaded> {
  const file = join(dir, name);
  writeFileSync(file, renderHtml(report, { generatedAt: '2025-01-01T12:00:00Z' }));
  const context = await (await launch()).newContext({ offline: true, viewport: { width: 1280, height: 900 } });
  const external: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) external.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, external, errors, dialogs };
}

describe('HTML report in a real browser', () => {
  it('renders the demo-like report offline with its assets, coverage and charts', async () => {
    const { page, external, errors } = await load(demoLike, 'demo-like.html');

    expect(await page.title()).toBe('restore-scan report');
    const assetRows = page.locator('section[aria-labelledby="assets-title"] tbody tr');
    expect(await assetRows.count()).toBe(demoLike.assets.length);
    for (const a of demoLike.assets) expect(await assetRows.filter({ hasText: a.address }).count()).toBeGreaterThan(0);
    expect(await assetRows.filter({ hasText: 'USDC' }).filter({ hasText: '1,500' }).count()).toBe(1);
    expect(await assetRows.filter({ hasText: 'Token-2022' }).filter({ hasText: 'PYUSD' }).count()).toBe(1);

    const tangem = page.locator('tr.missing', { hasText: "m/44'/966'/0'" });
    expect(await tangem.count()).toBe(1);
    expect(await tangem.innerText()).toMatch(/Missing[\s\S]*Polygon PoS[\s\S]*Tangem V1/);
    expect(await page.locator('ul.checklist input[type=checkbox]').count()).toBe(demoLike.exportPlan.length);

    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      const chart = charts.nth(i);
      expect((await chart.boundingBox())?.width).toBeGreaterThan(300);
      expect(await chart.locator('rect').count()).toBeGreaterThan(0);
      expect(await chart.getAttribute('role')).toBe('img');
      expect((await chart.locator('title').first().textContent())?.length).toBeGreaterThan(0);
    }

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.context().close();
  });

  it('shows chain-provided markup as text and runs nothing from it', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const report: Report = {
      ...demoLike,
      assets: demoLike.assets.map((a) => (a.kind === 'erc20' ? { ...a, symbol: evil, name: '<script>alert(2)</script>' } : a)),
    };
    const { page, external, errors, dialogs } = await load(report, 'evil.html');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('body script').count()).toBe(0);
    expect(await page.locator('section[aria-labelledby="assets-title"]').innerText()).toContain(evil);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.context().close();
  });

  it('puts the failures box above everything for an incomplete report', async () => {
    const incomplete = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/reports/incomplete.json'), 'utf8')) as Report;
    const { page, errors } = await load(incomplete, 'incomplete.html');
    const first = page.locator('main > *').first();
    expect(await first.getAttribute('role')).toBe('alert');
    expect(await first.innerText()).toMatch(/incomplete/i);
    expect(await first.locator('tbody tr').count()).toBe(incomplete.failures.length);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
