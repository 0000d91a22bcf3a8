// Public API of restore-scan. Grows as modules land.
export * from './errors.js';
export * from './chains/types.js';
export * from './chains/networks.js';
export * from './paths/derivation-path.js';
export type * from './keys/types.js';
