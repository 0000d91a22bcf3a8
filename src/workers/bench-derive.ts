/**
 * The derivation benchmark (CONTRACT §5 `derive` rows): restore-scan against the libraries people
 * would otherwise use, side by side in one process, same branch key, same indices, batches of 1024.
 * Every implementation must produce the same payloads for a sample before anything is timed.
 *
 * Peers (@scure/bip32, bitcoinjs `bip32` + tiny-secp256k1, ethers) and tinybench are imported lazily:
 * some are devDependencies, and the CLI should not load them unless it benchmarks.
 */
import { HDKey } from '@scure/bip32';
import { PAYLOAD_WIDTH, payloadFromPublicKey } from '../chains/address.js';
import type { ScriptType } from '../chains/types.js';
import { RestoreScanError } from '../errors.js';
import { deriveBatch } from './derive-task.js';
import { createDerivePool, DEFAULT_CHUNK, type DerivePool } from './pool.js';

/** One CONTRACT §5 `derive` entry. */
export interface DeriveBenchRow {
  encoding: ScriptType;
  /** `restore-scan` (in-thread for threads 1, the pool for threads ≥ 2), `restore-scan-pool` (1 worker), or a peer's package. */
  impl: string;
  threads: number;
  perSec: number;
}

export interface DeriveBenchOptions {
  /** One short round with smaller peer batches: a smoke test, not a measurement. */
  quick?: boolean;
  /** Rounds of the whole suite (default 3, quick 1); each row reports the median round. */
  rounds?: number;
  encodings?: readonly BenchEncoding[];
  /** Progress and skipped peers, one line each. */
  log?: (line: string) => void;
  /** Every round's rows, for the spread. */
  onRound?: (round: number, rows: DeriveBenchRow[]) => void;
}

export type BenchEncoding = 'p2wpkh' | 'p2tr' | 'evm';
export const BENCH_ENCODINGS: readonly BenchEncoding[] = ['p2wpkh', 'p2tr', 'evm'];

/** Indices per timed call; the pool gets this many batches per call so that every worker is busy. */
export const BATCH = 1024;
const POOL_BATCHES = 8;
const SAMPLE = 16;

/** The "abandon … about" seed (BIP-39 test mnemonic, public): branch keys as exported by a card. */
const SEED_HEX =
  '5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4';
const BRANCH: Record<BenchEncoding, string> = { p2wpkh: "m/84'/0'/0'/0", p2tr: "m/86'/0'/0'/0", evm: "m/44'/60'/0'/0" };

/** payloads of indices from … from + count − 1, packed at PAYLOAD_WIDTH. */
type Deriver = (from: number, count: number) => Uint8Array | Promise<Uint8Array>;

interface Contender {
  encoding: BenchEncoding;
  impl: string;
  threads: number;
  /** Indices per timed call. */
  perCall: number;
  derive: Deriver;
}

export async function runDeriveBench(options: DeriveBenchOptions = {}): Promise<DeriveBenchRow[]> {
  const { quick = false, log = () => {} } = options;
  const rounds = options.rounds ?? (quick ? 1 : 3);
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`rounds must be an integer ≥ 1, got ${rounds}`);
  const encodings = options.encodings ?? BENCH_ENCODINGS;
  const { Bench } = await import('tinybench');
  const pools = [createDerivePool({ workers: 1 }), createDerivePool({ workers: 2 })] as const;
  try {
    const contenders: Contender[] = [];
    for (const encoding of encodings) contenders.push(...(await contendersFor(encoding, pools, quick, log)));
    await checkSamePayloads(contenders, log);

    const perRound: DeriveBenchRow[][] = [];
    for (let round = 1; round <= rounds; round++) {
      // A fresh suite per round, in alternating order, so that drifting load hits everyone alike.
      const bench = quick
        ? new Bench({ time: 100, iterations: 1, warmupIterations: 1, warmupTime: 0, throws: true })
        : new Bench({ time: 1500, iterations: 2, warmupIterations: 1, warmupTime: 300, throws: true });
      const order = round % 2 ? contenders : [...contenders].reverse();
      // Each call derives the next indices, as a scan does: repeating one batch would keep the kernel's
      // table lines for exactly those scalars in cache and flatter it.
      for (const c of order) bench.add(label(c), () => c.derive(next(c), c.perCall));
      await bench.run();
      const rows = contenders.map((c) => {
        const result = bench.getTask(label(c))!.result;
        if (result.state !== 'completed') throw new RestoreScanError('INTERNAL', `benchmark ${label(c)} ended ${result.state}`);
        return { encoding: c.encoding, impl: c.impl, threads: c.threads, perSec: Math.round((c.perCall * 1000) / result.latency.mean) };
      });
      perRound.push(rows);
      options.onRound?.(round, rows);
      log(`round ${round}/${rounds} done`);
    }
    return contenders.map((c, i) => ({ ...perRound[0]![i]!, perSec: median(perRound.map((rows) => rows[i]!.perSec)) }));
  } finally {
    await Promise.all(pools.map((p) => p.destroy()));
  }
}

const label = (c: Contender) => `${c.encoding} ${c.impl} ×${c.threads}`;

