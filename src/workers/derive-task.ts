/**
 * The unit of derivation work: plain data in, plain data out (typed arrays and numbers only), so the
 * same function runs in-process and inside a worker thread.
 */
import { PAYLOAD_WIDTH } from '../chains/address.js';
import type { ScriptType } from '../chains/types.js';
import { checkRequest, childKeysMany, derivePayloadsMany, keyId, type KernelOptions } from './secp/derive-kernel.js';

export interface DeriveTask {
  /** Compressed secp256k1 public key (33 bytes): the branch key, or the account key with `steps`. */
  publicKey: Uint8Array;
  chainCode: Uint8Array;
  /** Non-hardened steps from the key to the branch (e.g. [0] for the receive branch), applied once. */
  steps?: readonly number[];
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
  return deriveMany([task], options)[0]!;
}

/** Several tasks in shared kernel batches (see derivePayloadsMany): results in task order. */
export function deriveMany(tasks: readonly DeriveTask[], options: KernelOptions = {}): DeriveResult[] {
  const scripts = tasks.map(checkRequest);
  const branches = applyStepsMany(tasks);
  const requests = tasks.map((task, i) => ({ ...branches[i]!, script: scripts[i]!, from: task.from, count: task.count }));
  return derivePayloadsMany(requests, options).map(({ payloads, skipped }, i) => {
    const { script, from, count } = requests[i]!;
    return { script, from, count, width: PAYLOAD_WIDTH[script], payloads, skipped };
  });
}

/** CKDpub along non-hardened steps: one key's share of applyStepsMany. */
export function applySteps(key: ChainKey, steps: readonly number[]): ChainKey {
  return applyStepsMany([{ ...key, steps }])[0]!;
}

/** applySteps of many keys at once: one batched CKDpub round per step depth (childKeysMany), each result kept. */
export function applyStepsMany(keys: readonly (ChainKey & { steps?: readonly number[] | undefined })[]): ChainKey[] {
  const ids = keys.map((k) => (k.steps?.length ? keyId(k.publicKey, k.chainCode, k.steps) : ''));
  const current: ChainKey[] = keys.map((k, i) => nodeCache.get(ids[i]!) ?? { publicKey: k.publicKey, chainCode: k.chainCode });
  const todo = keys.flatMap((k, i) => (k.steps?.length && !nodeCache.has(ids[i]!) ? [i] : []));
  const depth = Math.max(0, ...todo.map((i) => keys[i]!.steps!.length));
  for (let d = 0; d < depth; d++) {
    const moving = todo.filter((i) => d < keys[i]!.steps!.length);
    const children = childKeysMany(moving.map((i) => ({ ...current[i]!, index: keys[i]!.steps![d]! })));
    moving.forEach((i, j) => (current[i] = children[j]!));
  }
  for (const i of todo) {
    if (nodeCache.size >= NODE_CACHE_MAX) nodeCache.clear();
    nodeCache.set(ids[i]!, current[i]!);
  }
  return current;
}

/** Branch keys already derived on this thread, by parent key and steps: a scan asks every branch many times. */
const nodeCache = new Map<string, ChainKey>();
const NODE_CACHE_MAX = 4096;
