/**
 * The Solana RPC questions discovery asks, batched as agave allows: getMultipleAccounts (≤ 100 keys per call),
 * getSignaturesForAddress (limit ≤ 1000, paged with `before`), getTokenAccountsByOwner (ONE filter per call, so
 * once for Token and once for Token-2022, jsonParsed), and raw account reads for Metaplex metadata.
 */
import type { JsonRpcCall } from '../../net/index.js';
import { isRecord, malformed, parseU64 } from './json.js';
import type { SolanaEndpoint } from './endpoint.js';
import { TOKEN_PROGRAMS } from './programs.js';

/** agave MAX_MULTIPLE_ACCOUNTS and MAX_GET_CONFIRMED_SIGNATURES_FOR_ADDRESS2_LIMIT. */
export const MAX_MULTIPLE_ACCOUNTS = 100;
export const MAX_SIGNATURES_PER_CALL = 1000;
/**
 * agave refuses request bodies over 50 KiB (MAX_REQUEST_BODY_SIZE); a getMultipleAccounts call with 100 keys is
 * about 4.8 kB, so such calls travel a few per HTTP request rather than `batchSize` at a time.
 */
const MAX_BODY_BYTES = 40_000;
const BYTES_PER_KEY = 48;
const CALL_OVERHEAD_BYTES = 200;
/** `confirmed`: recent enough to see a transfer made moments ago; agave refuses `processed` for signatures. */
const COMMITMENT = 'confirmed';

export interface TokenHolding {
  readonly kind: 'spl' | 'spl-2022';
  readonly mint: string;
  readonly amount: bigint;
  readonly decimals: number;
}

export interface TokenAccountsOfOwner {
  /** Token accounts that exist (an empty one still proves the owner was used). */
  readonly accounts: number;
  /** Summed per mint (an owner may hold several accounts of one mint); zero sums kept — callers filter. */
  readonly holdings: readonly TokenHolding[];
}

