/** Solana: addresses, the `solana-rpc` and `solana-das` indexer clients, and merging their answers. */
export { encodeSolanaAddress } from './address.js';
export { createSolanaRpcSource, SOLANA_RPC_DEFAULTS, type SolanaRpcSourceOptions } from './rpc-source.js';
export { createSolanaDasSource, SOLANA_DAS_DEFAULTS, type SolanaDasSourceOptions } from './das-source.js';
export { mergeSolanaActivity, mergeSolanaHoldings } from './merge.js';
export type { SolanaEndpointOptions, TransportOverrides } from './endpoint.js';
export { findProgramAddress } from './pda.js';
export {
  isNonFungibleStandard,
  metadataAddress,
  parseMetaplexMetadata,
  TOKEN_STANDARDS,
  type MetaplexMetadata,
  type TokenStandard,
} from './metaplex-metadata.js';
export {
  SOLANA_MAINNET_GENESIS_HASH,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_METADATA_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
} from './programs.js';
