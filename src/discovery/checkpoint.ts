import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { AddressActivity } from '../chains/source.js';
import type { KeySet } from '../keys/types.js';
import type { BranchCheckpoints, BranchRecord } from './scan-engine.js';

/**
 * The --resume file: each address chain's progress and found activity, and the holdings already fetched.
 * Written atomically (temp file + rename), so a kill at any point leaves the previous or the new version,
 * never a torn one. Holds public data only (addresses, amounts), never keys' secrets (there are none).
 */
const FORMAT = 'restore-scan.checkpoint/1';

interface CheckpointFile {
  format: typeof FORMAT;
  /** What the scan was of: a run with other keys, networks or gap must not reuse it. */
  fingerprint: string;
  branches: Record<string, BranchRecord>;
  holdings: Record<string, AddressActivity>;
}

const replacer = (_k: string, v: unknown) => (typeof v === 'bigint' ? { $bigint: v.toString() } : v);
const reviver = (_k: string, v: unknown) =>
  v && typeof v === 'object' && '$bigint' in v && typeof (v as { $bigint: unknown }).$bigint === 'string' ? BigInt((v as { $bigint: string }).$bigint) : v;

/** A stable digest of what determines a scan's answers. */
export function scanFingerprint(keySet: KeySet, parts: unknown): string {
  const h = createHash('sha256');
  for (const k of [...keySet.keys].sort((a, b) => Buffer.compare(Buffer.from(a.publicKey), Buffer.from(b.publicKey))))
    h.update(`${k.curve}|${k.path.join('/')}|${Buffer.from(k.publicKey).toString('hex')}|${k.chainCode ? Buffer.from(k.chainCode).toString('hex') : ''}\n`);
  h.update(JSON.stringify(parts));
  return h.digest('hex');
}

export interface FileCheckpoint extends BranchCheckpoints {
  getHoldings(network: string, address: string): AddressActivity | undefined;
  putHoldings(network: string, address: string, activity: AddressActivity): void;
  /** Writes now if anything changed since the last write. */
  flush(): void;
  /** True when the file existed and was loaded. */
  readonly resumed: boolean;
}

/** Opens (or starts) a checkpoint file. Writes at most every `intervalMs`, and on flush(). */
export function openCheckpoint(path: string, fingerprint: string, intervalMs = 250): FileCheckpoint {
  let data: CheckpointFile = { format: FORMAT, fingerprint, branches: {}, holdings: {} };
  let resumed = false;
  if (existsSync(path)) {
    let parsed: CheckpointFile;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'), reviver) as CheckpointFile;
    } catch (err) {
      throw new InputError(path, `not a readable checkpoint (${(err as Error).message.split('\n')[0]})`, { hint: 'delete it to start afresh' });
    }
    if (parsed.format !== FORMAT) throw new InputError(path, `not a restore-scan checkpoint (format ${JSON.stringify(parsed.format)})`);
    if (parsed.fingerprint !== fingerprint)
      throw new InputError(path, 'this checkpoint belongs to a scan of other keys, networks, gap or endpoints', { hint: 'use another --resume file, or delete this one' });
    data = parsed;
    resumed = true;
  }
  let dirty = false;
  let last = 0;
  const write = () => {
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(data, replacer));
    renameSync(tmp, path);
    dirty = false;
    last = Date.now();
  };
  const touch = () => {
    dirty = true;
    if (Date.now() - last >= intervalMs) write();
  };
  return {
    resumed,
    get: (id) => data.branches[id],
    put: (id, record) => {
      data.branches[id] = record;
      touch();
    },
    getHoldings: (network, address) => data.holdings[`${network}|${address}`],
    putHoldings: (network, address, activity) => {
      data.holdings[`${network}|${address}`] = activity;
      touch();
    },
    flush: () => {
      if (dirty || !existsSync(path)) write();
    },
  };
}

/** A checkpoint whose writes are held back until `open()`; `discard()` drops them for good. */
export interface HeldCheckpoint extends BranchCheckpoints {
  open(): void;
  discard(): void;
}

/**
 * Holds a checkpoint's writes while the endpoints are still being verified (the scan starts alongside the
 * verification): answers from an endpoint that turns out to serve another chain must never reach the file.
 * Reads pass through at once: what the file holds was verified by the run that wrote it.
 */
export function holdCheckpoint(inner: BranchCheckpoints): HeldCheckpoint {
  let held: (() => void)[] | undefined = [];
  const hold = (write: () => void) => (held ? held.push(write) : write());
  return {
    get: (id) => inner.get(id),
    put: (id, record) => hold(() => inner.put(id, record)),
    getHoldings: (network, address) => inner.getHoldings?.(network, address),
    putHoldings: (network, address, activity) => hold(() => inner.putHoldings?.(network, address, activity)),
    open: () => {
      const writes = held ?? [];
      held = undefined;
      for (const write of writes) write();
    },
    discard: () => {
      held = [];
    },
  };
}
