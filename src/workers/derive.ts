/**
 * Addresses of a range of children below a public key: what the CLI `derive` command prints.
 * Derivation yields payloads; the strings are made here, once, by encodeAddress.
 */
import { encodeAddress, scriptFitsNetwork } from '../chains/address.js';
import type { Network, ScriptType } from '../chains/types.js';
import { InputError } from '../errors.js';
import { formatPath, type Path } from '../paths/derivation-path.js';
import { deriveBatch, type DeriveResult, type DeriveTask } from './derive-task.js';
import type { DerivePool } from './pool.js';

export interface DeriveParameters {
  /** The exported key; `path` (its own path from the master) makes the output carry full paths. */
  key: { publicKey: Uint8Array; chainCode: Uint8Array; path?: Path };
  /** Non-hardened steps from the key down to the branch, e.g. [0] for receive addresses. */
  path?: readonly number[];
  script: ScriptType;
  network: Network;
  from: number;
  count: number;
  /** Derive on these workers; in-process without. */
  pool?: DerivePool;
  signal?: AbortSignal;
}

export interface DerivedAddress {
  index: number;
  /** Full path (m/…) when the key's own path is known. */
  path?: string;
  /** EIP-55 checksummed on EVM networks, as everywhere in output. */
  address: string;
}

/**
 * Children from … from + count − 1 of key/path, in index order. An index without a valid key (BIP-32:
 * astronomically rare) has no address and is left out.
 */
export async function derive(params: DeriveParameters): Promise<DerivedAddress[]> {
  const { key, script, network, from, count, pool, signal } = params;
  const steps = [...(params.path ?? [])];
  if (!scriptFitsNetwork(script, network)) throw new InputError('script', `${script} addresses do not exist on ${network.id}`);
  const task: DeriveTask = { publicKey: key.publicKey, chainCode: key.chainCode, steps, script, from, count };
  let result: DeriveResult;
  try {
    result = pool ? await pool.derive(task, signal ? { signal } : {}) : deriveBatch(task);
  } catch (err) {
    if (err instanceof RangeError) throw new InputError('derive', err.message, { cause: err });
    throw err;
  }
  const skipped = new Set(result.skipped);
  const out: DerivedAddress[] = [];
  for (let k = 0; k < count; k++) {
    const index = from + k;
    if (skipped.has(index)) continue;
    const payload = result.payloads.subarray(k * result.width, (k + 1) * result.width);
    const address = encodeAddress(network, script, payload);
    out.push(key.path ? { index, path: formatPath([...key.path, ...steps, index]), address } : { index, address });
  }
  return out;
}