const calls = new WeakMap<Contender, number>();
/** The first index of the contender's next call: consecutive ranges, wrapping well below 2^31. */
function next(c: Contender): number {
  const n = calls.get(c) ?? 0;
  calls.set(c, n + 1);
  return ((n * c.perCall) % 2 ** 24) + SAMPLE;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

async function contendersFor(
  encoding: BenchEncoding,
  [pool1, pool2]: readonly [DerivePool, DerivePool],
  quick: boolean,
  log: (line: string) => void,
): Promise<Contender[]> {
  const branch = HDKey.fromMasterSeed(Buffer.from(SEED_HEX, 'hex')).derive(BRANCH[encoding]);
  const key = { publicKey: branch.publicKey!, chainCode: branch.chainCode! };
  const width = PAYLOAD_WIDTH[encoding];
  const peerBatch = quick ? BATCH / 16 : BATCH;
  const poolCall = BATCH * (quick ? 2 : POOL_BATCHES);
  const viaPool = (pool: DerivePool): Deriver => async (from, count) => (await pool.derive({ ...key, script: encoding, from, count })).payloads;
  const out: Contender[] = [
    { encoding, impl: 'restore-scan', threads: 1, perCall: BATCH, derive: (from, count) => deriveBatch({ ...key, script: encoding, from, count }).payloads },
    { encoding, impl: 'restore-scan-pool', threads: 1, perCall: poolCall, derive: viaPool(pool1) },
    { encoding, impl: 'restore-scan', threads: 2, perCall: poolCall, derive: viaPool(pool2) },
  ];
  // @scure/bip32: deriveChild per index from the cached branch key, then the reference payload.
  const scureBranch = new HDKey(key);
  out.push({
    encoding, impl: '@scure/bip32', threads: 1, perCall: peerBatch,
    derive: packed(width, (i) => payloadFromPublicKey(encoding, scureBranch.deriveChild(i).publicKey!)),
  });
  const bitcoinjs = await bitcoinjsDeriver(encoding, key, width, log);
  if (bitcoinjs) out.push({ encoding, impl: 'bitcoinjs-bip32', threads: 1, perCall: peerBatch, derive: bitcoinjs });
  if (encoding === 'evm') {
    const ethers = await ethersDeriver(branch.publicExtendedKey, width, log);
    if (ethers) out.push({ encoding, impl: 'ethers', threads: 1, perCall: peerBatch, derive: ethers });
  }
  return out;
}

const packed = (width: number, payload: (index: number) => Uint8Array): Deriver => (from, count) => {
  const out = new Uint8Array(count * width);
  for (let k = 0; k < count; k++) out.set(payload(from + k), k * width);
  return out;
};

/** bitcoinjs: `bip32` on tiny-secp256k1 (WASM), bitcoinjs-lib's hashes, tiny-secp256k1's x-only tweak. */
async function bitcoinjsDeriver(encoding: BenchEncoding, key: { publicKey: Uint8Array; chainCode: Uint8Array }, width: number, log: (line: string) => void): Promise<Deriver | undefined> {
  try {
    const [{ BIP32Factory }, ecc, { crypto }, { keccak_256 }] = await Promise.all([
      import('bip32'),
      import('tiny-secp256k1'),
      import('bitcoinjs-lib'),
      import('@noble/hashes/sha3.js'),
    ]);
    const node = BIP32Factory(ecc).fromPublicKey(key.publicKey, key.chainCode);
    const payload = (pub: Uint8Array): Uint8Array => {
      if (encoding === 'p2wpkh') return crypto.hash160(pub);
      if (encoding === 'evm') return keccak_256(ecc.pointCompress(pub, false).subarray(1)).subarray(12);
      const x = pub.subarray(1);
      const tweaked = ecc.xOnlyPointAddTweak(x, crypto.taggedHash('TapTweak', x));
      if (!tweaked) throw new RestoreScanError('INTERNAL', 'tiny-secp256k1 could not tweak a taproot key');
      return tweaked.xOnlyPubkey;
    };
    return packed(width, (i) => payload(node.derive(i).publicKey));
  } catch (err) {
    log(`bitcoinjs-bip32 skipped: ${(err as Error).message} (bip32 and tiny-secp256k1 are devDependencies)`);
    return undefined;
  }
}

/** ethers v6: the public (neutered) branch node, deriveChild per index; the address string back to bytes. */
async function ethersDeriver(xpub: string, width: number, log: (line: string) => void): Promise<Deriver | undefined> {
  try {
    const { HDNodeWallet } = await import('ethers');
    const node = HDNodeWallet.fromExtendedKey(xpub);
    return packed(width, (i) => Buffer.from(node.deriveChild(i).address.slice(2), 'hex'));
  } catch (err) {
    log(`ethers skipped: ${(err as Error).message} (ethers is a devDependency)`);
    return undefined;
  }
}

/** Every contender must agree with restore-scan in-thread on the first SAMPLE indices (and warm up). */
async function checkSamePayloads(contenders: Contender[], log: (line: string) => void): Promise<void> {
  const reference = new Map<BenchEncoding, string>();
  for (const c of contenders) {
    const got = Buffer.from(await c.derive(0, SAMPLE)).toString('hex');
    const want = reference.get(c.encoding);
    if (want === undefined) reference.set(c.encoding, got);
    else if (got !== want)
      throw new RestoreScanError('INTERNAL', `benchmark: ${c.impl} and restore-scan disagree on ${c.encoding} payloads`);
  }
  // Build every worker's base table outside the timed runs (a full request reaches every worker).
  for (const c of contenders) if (c.perCall > BATCH) await c.derive(0, c.perCall);
  log(`${contenders.length} implementations agree on indices 0…${SAMPLE - 1}`);
}
