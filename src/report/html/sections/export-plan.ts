import type { Report } from '../../types.js';
import { findScheme } from '../../../paths/index.js';
import { networkName } from '../../format/report-networks.js';
import { html, type Html } from '../escape.js';

/** The missing accounts an export path unlocks, e.g. "Tangem V1 polygon on coin type 966 (Polygon PoS)". */
function unlocks(report: Report, curve: string, path: string): string[] {
  return report.coverage.missing
    .filter((m) => m.accountPath === path && (findScheme(m.scheme)?.curve ?? curve) === curve)
    .map((m) => `${findScheme(m.scheme)?.title ?? m.scheme} (${networkName(m.network)})`);
}

/** The paths to export from the card, as a checklist to tick while doing it. */
export function exportPlanSection(report: Report): Html {
  const items = report.exportPlan.map((e, i) => {
    const needed = unlocks(report, e.curve, e.path);
    return html`<li><input type="checkbox" id="export-${i}"><label for="export-${i}"><span class="mono path">${e.path}</span> <span class="tag">${e.curve}</span>${needed.length > 0 ? html`<div class="small muted">For: ${needed.join('; ')}</div>` : ''}</label></li>`;
  });
  return html`<section aria-labelledby="plan-title"><h2 id="plan-title">Export plan</h2>
${items.length === 0
    ? html`<p class="empty">Nothing to export: every applicable account the input reaches was scanned.</p>`
    : html`<p class="lead">Export these paths from the card and run the scan again with the new export added.</p><ul class="checklist">${items}</ul>`}
</section>`;
}
