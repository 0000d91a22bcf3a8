import type { Report } from './types.js';
import { amountText, sortAssets } from './format/asset-info.js';
import { compareNetworks, networkName, reportNetworks } from './format/report-networks.js';
import { MISSING_DETAIL, UNCHECKABLE_DETAIL } from './format/coverage-map.js';
import { alignRows, terminalSafe, type TextCell } from './format/text-table.js';
import { findScheme } from '../paths/index.js';

export interface SummaryOptions {
  /** ANSI colours (for a terminal that wants them: a TTY without NO_COLOR). */
  color: boolean;
}

type Paint = (text: string) => string;

const ansi = (code: string): Paint => (text) => `\u001b[${code}m${text}\u001b[0m`;

function painter(color: boolean) {
  const plain: Paint = (t) => t;
  return {
    bold: color ? ansi('1') : plain,
    dim: color ? ansi('2') : plain,
    green: color ? ansi('32') : plain,
    yellow: color ? ansi('33') : plain,
    red: color ? ansi('31') : plain,
    cyan: color ? ansi('36') : plain,
  };
}

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** ERC-721 ids are often 78-digit hashes: the summary shows their ends, the HTML and CSV the whole id. */
const shortId = (id: string): string => (id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-6)}` : id);

/** The first few wallets of a long list, with how many more. */
function fewWallets(usedBy: readonly string[], max = 3): string {
  return usedBy.length <= max ? usedBy.join(', ') : `${usedBy.slice(0, max).join(', ')} +${usedBy.length - max} more`;
}

/**
 * The human summary (for stderr): per network its used addresses and assets, then the missing paths with the
 * export advice, then what cannot be checked, then failures. Chain-provided text is made terminal-safe.
 */
export function renderSummary(report: Report, options: SummaryOptions): string {
  const p = painter(options.color);
  const out: string[] = [];
  const status = report.complete
    ? p.green('complete')
    : p.red(`INCOMPLETE: ${count(report.failures.length, 'query', 'queries')} failed`);
  const active = new Set(report.addresses.map((a) => a.network));
  out.push(`${p.bold('restore-scan')}: scan ${status}`);
  out.push(`${count(active.size, 'network')} with activity · ${count(report.addresses.length, 'used address', 'used addresses')} · ` +
    `${count(report.assets.length, 'asset')} · gap limit ${report.gapLimit}`);

  if (report.addresses.length === 0 && report.assets.length === 0) out.push('', 'No used address found on any network.');
  const assets = sortAssets(report.assets);
  for (const network of reportNetworks(report)) {
    const used = report.addresses.filter((a) => a.network === network)
      .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
    const held = assets.filter((a) => a.network === network);
    if (used.length === 0 && held.length === 0) continue;
    out.push('', p.bold(`${networkName(network)} (${network})`));
    if (used.length > 0) {
      out.push(`  ${count(used.length, 'used address', 'used addresses')}`);
      out.push(...alignRows(used.map((a) => [
        { text: a.path, style: p.dim }, terminalSafe(a.address), { text: count(a.txCount, 'tx', 'txs'), align: 'right' },
      ]), '    '));
    }
    if (held.length > 0) {
      out.push(`  ${count(held.length, 'asset')}`);
      out.push(...alignRows(held.map((a) => {
        const amount = terminalSafe(amountText(a, { grouping: true }));
        const what = [a.kind, a.name && terminalSafe(a.name), a.tokenId !== undefined && `#${shortId(a.tokenId)}`].filter(Boolean).join(' ');
        const cells: TextCell[] = [{ text: amount, align: 'right', style: p.bold }, { text: what, style: p.dim },
          { text: terminalSafe(a.address) }, { text: a.path, style: p.dim }];
        return cells;
      }), '    '));
    }
  }

  const missing = [...report.coverage.missing].sort((a, b) => compareNetworks(a.network, b.network));
  if (missing.length > 0) {
    out.push('', p.yellow(p.bold(`Missing: ${count(missing.length, 'account')} not scanned, the input has no key for them`)));
    out.push(...alignRows(missing.map((m) => [
      networkName(m.network), { text: m.accountPath, style: p.yellow }, findScheme(m.scheme)?.title ?? m.scheme,
      { text: `${MISSING_DETAIL[m.reason]}; used by ${fewWallets(m.usedBy)}`, style: p.dim },
    ]), '  '));
  }
  if (report.exportPlan.length > 0) {
    out.push('', p.bold('Export plan: export these paths from the card and run again:'));
    out.push(...alignRows(report.exportPlan.map((e) => ['[ ]', { text: e.path, style: p.cyan }, { text: e.curve, style: p.dim }]), '  '));
  }
  if (report.coverage.uncheckable.length > 0) {
    out.push('', p.bold('Not checkable from public keys:'));
    out.push(...alignRows(report.coverage.uncheckable.map((u) => [
      networkName(u.network), findScheme(u.scheme)?.title ?? u.scheme, { text: terminalSafe(u.detail ? `${UNCHECKABLE_DETAIL[u.reason]}: ${u.detail}` : UNCHECKABLE_DETAIL[u.reason]), style: p.dim },
    ]), '  '));
  }
  if (report.failures.length > 0) {
    out.push('', p.red(p.bold(`Failures: the report is incomplete (${count(report.failures.length, 'query', 'queries')} failed after retries)`)));
    out.push(...alignRows(report.failures.map((f) => [
      networkName(f.network), { text: terminalSafe(f.indexer), style: p.dim }, terminalSafe(f.what), { text: terminalSafe(f.error), style: p.red },
    ]), '  '));
    out.push('  Run again (with --resume to keep what was found) once the indexers answer.');
  }
  return `${out.join('\n')}\n`;
}
