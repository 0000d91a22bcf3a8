import { NETWORKS } from '../chains/networks.js';
import { CATALOG } from './catalog/index.js';
import type { Scheme } from './scheme.js';

/** One row of the README's scheme table. */
export interface SchemeTableRow {
  readonly id: string;
  readonly path: string;
  readonly networks: string;
  readonly usedBy: string;
  /** Account rule, and why a scheme cannot be checked. */
  readonly notes: string;
}

function networksText(s: Scheme): string {
  // `{coin}` differs per network: show each network's coin type next to it.
  const withCoin = s.path.includes('{coin}');
  const parts = s.networks.map((id) => (withCoin ? `${id} (${NETWORKS[id]?.coinType})` : id));
  if (s.chainIds?.length) parts.push(`config network with chain id ${s.chainIds.join(' or ')}`);
  if (s.anyNetworkOfFamily) parts.push(`any config-defined ${s.family.toUpperCase()} network`);
  return parts.join(', ');
}

function notesText(s: Scheme): string {
  const rule = s.accounts.kind === 'single' ? 'one account'
    : s.accounts.kind === 'skip-empty' ? `accounts until ${s.accounts.max} unused in a row`
    : 'accounts until the first unused';
  const first = s.skipAccountZero ? ' (from account 1)' : '';
  const addresses = s.addressGap ? 'gap-scanned addresses' : 'one address per account';
  const unchecked = s.uncheckable === 'needs-private-key' ? '; not checkable: needs the private key'
    : s.uncheckable === 'hardened-addresses' ? '; not checkable: every address is hardened' : '';
  return `${rule}${first}, ${addresses}${unchecked}`;
}

/** The README scheme table, one row per catalog entry, in catalog order. */
export function schemeTableRows(catalog: readonly Scheme[] = CATALOG): SchemeTableRow[] {
  return catalog.map((s) => ({ id: s.id, path: s.path, networks: networksText(s), usedBy: s.usedBy.join('; '), notes: notesText(s) }));
}

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The same table as Markdown. */
export function schemeTableMarkdown(catalog: readonly Scheme[] = CATALOG): string {
  const rows = schemeTableRows(catalog).map((r) =>
    `| \`${r.id}\` | \`${r.path}\` | ${cell(r.networks)} | ${cell(r.usedBy)} | ${cell(r.notes)} |`);
  return ['| scheme | path | networks | used by | notes |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
}
