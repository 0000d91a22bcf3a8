import { dsha256 } from './hashes.js';

/**
 * Bitcoin merkle tree over 32-byte leaves in internal byte order (an odd level duplicates its last node).
 * Returns the root and the branch proving leaf `index`, as ElectrumX's `Merkle.branch_and_root` does.
 */
export function merkleBranchAndRoot(leaves: readonly Uint8Array[], index: number): { root: Uint8Array; branch: Uint8Array[] } {
  if (leaves.length === 0) throw new RangeError('a merkle tree needs at least one leaf');
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} is out of range`);
  const branch: Uint8Array[] = [];
  let level = [...leaves];
  let position = index;
  while (level.length > 1) {
    if (level.length % 2 === 1) level.push(level[level.length - 1]!);
    branch.push(level[position ^ 1]!);
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(dsha256(concat(level[i]!, level[i + 1]!)));
    level = next;
    position >>= 1;
  }
  return { root: level[0]!, branch };
}

export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  return merkleBranchAndRoot(leaves, 0).root;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
