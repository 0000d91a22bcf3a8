import { getNetwork, NETWORK_IDS } from '../../chains/networks.js';
import type { Report } from '../types.js';

const BUILT_IN_ORDER = new Map(NETWORK_IDS.map((id, i) => [id, i]));

/** Built-in networks in their catalog order, then config-defined ones alphabetically. */
export function compareNetworks(a: string, b: string): number {
  const ia = BUILT_IN_ORDER.get(a) ?? Number.MAX_SAFE_INTEGER;
  const ib = BUILT_IN_ORDER.get(b) ?? Number.MAX_SAFE_INTEGER;
  return ia - ib || a.localeCompare(b);
}

/** Every network the report mentions (addresses, assets, coverage, failures), in display order. */
export function reportNetworks(report: Report): string[] {
  const ids = new Set<string>();
  for (const list of [report.addresses, report.assets, report.coverage.scanned, report.coverage.missing,
    report.coverage.uncheckable, report.failures])
    for (const entry of list) ids.add(entry.network);
  return [...ids].sort(compareNetworks);
}

/** Human name of a network ("Arbitrum One"), or its id for a config-defined one. */
export const networkName = (id: string): string => getNetwork(id)?.name ?? id;
