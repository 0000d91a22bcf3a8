import pLimit from 'p-limit';
import { NETWORKS } from '../chains/networks.js';
import type { AddressActivity, AddressRef, ChainSource } from '../chains/source.js';
import type { Network } from '../chains/types.js';
import type { KeySet } from '../keys/types.js';
import {
  CATALOG, catalogRank, firstAccount, formatPath, getScheme, groupBySeed, planCoverage, schemeAppliesTo, targetAddressPath,
  type Coverage, type ExportRequest, type Scheme, type ScanTarget,
} from '../paths/index.js';
import type { Asset, Failure, MissingEntry, Report, ScannedEntry, UncheckableEntry, UsedAddress } from '../report/types.js';
import { accountPlans, accountsAhead, exportedAccounts, type AccountPlans } from './account-targets.js';
import type { Deriver } from './deriver.js';
import { startHeadStart, targetGap, targetStart } from './first-windows.js';
import { gapScan, type GapScanState } from './gap-scan.js';
import { createHoldingsFetcher, type HoldingsCache } from './holdings.js';
import { createWaitMeter } from './wait-meter.js';
import type { ScanProgress } from './progress.js';
import { addressRef, ProbeFailure, probedNetworks, windowProbe, type IndexVerdict } from './window-probe.js';

export interface EngineOptions {
  keySet: KeySet;
  /** Networks in scope (default: what the input reaches). */
  networks?: readonly string[];
  customNetworks?: readonly Network[];
  /** The coverage plan of `keySet` for these networks, when the caller made it already (scan() does, to pick sources). */
  coverage?: Coverage;
  /** Indexers per network id (one source per indexer type). */
  sources: ReadonlyMap<string, readonly ChainSource[]>;
  deriver: Deriver;
  gapLimit: number;
  /** Per-network gap limits (config `networks.X.gapLimit`); a target spanning networks uses the largest. */
  gapLimits?: Readonly<Record<string, number>>;
  /** Addresses per query round (default: the gap limit). */
  window?: number;
  /**
   * Address chains scanned at once (default 256). Each provider's client keeps its own rate and in-flight
   * limits, so this only bounds memory; a low value would queue whole branches behind one another and add
   * round trips to the scan.
   */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (event: ScanProgress) => void;
  /** Checkpoint hooks (resume): known branch states and results, and a sink for new ones. */
  checkpoint?: BranchCheckpoints;
}

/** Progress of one address chain, as a checkpoint keeps it. */
export interface BranchRecord {
  state: GapScanState;
  done: boolean;
  /** Used indices with their per-network answers. */
  used: { index: number; payloadHex: string; perNetwork: [string, AddressActivity][] }[];
}

export interface BranchCheckpoints extends HoldingsCache {
  get(id: string): BranchRecord | undefined;
  put(id: string, record: BranchRecord): void;
}

/** One used address found, before enrichment. */
interface Found {
  network: string;
  scheme: string;
  path: string;
  ref: AddressRef;
  activity: AddressActivity;
}

interface TargetOutcome {
  used: boolean;
  lastUsed: Map<string, Record<string, number>>;
}

const branchesOf = (t: ScanTarget): (number | undefined)[] => (t.branches ? [...t.branches] : [undefined]);

/** Stable id of an address chain: scheme, account, key, steps, branch. */
const branchId = (t: ScanTarget, branch: number | undefined): string =>
  [t.scheme, t.account, Buffer.from(t.key.publicKey).toString('hex'), formatPath(t.key.path), t.derivationFromKey.join('/'), String(t.addressIndex), branch ?? '-'].join('|');

/**
 * The discovery engine: scans every target of the coverage plan with the gap rule, runs the account loop
 * of each scheme, asks for holdings of every used address, and assembles the report (CONTRACT §4).
 */
