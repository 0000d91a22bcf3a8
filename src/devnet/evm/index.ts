// Local EVM networks for tests and the `demo` command (no test-framework imports here). See README.md.
export { anvilBinary, startAnvil, startAnvilNetworks } from './anvil.js';
export type { AnvilNetwork, AnvilNetworkSpec, AnvilNetworks, AnvilNode, AnvilOptions } from './anvil.js';
export { killTrackedChildren, trackedChildPids } from './child-registry.js';
export { evmClients, localChain } from './clients.js';
export type { EvmClients, EvmNode } from './clients.js';
export { deployMulticall3, MULTICALL3_ADDRESS } from './multicall3.js';
export type { Multicall3Deployment } from './multicall3.js';
export { MULTICALL3_PRESIGNED } from './multicall3-presigned.js';
export { loadArtifact } from './artifacts.js';
export type { ContractArtifact, ContractName } from './artifacts.js';
export { testErc1155Abi, testErc20Abi, testErc721Abi } from './token-abis.js';
export {
  DEFAULT_TOKENS,
  deployTokens,
  fund,
  mine,
  mint1155,
  mint1155Batch,
  mintErc20,
  mintNft,
  sendErc20,
  transferOut,
} from './world.js';
export type { OutgoingAsset, TokenContracts, TokenOptions, TransferOutRequest, TxResult } from './world.js';
