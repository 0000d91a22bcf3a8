/**
 * The measurements behind the kernel's design choices (bench/README.md, "Why it is built this way"):
 * field multiplication on BigInt against float limbs, and the per-index hashes against node:crypto
 * and @noble/hashes.
 *   npx tsc -p bench && node bench/.out/bench/primitives.bench.js
 */
import { createHmac, hash, randomBytes } from 'node:crypto';
import { Bench } from 'tinybench';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import * as F from '../src/workers/secp/field.js';
import { childScalars, childTweak } from '../src/workers/secp/child-tweak.js';
import { evmPayloadInto, hash160Into, useWasmHashes } from '../src/workers/hash/payload-hashes.js';
import { keccak256Last20Of64 } from '../src/workers/hash/keccak.generated.js';

const P = F.P;
const N = 256;
const randomField = () => BigInt('0x' + randomBytes(32).toString('hex')) % P;
const bigints = Array.from({ length: N }, randomField);
const limbs = new Float64Array(N * F.LIMBS);
bigints.forEach((x, i) => F.fromBigint(limbs, i * F.LIMBS, x));
const C = 2n ** 32n + 977n;
const MASK = 2n ** 256n - 1n;
/** p-specific reduction on BigInt: fold the high half twice with 2^256 ≡ 2^32 + 977. */
const reduce = (x: bigint) => {
  x = (x & MASK) + (x >> 256n) * C;
  x = (x & MASK) + (x >> 256n) * C;
  return x >= P ? x - P : x;
};

const key = randomBytes(33);
const chainCode = randomBytes(32);
const message = Buffer.concat([key, Buffer.alloc(4)]);
const tweak = childTweak(key, chainCode);
const scalars = childScalars(key, chainCode);
const scalarsOut = new Uint8Array(32 * N);
const noblePrepared = hmac.create(sha512, chainCode);
const xy = randomBytes(64);
const out = new Uint8Array(32);

const bench = new Bench({ time: 1000 });
let acc = bigints[0]!;
bench
  .add(`field mul: BigInt, % p (×${N})`, () => {
    for (let i = 0; i < N; i++) acc = (acc * bigints[i]!) % P;
  })
  .add(`field mul: BigInt, folded reduction (×${N})`, () => {
    for (let i = 0; i < N; i++) acc = reduce(acc * bigints[i]!);
  })
  .add(`field mul: 11×24-bit float limbs (×${N})`, () => {
    for (let i = 1; i < N; i++) F.mul(limbs, 0, limbs, 0, limbs, i * F.LIMBS);
  })
  .add('HMAC-SHA512: node createHmac', () => createHmac('sha512', chainCode).update(message).digest())
  .add('HMAC-SHA512: two node crypto.hash (restore-scan, childTweak)', () => tweak(7))
  .add(`HMAC-SHA512: WebAssembly from midstates, IL only (restore-scan, childScalars) (×${N})`, () => scalars(7, N, scalarsOut, 0))
  .add('HMAC-SHA512: @noble/hashes, prepared key', () => noblePrepared._cloneInto().update(message).digest())
  .add('HASH160 of a key: node crypto.hash ×2', () => hash('ripemd160', hash('sha256', key, 'buffer'), 'buffer'))
  .add('HASH160 of a key: @noble/hashes', () => ripemd160(sha256(key)))
  .add('HASH160 of a key: one-block JS on int32 locals (restore-scan without WebAssembly)', () => {
    useWasmHashes(false);
    hash160Into(key, 0, 33, out, 0);
    useWasmHashes(true);
  })
  .add('HASH160 of a key: WebAssembly, one unrolled block each (restore-scan)', () => hash160Into(key, 0, 33, out, 0))
  .add('Keccak-256 of 64 bytes: @noble/hashes', () => keccak_256(xy))
  .add('Keccak-256 of 64 bytes: generated JavaScript, int32 halves (restore-scan without WebAssembly)', () => keccak256Last20Of64(xy, out, 0))
  .add('Keccak-256 of 64 bytes: WebAssembly, 64-bit lanes (restore-scan)', () => evmPayloadInto(xy, out, 0));
await bench.run();
console.log('| operation | ns per call |\n|---|---:|');
for (const task of bench.tasks) {
  const r = task.result;
  if (r.state !== 'completed') continue;
  const perCall = task.name.includes(`×${N}`) ? r.latency.mean / (task.name.includes('float') ? N - 1 : N) : r.latency.mean;
  console.log(`| ${task.name.replace(` (×${N})`, '')} | ${Math.round(perCall * 1e6).toLocaleString('en-US')} |`);
}
