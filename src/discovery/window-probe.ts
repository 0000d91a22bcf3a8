import { encodeAddress, PAYLOAD_WIDTH, payloadFromPublicKey } from '../chains/address.js';
import { isBitcoinScript, scriptPubKey } from '../chains/bitcoin/script.js';
import { NETWORKS } from '../chains/networks.js';
import type { AddressActivity, AddressRef, ChainSource } from '../chains/source.js';
import type { Network } from '../chains/types.js';
import type { ScanTarget } from '../paths/index.js';
import { mergeActivity } from './activity.js';
import type { Deriver, DeriveResponse } from './deriver.js';
import { branchSteps, singleAddressRequest, windowRequest, type HeadStart } from './first-windows.js';
import { firstWindowPriority, NEXT_WINDOW_PRIORITY } from './query-priority.js';
import type { WaitMeter } from './wait-meter.js';

/** What one index gave: per network where it was asked, the merged answer of that network's indexers. */
export interface IndexVerdict {
  used: boolean;
  /** The address payload (see src/chains/address.ts): with the script it rebuilds every network's address. */
  payload: Uint8Array;
  /** The networks where the address is used, with their merged answers (empty when unused). */
  perNetwork: ReadonlyMap<string, AddressActivity>;
}

const NONE: ReadonlyMap<string, AddressActivity> = new Map();

/** A failed query, with what the report's `failures` needs. */
export class ProbeFailure extends Error {
  override name = 'ProbeFailure';
  constructor(readonly network: string, readonly indexer: string, readonly what: string, cause: unknown) {
    super(cause instanceof Error ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message) : String(cause), { cause });
  }
}

export interface WindowProbeContext {
  sources: ReadonlyMap<string, readonly ChainSource[]>;
  deriver: Deriver;
  networks: ReadonlyMap<string, Network>;
  signal?: AbortSignal;
  onDerived?(count: number): void;
  /** First windows asked of the deriver before the scan started its branches (first-windows.ts). */
  headStart?: HeadStart;
  /**
   * Counts the time the scan waits on derivation: a window awaited before its payloads are ready, and the
   * synchronous part of every derivation call. A deriver that batches requests and derives later on this
   * thread (createDeriver with no workers) blocks the scan without any probe waiting: it reports that time
   * itself (`inThreadMs`).
   */
  deriveWait?: WaitMeter;
}

const networkOf = (ctx: WindowProbeContext, id: string): Network => {
  const n = ctx.networks.get(id) ?? NETWORKS[id];
  if (!n) throw new RangeError(`unknown network ${id}`);
  return n;
};

/**
 * Address (and script, for Bitcoin-likes) of a payload on a network. The address string is made when first
 * read: indexers that key by script (Electrum) never read it for the unused addresses that are most of a scan.
 */
export function addressRef(network: Network, script: ScanTarget['script'], payload: Uint8Array): AddressRef {
  let address: string | undefined;
  const ref: AddressRef = {
    get address() {
      return (address ??= encodeAddress(network, script, payload));
    },
  };
  if (isBitcoinScript(script)) ref.script = scriptPubKey(script, payload);
  return ref;
}

/** Networks whose addresses of a payload are the same string share refs: every EVM network (EIP-55 has no chain id). */
const refFormat = (network: Network): string => (network.family === 'evm' ? 'evm' : network.id);

/** The networks of a target that have indexers configured. */
export const probedNetworks = (target: ScanTarget, ctx: Pick<WindowProbeContext, 'sources'>): string[] =>
  target.networks.filter((n) => (ctx.sources.get(n)?.length ?? 0) > 0);

/**
 * Makes the probe of one address chain of a target (one branch): derive a window of payloads, encode them
 * for every network the target serves, ask every indexer of those networks, merge. A used verdict on any
 * network makes the index used (DESIGN rule 2); any failed query rejects the whole window.
 */
