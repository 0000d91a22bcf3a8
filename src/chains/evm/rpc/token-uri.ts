import { decodeFunctionResult, encodeFunctionData, parseAbi, type Hex } from 'viem';
import type { ContractRead, ReadOutcome } from './multicall3.js';

/** ERC-721 metadata extension (EIP-721): optional, and reverts for unknown ids in most implementations. */
const tokenUriAbi = parseAbi(['function tokenURI(uint256 tokenId) view returns (string)']);

export function tokenUriRead(contract: string, tokenId: bigint): ContractRead {
  return { target: contract, data: encodeFunctionData({ abi: tokenUriAbi, functionName: 'tokenURI', args: [tokenId] }) };
}

/** Control characters would reach terminals and reports verbatim: such a URI is dropped, not shown. */
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

/** The URI, or undefined for a revert, empty data, an undecodable answer, or an empty/unprintable string. */
export function decodeTokenUri(data: ReadOutcome): string | undefined {
  if (data === undefined) return undefined;
  let uri: string;
  try {
    uri = decodeFunctionResult({ abi: tokenUriAbi, functionName: 'tokenURI', data: data as Hex });
  } catch {
    return undefined;
  }
  const trimmed = uri.trim();
  return trimmed !== '' && PRINTABLE.test(trimmed) ? trimmed : undefined;
}