export async function runScan(options: EngineOptions): Promise<Report> {
  const started = performance.now();
  const { keySet, sources, signal } = options;
  const coverage = options.coverage
    ?? planCoverage(keySet, { ...(options.networks && { networks: options.networks }), ...(options.customNetworks && { customNetworks: options.customNetworks }) });
  const networkById = new Map<string, Network>([...Object.values(NETWORKS), ...(options.customNetworks ?? [])].map((n) => [n.id, n]));
  const inScope = coverage.networks.map((id) => networkById.get(id)!).filter(Boolean);
  const failures: Failure[] = [];
  const found: Found[] = [];
  const scanned: ScannedEntry[] = [];
  const missing: MissingEntry[] = coverage.missing.map((m) => ({ network: m.network, scheme: m.scheme, accountPath: m.accountPath, usedBy: [...m.usedBy], reason: 'not-exported' }));
  const exportPlan = new Map<string, ExportRequest>(coverage.exportPlan.map((e) => [`${e.curve}|${e.path}`, e]));
  const uncheckable: UncheckableEntry[] = coverage.uncheckable.map((u) => ({ network: u.network, scheme: u.scheme, reason: u.reason === 'needs-private-key' ? 'needs-private-key' : 'unsupported-script', ...(u.reason === 'hardened-addresses' && { detail: 'every address index is hardened: each address needs its own export' }) }));
  let addressesDerived = 0;
  const limit = pLimit(options.concurrency ?? 256);
  const emit = (e: ScanProgress) => options.onProgress?.(e);

  const requestsOf = (networks: readonly string[]) =>
    Object.fromEntries(networks.map((n) => [n, (sources.get(n) ?? []).reduce((sum, src) => sum + src.requests(), 0)]));
  const fail = (f: Failure) => {
    failures.push(f);
    emit({ kind: 'failure', ...f });
  };

  // Networks in scope without any indexer cannot be checked: say so per scheme, rather than call them empty.
  const unserved = new Set(inScope.filter((n) => (sources.get(n.id)?.length ?? 0) === 0).map((n) => n.id));
  for (const s of coverage.scanned)
    if (unserved.has(s.network) && !uncheckable.some((u) => u.network === s.network && u.scheme === s.scheme))
      uncheckable.push({ network: s.network, scheme: s.scheme, reason: 'no-indexer', detail: 'no indexer configured for this network' });

  // Holdings of used addresses are asked while discovery goes on (holdings.ts).
  const holdings = createHoldingsFetcher({ sources, fail, emit, ...(signal && { signal }), ...(options.checkpoint && { cache: options.checkpoint }) });

  /** The used addresses one index of a branch gave, one per network that saw it used. */
  const foundAt = (target: ScanTarget, scheme: Scheme, branch: number | undefined, u: BranchRecord['used'][number]): Found[] =>
    u.perNetwork.flatMap(([network, activity]) => {
      if (!activity.used) return [];
      const index = target.addressIndex === 'gap' ? u.index : undefined;
      const path = formatPath(targetAddressPath(target, branch, index));
      const ref = addressRef(networkById.get(network)!, target.script, Buffer.from(u.payloadHex, 'hex'));
      return [{ network, scheme: scheme.id, path, ref, activity }];
    });

  // One account loop per seed and scheme (DESIGN rule 3), each planning an account once.
  const loops = [...groupBySeed(keySet.keys)].flatMap(([seed, keys]) => CATALOG.flatMap((scheme) => {
    if (scheme.uncheckable) return [];
    const nets = inScope.filter((n) => schemeAppliesTo(scheme, n));
    return nets.length === 0 ? [] : [{ seed, keys, scheme, plans: accountPlans(keys, scheme, nets) }];
  }));

  // The head start (first-windows.ts): the first window of every branch the loops start with, asked of the deriver
  // now, in catalog order, before the loops set up their branches and the first queries go out. A resumed scan
  // starts its branches where the checkpoint left them: no head start.
  const headStart = options.checkpoint ? undefined : startHeadStart(options.deriver, loops.flatMap((loop) =>
    startingAccounts(loop).flatMap((account) => loop.plans(account).targets.flatMap((target) => targetStart(target, {
      networks: probedNetworks(target, { sources }), gapLimit: options.gapLimit, ...(options.gapLimits && { gapLimits: options.gapLimits }),
      ...(options.window && { window: options.window }),
    })))), signal);
  /** The accounts a loop starts at once: every exported one, the first, and those the rule looks at anyway. */
  function startingAccounts(loop: (typeof loops)[number]): number[] {
    const first = firstAccount(loop.scheme);
    return [...new Set([...exportedAccounts(coverage, loop.scheme, loop.keys), first, ...accountsAhead(loop.plans, loop.scheme, first, 0)])];
  }

  const deriveWait = createWaitMeter();
  const probeCtx = {
    sources, deriver: options.deriver, networks: networkById, deriveWait,
    ...(headStart && { headStart }),
    ...(signal && { signal }),
    onDerived: (n: number) => {
      addressesDerived += n;
    },
  };

  /** Scans one target: every branch with the gap rule (or its single address). */
  async function scanTarget(target: ScanTarget): Promise<TargetOutcome> {
    const networks = probedNetworks(target, { sources });
    const outcome: TargetOutcome = { used: false, lastUsed: new Map(networks.map((n) => [n, {}])) };
    if (networks.length === 0) return outcome;
    const scheme = getScheme(target.scheme);
    const gap = targetGap(networks, options.gapLimit, options.gapLimits);
    await Promise.all(branchesOf(target).map((branch) => limit(async () => {
      const id = branchId(target, branch);
      const saved = options.checkpoint?.get(id);
      const record: BranchRecord = saved ? structuredClone(saved) : { state: { next: 0, lastUsed: -1 }, done: false, used: [] };
      const what = (from: number, count: number) =>
        `${scheme.id} account ${target.account}${branch === undefined ? '' : ` branch ${branch}`}: addresses ${from}–${from + count - 1}`;
      const probe = windowProbe(target, branch, probeCtx, what);
      const onUsed = (index: number, verdict: IndexVerdict) => {
        const used = { index, payloadHex: Buffer.from(verdict.payload).toString('hex'), perNetwork: [...verdict.perNetwork] };
        record.used.push(used);
        for (const f of foundAt(target, scheme, branch, used)) holdings.add(f);
      };
      try {
        if (!record.done) {
          if (target.addressIndex === 'gap') {
            await gapScan<IndexVerdict>({
              gap, window: options.window ?? gap, start: record.state, ...(signal && { signal }),
              probe: async (from, count) => (await probe(from, count)).map((v) => v && { used: v.used, value: v }),
              onUsed,
              onProgress: (state) => {
                record.state = state;
                options.checkpoint?.put(id, structuredClone(record));
                emit({ kind: 'branch', scheme: scheme.id, account: target.account, branch, networks, checked: state.next, lastUsed: state.lastUsed, done: false, requests: requestsOf(networks) });
              },
            });
          } else {
            const [verdict] = await probe(0, 1);
            if (verdict?.used) onUsed(target.addressIndex ?? 0, verdict);
            record.state = { next: 1, lastUsed: verdict?.used ? 0 : -1 };
          }
          record.done = true;
          options.checkpoint?.put(id, structuredClone(record));
        }
      } catch (err) {
        if (!(err instanceof ProbeFailure)) throw err;
        fail({ network: err.network, indexer: err.indexer, what: err.what, error: err.message });
      }
      emit({ kind: 'branch', scheme: scheme.id, account: target.account, branch, networks, checked: record.state.next, lastUsed: record.state.lastUsed, done: record.done, requests: requestsOf(networks) });
      for (const u of record.used) {
        outcome.used = true;
        for (const f of foundAt(target, scheme, branch, u)) {
          found.push(f);
          holdings.add(f); // a branch restored from a checkpoint reports its used addresses only here
          const lu = outcome.lastUsed.get(f.network)!;
          const key = String(branch ?? (target.addressIndex === 'gap' ? 0 : target.addressIndex ?? 0));
          lu[key] = Math.max(lu[key] ?? -1, u.index);
        }
      }
    })));
    return outcome;
  }

  const jobs = loops.map((loop) => accountLoop(loop.scheme, loop.keys, loop.seed, loop.plans));

  async function accountLoop(scheme: Scheme, keys: KeySet['keys'], seed: string | undefined, plans: AccountPlans): Promise<void> {
    const inInput = exportedAccounts(coverage, scheme, keys);
    const runs = new Map<number, Promise<'used' | 'unused' | 'absent'>>();
    const scanAccount = async (account: number): Promise<'used' | 'unused' | 'absent'> => {
      const { targets } = plans(account);
      if (targets.length === 0) return 'absent';
      const outcomes = await Promise.all(targets.map(scanTarget));
      for (const [t, o] of targets.map((t, i) => [t, outcomes[i]!] as const))
        for (const [network, lastUsed] of o.lastUsed)
          scanned.push({ network, scheme: scheme.id, accountPath: t.accountPath, lastUsed });
      return outcomes.some((o) => o.used) ? 'used' : 'unused';
    };
    const runAccount = (account: number): Promise<'used' | 'unused' | 'absent'> => {
      let run = runs.get(account);
      if (!run) runs.set(account, (run = scanAccount(account)));
      return run;
    };
    // Every exported account is scanned whatever the loop decides (below), so all of them start now, side by
    // side: the loop's verdicts then cost no round trips one after the other.
    for (const a of inInput) void runAccount(a).catch(() => undefined);
    const askNext = (account: number) => {
      const { missing: lacking } = plans(account);
      for (const m of lacking) {
        missing.push({ network: m.network, scheme: scheme.id, accountPath: m.accountPath, usedBy: [...scheme.usedBy], reason: 'next-account-not-exported' });
        const req = { ...m.request, ...(seed !== undefined && { masterFingerprint: seed }) };
        exportPlan.set(`${req.curve}|${req.path}`, req);
      }
    };
    let account = firstAccount(scheme);
    let emptyRun = 0;
    const visited = new Set<number>();
    const tolerated = scheme.accounts.kind === 'skip-empty' ? scheme.accounts.max : 0;
    for (;;) {
      visited.add(account);
      // Accounts the rule will look at whatever this one holds start now, side by side: never one the sequential
      // loop would not reach.
      for (const ahead of accountsAhead(plans, scheme, account, emptyRun)) void runAccount(ahead).catch(() => undefined);
      const verdict = await runAccount(account);
      if (verdict === 'absent') {
        if (account > firstAccount(scheme) && emptyRun === 0) askNext(account);
        break;
      }
      if (scheme.accounts.kind === 'single') break;
      if (verdict === 'used') emptyRun = 0;
      else {
        emptyRun++;
        if (emptyRun > tolerated) break;
      }
      account++;
    }
    // Accounts the user exported beyond where the loop stopped are scanned too: they were exported for a reason.
    for (const a of [...inInput].sort((x, y) => x - y)) {
      if (visited.has(a)) continue;
      if ((await runAccount(a)) === 'used' && !inInput.has(a + 1) && plans(a + 1).targets.length === 0) askNext(a + 1);
    }
  }

  emit({ kind: 'plan', targets: coverage.targets.length, networks: coverage.networks });
  await Promise.all(jobs);
  signal?.throwIfAborted();

  // Branches finish in any order; an address reached by several schemes at one path (MetaMask index 0 and Ledger
  // Live account 0) must be reported the same way every run: catalog order decides.
  found.sort((a, b) => a.network.localeCompare(b.network) || a.path.localeCompare(b.path, undefined, { numeric: true })
    || catalogRank(a.scheme) - catalogRank(b.scheme) || a.activity.address.localeCompare(b.activity.address));
  const assets = assetsOf(found, await holdings.settle());
  const addresses = dedupe(found.map((f): UsedAddress => ({ network: f.network, scheme: f.scheme, path: f.path, address: f.activity.address, txCount: f.activity.txCount })), (a) => `${a.network}|${a.address}|${a.path}`);
  const requests = [...sources.values()].flat().reduce((n, s) => n + s.requests(), 0);
  const report: Report = {
    format: 'restore-scan.report/1',
    complete: failures.length === 0,
    gapLimit: options.gapLimit,
    addresses: addresses.sort(byNetworkPath),
    assets,
    coverage: {
      scanned: dedupe(scanned, (s) => `${s.network}|${s.scheme}|${s.accountPath}|${JSON.stringify(s.lastUsed)}`).sort(byEntry),
      missing: dedupe(missing, (m) => `${m.network}|${m.scheme}|${m.accountPath}`).sort(byEntry),
      uncheckable: uncheckable.sort(byEntry),
    },
    exportPlan: [...exportPlan.values()].map((e) => ({ curve: e.curve, path: e.path }))
      .sort((a, b) => a.curve.localeCompare(b.curve) || a.path.localeCompare(b.path, undefined, { numeric: true })),
    failures: failures.sort((a, b) => a.network.localeCompare(b.network) || a.what.localeCompare(b.what, undefined, { numeric: true })),
    stats: { addressesDerived, requests, durationMs: Math.round(performance.now() - started), deriveWaitMs: Math.round(deriveWait.totalMs()) },
  };
  if (keySet.notes.length) report.notes = [...keySet.notes];
  emit({ kind: 'done', complete: report.complete, durationMs: report.stats.durationMs });
  return report;
}