interface Options {
  readonly signal?: AbortSignal;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Sends `calls` in HTTP requests of at most `perRequest` calls each; results in call order. */
async function batchInGroups(endpoint: SolanaEndpoint, calls: readonly JsonRpcCall[], perRequest: number, options: Options): Promise<unknown[]> {
  const groups = chunk(calls, perRequest);
  const results = await Promise.all(groups.map((group) => endpoint.rpc.batch(group, { signal: options.signal })));
  return results.flat();
}

/** Raw accounts of `keys` (base64 unless a slice is asked for), in key order; null for missing accounts. */
async function multipleAccounts(
  endpoint: SolanaEndpoint,
  keys: readonly string[],
  dataSlice: { offset: number; length: number } | undefined,
  options: Options,
): Promise<({ lamports: bigint; data: Uint8Array } | null)[]> {
  const chunks = chunk(keys, MAX_MULTIPLE_ACCOUNTS);
  const config = dataSlice === undefined ? { encoding: 'base64', commitment: COMMITMENT } : { encoding: 'base64', dataSlice, commitment: COMMITMENT };
  const calls = chunks.map((group) => ({ method: 'getMultipleAccounts', params: [group, config] }));
  const bytesPerCall = MAX_MULTIPLE_ACCOUNTS * BYTES_PER_KEY + CALL_OVERHEAD_BYTES;
  const results = await batchInGroups(endpoint, calls, Math.max(1, Math.floor(MAX_BODY_BYTES / bytesPerCall)), options);
  return results.flatMap((result, i) => {
    const expected = (chunks[i] as string[]).length;
    const value = isRecord(result) ? result.value : undefined;
    if (!Array.isArray(value) || value.length !== expected) throw malformed(endpoint, 'getMultipleAccounts', result);
    return value.map((account: unknown) => {
      if (account === null) return null;
      const lamports = isRecord(account) ? parseU64(account.lamports) : undefined;
      const data = isRecord(account) ? account.data : undefined;
      if (lamports === undefined || !Array.isArray(data) || typeof data[0] !== 'string' || data[1] !== 'base64')
        throw malformed(endpoint, 'getMultipleAccounts', account);
      return { lamports, data: new Uint8Array(Buffer.from(data[0], 'base64')) };
    });
  });
}

/** Lamports of each key (0 for accounts that do not exist), with no account data sent back. */
export async function fetchLamports(endpoint: SolanaEndpoint, keys: readonly string[], options: Options = {}): Promise<bigint[]> {
  const accounts = await multipleAccounts(endpoint, keys, { offset: 0, length: 0 }, options);
  return accounts.map((account) => account?.lamports ?? 0n);
}

/** Account data of each key; undefined where the account does not exist. */
export async function fetchAccountData(endpoint: SolanaEndpoint, keys: readonly string[], options: Options = {}): Promise<(Uint8Array | undefined)[]> {
  const accounts = await multipleAccounts(endpoint, keys, undefined, options);
  return accounts.map((account) => account?.data);
}

function signaturesCall(key: string, limit: number, before: string | undefined): JsonRpcCall {
  const config: Record<string, unknown> = { limit, commitment: COMMITMENT };
  if (before !== undefined) config.before = before;
  return { method: 'getSignaturesForAddress', params: [key, config] };
}

function parseSignatures(endpoint: SolanaEndpoint, result: unknown): string[] {
  if (!Array.isArray(result)) throw malformed(endpoint, 'getSignaturesForAddress', result);
  return result.map((entry: unknown) => {
    const signature = isRecord(entry) ? entry.signature : undefined;
    if (typeof signature !== 'string') throw malformed(endpoint, 'getSignaturesForAddress', entry);
    return signature;
  });
}

/**
 * Signatures per key, counted up to `cap` (paging with `before`, newest first). Failed transactions count: they
 * landed, paid a fee, and prove the key was used.
 */
export async function countSignatures(endpoint: SolanaEndpoint, keys: readonly string[], cap: number, options: Options = {}): Promise<number[]> {
  const counts = keys.map(() => 0);
  const before: (string | undefined)[] = keys.map(() => undefined);
  let pending = cap > 0 ? keys.map((_, i) => i) : [];
  while (pending.length > 0) {
    const limits = pending.map((i) => Math.min(MAX_SIGNATURES_PER_CALL, cap - (counts[i] as number)));
    const calls = pending.map((i, j) => signaturesCall(keys[i] as string, limits[j] as number, before[i]));
    const results = await endpoint.rpc.batch(calls, { signal: options.signal });
    const next: number[] = [];
    results.forEach((result, j) => {
      const i = pending[j] as number;
      const page = parseSignatures(endpoint, result);
      counts[i] = (counts[i] as number) + page.length;
      if (page.length === limits[j] && (counts[i] as number) < cap) {
        before[i] = page[page.length - 1];
        next.push(i);
      }
    });
    pending = next;
  }
  return counts;
}

function parseTokenAccount(endpoint: SolanaEndpoint, entry: unknown, kind: 'spl' | 'spl-2022'): TokenHolding {
  const account = isRecord(entry) ? entry.account : undefined;
  const data = isRecord(account) ? account.data : undefined;
  const parsed = isRecord(data) ? data.parsed : undefined;
  const info = isRecord(parsed) && parsed.type === 'account' ? parsed.info : undefined;
  const tokenAmount = isRecord(info) ? info.tokenAmount : undefined;
  const mint = isRecord(info) ? info.mint : undefined;
  const amount = isRecord(tokenAmount) ? parseU64(tokenAmount.amount) : undefined;
  const decimals = isRecord(tokenAmount) ? tokenAmount.decimals : undefined;
  // A node that could not parse the account answers base64 instead: the holding would be unknown, so refuse.
  if (typeof mint !== 'string' || amount === undefined || typeof decimals !== 'number' || !Number.isInteger(decimals))
    throw malformed(endpoint, 'getTokenAccountsByOwner (jsonParsed)', entry);
  return { kind, mint, amount, decimals };
}

function summedByMint(holdings: readonly TokenHolding[]): TokenHolding[] {
  const byMint = new Map<string, TokenHolding>();
  for (const h of holdings) {
    const key = `${h.kind}:${h.mint}`;
    const seen = byMint.get(key);
    byMint.set(key, seen === undefined ? h : { ...seen, amount: seen.amount + h.amount });
  }
  return [...byMint.values()];
}

/** Token accounts of each owner under Token and Token-2022 (two calls per owner: one filter per call). */
export async function fetchTokenAccounts(endpoint: SolanaEndpoint, owners: readonly string[], options: Options = {}): Promise<TokenAccountsOfOwner[]> {
  const calls = owners.flatMap((owner) =>
    TOKEN_PROGRAMS.map((program) => ({
      method: 'getTokenAccountsByOwner',
      params: [owner, { programId: program.id }, { encoding: 'jsonParsed', commitment: COMMITMENT }],
    })),
  );
  const results = await endpoint.rpc.batch(calls, { signal: options.signal });
  return owners.map((_, o) => {
    const found: TokenHolding[] = [];
    let accounts = 0;
    TOKEN_PROGRAMS.forEach((program, p) => {
      const result = results[o * TOKEN_PROGRAMS.length + p];
      const value = isRecord(result) ? result.value : undefined;
      if (!Array.isArray(value)) throw malformed(endpoint, 'getTokenAccountsByOwner', result);
      accounts += value.length;
      for (const entry of value) found.push(parseTokenAccount(endpoint, entry, program.kind));
    });
    return { accounts, holdings: summedByMint(found) };
  });
}
