import { decodeAbiParameters, type Hex } from 'viem';
import { RestoreScanError } from '../../errors.js';
import { TOPICS } from './constants.js';
import { isRecord } from './json.js';
import { topicAddress } from './hex.js';

/** An eth_getLogs entry, narrowed to what the clients use. */
export interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  transactionHash: string;
  logIndex: string;
  blockNumber: string;
}

/** A token movement decoded from a log. Addresses lower-case; ERC-1155 batches keep their id/value arrays. */
export type TokenTransfer =
  | { standard: 'erc20'; contract: string; from: string; to: string; txHash: string }
  | { standard: 'erc721'; contract: string; from: string; to: string; tokenId: bigint; txHash: string }
  | {
      standard: 'erc1155';
      contract: string;
      operator: string;
      from: string;
      to: string;
      ids: bigint[];
      values: bigint[];
      txHash: string;
    };

const HEX = /^0x[0-9a-fA-F]*$/;

/** Narrows one eth_getLogs entry; rejects the answer when it is not a log (never guesses). Removed logs → undefined. */
export function parseRpcLog(value: unknown): RpcLog | undefined {
  if (!isRecord(value)) throw new RestoreScanError('PROTOCOL', 'eth_getLogs: an entry is not an object');
  if (value.removed === true) return undefined; // a reorg took it back
  const { address, topics, data, transactionHash, logIndex, blockNumber } = value;
  if (
    typeof address !== 'string' || !HEX.test(address) ||
    !Array.isArray(topics) || !topics.every((t) => typeof t === 'string' && HEX.test(t)) ||
    typeof data !== 'string' || !HEX.test(data) ||
    typeof transactionHash !== 'string' || typeof logIndex !== 'string' || typeof blockNumber !== 'string'
  ) {
    throw new RestoreScanError('PROTOCOL', 'eth_getLogs: an entry lacks address, topics, data, transactionHash or logIndex', {
      details: JSON.stringify(value).slice(0, 300),
    });
  }
  return { address: address.toLowerCase(), topics: (topics as string[]).map((t) => t.toLowerCase()), data, transactionHash, logIndex, blockNumber };
}

function decodeData<T extends readonly unknown[]>(types: readonly { type: string }[], data: string): T | undefined {
  try {
    return decodeAbiParameters(types, data as Hex) as unknown as T;
  } catch {
    return undefined; // a non-standard event with a standard name: ignore it, it is not a token movement we know
  }
}

/**
 * Decodes Transfer / TransferSingle / TransferBatch. ERC-20 and ERC-721 share the Transfer signature and differ by
 * topic count: 3 (value in data) vs 4 (tokenId indexed).
 */
export function decodeTransferLog(log: RpcLog): TokenTransfer | undefined {
  const [topic0, t1, t2, t3] = log.topics;
  const base = { contract: log.address, txHash: log.transactionHash.toLowerCase() };
  if (topic0 === TOPICS.transfer && t1 !== undefined && t2 !== undefined) {
    if (log.topics.length === 3) return { standard: 'erc20', ...base, from: topicAddress(t1), to: topicAddress(t2) };
    if (log.topics.length === 4 && t3 !== undefined)
      return { standard: 'erc721', ...base, from: topicAddress(t1), to: topicAddress(t2), tokenId: BigInt(t3) };
    return undefined;
  }
  if ((topic0 === TOPICS.transferSingle || topic0 === TOPICS.transferBatch) && log.topics.length === 4 && t1 && t2 && t3) {
    const parties = { operator: topicAddress(t1), from: topicAddress(t2), to: topicAddress(t3) };
    if (topic0 === TOPICS.transferSingle) {
      const decoded = decodeData<[bigint, bigint]>([{ type: 'uint256' }, { type: 'uint256' }], log.data);
      return decoded && { standard: 'erc1155', ...base, ...parties, ids: [decoded[0]], values: [decoded[1]] };
    }
    const decoded = decodeData<[readonly bigint[], readonly bigint[]]>([{ type: 'uint256[]' }, { type: 'uint256[]' }], log.data);
    if (decoded === undefined || decoded[0].length !== decoded[1].length) return undefined;
    return { standard: 'erc1155', ...base, ...parties, ids: [...decoded[0]], values: [...decoded[1]] };
  }
  return undefined;
}
