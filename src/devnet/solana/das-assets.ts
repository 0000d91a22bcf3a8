/**
 * Builds Metaplex DAS `Asset` objects (digital_asset_types/src/rpc/asset.rs in
 * metaplex-foundation/digital-asset-rpc-infrastructure) for what a world holds:
 * NFTs (SPL mints, 0 decimals, supply 1, metadata kept by the world), compressed NFTs (DAS-only
 * leaves) and — with the Helius fungible extension — fungible token balances with `token_info`.
 */
import type { Address } from '@solana/kit';
import type { LiteSVM } from 'litesvm';
import { TOKEN_2022_PROGRAM, TOKEN_PROGRAM } from './constants.js';
import type { CompressedNftRecord, MintRecord, NftRecord, SvmWorld } from './svm-world.js';
import { readMint, tokenAccountsOfMint, tokenAccountsOwnedBy, type OwnedTokenAccount } from './token-accounts.js';

export type DasInterface = 'V1_NFT' | 'ProgrammableNFT' | 'FungibleToken' | 'FungibleAsset';

/** One asset plus the facts the server sorts and pages on. */
export interface OwnedAsset {
  readonly id: Address;
  readonly createdSlot: bigint;
  readonly asset: Readonly<Record<string, unknown>>;
}

export interface AssetViewOptions {
  readonly showFungible: boolean;
}

const NFT_SCHEMA = 'https://schema.metaplex.com/nft1.0.json';

const UNCOMPRESSED = Object.freeze({
  eligible: false,
  compressed: false,
  data_hash: '',
  creator_hash: '',
  asset_hash: '',
  tree: '',
  seq: 0,
  leaf_id: 0,
});

const NO_ROYALTY = Object.freeze({
  royalty_model: 'creators',
  target: null,
  percent: 0,
  basis_points: 0,
  primary_sale_happened: false,
  locked: false,
});

function content(name: string, symbol: string, uri: string, tokenStandard: string): object {
  return {
    $schema: NFT_SCHEMA,
    json_uri: uri,
    files: [],
    metadata: { name, symbol, token_standard: tokenStandard },
    links: {},
  };
}

function tokenInfo(svm: LiteSVM, mint: Address, holding: OwnedTokenAccount | undefined, symbol: string | undefined): object | undefined {
  const state = readMint(svm, mint);
  if (state === undefined) return undefined;
  const info: Record<string, unknown> = {};
  if (symbol !== undefined) info.symbol = symbol;
  if (holding !== undefined) {
    info.balance = holding.token.amount;
    info.associated_token_address = holding.address;
  }
  info.supply = state.mint.supply;
  info.decimals = state.mint.decimals;
  info.token_program = state.program;
  if (state.mint.mintAuthority !== null) info.mint_authority = state.mint.mintAuthority;
  if (state.mint.freezeAuthority !== null) info.freeze_authority = state.mint.freezeAuthority;
  return info;
}

function ownership(owner: Address | '', model: 'single' | 'token', holding: OwnedTokenAccount | undefined): object {
  return {
    frozen: holding?.token.state === 'frozen',
    delegated: holding?.token.delegate != null,
    delegate: holding?.token.delegate ?? null,
    ownership_model: model,
    owner,
  };
}

/** The token account currently holding an NFT (amount ≥ 1), if any. */
function nftHolding(world: SvmWorld, nft: NftRecord): OwnedTokenAccount | undefined {
  return tokenAccountsOfMint(world, nft.mint, TOKEN_PROGRAM).find((a) => a.token.amount >= 1n);
}

/** `holding`: the token account known to hold it (saves a scan); looked up when absent. */
export function nftAsset(world: SvmWorld, nft: NftRecord, options: AssetViewOptions, known?: OwnedTokenAccount): OwnedAsset {
  const holding = known ?? nftHolding(world, nft);
  const asset: Record<string, unknown> = {
    interface: nft.interface,
    id: nft.mint,
    content: content(nft.name, nft.symbol, nft.uri, nft.interface === 'ProgrammableNFT' ? 'ProgrammableNonFungible' : 'NonFungible'),
    authorities: [{ address: nft.updateAuthority, scopes: ['full'] }],
    compression: UNCOMPRESSED,
    grouping: [],
    royalty: NO_ROYALTY,
    creators: [],
    ownership: ownership(holding?.token.owner ?? '', 'single', holding),
    supply: { print_max_supply: 0, print_current_supply: 0, edition_nonce: null },
    mutable: true,
    burnt: holding === undefined,
  };
  if (options.showFungible) {
    const info = tokenInfo(world.svm, nft.mint, holding, nft.symbol);
    if (info !== undefined) asset.token_info = info;
  }
  return { id: nft.mint, createdSlot: nft.createdSlot, asset };
}

