import type { Network } from '../chains/types.js';
import type { ExportedKey } from '../keys/types.js';
import { planAccount, type Coverage, type ExportRequest, type Scheme, type ScanTarget } from '../paths/index.js';

/**
 * Targets of one account of a scheme across networks, merged as the coverage plan merges them: one target
 * per (key, shape) with every network it serves. `missing` is the export that would make the account
 * scannable when no key serves it (the same request on every network: the path has no network in it, or
 * it differs per coin type and each is listed).
 */
export function accountTargets(keys: readonly ExportedKey[], scheme: Scheme, networks: readonly Network[], account: number): { targets: ScanTarget[]; missing: { network: string; accountPath: string; request: ExportRequest }[] } {
  const merged = new Map<string, ScanTarget>();
  const missing: { network: string; accountPath: string; request: ExportRequest }[] = [];
  for (const network of networks) {
    const plan = planAccount(keys, scheme, network, account);
    for (const t of plan.targets) {
      const id = [keys.indexOf(t.key), t.derivationFromKey.join('/'), t.branches?.join(','), t.addressIndex].join('|');
      const seen = merged.get(id);
      merged.set(id, seen ? { ...seen, networks: [...seen.networks, network.id] } : t);
    }
    if (plan.targets.length === 0 && plan.missing) missing.push({ network: network.id, accountPath: plan.accountPath, request: plan.missing.export });
  }
  return { targets: [...merged.values()], missing };
}

/** The accounts of a scheme the input exported keys for (with these keys: one seed's). */
export function exportedAccounts(coverage: Coverage, scheme: Scheme, keys: readonly ExportedKey[]): Set<number> {
  return new Set(coverage.targets.filter((t) => t.scheme === scheme.id && keys.includes(t.key)).map((t) => t.account));
}

/** An account's targets as `accountTargets` makes them, for one seed's keys, scheme and networks. */
export type AccountPlans = (account: number) => ReturnType<typeof accountTargets>;

/** `accountTargets` of one seed's keys, scheme and networks, each account planned once (a scan asks several times). */
export function accountPlans(keys: readonly ExportedKey[], scheme: Scheme, networks: readonly Network[]): AccountPlans {
  const plans = new Map<number, ReturnType<typeof accountTargets>>();
  return (account) => {
    let plan = plans.get(account);
    if (!plan) plans.set(account, (plan = accountTargets(keys, scheme, networks, account)));
    return plan;
  };
}

/**
 * The accounts after `account` that a skip-empty rule will look at whatever `account` holds: up to the empty ones
 * it still tolerates after `emptyRun` empty ones, stopping where no key serves an account (the loop stops there).
 * The account loop starts them side by side with `account` (DESIGN rule 3), like the windows of a gap scan.
 */
export function accountsAhead(plans: AccountPlans, scheme: Scheme, account: number, emptyRun: number): number[] {
  if (scheme.accounts.kind !== 'skip-empty') return [];
  const ahead: number[] = [];
  for (let k = 1; k <= scheme.accounts.max - emptyRun; k++) {
    if (plans(account + k).targets.length === 0) break;
    ahead.push(account + k);
  }
  return ahead;
}
