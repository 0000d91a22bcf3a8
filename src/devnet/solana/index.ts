/** The local Solana network for tests and the `demo` command: a litesvm world, its RPC and its DAS endpoint. */
export { SvmWorld } from './svm-world.js';
export type {
  CompressedNftRecord,
  CreateMintOptions,
  CreateNftOptions,
  MintRecord,
  NftInterface,
  NftRecord,
  ProcessedTransaction,
  TokenMetadata,
  WorldOptions,
} from './svm-world.js';
export { startSolanaRpc, solanaRpcMethods, type SolanaRpcOptions } from './rpc-server.js';
export { startDas, dasMethods } from './das-server.js';
export type { RunningServer } from './json-rpc-http.js';
export { TOKEN_PROGRAM, TOKEN_2022_PROGRAM, ASSOCIATED_TOKEN_PROGRAM, type TokenProgramName } from './constants.js';
