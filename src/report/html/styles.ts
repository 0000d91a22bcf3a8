/** The page's only stylesheet, inlined: the report must render from a file with the network off. */
export const STYLES = `
:root {
  --fg: #1f2937; --muted: #6b7280; --border: #e5e7eb; --bg: #f4f6f9; --card: #fff; --head: #f9fafb; --accent: #1d4ed8;
  --ok: #166534; --ok-bg: #dcfce7; --miss: #9a3412; --miss-bg: #ffedd5; --unc: #5b21b6; --unc-bg: #ede9fe;
  --na: #4b5563; --na-bg: #f3f4f6; --bad: #b91c1c; --bad-bg: #fef2f2;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 26px; line-height: 1.2; margin: 0; letter-spacing: -0.01em; }
h2 { font-size: 18px; margin: 0 0 4px; }
h3 { font-size: 14px; margin: 0 0 8px; color: var(--fg); }
p { margin: 0 0 12px; }
.lead { color: var(--muted); margin-bottom: 16px; }
.mono, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.break { overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
section, .report-header { background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 20px 24px; margin-top: 18px;
  box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); }
.report-header { margin-top: 0; }
.title-row { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; justify-content: space-between; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 8px 0 18px; color: var(--muted); font-size: 13px; }
.meta b { color: var(--fg); font-weight: 600; }
.pill { display: inline-flex; align-items: center; gap: 6px; border-radius: 999px; padding: 4px 12px; font-weight: 600; font-size: 13px; }
.pill.complete { background: var(--ok-bg); color: var(--ok); }
.pill.incomplete { background: var(--bad-bg); color: var(--bad); border: 1px solid #fca5a5; }
.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 0; }
.total { border: 1px solid var(--border); border-radius: 10px; padding: 12px 14px; background: var(--head); margin: 0; }
.total dt { color: var(--muted); font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.05em; font-weight: 600; }
.total dd { margin: 2px 0 0; font-size: 26px; font-weight: 650; line-height: 1.2; font-variant-numeric: tabular-nums; }
.total dd .sub { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
.total.attention { border-color: #fdba74; background: #fff7ed; }
.total.attention dd { color: var(--miss); }
.failures { border: 2px solid var(--bad); background: var(--bad-bg); margin-top: 0; margin-bottom: 18px; }
.failures h2 { color: var(--bad); }
.failures table { background: #fff; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px 28px; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg.chart { display: block; max-width: 620px; height: auto; }
svg.chart text { font-family: inherit; font-size: 12px; fill: var(--fg); }
svg.chart text.tick { fill: var(--muted); font-size: 11px; }
svg.chart text.value { font-weight: 600; }
svg.chart line.grid { stroke: #eef0f3; }
svg.chart line.axis { stroke: #9ca3af; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 6px 0 0; font-size: 12.5px; }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; }
details.data-table { margin-top: 8px; font-size: 13px; }
details.data-table summary, details.more summary { cursor: pointer; color: var(--accent); }
details.data-table table { margin-top: 6px; max-width: 560px; }
.table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; padding: 9px 12px; color: var(--muted); font-size: 12.5px; font-weight: 600; background: var(--head); border-bottom: 1px solid var(--border); }
th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--border); vertical-align: top; }
table > tbody:last-child > tr:last-child > th, table > tbody:last-child > tr:last-child > td { border-bottom: 0; }
thead th { font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); background: var(--head); font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 600; }
tbody tr:hover { background: #fafbff; }
table.fixed { table-layout: fixed; min-width: 900px; }
table.fixed td, table.fixed th { overflow-wrap: anywhere; }
tbody.group-body tr.group th { background: #f1f5f9; font-size: 13px; padding: 8px 12px; border-bottom: 1px solid var(--border); }
tbody.group-body tr.group th .counts { font-weight: 400; color: var(--muted); margin-left: 8px; }
tbody.group-body + tbody.group-body tr.group th { border-top: 1px solid var(--border); }
tr.not-applicable td { padding-top: 5px; padding-bottom: 5px; }
.used-by { font-size: 12px; color: #4b5563; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.amount { font-weight: 600; }
.kind { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
.tag { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 11px; background: var(--na-bg); color: var(--na); margin-left: 4px; }
.badge { display: inline-flex; align-items: center; gap: 5px; padding: 2px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.badge.scanned { color: var(--ok); background: var(--ok-bg); }
.badge.missing { color: var(--miss); background: var(--miss-bg); }
.badge.uncheckable { color: var(--unc); background: var(--unc-bg); }
.badge.not-applicable { color: var(--na); background: var(--na-bg); font-weight: 500; }
tr.not-applicable td { color: var(--muted); }
.status-counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 12px; padding: 0; list-style: none; }
.network-heading { margin: 18px 0 8px; font-size: 15px; }
.network-heading:first-of-type { margin-top: 4px; }
.checklist { list-style: none; padding: 0; margin: 0; }
.checklist li { display: flex; gap: 12px; align-items: flex-start; padding: 10px 12px; border: 1px solid var(--border); border-radius: 8px; margin-bottom: 8px; }
.checklist input { width: 18px; height: 18px; margin: 2px 0 0; accent-color: var(--ok); flex: none; }
.checklist label { display: block; cursor: pointer; }
.checklist .path { font-size: 14px; font-weight: 600; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 8px 24px; margin: 0; }
.stats div { display: flex; justify-content: space-between; border-bottom: 1px dashed var(--border); padding: 4px 0; }
.stats dt { color: var(--muted); } .stats dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
a { color: var(--accent); }
@media print {
  body { background: #fff; }
  section, .report-header { box-shadow: none; break-inside: avoid-page; }
  details.data-table { display: none; }
  .table-wrap { overflow: visible; }
}
`;
