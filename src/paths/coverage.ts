import type { Network } from '../chains/types.js';
import type { Curve, ExportedKey, KeySet } from '../keys/types.js';
import { formatPath, type Path, parsePath } from './derivation-path.js';
import { schemeAppliesTo } from './applies.js';
import { CATALOG, catalogRank } from './catalog/index.js';
import { firstAccount, type Scheme, type UncheckableReason } from './scheme.js';
import { knownNetworks, selectNetworks } from './scope.js';
import { accountOfKey, fitKey, groupBySeed, type ExportRequest, type MissingReason, planAccount, type ScanTarget } from './target.js';

export interface ScannedAccount {
  readonly network: string;
  readonly scheme: string;
  readonly accountPath: string;
  readonly account: number;
  /** Only some addresses of the account are reachable (keys exported at address level); it is also in `missing`. */
  readonly partial?: true;
  readonly masterFingerprint?: string;
}

export interface MissingAccount {
  readonly network: string;
  readonly scheme: string;
  readonly accountPath: string;
  readonly account: number;
  readonly usedBy: readonly string[];
  /** `not-exported`: no key at the account path; `no-chain-code`: there is one, but without the chain code to derive below it. */
  readonly reason: MissingReason;
  readonly masterFingerprint?: string;
}

export interface UncheckableScheme {
  readonly network: string;
  readonly scheme: string;
  readonly reason: UncheckableReason;
}

export interface Coverage {
  /** The networks considered, in catalog network order. */
  readonly networks: readonly string[];
  readonly scanned: readonly ScannedAccount[];
  readonly missing: readonly MissingAccount[];
  readonly uncheckable: readonly UncheckableScheme[];
  /** Account paths to export so that every missing account can be scanned: deduplicated, sorted, none already covered. */
  readonly exportPlan: readonly ExportRequest[];
  /** What the discovery engine scans: one target per (scheme, account, key), with every network it serves. */
  readonly targets: readonly ScanTarget[];
  /** Single-sig keys on no known convention's path (reported so the user knows they were not used). */
  readonly unmatchedKeys: readonly { readonly curve: Curve; readonly path: string; readonly masterFingerprint?: string }[];
}

export interface CoverageOptions {
  /** Network ids to consider. Default: every network of each family the keys reach (see `planCoverage`). */
  readonly networks?: readonly string[];
  /** Networks defined by the config file (CONTRACT §3) beyond the built-in ones. */
  readonly customNetworks?: readonly Network[];
}

const checkable = CATALOG.filter((s) => !s.uncheckable);

/** Whether a key is on the scheme's path for some account (serving it, or lacking only its chain code). */
function keyMatches(scheme: Scheme, network: Network, key: ExportedKey): boolean {
  const account = accountOfKey(scheme, network, key);
  if (account === undefined) return false;
  const acct = account === 'any' ? firstAccount(scheme) : account;
  return acct >= firstAccount(scheme) && fitKey(scheme, network, acct, key) !== undefined;
}

/**
 * Networks a group of keys reaches by default: every network of each family in which some key matches a
 * convention, mainnets and testnets separately (a mainnet card does not pull in testnet, nor the reverse).
 */
function reachableNetworks(keys: readonly ExportedKey[], known: readonly Network[]): Network[] {
  const reached = new Set<string>();
  const kind = (n: Network): string => `${n.family}/${n.testnet === true}`;
  for (const network of known) {
    if (reached.has(kind(network))) continue;
    if (checkable.some((s) => schemeAppliesTo(s, network) && keys.some((k) => keyMatches(s, network, k)))) reached.add(kind(network));
  }
  return known.filter((n) => reached.has(kind(n)));
}

/** Accounts to plan: the first one always, and every account the keys hold. */
function accountsToPlan(scheme: Scheme, network: Network, keys: readonly ExportedKey[]): number[] {
  const first = firstAccount(scheme);
  const accounts = new Set([first]);
  for (const k of keys) {
    const a = accountOfKey(scheme, network, k);
    if (typeof a === 'number' && a >= first) accounts.add(a);
  }
  return [...accounts].sort((a, b) => a - b);
}

