// Local Blockscout v2 and Etherscan v2 servers backed by real anvil chains (no test-framework imports). See README.md.
export { startBlockscout, type BlockscoutServer, type BlockscoutServerOptions } from './blockscout-server.js';
export { startEtherscan, RESULT_WINDOW, type EtherscanServer, type EtherscanServerOptions } from './etherscan-server.js';
export { createChainIndex, type ChainIndex, type IndexedTransfer, type IndexedTx, type TokenInfo, type TokenStandard } from './chain-index.js';
export { currentNfts, currentTokenBalances, type HeldToken } from './current-holdings.js';
export type { LocalServer, LoggedRequest } from './http.js';
