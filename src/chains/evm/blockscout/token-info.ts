import type { TokenFacts } from '../assets.js';
import { isEvmAddress } from '../hex.js';
import { isRecord, optionalDecimals, optionalText } from '../json.js';

export type BlockscoutTokenType = 'ERC-20' | 'ERC-721' | 'ERC-1155';

export interface BlockscoutToken extends TokenFacts {
  /** Lower-case contract address. */
  contract: string;
  type: BlockscoutTokenType;
}

const TYPES: ReadonlySet<string> = new Set(['ERC-20', 'ERC-721', 'ERC-1155']);

/**
 * A TokenInfo object (`{address_hash, type, decimals, symbol, name, …}`; before Blockscout v9 the contract was in
 * `address`). Undefined for token types this client does not report (ERC-404, ERC-7802 …) or a malformed object.
 */
export function parseTokenInfo(value: unknown): BlockscoutToken | undefined {
  if (!isRecord(value)) return undefined;
  const contract = typeof value.address_hash === 'string' ? value.address_hash : value.address;
  if (typeof contract !== 'string' || !isEvmAddress(contract) || typeof value.type !== 'string' || !TYPES.has(value.type))
    return undefined;
  const token: BlockscoutToken = { contract: contract.toLowerCase(), type: value.type as BlockscoutTokenType };
  const decimals = optionalDecimals(value.decimals);
  const symbol = optionalText(value.symbol);
  const name = optionalText(value.name);
  if (decimals !== undefined) token.decimals = decimals;
  if (symbol !== undefined) token.symbol = symbol;
  if (name !== undefined) token.name = name;
  return token;
}
