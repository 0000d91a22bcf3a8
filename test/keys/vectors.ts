import vectors from './vectors/public-vectors.keys.json' with { type: 'json' };

/** The public test vectors the input layer is checked against (copied from /work/shared/vectors, sources inside). */
export const V = vectors;

export const hexToBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

/** Asserts that `text` quotes no 8-character piece of `secret` (error messages must never echo private material). */
export function leakedPiece(text: string, secret: string): string | undefined {
  for (let i = 0; i + 8 <= secret.length; i++) {
    const piece = secret.slice(i, i + 8);
    if (text.includes(piece)) return piece;
  }
  return undefined;
}
