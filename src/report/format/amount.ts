import { InputError } from '../../errors.js';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/**
 * Base units (an integer string) to a decimal string: `("1500000", 6)` → `"1.5"`. BigInt only, never floating
 * point: 18-decimal balances and 2^256-sized token amounts must print exactly. Trailing fractional zeros are
 * dropped; `grouping` puts commas between thousands of the integer part, for display.
 */
export function formatBaseUnits(amount: string, decimals: number, options: { grouping?: boolean } = {}): string {
  const value = parseBaseUnits(amount);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255)
    throw new InputError('report', `decimals ${decimals} is not an integer in 0 … 255`);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  const padded = digits.padStart(decimals + 1, '0');
  const whole = padded.slice(0, padded.length - decimals);
  const fraction = padded.slice(padded.length - decimals).replace(/0+$/, '');
  const wholeText = options.grouping ? groupThousands(whole) : whole;
  const text = fraction === '' ? wholeText : `${wholeText}.${fraction}`;
  return negative ? `-${text}` : text;
}

/** `1234567` → `1,234,567`. */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** A base-unit amount as a BigInt, or an InputError naming the bad value (BigInt's own error says little). */
export function parseBaseUnits(amount: string): bigint {
  if (!INTEGER.test(amount)) throw new InputError('report', `amount ${JSON.stringify(amount)} is not an integer in base units`);
  return BigInt(amount);
}
