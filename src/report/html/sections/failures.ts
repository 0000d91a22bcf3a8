import type { Report } from '../../types.js';
import { networkName } from '../../format/report-networks.js';
import { html, type Html } from '../escape.js';
import { colgroup } from './columns.js';

/** The red box on top: what failed, and that the report is incomplete because of it. */
export function failuresSection(report: Report): Html {
  if (report.failures.length === 0) return html``;
  const n = report.failures.length;
  const rows = report.failures.map((f) => html`<tr><td>${networkName(f.network)}</td><td class="mono">${f.indexer}</td><td>${f.what}</td><td>${f.error}</td></tr>`);
  return html`<section class="failures" role="alert" aria-labelledby="failures-title">
<h2 id="failures-title">⚠ Incomplete report: ${n} ${n === 1 ? 'query' : 'queries'} failed</h2>
<p>These queries still failed after their retries, so this report is <strong>incomplete</strong>: the addresses and
branches they concern may hold more than shown, and no address that could not be queried is counted as unused.
Run the scan again (with <code>--resume</code> to keep what was found) once the indexers answer.</p>
<div class="table-wrap"><table class="fixed"><caption>Failed queries</caption>${colgroup(12, 26, 34, 28)}<thead><tr><th scope="col">Network</th><th scope="col">Indexer</th><th scope="col">What</th><th scope="col">Error</th></tr></thead><tbody>${rows}</tbody></table></div>
</section>`;
}
