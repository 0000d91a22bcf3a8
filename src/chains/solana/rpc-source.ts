/**
 * `solana-rpc`: a ChainSource over a plain Solana JSON-RPC node. An address is used when it has any signature,
 * any lamports, or any token account (an empty token account exists only because someone created it for the
 * owner). Holdings: SOL, and Token / Token-2022 balances per mint; Metaplex metadata (read in `holdings`) names
 * them and marks NFTs. Compressed NFTs live only in an indexer: see the `solana-das` source.
 */
import { RestoreScanError } from '../../errors.js';
import type { AddressActivity, AddressRef, ChainSource, FoundAsset, SourceCallOptions } from '../source.js';
import { openSolanaEndpoint, type SolanaEndpoint, type SolanaEndpointOptions } from './endpoint.js';
import { isNonFungibleStandard, metadataAddress, parseMetaplexMetadata, type MetaplexMetadata } from './metaplex-metadata.js';
import { SOLANA_MAINNET_GENESIS_HASH } from './programs.js';
import { countSignatures, fetchAccountData, fetchLamports, fetchTokenAccounts, type TokenAccountsOfOwner } from './rpc-queries.js';

export interface SolanaRpcSourceOptions extends SolanaEndpointOptions {
  /**
   * Genesis hash `verify()` requires. Default: mainnet-beta's for the network `solana`; for other (custom)
   * networks no check unless given.
   */
  readonly expectedGenesisHash?: string;
  /** Signatures counted per address by `holdings()` (default 1000; paged 1000 at a time). */
  readonly maxSignatures?: number;
}

export const SOLANA_RPC_DEFAULTS = Object.freeze({ maxSignatures: 1000 });

interface Snapshot {
  readonly lamports: readonly bigint[];
  readonly signatures: readonly number[];
  readonly tokens: readonly TokenAccountsOfOwner[];
}

function tokenAssets(tokens: TokenAccountsOfOwner, metadata: ReadonlyMap<string, MetaplexMetadata>): FoundAsset[] {
  return tokens.holdings
    .filter((h) => h.amount > 0n)
    .map((h) => {
      const meta = metadata.get(h.mint);
      // Metadata, not the shape of the holding, decides: plenty of 0-decimals tokens are not NFTs.
      const nft = h.amount === 1n && h.decimals === 0 && isNonFungibleStandard(meta?.tokenStandard);
      const asset: FoundAsset = { kind: nft ? 'nft' : h.kind, amount: h.amount, mint: h.mint, decimals: h.decimals };
      if (meta?.symbol !== undefined) asset.symbol = meta.symbol;
      if (meta?.name !== undefined) asset.name = meta.name;
      return asset;
    });
}

export function createSolanaRpcSource(options: SolanaRpcSourceOptions): ChainSource {
  const endpoint: SolanaEndpoint = openSolanaEndpoint(options, 'solana-rpc');
  const { network } = endpoint;
  const expectedGenesis = options.expectedGenesisHash ?? (network.id === 'solana' ? SOLANA_MAINNET_GENESIS_HASH : undefined);
  const maxSignatures = options.maxSignatures ?? SOLANA_RPC_DEFAULTS.maxSignatures;
  if (!Number.isInteger(maxSignatures) || maxSignatures < 1) throw new RangeError(`maxSignatures must be an integer ≥ 1, got ${maxSignatures}`);

  async function snapshot(keys: readonly string[], signatureCap: number, signal?: AbortSignal): Promise<Snapshot> {
    const [lamports, signatures, tokens] = await Promise.all([
      fetchLamports(endpoint, keys, { signal }),
      countSignatures(endpoint, keys, signatureCap, { signal }),
      fetchTokenAccounts(endpoint, keys, { signal }),
    ]);
    return { lamports, signatures, tokens };
  }

  function answer(address: string, i: number, s: Snapshot, metadata: ReadonlyMap<string, MetaplexMetadata>): AddressActivity {
    const lamports = s.lamports[i] as bigint;
    const tokens = s.tokens[i] as TokenAccountsOfOwner;
    const txCount = s.signatures[i] as number;
    const assets: FoundAsset[] = [];
    if (lamports > 0n) assets.push({ kind: 'native', amount: lamports, decimals: network.decimals, symbol: network.symbol });
    assets.push(...tokenAssets(tokens, metadata));
    return { address, used: txCount > 0 || lamports > 0n || tokens.accounts > 0, txCount, assets };
  }

  async function metadataOf(s: Snapshot, signal?: AbortSignal): Promise<Map<string, MetaplexMetadata>> {
    const mints = [...new Set(s.tokens.flatMap((t) => t.holdings.filter((h) => h.amount > 0n).map((h) => h.mint)))];
    const found = new Map<string, MetaplexMetadata>();
    if (mints.length === 0) return found;
    const data = await fetchAccountData(endpoint, mints.map(metadataAddress), { signal });
    mints.forEach((mint, i) => {
      const bytes = data[i];
      const parsed = bytes === undefined ? undefined : parseMetaplexMetadata(bytes, mint);
      if (parsed !== undefined) found.set(mint, parsed);
    });
    return found;
  }

  return Object.freeze({
    id: endpoint.id,
    type: 'solana-rpc',
    family: 'solana',
    network,
    requests: () => endpoint.transport.stats.requests,

    async activity(addresses: readonly AddressRef[], callOptions: SourceCallOptions = {}): Promise<AddressActivity[]> {
      if (addresses.length === 0) return [];
      const keys = addresses.map((a) => a.address);
      // One signature is enough to call an address used; holdings() counts them.
      const s = await snapshot(keys, 1, callOptions.signal);
      return keys.map((address, i) => answer(address, i, s, new Map()));
    },

    async holdings(addresses: readonly AddressRef[], callOptions: SourceCallOptions = {}): Promise<AddressActivity[]> {
      if (addresses.length === 0) return [];
      const keys = addresses.map((a) => a.address);
      const s = await snapshot(keys, maxSignatures, callOptions.signal);
      const metadata = await metadataOf(s, callOptions.signal);
      return keys.map((address, i) => answer(address, i, s, metadata));
    },

    async verify(callOptions: SourceCallOptions = {}): Promise<void> {
      if (expectedGenesis === undefined) return;
      const hash = await endpoint.rpc.call('getGenesisHash', undefined, { signal: callOptions.signal });
      if (hash !== expectedGenesis)
        throw new RestoreScanError('CHAIN_MISMATCH', `${endpoint.id} is not ${network.name}: its genesis hash is ${String(hash)}, expected ${expectedGenesis}`, {
          hint: 'Check the url of this solana-rpc indexer in the config file.',
        });
    },
  });
}
