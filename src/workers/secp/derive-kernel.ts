/**
 * The derivation kernel: payloads of children from..from+count−1 of one parent public key, in batches
 * whose points all share one inversion per table window. Per index: one HMAC (child-tweak.ts), ~19 batched affine
 * additions (≈ 38 for p2tr, whose output key needs a second multiple of G), one or two hashes.
 */
import { PAYLOAD_WIDTH } from '../../chains/address.js';
import type { ScriptType } from '../../chains/types.js';
import { HARDENED } from '../../paths/derivation-path.js';
import * as F from './field.js';
import { decodePublicKey, isBelowOrder, writeAffine } from './curve.js';
import { addMultiplesOfG, type PointBatch } from './fixed-base.js';
import { childScalars, childTweak, scalarsFromTweak, type ChildTweak } from './child-tweak.js';
import { evmPayloadInto, hash160Into, tapTweakInto } from '../hash/payload-hashes.js';

const L = F.LIMBS;

/** Script types of secp256k1 keys (every one but solana). */
export type SecpScript = Exclude<ScriptType, 'solana'>;

export interface KernelRequest {
  /** Compressed parent key (33 bytes) and its chain code. */
  publicKey: Uint8Array;
  chainCode: Uint8Array;
  script: SecpScript;
  from: number;
  count: number;
}

export interface KernelOptions {
  /** Points per batch (one inversion per window per batch). */
  batchSize?: number;
  /** Replaces the HMAC (tests: the IL ≥ n path cannot be reached with real hashes). */
  tweak?: ChildTweak;
}

export interface KernelResult {
  /** count × PAYLOAD_WIDTH[script] bytes; zero where the index was skipped. */
  payloads: Uint8Array;
  /** Indices with no valid child key (IL ≥ n or the sum at infinity, BIP-32), ascending. */
  skipped: number[];
}

export const DEFAULT_BATCH = 1024;

/** Working memory of one batch, reused across calls of this thread. */
class Batch implements PointBatch {
  x: Float64Array;
  y: Float64Array;
  live: Uint8Array;
  scalars: Uint8Array;
  /** Which request each point belongs to, and its offset in that request. */
  owner: Int32Array;
  slot: Int32Array;
  constructor(readonly size: number) {
    this.x = new Float64Array(size * L);
    this.y = new Float64Array(size * L);
    this.live = new Uint8Array(size);
    this.scalars = new Uint8Array(size * 32);
    this.owner = new Int32Array(size);
    this.slot = new Int32Array(size);
  }
}
let batchCache: Batch | undefined;

/**
 * A parent key as affine limbs (x then y), decoded once: decompressing costs a square root (~0.15 ms with
 * noble), and a scan asks for the windows of the same few branch keys over and over.
 */
const parentCache = new Map<string, Float64Array>();
const PARENT_CACHE_MAX = 4096;
function parentLimbs(publicKey: Uint8Array): Float64Array {
  const id = hexOf(publicKey);
  let limbs = parentCache.get(id);
  if (!limbs) {
    limbs = new Float64Array(2 * L);
    writeAffine(decodePublicKey(publicKey), limbs, 0, limbs, L);
    if (parentCache.size >= PARENT_CACHE_MAX) parentCache.clear();
    parentCache.set(id, limbs);
  }
  return limbs;
}
const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** Identity of the key reached from a public key and chain code by non-hardened `steps`: caches and sharing use it. */
export const keyId = (publicKey: Uint8Array, chainCode: Uint8Array, steps: readonly number[] = []): string =>
  `${hexOf(publicKey)}${hexOf(chainCode)}/${steps.join('/')}`;

const zero = new Float64Array(L);
const compressed = new Uint8Array(33);
const uncompressed = new Uint8Array(64);

export function derivePayloads(req: KernelRequest, options: KernelOptions = {}): KernelResult {
  return derivePayloadsMany([req], options)[0]!;
}

/**
 * Several requests (other parents, other scripts) in shared batches: a batch's inversions are shared by all
 * its points whatever their parent, so many small windows — the first windows of every branch of a scan —
 * cost about what one large request costs, instead of one set of inversions each (~1 ms per window of 20).
 */
