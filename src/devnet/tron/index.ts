/** The local Tron network for tests and the `demo` command: an in-memory ledger behind a TronGrid v1 server. */
export { TronWorld, USDT_CONTRACT, isTronAddress, tronFromHex, tronHex } from './tron-world.js';
export type { TronAccountState, TronTransaction, Trc20Contract } from './tron-world.js';
export { startTronGrid, API_KEY_HEADER, type RunningTronGrid, type TronGridOptions, type TronGridRequest } from './trongrid-server.js';
