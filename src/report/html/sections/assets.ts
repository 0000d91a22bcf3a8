import type { Asset, Report } from '../../types.js';
import { assetSymbol, assetToken, decimalAmount, sortAssets } from '../../format/asset-info.js';
import { networkName } from '../../format/report-networks.js';
import { html, type Html } from '../escape.js';
import { kindCell } from './cells.js';
import { colgroup } from './columns.js';

function amountCell(a: Asset): Html {
  const amount = decimalAmount(a, { grouping: true });
  const symbol = assetSymbol(a);
  const main = amount === undefined
    ? html`<span class="amount">${a.amount}</span> <span class="muted small">base units (decimals unknown)</span>`
    : html`<span class="amount">${amount}</span>${symbol ? html` <span class="muted">${symbol}</span>` : ''}`;
  // The mempool part of a Bitcoin balance, in the same unit as the amount.
  const pending = a.unconfirmed !== undefined && a.unconfirmed !== '0'
    ? html`<div class="muted small">incl. ${decimalAmount({ ...a, amount: a.unconfirmed }, { grouping: true }) ?? a.unconfirmed} unconfirmed</div>`
    : '';
  return html`<td class="num">${main}${pending}</td>`;
}

function assetCell(a: Asset): Html {
  const token = assetToken(a);
  const symbol = assetSymbol(a);
  const name = a.kind === 'native' ? networkName(a.network) : a.name;
  return html`<td>${symbol ? html`<strong>${symbol}</strong>` : ''}${name ? html` <span class="muted">${name}</span>` : ''}${a.compressed ? html` <span class="tag">compressed</span>` : ''}${a.tokenId !== undefined ? html`<div class="small">Token ID <span class="mono">${a.tokenId}</span></div>` : ''}${token ? html`<div class="mono small muted" title="${a.mint !== undefined ? 'mint / asset id' : 'contract'}">${token}</div>` : ''}</td>`;
}

/** Every asset at every address, with the path that controls it. */
export function assetsSection(report: Report): Html {
  const rows = sortAssets(report.assets).map((a) => html`<tr><td>${networkName(a.network)}</td><td>${kindCell(a.kind)}</td>${amountCell(a)}${assetCell(a)}<td class="mono">${a.address}</td><td class="mono">${a.path}</td></tr>`);
  return html`<section aria-labelledby="assets-title"><h2 id="assets-title">Assets</h2>
<p class="lead">One row per asset and address. Amounts use the token's decimals when known; base units otherwise.</p>
${rows.length === 0 ? html`<p class="empty">No assets found.</p>` : html`<div class="table-wrap"><table class="fixed"><caption>${report.assets.length} assets</caption>${colgroup(10, 11, 14, 22, 28, 15)}
<thead><tr><th scope="col">Network</th><th scope="col">Kind</th><th scope="col" class="num">Amount</th><th scope="col">Asset</th><th scope="col">Address</th><th scope="col">Path</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}
</section>`;
}
