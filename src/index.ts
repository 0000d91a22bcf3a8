/**
 * restore-scan, the library: `scan()`, `paths()` and `derive()` with typed options, AbortSignal and progress
 * events. The CLI is a thin layer over these.
 */
export { scan, type ScanOptions } from './api/scan.js';
export { paths, paths as plan, loadKeySet, type KeyInput, type PathsOptions, type PathsReport } from './api/paths.js';
export { deriveAddresses as derive, type DeriveAddressesOptions } from './api/derive-addresses.js';
export type { DerivedAddress } from './workers/derive.js';
export { createDerivePool, type DerivePool } from './workers/pool.js';
export type { ScanProgress } from './discovery/progress.js';

export * from './errors.js';
export * from './chains/types.js';
export * from './chains/networks.js';
export type * from './chains/source.js';
export { encodeAddress, payloadFromPublicKey, PAYLOAD_WIDTH } from './chains/address.js';
export { readInputs, readInputFiles, type InputFile } from './keys/index.js';
export type * from './keys/types.js';
export { CATALOG, getScheme, planCoverage, schemeTableRows, type Scheme, type Coverage, type ScanTarget } from './paths/index.js';
export * from './paths/derivation-path.js';
export type * from './report/types.js';
export { renderHtml, renderCsv, renderDescriptors, renderSummary } from './report/index.js';
export { parseConfig, loadConfig } from './config/load-config.js';
export { DEFAULT_CONFIG } from './config/default-endpoints.js';
export type { Config, IndexerConfig, NetworkConfig, IndexerType } from './config/indexer-types.js';
export type { SourceFactory, SourceFactories } from './discovery/network-sources.js';
