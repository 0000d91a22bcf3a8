import { InputError } from '../errors.js';
import { NETWORKS } from '../chains/networks.js';

/** `--networks a,b` → ids, checked against the built-in networks. */
export function parseNetworkList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new InputError('--networks', 'empty network list');
  for (const id of ids)
    if (!NETWORKS[id])
      throw new InputError('--networks', `unknown network ${JSON.stringify(id)}`, { code: 'USAGE', hint: `known networks: ${Object.keys(NETWORKS).join(', ')}` });
  return ids;
}

/** A non-negative integer option. */
export function parseCount(name: string, value: string | undefined, fallback: number, max = 2 ** 31 - 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > max)
    throw new InputError(name, `expected an integer between 0 and ${max}, got ${JSON.stringify(value)}`, { code: 'USAGE' });
  return n;
}