export function derivePayloadsMany(reqs: readonly KernelRequest[], options: KernelOptions = {}): KernelResult[] {
  const scripts = reqs.map(checkRequest);
  const size = options.batchSize ?? DEFAULT_BATCH;
  if (batchCache?.size !== size) batchCache = new Batch(size);
  const batch = batchCache;
  const parents = reqs.map((req) => parentLimbs(req.publicKey));
  const results: KernelResult[] = reqs.map((req, r) => ({ payloads: new Uint8Array(req.count * PAYLOAD_WIDTH[scripts[r]!]), skipped: [] }));
  const anyTaproot = scripts.includes('p2tr');
  const sharers = sharedChildren(reqs, scripts, options);

  // Per leading request: whether one of the requests its points serve is taproot (those points get tweaked).
  const tweaked = sharers.map((group) => group.some((r) => scripts[r] === 'p2tr'));
  let n = 0;
  /** Payloads of the batch's points for the requests sharing them, taproot ones or the others. */
  const write = (taproot: boolean) => {
    const { live, owner, slot } = batch;
    keyHashOf = -1;
    for (let k = 0; k < n; k++) {
      for (const r of sharers[owner[k]!]!) {
        const script = scripts[r]!;
        if ((script === 'p2tr') !== taproot) continue;
        if (live[k]) writePayload(script, batch, k, results[r]!.payloads, slot[k]! * PAYLOAD_WIDTH[script]);
        else results[r]!.skipped.push(reqs[r]!.from + slot[k]!);
      }
    }
  };
  const run = () => {
    addMultiplesOfG(batch, batch.scalars, n);
    // The child points first (every script but taproot), then the taproot output keys made from the same points.
    write(false);
    if (anyTaproot) {
      tweakForTaproot(batch, n, tweaked);
      write(true);
    }
    n = 0;
  };
  reqs.forEach((req, r) => {
    if (sharers[r]!.length === 0) return; // its children are another request's
    const parent = parents[r]!;
    const scalarsOf = options.tweak ? scalarsFromTweak(options.tweak) : childScalars(req.publicKey, req.chainCode);
    for (let i = 0; i < req.count; ) {
      const take = Math.min(req.count - i, size - n);
      const { x, y, live, scalars, owner, slot } = batch;
      scalarsOf(req.from + i, take, scalars, 32 * n);
      for (let j = 0; j < take; j++, n++) {
        live[n] = isBelowOrder(scalars, 32 * n) ? 1 : 0;
        F.copy(x, n * L, parent, 0);
        F.copy(y, n * L, parent, L);
        owner[n] = r;
        slot[n] = i + j;
      }
      i += take;
      if (n === size) run();
    }
  });
  if (n > 0) run();
  for (const result of results) result.skipped.sort((a, b) => a - b);
  return results;
}

/**
 * Requests for the same children of the same parent share their points: a key scanned as p2pkh, p2sh-p2wpkh,
 * p2wpkh and p2tr (wallets disagree on which script an account path means) costs one child computation per
 * index, not four; the others only hash, and taproot adds its output-key tweak to the shared point. Per request:
 * the requests whose payloads its points make (itself first), or none when another request's points serve it.
 * Requests with a test tweak keep their own.
 */
function sharedChildren(reqs: readonly KernelRequest[], scripts: readonly SecpScript[], options: KernelOptions): number[][] {
  const sharers: number[][] = reqs.map(() => []);
  const leaderOf = new Map<string, number>();
  reqs.forEach((req, r) => {
    if (options.tweak) {
      sharers[r]!.push(r);
      return;
    }
    const id = `${keyId(req.publicKey, req.chainCode)}:${req.from}:${req.count}`;
    const leader = leaderOf.get(id);
    if (leader === undefined) leaderOf.set(id, r);
    sharers[leader ?? r]!.push(r);
  });
  return sharers;
}


