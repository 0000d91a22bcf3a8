import { getNetwork } from '../../chains/networks.js';
import { CATALOG, catalogRank, findScheme, schemeAppliesTo, type Scheme } from '../../paths/index.js';
import type { Report } from '../types.js';
import { compareNetworks, reportNetworks } from './report-networks.js';

export type CoverageStatus = 'missing' | 'uncheckable' | 'scanned' | 'not-applicable';

/** Status labels: the coverage map never relies on colour alone. */
export const STATUS_LABELS: Readonly<Record<CoverageStatus, string>> = Object.freeze({
  missing: 'Missing',
  uncheckable: 'Uncheckable',
  scanned: 'Scanned',
  'not-applicable': 'Not applicable to the input',
});

/** One row of the coverage map. */
export interface CoverageRow {
  status: CoverageStatus;
  network: string;
  scheme: string;
  /** The catalog title, or the scheme id when the catalog does not know it (descriptor wallets). */
  title: string;
  /** The account path, or the scheme's path template (with its coin type) when no account is named. */
  path: string;
  usedBy: readonly string[];
  /** Why, or what was found: "last used: receive 19, change 4", "not exported", "needs the private key". */
  detail: string;
}

const STATUS_RANK: Readonly<Record<CoverageStatus, number>> = { missing: 0, uncheckable: 1, scanned: 2, 'not-applicable': 3 };

export const MISSING_DETAIL = { 'not-exported': 'not exported', 'next-account-not-exported': 'next account not exported' } as const;
export const UNCHECKABLE_DETAIL = {
  'needs-private-key': 'needs the private key',
  'no-indexer': 'no indexer for this network',
  'unsupported-script': 'unsupported script',
} as const;

const BRANCH_NAMES: Readonly<Record<string, string>> = { '0': 'receive', '1': 'change' };

function lastUsedText(lastUsed: Record<string, number>, scheme: Scheme | undefined): string {
  // One address per account (Solana, Ledger Live EVM): no branch to name, only whether it is used.
  if (scheme && !scheme.branches) return Object.keys(lastUsed).length > 0 ? 'in use' : 'no used address';
  const parts = Object.entries(lastUsed).map(([branch, index]) => `${BRANCH_NAMES[branch] ?? `branch ${branch}`} ${index}`);
  return parts.length === 0 ? 'no used address' : `last used: ${parts.join(', ')}`;
}

/** The scheme's template with `{coin}` filled in for the network (`m/44'/{coin}'/…` → `m/44'/60'/…`). */
function templateFor(scheme: Scheme, network: string): string {
  const coin = getNetwork(network)?.coinType;
  return coin === undefined ? scheme.path : scheme.path.replaceAll('{coin}', String(coin));
}

const describe = (schemeId: string): { title: string; usedBy: readonly string[]; scheme: Scheme | undefined } => {
  const scheme = findScheme(schemeId);
  return { title: scheme?.title ?? schemeId, usedBy: scheme?.usedBy ?? [], scheme };
};

/**
 * The coverage map: every entry of the report's coverage, plus every catalog scheme that applies to a network
 * of the report without appearing in it ("not applicable to the input"). Ordered by network, then status
 * (missing first: what needs action), then catalog order.
 */
export function coverageMap(report: Report): CoverageRow[] {
  const rows: CoverageRow[] = [];
  const seen = new Set<string>();
  const mark = (network: string, scheme: string): void => {
    seen.add(`${network}|${scheme}`);
  };

  for (const e of report.coverage.scanned) {
    const d = describe(e.scheme);
    rows.push({ status: 'scanned', network: e.network, scheme: e.scheme, title: d.title, path: e.accountPath, usedBy: d.usedBy,
      detail: lastUsedText(e.lastUsed, d.scheme) });
    mark(e.network, e.scheme);
  }
  for (const e of report.coverage.missing) {
    const d = describe(e.scheme);
    rows.push({ status: 'missing', network: e.network, scheme: e.scheme, title: d.title, path: e.accountPath,
      usedBy: e.usedBy.length > 0 ? e.usedBy : d.usedBy, detail: MISSING_DETAIL[e.reason] });
    mark(e.network, e.scheme);
  }
  for (const e of report.coverage.uncheckable) {
    const d = describe(e.scheme);
    rows.push({ status: 'uncheckable', network: e.network, scheme: e.scheme, title: d.title,
      path: d.scheme ? templateFor(d.scheme, e.network) : '', usedBy: d.usedBy,
      detail: e.detail ? `${UNCHECKABLE_DETAIL[e.reason]}: ${e.detail}` : UNCHECKABLE_DETAIL[e.reason] });
    mark(e.network, e.scheme);
  }
  for (const networkId of reportNetworks(report)) {
    const network = getNetwork(networkId);
    // Config-defined networks are not known here (no chain id): only their report entries are shown.
    if (!network) continue;
    for (const scheme of CATALOG) {
      if (!schemeAppliesTo(scheme, network) || seen.has(`${networkId}|${scheme.id}`)) continue;
      rows.push({ status: 'not-applicable', network: networkId, scheme: scheme.id, title: scheme.title,
        path: templateFor(scheme, networkId), usedBy: scheme.usedBy, detail: '' });
    }
  }
  return rows.sort((a, b) => compareNetworks(a.network, b.network)
    || STATUS_RANK[a.status] - STATUS_RANK[b.status]
    || catalogRank(a.scheme) - catalogRank(b.scheme)
    || a.path.localeCompare(b.path));
}
