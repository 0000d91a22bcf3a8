/**
 * The Solana part of the scan benchmark's world: one litesvm world served by the local Solana RPC and DAS servers.
 * The card carries N accounts of the "abandon … about" seed on Phantom's scheme m/44'/501'/k'/0' (SLIP-0010
 * ed25519: hardened all the way, so each exported key is exactly one address); every other one is used.
 */
import { address } from '@solana/kit';
import { base58 } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeAddress } from '../../chains/address.js';
import { NETWORKS } from '../../chains/networks.js';
import { startDas, startSolanaRpc, SvmWorld } from '../../devnet/solana/index.js';
import { cardExportFromSeed, type CardExportJson } from '../../keys/card-from-seed.js';
import { slip10Ed25519 } from '../../keys/slip10-ed25519.js';
import { parsePath } from '../../paths/derivation-path.js';

/** Phantom's (and Solflare's, Backpack's …) account path: catalog scheme `solana-bip44-change`. */
export const solanaAccountPath = (k: number): string => `m/44'/501'/${k}'/0'`;

/**
 * The bench world's own genesis hash (server and client agree on it), so that `verify()` checks that the client
 * reached this world rather than passing because a local server pretends to be mainnet-beta.
 */
export const BENCH_SOLANA_GENESIS_HASH = base58.encode(sha256(new TextEncoder().encode('restore-scan bench: local litesvm world')));

const LAMPORTS_PER_SOL = 1_000_000_000n;

/** Which accounts are used and what they hold: even k are used (SOL); every second used one also an SPL token. */
export interface SolanaUse {
  readonly k: number;
  readonly lamports: bigint;
  readonly tokenAmount: bigint;
}

export function solanaLayout(keys: number): readonly SolanaUse[] {
  if (!Number.isInteger(keys) || keys < 0) throw new RangeError(`solana keys must be an integer ≥ 0, got ${keys}`);
  const used: SolanaUse[] = [];
  for (let k = 0; k < keys; k += 2)
    used.push(Object.freeze({ k, lamports: LAMPORTS_PER_SOL / 10n + BigInt(k), tokenAmount: k % 4 === 2 ? 1_000_000n * BigInt(k) : 0n }));
  return Object.freeze(used);
}

export interface SolanaWorldOptions {
  /** Accounts on the card: m/44'/501'/k'/0' for k = 0 … keys − 1. */
  keys: number;
  /** The BIP-39 seed the accounts come from. */
  seed: Uint8Array;
}

export interface SolanaWorld {
  rpcUrl: string;
  dasUrl: string;
  genesisHash: string;
  /** restore-scan.keys/1 entries (ed25519 public keys, no chain code). */
  cardKeys: CardExportJson['keys'];
  /** Used addresses as `solana <path>`. */
  usedPaths: string[];
  close(): Promise<void>;
}

export async function buildSolanaWorld(options: SolanaWorldOptions): Promise<SolanaWorld> {
  const layout = solanaLayout(options.keys);
  if (options.keys < 1) throw new RangeError('buildSolanaWorld needs at least one key');
  const solana = NETWORKS.solana;
  if (!solana) throw new RangeError('the network solana is not defined');
  const paths = Array.from({ length: options.keys }, (_, k) => solanaAccountPath(k));
  const ownerAt = (k: number) => address(encodeAddress(solana, 'solana', slip10Ed25519(options.seed, parsePath(solanaAccountPath(k))).publicKey));

  const world = await SvmWorld.create({ seed: 'restore-scan bench' });
  const mint = await world.createMint({ decimals: 6, metadata: { name: 'Bench USD', symbol: 'BUSD', uri: '' } });
  for (const use of layout) {
    const owner = ownerAt(use.k);
    await world.transferSol(owner, use.lamports);
    if (use.tokenAmount > 0n) await world.mintTo(mint, owner, use.tokenAmount);
  }
  const closers: (() => Promise<void>)[] = [];
  try {
    const rpc = await startSolanaRpc(world, { genesisHash: BENCH_SOLANA_GENESIS_HASH });
    closers.push(rpc.close);
    const das = await startDas(world);
    closers.push(das.close);
    return {
      rpcUrl: rpc.url,
      dasUrl: das.url,
      genesisHash: BENCH_SOLANA_GENESIS_HASH,
      cardKeys: cardExportFromSeed(options.seed, paths.map((p) => ({ curve: 'ed25519' as const, path: parsePath(p) }))).keys,
      usedPaths: layout.map((use) => `solana ${solanaAccountPath(use.k)}`),
      close: async () => {
        await Promise.all(closers.map((c) => c()));
      },
    };
  } catch (err) {
    await Promise.all(closers.map((c) => c()));
    throw err;
  }
}