/** Validates a request (cheap: once per call); returns its script narrowed to the secp256k1 ones. */
export function checkRequest(req: { publicKey: unknown; chainCode: unknown; script: ScriptType; from: number; count: number }): SecpScript {
  const { script, from, count } = req;
  if (script === 'solana') throw new RangeError('solana keys are ed25519 (SLIP-0010): they have no public derivation');
  if (!(script in PAYLOAD_WIDTH)) throw new RangeError(`unknown script type ${JSON.stringify(script)}`);
  if (!(req.publicKey instanceof Uint8Array) || req.publicKey.length !== 33)
    throw new RangeError(`publicKey must be a 33-byte compressed secp256k1 key, got ${describe(req.publicKey)}`);
  if (!(req.chainCode instanceof Uint8Array) || req.chainCode.length !== 32)
    throw new RangeError(`chainCode must be 32 bytes, got ${describe(req.chainCode)}`);
  if (!Number.isSafeInteger(from) || from < 0) throw new RangeError(`from must be an integer ≥ 0, got ${from}`);
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be an integer ≥ 0, got ${count}`);
  if (from + count > HARDENED)
    throw new RangeError(`indices ${from}…${from + count - 1} reach past 2^31 − 1: public derivation is non-hardened only`);
  return script;
}

const describe = (v: unknown): string => (v instanceof Uint8Array ? `${v.length} bytes` : typeof v);

/**
 * BIP-86: Q = lift_x(x(P)) + t·G with t = TapTweak(x(P)); the batch becomes the Qs. A t ≥ n is as
 * unreachable as IL ≥ n; BIP-341 makes it an error, here it skips the index like an invalid child.
 */
function tweakForTaproot(batch: Batch, n: number, tweaked: readonly boolean[]): void {
  const { x, y, live, scalars, owner } = batch;
  for (let k = 0; k < n; k++) {
    if (!live[k]) continue;
    if (!tweaked[owner[k]!]) {
      scalars.fill(0, 32 * k, 32 * k + 32); // a zero scalar adds nothing: only the Taproot points move
      continue;
    }
    if (F.isOdd(y, k * L)) F.subNormalize(y, k * L, zero, 0, y, k * L);
    F.toBytes(x, k * L, compressed, 1);
    tapTweakInto(compressed, 1, scalars, 32 * k);
    if (!isBelowOrder(scalars, 32 * k)) live[k] = 0;
  }
  addMultiplesOfG(batch, scalars, n);
}

function writePayload(script: SecpScript, batch: Batch, k: number, out: Uint8Array, offset: number): void {
  const { x, y } = batch;
  switch (script) {
    case 'p2pkh':
    case 'p2wpkh':
    case 'p2sh-p2wpkh':
      if (keyHashOf !== k) {
        // One HASH160 of the compressed key per point, whichever of these scripts share it.
        compressed[0] = F.isOdd(y, k * L) ? 3 : 2;
        F.toBytes(x, k * L, compressed, 1);
        hash160Into(compressed, 0, 33, keyHash, 0);
        keyHashOf = k;
      }
      if (script === 'p2sh-p2wpkh') {
        // HASH160 of the P2WPKH script 0x00 0x14 ‖ keyhash
        redeemScript.set(keyHash, 2);
        hash160Into(redeemScript, 0, 22, out, offset);
      } else out.set(keyHash, offset);
      return;
    case 'p2tr':
      F.toBytes(x, k * L, out, offset);
      return;
    case 'evm':
    case 'tron':
      F.toBytes(x, k * L, uncompressed, 0);
      F.toBytes(y, k * L, uncompressed, 32);
      evmPayloadInto(uncompressed, out, offset);
      return;
  }
}
/** HASH160 of the compressed key of batch point `keyHashOf` (−1: none yet in this pass over the batch). */
const keyHash = new Uint8Array(20);
let keyHashOf = -1;
const redeemScript = Uint8Array.of(0x00, 0x14, ...new Uint8Array(20));

/** A parent and the (non-hardened) index of the child wanted. */
export interface ChildRequest {
  publicKey: Uint8Array;
  chainCode: Uint8Array;
  index: number;
}

/**
 * CKDpub of many (parent, index) pairs in shared batches: the compressed child key and its chain code each.
 * The branch keys of a scan (…/0, …/1 below every exported account) cost one batch together instead of a
 * scalar multiplication each (~1.5 ms apiece with noble).
 */
export function childKeysMany(reqs: readonly ChildRequest[], options: Pick<KernelOptions, 'batchSize'> = {}): { publicKey: Uint8Array; chainCode: Uint8Array }[] {
  const size = options.batchSize ?? DEFAULT_BATCH;
  if (batchCache?.size !== size) batchCache = new Batch(size);
  const batch = batchCache;
  const out: { publicKey: Uint8Array; chainCode: Uint8Array }[] = [];
  for (let start = 0; start < reqs.length; start += size) {
    const n = Math.min(size, reqs.length - start);
    const chainCodes: Uint8Array[] = [];
    const { x, y, live, scalars } = batch;
    for (let k = 0; k < n; k++) {
      const req = reqs[start + k]!;
      if (!Number.isInteger(req.index) || req.index < 0 || req.index >= HARDENED)
        throw new RangeError(`step ${req.index} cannot be derived from a public key (must be a non-hardened index 0…2^31 − 1)`);
      const I = childTweak(req.publicKey, req.chainCode)(req.index);
      scalars.set(I.subarray(0, 32), 32 * k);
      live[k] = isBelowOrder(scalars, 32 * k) ? 1 : 0;
      const parent = parentLimbs(req.publicKey);
      F.copy(x, k * L, parent, 0);
      F.copy(y, k * L, parent, L);
      chainCodes.push(I.slice(32, 64));
    }
    addMultiplesOfG(batch, scalars, n);
    for (let k = 0; k < n; k++) {
      if (!live[k]) throw new RangeError(`child ${reqs[start + k]!.index} has no valid key (BIP-32: IL ≥ n or infinity)`);
      const publicKey = new Uint8Array(33);
      publicKey[0] = F.isOdd(y, k * L) ? 3 : 2;
      F.toBytes(x, k * L, publicKey, 1);
      out.push({ publicKey, chainCode: chainCodes[k]! });
    }
  }
  return out;
}
