import type { Report } from '../../types.js';
import { formatBaseUnits } from '../../format/amount.js';
import { holdings, type Holding } from '../../format/holdings.js';
import { networkName } from '../../format/report-networks.js';
import { html, type Html } from '../escape.js';
import { kindCell } from './cells.js';

function amountCell(h: Holding): Html {
  if (h.decimals === undefined) return html`<td class="num"><span class="amount">${h.amount}</span> <span class="muted small">base units</span></td>`;
  return html`<td class="num"><span class="amount">${formatBaseUnits(h.amount, h.decimals, { grouping: true })}</span></td>`;
}

/** Each asset summed over its addresses: what a restore recovers, in one glance. */
export function holdingsSection(report: Report): Html {
  const rows = holdings(report.assets).map((h) => html`<tr><td>${networkName(h.network)}</td><td>${kindCell(h.kind)}</td>
<td><strong>${h.symbol ?? ''}</strong>${h.name ? html` <span class="muted">${h.name}</span>` : ''}${h.tokenId !== undefined ? html` <span class="tag">id ${h.tokenId}</span>` : ''}${h.token ? html`<div class="mono small muted break">${h.token}</div>` : ''}</td>
${amountCell(h)}<td class="num">${h.addresses}</td></tr>`);
  return html`<section aria-labelledby="holdings-title"><h2 id="holdings-title">Holdings</h2>
<p class="lead">Each asset summed over the addresses that hold it. Different assets are never added together.</p>
${rows.length === 0 ? html`<p class="empty">No assets found.</p>` : html`<div class="table-wrap"><table><caption>Holdings by asset</caption>
<thead><tr><th scope="col">Network</th><th scope="col">Kind</th><th scope="col">Asset</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Addresses</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}
</section>`;
}
