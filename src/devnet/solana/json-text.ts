/**
 * JSON text with exact 64-bit integers. Solana's RPC writes u64 values such as `rentEpoch`
 * (18446744073709551615) and lamports as bare JSON numbers; JSON.stringify cannot, so bigints are
 * written as raw digits here. Clients that parse with plain JSON.parse lose precision exactly as
 * they would against a real node.
 */
const MARK = '\u0000bigint:';

export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${MARK}${v.toString()}` : v));
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}
