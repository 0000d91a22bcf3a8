import {
  decodeEventLog,
  decodeFunctionResult,
  encodeFunctionData,
  getAddress,
  parseAbi,
  type Hex,
} from 'viem';
import type { EvmNode } from '../evm/clients.js';
import { nodeBatch, nodeCall, tryEthCall } from './node-rpc.js';

/**
 * An address index of a real local chain, built by reading every block, transaction and receipt over JSON-RPC:
 * what a Blockscout or Etherscan backend keeps in its database. Refreshed incrementally on demand, so answers
 * always reflect the node's current state. Decoding uses viem, independently of the clients under test.
 */

export type TokenStandard = 'erc20' | 'erc721' | 'erc1155';

export interface IndexedTx {
  hash: string;
  blockNumber: number;
  blockHash: string;
  timeStamp: number;
  nonce: number;
  transactionIndex: number;
  /** Lower-case. */
  from: string;
  to: string | null;
  contractAddress: string | null;
  value: bigint;
  gas: bigint;
  gasPrice: bigint;
  gasUsed: bigint;
  cumulativeGasUsed: bigint;
  input: string;
  success: boolean;
}

/** One token movement; ERC-1155 batches are flattened to one entry per id (as both explorers list them). */
export interface IndexedTransfer {
  standard: TokenStandard;
  contract: string;
  operator: string | null;
  from: string;
  to: string;
  /** ERC-721 and ERC-1155. */
  tokenId: bigint | null;
  /** ERC-20 value, ERC-1155 value, 1 for ERC-721. */
  amount: bigint;
  logIndex: number;
  /** Position inside an ERC-1155 batch (0 otherwise). */
  batchIndex: number;
  tx: IndexedTx;
}

export interface TokenInfo {
  standard: TokenStandard;
  name: string | null;
  symbol: string | null;
  decimals: number | null;
}

const eventAbi = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value)',
  'event TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values)',
]);
const nftEventAbi = parseAbi(['event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)']);
const viewAbi = parseAbi([
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function balanceOf(address owner) view returns (uint256)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function balanceOf(address account, uint256 id) view returns (uint256)',
]);

interface RawLog {
  address: string;
  topics: Hex[];
  data: Hex;
  logIndex: string;
}

interface RawReceipt {
  transactionHash: string;
  contractAddress: string | null;
  gasUsed: string;
  cumulativeGasUsed: string;
  effectiveGasPrice?: string;
  status: string;
  logs: RawLog[];
}

interface RawTx {
  hash: string;
  nonce: string;
  transactionIndex: string;
  from: string;
  to: string | null;
  value: string;
  gas: string;
  gasPrice?: string;
  input: string;
}

interface RawBlock {
  number: string;
  hash: string;
  timestamp: string;
  transactions: RawTx[];
}

const BLOCKS_PER_BATCH = 50;
const lower = (value: string): string => value.toLowerCase();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface ChainIndex {
  readonly node: EvmNode;
  /** Reads blocks mined since the last refresh (serialized; callers arriving meanwhile get a fresh one). */
  refresh(): Promise<void>;
  head(): number;
  /** Transactions sent by, sent to, or creating `address`, oldest first. */
  txsOf(address: string): IndexedTx[];
  /** Token movements from or to `address`, oldest first. */
  transfersOf(address: string): IndexedTransfer[];
  /** The address appears in the chain (transactions, transfers, logs) or holds coins. */
  knows(address: string): Promise<boolean>;
  /** Whether `address` emitted any log (a contract). */
  emittedLogs(address: string): boolean;
  token(contract: string): Promise<TokenInfo | undefined>;
  balance(address: string): Promise<bigint>;
  /** ERC-20 balance, or the number of ERC-721 tokens held. */
  tokenBalance(contract: string, owner: string): Promise<bigint>;
  erc1155Balance(contract: string, owner: string, id: bigint): Promise<bigint>;
  ownerOf(contract: string, id: bigint): Promise<string | undefined>;
}

