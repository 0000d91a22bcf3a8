import { InputError, RestoreScanError } from '../../errors.js';
import type { Scheme } from '../scheme.js';
import { BITCOIN_SCHEMES } from './bitcoin.js';
import { EVM_SCHEMES } from './evm.js';
import { SOLANA_SCHEMES } from './solana.js';
import { TRON_SCHEMES } from './tron.js';

export { BITCOIN_SCHEMES, EVM_SCHEMES, SOLANA_SCHEMES, TRON_SCHEMES };

/** Every known convention, in catalog order (the order of coverage listings and of the README table). */
export const CATALOG: readonly Scheme[] = Object.freeze([...BITCOIN_SCHEMES, ...EVM_SCHEMES, ...SOLANA_SCHEMES, ...TRON_SCHEMES]);

const BY_ID: ReadonlyMap<string, Scheme> = (() => {
  const map = new Map<string, Scheme>();
  for (const s of CATALOG) {
    if (map.has(s.id)) throw new RestoreScanError('INTERNAL', `scheme id ${s.id} is defined twice`);
    map.set(s.id, s);
  }
  return map;
})();

const RANK: ReadonlyMap<string, number> = new Map(CATALOG.map((s, i) => [s.id, i]));

/**
 * A scheme's place in the catalog (0 first; ids not in it after every one that is): the order of listings,
 * and the order a scan asks first windows in — the catalog lists each family's standard conventions first.
 */
export function catalogRank(id: string): number {
  return RANK.get(id) ?? CATALOG.length;
}

export function findScheme(id: string): Scheme | undefined {
  return BY_ID.get(id);
}

/** The scheme with this id; an InputError (e.g. for `derive --scheme`) when there is none. */
export function getScheme(id: string): Scheme {
  const s = BY_ID.get(id);
  if (!s) throw new InputError('--scheme', `unknown scheme ${JSON.stringify(id)} (see \`restore-scan paths\` or the README for the list)`);
  return s;
}
