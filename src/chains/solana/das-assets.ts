/**
 * DAS `Asset` → FoundAsset (Metaplex digital-asset-rpc-infrastructure `Asset`, Helius fungible extension).
 * NFT interfaces and anything compressed are NFTs; FungibleToken / FungibleAsset are SPL tokens, Token-2022 when
 * `token_info.token_program` says so. Other interfaces (collections, Custom, Identity, Executable) prove that the
 * owner was used but are not holdings.
 */
import type { FoundAsset } from '../source.js';
import { isRecord, malformed, nonEmptyString, parseU64, type AnswerSource, type JsonRecord } from './json.js';
import { tokenKindOf } from './programs.js';

const NFT_INTERFACES: ReadonlySet<string> = new Set(['V1_NFT', 'V2_NFT', 'LEGACY_NFT', 'V1_PRINT', 'ProgrammableNFT', 'MplCoreAsset']);
const FUNGIBLE_INTERFACES: ReadonlySet<string> = new Set(['FungibleToken', 'FungibleAsset']);

export interface DasItem {
  readonly id: string;
  /** The holding, when the item is one and its balance is not zero. */
  readonly asset: FoundAsset | undefined;
}

function field(record: JsonRecord | undefined, key: string): JsonRecord | undefined {
  const value = record?.[key];
  return isRecord(value) ? value : undefined;
}

function describeInto(asset: FoundAsset, item: JsonRecord, tokenInfo: JsonRecord | undefined): FoundAsset {
  const metadata = field(field(item, 'content'), 'metadata');
  const symbol = nonEmptyString(tokenInfo?.symbol) ?? nonEmptyString(metadata?.symbol);
  const name = nonEmptyString(metadata?.name);
  if (symbol !== undefined) asset.symbol = symbol;
  if (name !== undefined) asset.name = name;
  return asset;
}

/** One DAS item; undefined for burnt assets (listed by some indexers, owned by nobody). */
export function dasItem(source: AnswerSource, item: unknown): DasItem | undefined {
  if (!isRecord(item) || typeof item.id !== 'string' || typeof item.interface !== 'string') throw malformed(source, 'getAssetsByOwner item', item);
  if (item.burnt === true) return undefined;
  const id = item.id;
  const tokenInfo = field(item, 'token_info');
  const decimals = typeof tokenInfo?.decimals === 'number' ? tokenInfo.decimals : undefined;
  const compressed = field(item, 'compression')?.compressed === true;

  if (compressed || NFT_INTERFACES.has(item.interface)) {
    // token_info (with showFungible) carries the holding's balance; without it, being listed means owning it.
    const amount = tokenInfo?.balance === undefined ? 1n : parseU64(tokenInfo.balance);
    if (amount === undefined) throw malformed(source, 'getAssetsByOwner token_info.balance', item);
    if (amount === 0n) return { id, asset: undefined };
    const asset: FoundAsset = { kind: 'nft', amount, mint: id };
    if (decimals !== undefined) asset.decimals = decimals;
    if (compressed) asset.compressed = true;
    return { id, asset: describeInto(asset, item, tokenInfo) };
  }

  if (FUNGIBLE_INTERFACES.has(item.interface)) {
    const amount = parseU64(tokenInfo?.balance);
    const kind = typeof tokenInfo?.token_program === 'string' ? tokenKindOf(tokenInfo.token_program) : undefined;
    // A fungible item without its balance would be a holding of unknown size: refuse rather than guess.
    if (amount === undefined || kind === undefined || decimals === undefined) throw malformed(source, 'getAssetsByOwner token_info', item);
    if (amount === 0n) return { id, asset: undefined };
    return { id, asset: describeInto({ kind, amount, mint: id, decimals }, item, tokenInfo) };
  }
  return { id, asset: undefined };
}
