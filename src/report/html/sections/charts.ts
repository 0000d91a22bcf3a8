import type { AssetKind, Report } from '../../types.js';
import { KIND_LABELS, KIND_ORDER } from '../../format/asset-info.js';
import { compareNetworks, networkName } from '../../format/report-networks.js';
import { barChartSvg, chartDataTable, legend, type BarChartSpec } from '../bar-chart.js';
import { html, type Html } from '../escape.js';
import { KIND_COLORS } from '../kind-colors.js';

/** Counts of assets by (network, kind). Amounts are never summed here: across assets their units differ. */
function counts(report: Report): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of report.assets) out.set(`${a.network}|${a.kind}`, (out.get(`${a.network}|${a.kind}`) ?? 0) + 1);
  return out;
}

function figure(spec: BarChartSpec, withLegend: boolean): Html {
  return html`<figure><figcaption>${spec.title}</figcaption>${barChartSvg(spec)}${withLegend ? legend(spec.series) : ''}${chartDataTable(spec)}</figure>`;
}

/** Assets per network (stacked by kind) and assets per kind, as inline SVG with data-table fallbacks. */
export function chartsSection(report: Report): Html {
  if (report.assets.length === 0) return html``;
  const byPair = counts(report);
  const networks = [...new Set(report.assets.map((a) => a.network))].sort(compareNetworks);
  const kinds = KIND_ORDER.filter((k) => report.assets.some((a) => a.kind === k));
  const perKind = (k: AssetKind): number => networks.reduce((s, n) => s + (byPair.get(`${n}|${k}`) ?? 0), 0);
  const kindTotals: ReadonlyMap<string, number> = new Map(kinds.map((k) => [k, perKind(k)]));
  const kindColors: ReadonlyMap<string, string> = new Map(kinds.map((k) => [k, KIND_COLORS[k]]));
  const kindSeries = kinds.map((k) => ({ key: k, label: KIND_LABELS[k], color: KIND_COLORS[k] }));

  const perNetwork: BarChartSpec = {
    id: 'chart-networks',
    title: 'Assets per network',
    description: `Number of assets found on each network, split by kind. ${networks.map((n) =>
      `${networkName(n)}: ${kinds.filter((k) => byPair.has(`${n}|${k}`)).map((k) => `${byPair.get(`${n}|${k}`)} ${KIND_LABELS[k]}`).join(', ')}`).join('; ')}.`,
    categories: networks.map((n) => ({ key: n, label: networkName(n) })),
    series: kindSeries,
    value: (n, k) => byPair.get(`${n}|${k}`) ?? 0,
    categoryHeader: 'Network',
  };
  const kindChart: BarChartSpec = {
    id: 'chart-kinds',
    title: 'Assets per kind',
    description: `Number of assets of each kind, over every network. ${kinds.map((k) => `${KIND_LABELS[k]}: ${kindTotals.get(k)}`).join('; ')}.`,
    categories: kinds.map((k) => ({ key: k, label: KIND_LABELS[k] })),
    series: [{ key: 'assets', label: 'Assets', color: '#0072B2' }],
    value: (k) => kindTotals.get(k) ?? 0,
    categoryHeader: 'Kind',
    categoryColor: (k) => kindColors.get(k) ?? '#6b7280',
  };
  return html`<section aria-labelledby="charts-title"><h2 id="charts-title">Assets at a glance</h2>
<p class="lead">Counts of assets (one per address and token); amounts of different assets are not added up.</p>
<div class="charts">${figure(perNetwork, true)}${figure(kindChart, false)}</div></section>`;
}
