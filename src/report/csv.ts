import type { Report } from './types.js';
import { assetDecimals, assetSymbol, assetToken, decimalAmount, sortAssets } from './format/asset-info.js';

export const CSV_COLUMNS = Object.freeze([
  'network', 'address', 'path', 'kind', 'contract_or_mint', 'token_id', 'symbol', 'decimals', 'amount_base_units', 'amount',
] as const);

/**
 * Spreadsheets run a cell starting with = + - @ (or a tab / carriage return that hides one) as a formula: a
 * token named `=HYPERLINK(…)` would. A leading apostrophe makes them text (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-neutralised, then quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * One row per asset, for accounting tools: a header row, CRLF line ends (RFC 4180). `amount` is the decimal
 * amount when the decimals are known (empty otherwise); `amount_base_units` is always exact.
 */
export function renderCsv(report: Report): string {
  const rows = sortAssets(report.assets).map((a) => [
    a.network, a.address, a.path, a.kind, assetToken(a) ?? '', a.tokenId ?? '', assetSymbol(a) ?? '',
    assetDecimals(a)?.toString() ?? '', a.amount, decimalAmount(a) ?? '',
  ]);
  return [[...CSV_COLUMNS], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
