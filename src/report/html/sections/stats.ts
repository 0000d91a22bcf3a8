import type { Report } from '../../types.js';
import { html, type Html } from '../escape.js';

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

const stat = (label: string, value: string | number): Html => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;

/** How much work the scan did, and the notes on assumptions it made. */
export function statsSection(report: Report): Html {
  const notes = report.notes ?? [];
  return html`<section aria-labelledby="stats-title"><h2 id="stats-title">Scan statistics</h2>
<dl class="stats">${stat('Addresses derived', report.stats.addressesDerived)}${stat('Requests', report.stats.requests)}${stat('Duration', duration(report.stats.durationMs))}${stat('Gap limit', report.gapLimit)}</dl>
${notes.length > 0 ? html`<h3 style="margin-top:16px">Notes</h3><ul>${notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}
</section>`;
}
