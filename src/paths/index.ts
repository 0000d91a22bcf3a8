// Public API of src/paths: the scheme catalog, template expansion and the offline coverage plan.
export * from './derivation-path.js';
export { firstAccount, type AccountRule, type Scheme, type UncheckableReason } from './scheme.js';
export {
  expandTemplate, hardenedPrefix, parseTemplate, resolveSlots,
  type AddressPosition, type Slot, type TemplateStep,
} from './template.js';
export { defineScheme, schemeProblems } from './validate-scheme.js';
export { BITCOIN_SCHEMES, CATALOG, catalogRank, EVM_SCHEMES, findScheme, getScheme, SOLANA_SCHEMES, TRON_SCHEMES } from './catalog/index.js';
export { schemeAppliesTo } from './applies.js';
export {
  accountOfKey, fitKey, groupBySeed, keysOfSeed, nextAccountExport, planAccount, targetAddressPath,
  type AccountPlan, type AddressIndex, type ExportRequest, type KeyFit, type MissingReason, type ScanTarget, type TargetShape,
} from './target.js';
export {
  planCoverage,
  type Coverage, type CoverageOptions, type MissingAccount, type ScannedAccount, type UncheckableScheme,
} from './coverage.js';
export { schemeTableMarkdown, schemeTableRows, type SchemeTableRow } from './scheme-table.js';
