/**
 * The head start: the first window of every branch the scan starts with, asked of the deriver before the engine
 * sets up its branches and sends its first queries (runScan), and flushed at once. The deriver works on them
 * meanwhile (a worker thread), and each branch's probe takes its window from here instead of asking again.
 *
 * Without it the first wave of derivations reached the worker 10–26 ms after scan() started (piscina.run, logged):
 * the deriver gathers a turn's requests and posts them at the end of the turn, after the endpoint checks, the
 * branches' set-up and the first queries of every provider had been sent. Nothing after the first wave waits on
 * derivation (bench/README.md, "Scan throughput"). Measured interleaved against the engine without it (22 pairs of
 * benches of 7 runs, a slow phase of the machine): derive wait of the median run 35.7 → 31.1 ms (−4.6 ± 2.6), of the
 * worst run 9.3 → 7.3 % of wall (−2.0 ± 0.7 points, lower in 16 of 22), wall time unchanged (+3 ± 5 ms). A first
 * version computed the requests in scan() with a plan of its own, before the clients were built: it planned every
 * account twice (~1 ms of the engine's thread) and measured 11 ms slower in wall time over 24 pairs (~1.5 standard
 * errors); the engine now plans each account once (accountPlans), and scan() starts it before the endpoint checks.
 */
import type { ScanTarget } from '../paths/index.js';
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

export interface TargetStartOptions {
  /** The networks of the target the scan will ask (those with indexers): none, and it is not scanned. */
  networks: readonly string[];
  gapLimit: number;
  gapLimits?: Readonly<Record<string, number>>;
  /** Addresses per round (default: the target's gap limit), as the engine's windows. */
  window?: number;
}

/** The gap limit of a target: the largest of its networks' (config `networks.X.gapLimit`, else the scan's). */
export const targetGap = (networks: readonly string[], gapLimit: number, gapLimits?: Readonly<Record<string, number>>): number =>
  Math.max(...networks.map((n) => gapLimits?.[n] ?? gapLimit));

/** The first derivation of each branch of a target: its first window or its one address (none for ed25519 keys). */
export function targetStart(target: ScanTarget, options: TargetStartOptions): DeriveRequest[] {
  if (target.script === 'solana' || options.networks.length === 0) return [];
  return (target.branches ? [...target.branches] : [undefined]).flatMap((branch) => {
    const steps = branchSteps(target, branch);
    if (target.addressIndex !== 'gap') return singleAddressRequest(target, steps) ?? [];
    if (!target.key.chainCode) return []; // the engine reports it; nothing to derive
    return [windowRequest(target, steps, 0, options.window ?? targetGap(options.networks, options.gapLimit, options.gapLimits))];
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
