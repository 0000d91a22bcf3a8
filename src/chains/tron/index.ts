/** Tron: addresses and the `trongrid` indexer client. */
export { encodeTronAddress } from './address.js';
export { createTronGridSource, TRONGRID_DEFAULTS, type TronGridSourceOptions } from './trongrid-source.js';
export { API_KEY_HEADER, createTronGridApi, MAX_PAGE_SIZE, type TronGridApi, type TronGridApiOptions, type TransportOverrides } from './trongrid-api.js';
export { KNOWN_TRC20, type Trc20Info } from './known-tokens.js';