function comparePaths(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

const byText = (a: string | undefined, b: string | undefined): number => (a ?? '').localeCompare(b ?? '');

/**
 * Offline coverage verdict of a KeySet against the catalog: what can be scanned (and with which key), what is
 * missing and what to export, and what no public key can check.
 *
 * - One key serves every scheme and network it reaches (m/44'/60'/0' serves MetaMask on every EVM network).
 * - Keys are grouped by master fingerprint; coverage, targets and the export plan never mix two seeds. Keys
 *   without a fingerprint form one group of their own.
 * - Networks: `options.networks` when given; otherwise, per group, every network of each family that one of
 *   its keys reaches on some convention (a Polygon key makes all EVM networks count, so the other chains'
 *   conventions show up as missing; a family with no key at all is not considered).
 * - Accounts: the first account of every scheme is always required; further accounts are listed when the
 *   input holds them. The account after the last used one is the scanner's business (`planAccount`,
 *   `nextAccountExport`), since only the scan knows whether the previous one was used.
 */
export function planCoverage(keySet: Pick<KeySet, 'keys'>, options: CoverageOptions = {}): Coverage {
  const known = knownNetworks(options.customNetworks);
  const selected = options.networks ? selectNetworks(options.networks, known) : undefined;
  const networkOrder = new Map(known.map((n, i) => [n.id, i]));
  const keyOrder = new Map(keySet.keys.map((k, i) => [k, i]));

  const scanned: ScannedAccount[] = [];
  const missing: MissingAccount[] = [];
  const uncheckable = new Map<string, UncheckableScheme>();
  const exports = new Map<string, { request: ExportRequest; path: Path }>();
  const targets = new Map<string, { target: ScanTarget; networks: string[] }>();
  const considered = new Set<string>();

  for (const [seed, keys] of groupBySeed(keySet.keys)) {
    const fp = seed === undefined ? {} : { masterFingerprint: seed };
    const scope = selected ?? reachableNetworks(keys, known);
    for (const network of scope) {
      considered.add(network.id);
      for (const scheme of CATALOG) {
        if (!schemeAppliesTo(scheme, network)) continue;
        if (scheme.uncheckable) {
          uncheckable.set(`${network.id}|${scheme.id}`, { network: network.id, scheme: scheme.id, reason: scheme.uncheckable });
          continue;
        }
        for (const account of accountsToPlan(scheme, network, keys)) {
          const plan = planAccount(keys, scheme, network, account);
          for (const t of plan.targets) {
            const id = [scheme.id, account, keyOrder.get(t.key), t.derivationFromKey.join('/'), t.branches?.join(','), t.addressIndex].join('|');
            const entry = targets.get(id);
            if (entry) entry.networks.push(network.id);
            else targets.set(id, { target: t, networks: [network.id] });
          }
          const where = { network: network.id, scheme: scheme.id, accountPath: plan.accountPath, account };
          if (plan.targets.length > 0) scanned.push({ ...where, ...(!plan.complete && { partial: true as const }), ...fp });
          if (plan.missing) {
            missing.push({ ...where, usedBy: scheme.usedBy, reason: plan.missing.reason, ...fp });
            const req = plan.missing.export;
            exports.set(`${req.masterFingerprint ?? ''}|${req.curve}|${req.path}`, { request: req, path: parsePath(req.path) });
          }
        }
      }
    }
  }

  const listingOrder = (a: { network: string; scheme: string; account?: number; masterFingerprint?: string },
    b: typeof a): number =>
    (networkOrder.get(a.network) ?? 0) - (networkOrder.get(b.network) ?? 0)
    || catalogRank(a.scheme) - catalogRank(b.scheme)
    || (a.account ?? 0) - (b.account ?? 0)
    || byText(a.masterFingerprint, b.masterFingerprint);

  const matched = new Set<ExportedKey>();
  for (const network of known)
    for (const scheme of checkable)
      if (schemeAppliesTo(scheme, network)) for (const k of keySet.keys) if (!matched.has(k) && keyMatches(scheme, network, k)) matched.add(k);

  return Object.freeze({
    networks: [...considered].sort((a, b) => (networkOrder.get(a) ?? 0) - (networkOrder.get(b) ?? 0)),
    scanned: scanned.sort(listingOrder),
    missing: missing.sort(listingOrder),
    uncheckable: [...uncheckable.values()].sort(listingOrder),
    exportPlan: [...exports.values()]
      .sort((a, b) => byText(a.request.masterFingerprint, b.request.masterFingerprint)
        || a.request.curve.localeCompare(b.request.curve) || comparePaths(a.path, b.path))
      .map((e) => e.request),
    targets: [...targets.values()]
      .map(({ target, networks }) => Object.freeze({
        ...target,
        networks: Object.freeze(networks.sort((a, b) => (networkOrder.get(a) ?? 0) - (networkOrder.get(b) ?? 0))),
      }))
      .sort((a, b) => catalogRank(a.scheme) - catalogRank(b.scheme)
        || a.account - b.account || (keyOrder.get(a.key) ?? 0) - (keyOrder.get(b.key) ?? 0)),
    unmatchedKeys: keySet.keys.filter((k) => !matched.has(k) && k.multisig === undefined).map((k) => ({
      curve: k.curve, path: formatPath(k.path), ...(k.masterFingerprint !== undefined && { masterFingerprint: k.masterFingerprint }),
    })),
  });
}