export function compressedAsset(leaf: CompressedNftRecord): OwnedAsset {
  const asset = {
    interface: 'V1_NFT',
    id: leaf.id,
    content: content(leaf.name, leaf.symbol, leaf.uri, 'NonFungible'),
    authorities: [{ address: leaf.updateAuthority, scopes: ['full'] }],
    compression: {
      eligible: false,
      compressed: true,
      data_hash: leaf.dataHash,
      creator_hash: leaf.creatorHash,
      asset_hash: leaf.assetHash,
      tree: leaf.tree,
      seq: leaf.seq,
      leaf_id: leaf.leafId,
    },
    grouping: [],
    royalty: NO_ROYALTY,
    creators: [],
    ownership: ownership(leaf.owner, 'single', undefined),
    supply: { print_max_supply: 0, print_current_supply: 0, edition_nonce: null },
    mutable: true,
    burnt: false,
  };
  return { id: leaf.id, createdSlot: leaf.createdSlot, asset };
}

/**
 * A fungible token (Helius extension): FungibleAsset for 0-decimals tokens with metadata, else FungibleToken.
 * With a holding it is that balance; without one it is the bare mint (getAsset), owner "".
 */
function fungibleAsset(svm: LiteSVM, mint: Address, record: MintRecord | undefined, holding: OwnedTokenAccount | undefined): OwnedAsset | undefined {
  const state = readMint(svm, mint);
  if (state === undefined) return undefined;
  const metadata = record?.metadata ?? null;
  const fungibleInterface: DasInterface = metadata !== null && state.mint.decimals === 0 ? 'FungibleAsset' : 'FungibleToken';
  const asset: Record<string, unknown> = {
    interface: fungibleInterface,
    id: mint,
    content: content(
      metadata?.name ?? '',
      metadata?.symbol ?? '',
      metadata?.uri ?? '',
      fungibleInterface === 'FungibleAsset' ? 'FungibleAsset' : 'Fungible',
    ),
    authorities: [],
    compression: UNCOMPRESSED,
    grouping: [],
    royalty: NO_ROYALTY,
    creators: [],
    ownership: ownership(holding?.token.owner ?? '', 'token', holding),
    mutable: true,
    burnt: false,
  };
  const info = tokenInfo(svm, mint, holding, metadata?.symbol);
  if (info !== undefined) asset.token_info = info;
  return { id: mint, createdSlot: record?.createdSlot ?? 0n, asset };
}

/** Everything `owner` holds as DAS sees it, before sorting and paging. */
export function assetsOwnedBy(
  world: SvmWorld,
  owner: Address,
  options: AssetViewOptions & { readonly showZeroBalance: boolean },
): OwnedAsset[] {
  const assets: OwnedAsset[] = [];
  for (const program of [TOKEN_PROGRAM, TOKEN_2022_PROGRAM]) {
    for (const holding of tokenAccountsOwnedBy(world, owner, program)) {
      const nft = world.nft(holding.token.mint);
      if (nft !== undefined) {
        if (holding.token.amount >= 1n) assets.push(nftAsset(world, nft, options, holding));
        continue;
      }
      if (!options.showFungible || (holding.token.amount === 0n && !options.showZeroBalance)) continue;
      const asset = fungibleAsset(world.svm, holding.token.mint, world.mintRecord(holding.token.mint), holding);
      if (asset !== undefined) assets.push(asset);
    }
  }
  for (const leaf of world.compressedNfts) if (leaf.owner === owner) assets.push(compressedAsset(leaf));
  return assets;
}

/** getAsset by id: an NFT, a compressed leaf, or a fungible mint (owner "" and no balance, as Helius answers). */
export function assetById(world: SvmWorld, id: Address, options: AssetViewOptions): OwnedAsset | undefined {
  const nft = world.nft(id);
  if (nft !== undefined) return nftAsset(world, nft, options);
  const leaf = world.compressedNfts.find((l) => l.id === id);
  if (leaf !== undefined) return compressedAsset(leaf);
  return fungibleAsset(world.svm, id, world.mintRecord(id), undefined);
}
