/**
 * The head start: every branch's first window asked of the deriver as soon as the plan is known, before the
 * scan builds its clients, starts its endpoint checks and launches its branches (~5–10 ms of the engine's
 * thread). The deriver works on them meanwhile (a worker thread), and each branch's probe takes its window
 * from here instead of asking again.
 *
 * Measured on the scan bench (bench/README.md): without it the first wave reached the worker 10–26 ms after scan()
 * started (piscina.run), behind key loading, planning, the clients, the endpoint checks and the branches' own set-up;
 * nothing after the first wave waits on derivation. Interleaved against the engine without it (two sets of 5 pairs,
 * 7 runs each; means): median-run derive wait 35 → 28 ms and 48 → 41 ms; worst run of each bench 5.5–9.9 % →
 * 4.9–8.9 % and 8.8–14.3 % → 6.7–8.0 % of wall (both sets in a slow phase of the machine); wall time within noise. Computing the requests costs ~1 ms of
 * planning that the engine repeats later.
 */
import type { Network } from '../chains/types.js';
import type { KeySet } from '../keys/types.js';
import { CATALOG, firstAccount, groupBySeed, schemeAppliesTo, type Coverage, type ScanTarget } from '../paths/index.js';
import { accountsAhead, accountTargets, exportedAccounts } from './account-targets.js';
import { keyId } from '../workers/secp/derive-kernel.js';
import type { Deriver, DeriveRequest, DeriveResponse, SecpScript } from './deriver.js';

/** Identity of a derivation: the same children of the same parent as the same script. */
export const requestId = (r: DeriveRequest): string => `${keyId(r.publicKey, r.chainCode, r.steps)} ${r.script} ${r.from}+${r.count}`;

/** What a window's derivation is: the derivation request of addresses from … from+count−1 of a branch. */
export function windowRequest(target: ScanTarget, steps: readonly number[], from: number, count: number): DeriveRequest {
  return { publicKey: target.key.publicKey, chainCode: target.key.chainCode!, steps, script: target.script as SecpScript, from, count };
}

/** The derivation a single-address target needs (an index below the key, or none when it is the key itself). */
export function singleAddressRequest(target: ScanTarget, steps: readonly number[]): DeriveRequest | undefined {
  const path = target.addressIndex === null ? steps : [...steps, target.addressIndex as number];
  if (path.length === 0 || !target.key.chainCode) return undefined;
  return windowRequest(target, path.slice(0, -1), path.at(-1)!, 1);
}

/** Parent steps of a branch of a target (`branch` undefined: the target's own key path). */
export const branchSteps = (target: ScanTarget, branch: number | undefined): number[] =>
  [...target.derivationFromKey, ...(branch === undefined ? [] : [branch])];

export interface FirstWindowOptions {
  keySet: KeySet;
  coverage: Coverage;
  /** The networks in scope. */
  networks: readonly Network[];
  /** The networks of a target the scan will ask (those with indexers); a target with none is not scanned. */
  probedNetworks(target: ScanTarget): readonly string[];
  gapLimit: number;
  gapLimits?: Readonly<Record<string, number>>;
  /** Addresses per round (default: the target's gap limit), as the engine's windows. */
  window?: number;
}

/**
 * Every derivation the scan starts with, as the engine's account loops start (scan-engine.ts): per seed and
 * scheme, in catalog order (standard conventions first), the exported accounts, the first account and the ones a
 * skip-empty rule looks at whatever the first holds; per target, each branch's first window or its one address.
 */
export function firstWindowRequests(options: FirstWindowOptions): DeriveRequest[] {
  const requests: DeriveRequest[] = [];
  for (const keys of groupBySeed(options.keySet.keys).values()) {
    for (const scheme of CATALOG) {
      if (scheme.uncheckable) continue;
      const nets = options.networks.filter((n) => schemeAppliesTo(scheme, n));
      if (nets.length === 0) continue;
      const first = firstAccount(scheme);
      const accounts = new Set([...exportedAccounts(options.coverage, scheme, keys), first, ...accountsAhead(keys, scheme, nets, first, 0)]);
      for (const account of [...accounts].sort((a, b) => a - b))
        for (const target of accountTargets(keys, scheme, nets, account).targets) requests.push(...targetStart(target, options));
    }
  }
  return requests;
}

/** The first derivation of each branch of a target (none for ed25519 keys, exported per address). */
function targetStart(target: ScanTarget, options: FirstWindowOptions): DeriveRequest[] {
  const networks = options.probedNetworks(target);
  if (target.script === 'solana' || networks.length === 0) return [];
  return (target.branches ? [...target.branches] : [undefined]).flatMap((branch) => {
    const steps = branchSteps(target, branch);
    if (target.addressIndex !== 'gap') return singleAddressRequest(target, steps) ?? [];
    if (!target.key.chainCode) return []; // the engine reports it; nothing to derive
    const gap = Math.max(...networks.map((n) => options.gapLimits?.[n] ?? options.gapLimit));
    return [windowRequest(target, steps, 0, options.window ?? gap)];
  });
}

/** Derivations asked ahead, each handed out once to the probe that asks for the same thing. */
export interface HeadStart {
  take(request: DeriveRequest): Promise<DeriveResponse> | undefined;
}

/** Asks `deriver` for every request now (one batch, flushed at once) and keeps the answers for the probes. */
export function startHeadStart(deriver: Deriver, requests: readonly DeriveRequest[], signal?: AbortSignal): HeadStart {
  const ahead = new Map<string, Promise<DeriveResponse>>();
  for (const request of requests) {
    const id = requestId(request);
    if (ahead.has(id)) continue;
    const promise = deriver(request, signal);
    promise.catch(() => undefined); // one never taken (its branch was not scanned) may fail unobserved
    ahead.set(id, promise);
  }
  deriver.flush?.();
  return {
    take(request) {
      if (ahead.size === 0) return undefined;
      const id = requestId(request);
      const promise = ahead.get(id);
      ahead.delete(id);
      return promise;
    },
  };
}
