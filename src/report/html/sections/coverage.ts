import type { Report } from '../../types.js';
import { coverageMap, STATUS_LABELS, type CoverageRow, type CoverageStatus } from '../../format/coverage-map.js';
import { networkName } from '../../format/report-networks.js';
import { html, type Html } from '../escape.js';
import { colgroup } from './columns.js';

const STATUS_ICONS: Readonly<Record<CoverageStatus, string>> = { scanned: '✓', missing: '!', uncheckable: '⊘', 'not-applicable': '–' };
const ORDER: readonly CoverageStatus[] = ['missing', 'uncheckable', 'scanned', 'not-applicable'];
const SHORT: Readonly<Record<CoverageStatus, string>> = {
  missing: 'missing', uncheckable: 'uncheckable', scanned: 'scanned', 'not-applicable': 'not applicable',
};

const badge = (status: CoverageStatus): Html =>
  html`<span class="badge ${status}"><span aria-hidden="true">${STATUS_ICONS[status]}</span>${STATUS_LABELS[status]}</span>`;

function countsOf(rows: readonly CoverageRow[]): [CoverageStatus, number][] {
  return ORDER.map((s): [CoverageStatus, number] => [s, rows.filter((r) => r.status === s).length]).filter(([, n]) => n > 0);
}

function row(r: CoverageRow): Html {
  return html`<tr class="${r.status}"><td>${badge(r.status)}</td><td>${networkName(r.network)}</td><td>${r.title}<div class="mono small muted">${r.scheme}</div></td><td class="mono">${r.path}</td><td class="used-by">${r.usedBy.join(', ')}</td><td class="small">${r.detail}</td></tr>`;
}

/** One network's rows, under a header row that names it and counts its statuses. */
function networkGroup(network: string, rows: readonly CoverageRow[]): Html {
  const counts = countsOf(rows).map(([s, n]) => `${n} ${SHORT[s]}`).join(' · ');
  return html`<tbody class="group-body"><tr class="group"><th colspan="6" scope="colgroup">${networkName(network)}<span class="counts">${counts}</span></th></tr>${rows.map(row)}</tbody>`;
}

/**
 * The coverage map: for every network of the report, every catalog scheme that applies to it, with what the
 * input allowed (scanned), what it lacks (missing: export it), and what no public key can check.
 */
export function coverageSection(report: Report): Html {
  const rows = coverageMap(report);
  const networks = [...new Set(rows.map((r) => r.network))];
  return html`<section aria-labelledby="coverage-title"><h2 id="coverage-title">Coverage map</h2>
<p class="lead">Every known derivation scheme on the networks of this report. <strong>Missing</strong> accounts were not
exported from the card: their funds, if any, are not in this report. <strong>Uncheckable</strong> schemes cannot be checked
from public keys at all. <strong>Not applicable to the input</strong>: schemes of these networks the input has no key for.</p>
<ul class="status-counts">${countsOf(rows).map(([s, n]) => html`<li>${badge(s)} <span class="small">${n}</span></li>`)}</ul>
<div class="table-wrap"><table class="fixed"><caption>Derivation schemes by network and status</caption>${colgroup(19, 9, 20, 17, 24, 11)}
<thead><tr><th scope="col">Status</th><th scope="col">Network</th><th scope="col">Scheme</th><th scope="col">Account path</th><th scope="col">Used by</th><th scope="col">Detail</th></tr></thead>
${networks.map((n) => networkGroup(n, rows.filter((r) => r.network === n)))}</table></div></section>`;
}