const byEntry = (a: { network: string; scheme: string; accountPath?: string }, b: typeof a): number =>
  a.network.localeCompare(b.network) || catalogRank(a.scheme) - catalogRank(b.scheme)
  || (a.accountPath ?? '').localeCompare(b.accountPath ?? '', undefined, { numeric: true });

const byNetworkPath = (a: UsedAddress, b: UsedAddress): number =>
  a.network.localeCompare(b.network) || a.path.localeCompare(b.path, undefined, { numeric: true });

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/** The assets of every used address, from its merged holdings; the first (sorted) entry of an address names its path. */
function assetsOf(found: readonly Found[], holdingsOf: (network: string, address: string) => AddressActivity | undefined): Asset[] {
  const assets: Asset[] = [];
  const seen = new Set<string>();
  for (const f of found) {
    const key = `${f.network}|${f.activity.address}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const a of (holdingsOf(f.network, f.activity.address) ?? f.activity).assets) {
      if (a.amount <= 0n) continue;
      assets.push({
        network: f.network, address: f.activity.address, path: f.path, kind: a.kind, amount: a.amount.toString(),
        ...(a.contract !== undefined && { contract: a.contract }), ...(a.mint !== undefined && { mint: a.mint }),
        ...(a.tokenId !== undefined && { tokenId: a.tokenId }), ...(a.decimals !== undefined && { decimals: a.decimals }),
        ...(a.symbol !== undefined && { symbol: a.symbol }), ...(a.name !== undefined && { name: a.name }),
        ...(a.unconfirmed !== undefined && a.unconfirmed !== 0n && { unconfirmed: a.unconfirmed.toString() }),
        ...(a.compressed && { compressed: true }),
        ...(a.uri !== undefined && { uri: a.uri }),
      });
    }
  }
  return dedupe(assets, (a) => `${a.network}|${a.address}|${a.kind}|${a.contract?.toLowerCase() ?? ''}|${a.mint ?? ''}|${a.tokenId ?? ''}`)
    .sort((a, b) => a.network.localeCompare(b.network) || a.path.localeCompare(b.path, undefined, { numeric: true }) || a.kind.localeCompare(b.kind));
}
