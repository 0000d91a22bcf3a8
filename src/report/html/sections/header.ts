import type { Report } from '../../types.js';
import { reportNetworks } from '../../format/report-networks.js';
import { html, type Html } from '../escape.js';

const FUNGIBLE = new Set(['erc20', 'trc20', 'spl', 'spl-2022']);
const NFT = new Set(['erc721', 'erc1155', 'nft']);

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function total(label: string, value: number, sub: string, attention = false): Html {
  return html`<div class="total${attention ? ' attention' : ''}"><dt>${label}</dt><dd>${value}<span class="sub">${sub}</span></dd></div>`;
}

/** Title, status, when and how, and the headline totals. */
export function headerSection(report: Report, title: string, generatedAt: string | undefined): Html {
  const networks = reportNetworks(report);
  const active = new Set(report.addresses.map((a) => a.network));
  const coins = report.assets.filter((a) => a.kind === 'native').length;
  const tokens = report.assets.filter((a) => FUNGIBLE.has(a.kind)).length;
  const nfts = report.assets.filter((a) => NFT.has(a.kind)).length;
  const status = report.complete
    ? html`<span class="pill complete">✓ Complete</span>`
    : html`<span class="pill incomplete">⚠ Incomplete: ${count(report.failures.length, 'failed query', 'failed queries')}</span>`;
  return html`<header class="report-header">
<div class="title-row"><h1>${title}</h1>${status}</div>
<div class="meta">${generatedAt ? html`<span>Generated <b>${generatedAt}</b></span>` : ''}<span>Format <b>${report.format}</b></span><span>Gap limit <b>${report.gapLimit}</b></span></div>
<dl class="totals">
${total('Networks', active.size, `with activity, of ${networks.length} considered`)}
${total('Used addresses', report.addresses.length, `${report.addresses.reduce((s, a) => s + a.txCount, 0)} transactions`)}
${total('Assets', report.assets.length, `${count(coins, 'coin balance')} · ${count(tokens, 'token')} · ${count(nfts, 'NFT')}`)}
${total('Missing accounts', report.coverage.missing.length, `${count(report.exportPlan.length, 'path')} to export`, report.coverage.missing.length > 0)}
${total('Uncheckable', report.coverage.uncheckable.length, 'schemes no public key can check')}
</dl>
</header>`;
}