export function createChainIndex(node: EvmNode): ChainIndex {
  let indexedTo = -1;
  const txsByAddress = new Map<string, IndexedTx[]>();
  const transfersByAddress = new Map<string, IndexedTransfer[]>();
  const logEmitters = new Set<string>();
  const standards = new Map<string, TokenStandard>();
  const tokenInfo = new Map<string, Promise<TokenInfo>>();

  function decodeTransfers(log: RawLog, tx: IndexedTx): IndexedTransfer[] {
    const contract = lower(log.address);
    const logIndex = Number(log.logIndex);
    try {
      if (log.topics.length === 4 && log.topics[0] === '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef') {
        const { args } = decodeEventLog({ abi: nftEventAbi, topics: log.topics as [Hex, ...Hex[]], data: log.data });
        return [{ standard: 'erc721', contract, operator: null, from: lower(args.from), to: lower(args.to), tokenId: args.tokenId, amount: 1n, logIndex, batchIndex: 0, tx }];
      }
      const event = decodeEventLog({ abi: eventAbi, topics: log.topics as [Hex, ...Hex[]], data: log.data });
      switch (event.eventName) {
        case 'Transfer':
          return [{ standard: 'erc20', contract, operator: null, from: lower(event.args.from), to: lower(event.args.to), tokenId: null, amount: event.args.value, logIndex, batchIndex: 0, tx }];
        case 'TransferSingle':
          return [{
            standard: 'erc1155', contract, operator: lower(event.args.operator), from: lower(event.args.from), to: lower(event.args.to),
            tokenId: event.args.id, amount: event.args.value, logIndex, batchIndex: 0, tx,
          }];
        case 'TransferBatch':
          return event.args.ids.map((id, batchIndex) => ({
            standard: 'erc1155' as const, contract, operator: lower(event.args.operator), from: lower(event.args.from), to: lower(event.args.to),
            tokenId: id, amount: event.args.values[batchIndex] ?? 0n, logIndex, batchIndex, tx,
          }));
      }
    } catch {
      return []; // not a token event
    }
  }

  function indexBlock(block: RawBlock, receipts: RawReceipt[]): void {
    const byHash = new Map(receipts.map((r) => [lower(r.transactionHash), r]));
    for (const raw of block.transactions) {
      const receipt = byHash.get(lower(raw.hash));
      if (receipt === undefined) throw new Error(`block ${block.number}: no receipt for ${raw.hash}`);
      const tx: IndexedTx = {
        hash: lower(raw.hash),
        blockNumber: Number(block.number),
        blockHash: block.hash,
        timeStamp: Number(block.timestamp),
        nonce: Number(raw.nonce),
        transactionIndex: Number(raw.transactionIndex),
        from: lower(raw.from),
        to: raw.to === null ? null : lower(raw.to),
        contractAddress: receipt.contractAddress === null ? null : lower(receipt.contractAddress),
        value: BigInt(raw.value),
        gas: BigInt(raw.gas),
        gasPrice: BigInt(receipt.effectiveGasPrice ?? raw.gasPrice ?? '0x0'),
        gasUsed: BigInt(receipt.gasUsed),
        cumulativeGasUsed: BigInt(receipt.cumulativeGasUsed),
        input: raw.input,
        success: receipt.status === '0x1',
      };
      for (const party of new Set([tx.from, tx.to, tx.contractAddress].filter((p): p is string => p !== null)))
        push(txsByAddress, party, tx);
      for (const log of receipt.logs) {
        logEmitters.add(lower(log.address));
        for (const transfer of decodeTransfers(log, tx)) {
          standards.set(transfer.contract, transfer.standard);
          for (const party of new Set([transfer.from, transfer.to])) push(transfersByAddress, party, transfer);
        }
      }
    }
  }

  async function doRefresh(): Promise<void> {
    const head = Number(await nodeCall(node.url, 'eth_blockNumber'));
    for (let from = indexedTo + 1; from <= head; from += BLOCKS_PER_BATCH) {
      const to = Math.min(head, from + BLOCKS_PER_BATCH - 1);
      const calls = [];
      for (let n = from; n <= to; n++) {
        const tag = `0x${n.toString(16)}`;
        calls.push({ method: 'eth_getBlockByNumber', params: [tag, true] }, { method: 'eth_getBlockReceipts', params: [tag] });
      }
      const results = await nodeBatch(node.url, calls);
      for (let i = 0; i < results.length; i += 2) indexBlock(results[i] as RawBlock, results[i + 1] as RawReceipt[]);
      indexedTo = to;
    }
  }

  let tail: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | undefined;
  function refresh(): Promise<void> {
    if (waiting) return waiting;
    const run = tail.then(() => {
      waiting = undefined; // from now on, new callers need a refresh after this one
      return doRefresh();
    });
    waiting = run;
    tail = run.catch(() => undefined);
    return run;
  }

  async function view(contract: string, data: Hex): Promise<string | undefined> {
    return tryEthCall(node.url, contract, data);
  }

  async function readToken(contract: string, standard: TokenStandard): Promise<TokenInfo> {
    const text = async (functionName: 'name' | 'symbol'): Promise<string | null> => {
      const data = await view(contract, encodeFunctionData({ abi: viewAbi, functionName }));
      if (data === undefined) return null;
      try {
        return decodeFunctionResult({ abi: viewAbi, functionName, data: data as Hex }) || null;
      } catch {
        return null;
      }
    };
    let decimals: number | null = null;
    if (standard === 'erc20') {
      const data = await view(contract, encodeFunctionData({ abi: viewAbi, functionName: 'decimals' }));
      decimals = data === undefined ? null : Number(BigInt(data));
    }
    return { standard, name: await text('name'), symbol: await text('symbol'), decimals };
  }

  return Object.freeze({
    node,
    refresh,
    head: () => indexedTo,
    txsOf: (address: string) => [...(txsByAddress.get(lower(address)) ?? [])],
    transfersOf: (address: string) => [...(transfersByAddress.get(lower(address)) ?? [])],
    emittedLogs: (address: string) => logEmitters.has(lower(address)),
    async knows(address: string) {
      const a = lower(address);
      if (txsByAddress.has(a) || transfersByAddress.has(a) || logEmitters.has(a)) return true;
      return (await this.balance(a)) > 0n;
    },
    token(contract: string) {
      const c = lower(contract);
      const standard = standards.get(c);
      if (standard === undefined) return Promise.resolve(undefined);
      let info = tokenInfo.get(c);
      if (info === undefined) tokenInfo.set(c, (info = readToken(c, standard)));
      return info;
    },
    async balance(address: string) {
      return BigInt((await nodeCall(node.url, 'eth_getBalance', [getAddress(address), 'latest'])) as string);
    },
    async tokenBalance(contract: string, owner: string) {
      const data = await view(contract, encodeFunctionData({ abi: viewAbi, functionName: 'balanceOf', args: [getAddress(owner)] }));
      return data === undefined ? 0n : BigInt(data);
    },
    async erc1155Balance(contract: string, owner: string, id: bigint) {
      const data = await view(contract, encodeFunctionData({ abi: viewAbi, functionName: 'balanceOf', args: [getAddress(owner), id] }));
      return data === undefined ? 0n : BigInt(data);
    },
    async ownerOf(contract: string, id: bigint) {
      const data = await view(contract, encodeFunctionData({ abi: viewAbi, functionName: 'ownerOf', args: [id] }));
      return data === undefined ? undefined : `0x${data.slice(-40)}`.toLowerCase();
    },
  });
}