export function windowProbe(target: ScanTarget, branch: number | undefined, ctx: WindowProbeContext, describe: (from: number, count: number) => string) {
  const key = target.key;
  const networks = probedNetworks(target, ctx);
  const steps = branchSteps(target, branch);
  let prefetched: { from: number; count: number; promise: Promise<DeriveResponse> } | undefined;

  /** Runs a synchronous piece of derivation under the wait meter. */
  const timed = <T>(work: () => T): T => {
    const leave = ctx.deriveWait?.enter();
    try {
      return work();
    } finally {
      leave?.();
    }
  };

  const deriveRange = (parentSteps: readonly number[], from: number, count: number): Promise<DeriveResponse> => {
    const request = windowRequest(target, parentSteps, from, count);
    const promise = timed(() => ctx.headStart?.take(request) ?? ctx.deriver(request, ctx.signal));
    promise.then(() => ctx.onDerived?.(count), () => {});
    return promise;
  };
  /** Waits for a derivation under the wait meter. */
  const awaited = async (promise: Promise<DeriveResponse>): Promise<DeriveResponse> => {
    const leave = ctx.deriveWait?.enter();
    try {
      return await promise;
    } finally {
      leave?.();
    }
  };

  async function payloadsFor(from: number, count: number): Promise<(Uint8Array | undefined)[]> {
    if (target.script === 'solana') return [Uint8Array.from(key.publicKey)];
    if (target.addressIndex !== 'gap') {
      // One address: the node itself (null) or one fixed index below it.
      if (target.addressIndex === null && steps.length === 0) {
        ctx.onDerived?.(1);
        return [timed(() => payloadFromPublicKey(target.script, key.publicKey))];
      }
      const single = singleAddressRequest(target, steps);
      if (!single) return [undefined]; // no chain code: nothing below the key can be derived
      const res = await awaited(deriveRange(single.steps!, single.from, 1));
      return [res.skipped.length > 0 ? undefined : res.payloads];
    }
    if (!key.chainCode) throw new RangeError(`target ${target.scheme}: a gap scan needs a chain code`);
    // The next window is derived while this one is being asked: derivation then never waits on the network,
    // nor the network on derivation. A prefetch the scan does not need costs one window of hashing (measured:
    // prefetching only from the second window on saved that hashing but made the second windows wait, and was
    // no faster overall). The branch key (steps) is derived with the window, in the deriver's shared batches.
    // The prefetch is asked for one event-loop turn later, once this window's queries have been written: handing
    // work to a worker costs the engine's thread ~1 ms of messaging, which would otherwise come first and delay
    // the write on every round of the scan's chain.
    const res = await awaited(prefetched?.from === from && prefetched.count === count ? prefetched.promise : deriveRange(steps, from, count));
    const next = new Promise<void>((resolve) => setImmediate(resolve)).then(() => deriveRange(steps, from + count, count));
    next.catch(() => undefined); // a prefetch the scan never awaits may fail (abort) unobserved
    prefetched = { from: from + count, count, promise: next };
    const width = PAYLOAD_WIDTH[target.script];
    const skipped = new Set(res.skipped);
    return Array.from({ length: count }, (_, k) => (skipped.has(from + k) ? undefined : res.payloads.subarray(k * width, (k + 1) * width)));
  }

  return async function probe(from: number, count: number): Promise<(IndexVerdict | undefined)[]> {
    const payloads = await payloadsFor(from, count);
    // Most addresses of a scan are unused: they get no map and no copy of their payload (a 100,000-address scan
    // otherwise churns through a few hundred bytes of garbage per address).
    const usedOn: (Map<string, AddressActivity> | undefined)[] = payloads.map(() => undefined);
    const refsByFormat = new Map<string, { k: number; ref: AddressRef }[]>();
    const priority = from > 0 ? NEXT_WINDOW_PRIORITY : firstWindowPriority(target.scheme);
    await Promise.all(networks.map(async (networkId) => {
      const network = networkOf(ctx, networkId);
      const format = refFormat(network);
      let live = refsByFormat.get(format);
      if (!live) refsByFormat.set(format, (live = payloads.flatMap((p, k) => (p ? [{ k, ref: addressRef(network, target.script, p) }] : []))));
      if (live.length === 0) return;
      const answers = await Promise.all((ctx.sources.get(networkId) ?? []).map(async (source) => {
        try {
          const got = await source.activity(live.map((l) => l.ref), { ...(ctx.signal && { signal: ctx.signal }), priority });
          if (got.length !== live.length) throw new Error(`answered ${got.length} addresses for ${live.length}`);
          return got;
        } catch (err) {
          if (ctx.signal?.aborted) throw err;
          throw new ProbeFailure(networkId, source.id, describe(from, count), err);
        }
      }));
      live.forEach(({ k }, j) => {
        if (!answers.some((a) => a[j]!.used)) return;
        (usedOn[k] ??= new Map()).set(networkId, mergeActivity(answers.map((a) => a[j]!)));
      });
    }));
    return payloads.map((p, k) => {
      if (!p) return undefined;
      const perNetwork = usedOn[k];
      return perNetwork ? { used: true, payload: Uint8Array.from(p), perNetwork } : { used: false, payload: p, perNetwork: NONE };
    });
  };
}
