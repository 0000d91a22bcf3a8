// Report renderers: the JSON report (types) as HTML, CSV, watch-only descriptors and the terminal summary.
export type * from './types.js';
export { renderHtml, type HtmlOptions } from './html/render-html.js';
export { renderCsv, csvField, CSV_COLUMNS } from './csv.js';
export {
  accountDescriptors, importDescriptorRequests, renderDescriptors, renderImportDescriptors,
  type AccountDescriptor, type BranchDescriptor, type DescriptorExport, type DescriptorKey, type DescriptorOptions,
  type ImportDescriptorRequest, type UnavailableAccount,
} from './descriptors.js';
export { renderSummary, type SummaryOptions } from './summary.js';
export { formatBaseUnits } from './format/amount.js';
export { coverageMap, type CoverageRow, type CoverageStatus } from './format/coverage-map.js';
