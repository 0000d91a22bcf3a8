import type { Report } from '../../types.js';
import { findScheme } from '../../../paths/index.js';
import { compareNetworks, networkName } from '../../format/report-networks.js';
import { html, type Html } from '../escape.js';
import { colgroup } from './columns.js';

/** Every used address (history, balance or holding), with its scheme and path. */
export function addressesSection(report: Report): Html {
  const sorted = [...report.addresses].sort((a, b) => compareNetworks(a.network, b.network)
    || a.path.localeCompare(b.path, 'en', { numeric: true }));
  const rows = sorted.map((a) => html`<tr><td>${networkName(a.network)}</td><td title="${findScheme(a.scheme)?.title ?? a.scheme}">${a.scheme}</td><td class="mono">${a.path}</td><td class="mono">${a.address}</td><td class="num">${a.txCount}</td></tr>`);
  return html`<section aria-labelledby="addresses-title"><h2 id="addresses-title">Used addresses</h2>
<p class="lead">Addresses with any transaction history, balance or token holding.</p>
${rows.length === 0 ? html`<p class="empty">No used address found.</p>` : html`<div class="table-wrap"><table class="fixed"><caption>${report.addresses.length} used addresses</caption>${colgroup(12, 13, 16, 49, 10)}
<thead><tr><th scope="col">Network</th><th scope="col">Scheme</th><th scope="col">Path</th><th scope="col">Address</th><th scope="col" class="num">Transactions</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}
</section>`;
}
