// SHA-2 constants as FIPS 180-4 defines them (§4.2.2, §4.2.3, §5.3.3, §5.3.5): the first bits of the fractional
// parts of the cube roots (round constants) and square roots (initial values) of the first primes.

/** ⌊x^(1/n)⌋ of a BigInt (Newton's method). */
function iroot(x, n) {
  let r = 1n << BigInt(Math.ceil(x.toString(2).length / n));
  for (;;) {
    const next = ((BigInt(n) - 1n) * r + x / r ** BigInt(n - 1)) / BigInt(n);
    if (next >= r) return r;
    r = next;
  }
}

const primes = (count) => {
  const out = [];
  for (let k = 2; out.length < count; k++) if (out.every((p) => k % p !== 0)) out.push(k);
  return out;
};

/** The first `bits` bits of the fractional part of the `root`-th root of each of the first `count` primes. */
export const rootFractions = (count, root, bits) =>
  primes(count).map((p) => iroot(BigInt(p) << BigInt(root * bits), root) & ((1n << BigInt(bits)) - 1n));
