/**
 * The unit of derivation work: plain data in, plain data out (typed arrays and numbers only), so the
 * same function runs in-process and inside a worker thread.
 */
import { PAYLOAD_WIDTH } from '../chains/address.js';
import type { ScriptType } from '../chains/types.js';
import { HARDENED } from '../paths/derivation-path.js';
import { checkRequest, derivePayloads, type KernelOptions } from './secp/derive-kernel.js';
import { childTweak } from './secp/child-tweak.js';
import { N, Point, bytesToBigint, decodePublicKey } from './secp/curve.js';

export interface DeriveTask {
  /** Compressed secp256k1 public key (33 bytes): the branch key, or the account key with `steps`. */
  publicKey: Uint8Array;
  chainCode: Uint8Array;
  /** Non-hardened steps from the key to the branch (e.g. [0] for the receive branch), applied once. */
  steps?: number[];
  script: ScriptType;
  /** First child index and how many: from + count ≤ 2^31 (public derivation is non-hardened). */
  from: number;
  count: number;
}

export interface DeriveResult {
  script: ScriptType;
  from: number;
  count: number;
  /** Bytes per payload (PAYLOAD_WIDTH[script]). */
  width: number;
  /** count × width bytes: the payload of index from + k at k·width. */
  payloads: Uint8Array;
  /** Indices without a valid key (BIP-32: IL ≥ n or the point at infinity); their payload bytes are 0. */
  skipped: number[];
}

/** A public key and chain code: the parent of a derivation. */
export interface ChainKey {
  publicKey: Uint8Array;
  chainCode: Uint8Array;
}

export function deriveBatch(task: DeriveTask, options: KernelOptions = {}): DeriveResult {
  const script = checkRequest(task);
  const branch = applySteps(task, task.steps ?? []);
  const { payloads, skipped } = derivePayloads({ ...branch, script, from: task.from, count: task.count }, options);
  return { script, from: task.from, count: task.count, width: PAYLOAD_WIDTH[script], payloads, skipped };
}

/** CKDpub along non-hardened steps (once per task: the hot path is the batch below the branch). */
export function applySteps(key: ChainKey, steps: readonly number[]): ChainKey {
  let { publicKey, chainCode } = key;
  for (const step of steps) {
    if (!Number.isInteger(step) || step < 0 || step >= HARDENED)
      throw new RangeError(`step ${step} cannot be derived from a public key (must be a non-hardened index 0…2^31 − 1)`);
    const I = childTweak(publicKey, chainCode)(step);
    const il = bytesToBigint(I, 0);
    const child = il < N ? decodePublicKey(publicKey).add(Point.BASE.multiplyUnsafe(il)) : Point.ZERO;
    if (child.equals(Point.ZERO)) throw new RangeError(`child ${step} has no valid key (BIP-32: IL ≥ n or infinity)`);
    publicKey = child.toBytes(true);
    chainCode = I.slice(32, 64);
  }
  return { publicKey, chainCode };
}
