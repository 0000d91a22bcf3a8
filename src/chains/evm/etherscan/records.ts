import type { TokenFacts } from '../assets.js';
import { isEvmAddress } from '../hex.js';
import { optionalDecimals, optionalText } from '../json.js';
import type { EtherscanContext } from './context.js';
import type { EtherscanRecord } from './list-records.js';
import { etherscanProtocolError } from './protocol-error.js';

/** A token-transfer record narrowed: lower-case parties and contract, ids and amounts as bigint. */
export interface TransferRecord {
  hash: string;
  contract: string;
  from: string;
  to: string;
  tokenId: bigint | undefined;
  /** ERC-20 `value`, ERC-1155 `tokenValue`; 1 for ERC-721. */
  amount: bigint;
  facts: TokenFacts;
}

const DECIMAL = /^\d+$/;

function address(ctx: EtherscanContext, record: EtherscanRecord, field: string): string {
  const value = record[field];
  if (typeof value !== 'string' || !isEvmAddress(value))
    throw etherscanProtocolError(ctx, `a transfer record's ${field} is not an address`, value);
  return value.toLowerCase();
}

function decimal(ctx: EtherscanContext, value: unknown, field: string): bigint {
  if (typeof value !== 'string' || !DECIMAL.test(value))
    throw etherscanProtocolError(ctx, `a transfer record's ${field} is not a decimal number`, value);
  return BigInt(value);
}

/** tokentx / tokennfttx / token1155tx records (token1155tx: `tokenID` + `tokenValue`). */
export function transferRecord(ctx: EtherscanContext, record: EtherscanRecord, kind: 'erc20' | 'erc721' | 'erc1155'): TransferRecord {
  const facts: TokenFacts = {};
  const symbol = optionalText(record.tokenSymbol);
  const name = optionalText(record.tokenName);
  const decimals = kind === 'erc20' ? optionalDecimals(record.tokenDecimal) : undefined;
  if (decimals !== undefined) facts.decimals = decimals;
  if (symbol !== undefined) facts.symbol = symbol;
  if (name !== undefined) facts.name = name;
  const hash = typeof record.hash === 'string' ? record.hash.toLowerCase() : '';
  return {
    hash,
    contract: address(ctx, record, 'contractAddress'),
    from: address(ctx, record, 'from'),
    to: address(ctx, record, 'to'),
    tokenId: kind === 'erc20' ? undefined : decimal(ctx, record.tokenID, 'tokenID'),
    amount:
      kind === 'erc721' ? 1n : kind === 'erc20' ? decimal(ctx, record.value, 'value') : decimal(ctx, record.tokenValue ?? record.value, 'tokenValue'),
    facts,
  };
}

/** Distinct transaction hashes among records. */
export function distinctHashes(records: readonly EtherscanRecord[]): Set<string> {
  return new Set(records.map((r) => (typeof r.hash === 'string' ? r.hash.toLowerCase() : '')).filter((h) => h !== ''));
}
