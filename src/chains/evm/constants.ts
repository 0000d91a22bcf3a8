/** EVM facts shared by the indexer clients: data, not code. */

/** Canonical Multicall3 (mds1/multicall), the same address on every chain that has it. */
export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11';

/** Event topic0 hashes (keccak256 of the event signatures). */
export const TOPICS = Object.freeze({
  /** Transfer(address,address,uint256): ERC-20 (3 topics, value in data) and ERC-721 (4 topics, tokenId indexed). */
  transfer: '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef',
  /** TransferSingle(address,address,address,uint256,uint256): ERC-1155. */
  transferSingle: '0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62',
  /** TransferBatch(address,address,address,uint256[],uint256[]): ERC-1155. */
  transferBatch: '0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb',
} as const);
