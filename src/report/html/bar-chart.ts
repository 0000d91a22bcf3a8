import { html, type Html } from './escape.js';

/** One coloured part of a bar (a stack segment), e.g. the ERC-20 assets of one network. */
export interface BarSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
}

/** A horizontal (stacked) bar chart of counts: one bar per category, one segment per series. */
export interface BarChartSpec {
  /** Unique in the page: ids of the SVG's <title> and <desc> derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly categories: readonly { readonly key: string; readonly label: string }[];
  readonly series: readonly BarSeries[];
  readonly value: (category: string, series: string) => number;
  /** Header of the categories' column in the data table ("Network"). */
  readonly categoryHeader: string;
  /** Colour of a whole bar, for one-series charts whose bars are told apart by category (assets per kind). */
  readonly categoryColor?: (category: string) => string;
}

const WIDTH = 560;
const LABEL_WIDTH = 130;
const RIGHT_MARGIN = 44;
const ROW = 30;
const BAR = 18;
const TOP = 8;
const AXIS = 24;

/** Tick step for a count axis: 1, 2, 5, 10, 20, 50 … so that there are at most ~5 ticks. */
function tickStep(max: number): number {
  for (let magnitude = 1; ; magnitude *= 10)
    for (const m of [1, 2, 5]) if (max / (m * magnitude) <= 5) return m * magnitude;
}

/** The chart as inline SVG (role="img" with <title> and <desc>), each segment with a tooltip. */
export function barChartSvg(spec: BarChartSpec): Html {
  const totals = spec.categories.map((c) => spec.series.reduce((sum, s) => sum + spec.value(c.key, s.key), 0));
  const max = Math.max(1, ...totals);
  const step = tickStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT_MARGIN;
  const x = (n: number): number => Math.round((LABEL_WIDTH + (n / axisMax) * plotWidth) * 100) / 100;
  const height = TOP + spec.categories.length * ROW + AXIS;
  const plotBottom = TOP + spec.categories.length * ROW;

  const ticks: Html[] = [];
  for (let t = 0; t <= axisMax; t += step)
    ticks.push(html`<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${TOP - 4}" y2="${plotBottom}"/><text class="tick" x="${x(t)}" y="${plotBottom + 16}" text-anchor="middle">${t}</text>`);

  const bars = spec.categories.map((category, row) => {
    const y = TOP + row * ROW + (ROW - BAR) / 2;
    let start = 0;
    const segments = spec.series.map((s) => {
      const n = spec.value(category.key, s.key);
      if (n === 0) return html``;
      const segment = html`<rect x="${x(start)}" y="${y}" width="${Math.max(x(start + n) - x(start) - 1, 1)}" height="${BAR}" rx="2" fill="${spec.categoryColor?.(category.key) ?? s.color}"><title>${category.label}: ${n} × ${s.label}</title></rect>`;
      start += n;
      return segment;
    });
    const total = totals[row] ?? 0;
    return html`<g><text class="label" x="${LABEL_WIDTH - 10}" y="${y + BAR / 2}" dominant-baseline="central" text-anchor="end">${category.label}</text>${segments}<text class="value" x="${x(total) + 6}" y="${y + BAR / 2}" dominant-baseline="central">${total}</text></g>`;
  });

  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${spec.id}-title ${spec.id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="${spec.id}-title">${spec.title}</title><desc id="${spec.id}-desc">${spec.description}</desc>${ticks}<line class="axis" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH}" y1="${TOP - 4}" y2="${plotBottom}"/>${bars}</svg>`;
}

/** The legend: colour swatch and text, so that series are told apart without relying on colour. */
export function legend(series: readonly BarSeries[]): Html {
  const items = series.map((s) => html`<li><span class="swatch" style="background:${s.color}" aria-hidden="true"></span>${s.label}</li>`);
  return html`<ul class="legend">${items}</ul>`;
}

/** The chart's data as a table: the text alternative screen readers and copy-paste use. */
export function chartDataTable(spec: BarChartSpec): Html {
  const head = spec.series.map((s) => html`<th scope="col" class="num">${s.label}</th>`);
  const rows = spec.categories.map((c) => {
    const cells = spec.series.map((s) => html`<td class="num">${spec.value(c.key, s.key)}</td>`);
    const total = spec.series.reduce((sum, s) => sum + spec.value(c.key, s.key), 0);
    return html`<tr><th scope="row">${c.label}</th>${cells}${spec.series.length > 1 ? html`<td class="num">${total}</td>` : ''}</tr>`;
  });
  return html`<details class="data-table"><summary>Data table: ${spec.title}</summary><table><thead><tr><th scope="col">${spec.categoryHeader}</th>${head}${spec.series.length > 1 ? html`<th scope="col" class="num">Total</th>` : ''}</tr></thead><tbody>${rows}</tbody></table></details>`;
}
