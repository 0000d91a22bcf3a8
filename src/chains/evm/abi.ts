import { parseAbi } from 'viem';

/** The token and Multicall3 functions the EVM clients call (human-readable ABI, so viem types encode/decode). */

export const erc20ReadAbi = parseAbi([
  'function balanceOf(address owner) view returns (uint256)',
  'function decimals() view returns (uint8)',
]);

/** name() and symbol(): declared as returning string; bytes32 variants (old tokens such as MKR) are decoded by hand. */
export const tokenNameAbi = parseAbi(['function name() view returns (string)', 'function symbol() view returns (string)']);

export const erc721ReadAbi = parseAbi(['function ownerOf(uint256 tokenId) view returns (address)']);

export const erc1155ReadAbi = parseAbi([
  'function balanceOfBatch(address[] accounts, uint256[] ids) view returns (uint256[])',
]);

export const multicall3Abi = parseAbi([
  'struct Call3 { address target; bool allowFailure; bytes callData; }',
  'struct Result { bool success; bytes returnData; }',
  'function aggregate3(Call3[] calls) payable returns (Result[] returnData)',
  'function getEthBalance(address addr) view returns (uint256 balance)',
]);
