import { InputError, RestoreScanError } from '../errors.js';
import type { Family, Network, ScriptType } from '../chains/types.js';
import type { Curve, ExportedKey } from '../keys/types.js';
import { formatPath, HARDENED, type Path } from './derivation-path.js';
import { firstAccount, type Scheme } from './scheme.js';
import { hardenedPrefix, hardenedPrefixLength, resolveSlots, toNetwork, type Slot } from './template.js';

/** A path to export from the card (or other wallet) so that more can be scanned. */
export interface ExportRequest {
  readonly curve: Curve;
  /** With `'` for hardened steps, e.g. `m/44'/966'/0'`. */
  readonly path: string;
  /** The seed it must come from, when the input names master fingerprints. */
  readonly masterFingerprint?: string;
}

/**
 * Where the addresses of a target are, relative to its key:
 * `key.path / derivationFromKey / branch / index` where
 * - `branches` present: one address chain per branch (0 receive, 1 change…); absent: no branch step;
 * - `addressIndex` `'gap'`: indices 0, 1, 2 … scanned with the gap rule; a number: that one index;
 *   `null`: no index step (the node itself is the address, e.g. a Solana key or a key exported at an address).
 */
export type AddressIndex = 'gap' | number | null;

/** One unit of work for the discovery engine: a key, and which addresses of which scheme and account it gives. */
export interface ScanTarget {
  readonly scheme: string;
  readonly family: Family;
  readonly script: ScriptType;
  /** Networks on which these addresses are this scheme's (a key serves every network it reaches). */
  readonly networks: readonly string[];
  readonly account: number;
  /** The account's hardened prefix (what a card must export for the whole account). */
  readonly accountPath: string;
  /** The exported key that serves it. */
  readonly key: ExportedKey;
  /** Non-hardened steps from the key to the node below which the addresses are (the account node). */
  readonly derivationFromKey: readonly number[];
  readonly branches?: readonly number[];
  readonly addressIndex: AddressIndex;
  /** True when the key sits below the account prefix and reaches only part of the account (an address export). */
  readonly partial: boolean;
  readonly masterFingerprint?: string;
}

/** How a key relates to one account of a scheme on one network. */
export type KeyFit =
  | { readonly kind: 'serves'; readonly shape: TargetShape }
  | { readonly kind: 'no-chain-code' };

export type TargetShape = Pick<ScanTarget, 'derivationFromKey' | 'branches' | 'addressIndex' | 'partial'>;

const isVar = (s: Slot | undefined): s is Exclude<Slot, number> => s !== undefined && typeof s !== 'number';

function fixedSteps(slots: readonly Slot[]): number[] {
  return slots.map((s) => {
    if (typeof s !== 'number') throw new RestoreScanError('INTERNAL', `unexpected {${s.slot}} before the address steps`);
    return s;
  });
}

/** The address layout below a key, from the template steps the key has not consumed. */
function shapeOf(rest: readonly Slot[], scheme: Scheme, partial: boolean): TargetShape {
  const n = rest.length;
  const last = rest[n - 1];
  if (last === undefined) return { derivationFromKey: [], addressIndex: null, partial };
  if (isVar(last)) {
    const before = rest[n - 2];
    if (isVar(before)) return { derivationFromKey: fixedSteps(rest.slice(0, n - 2)), branches: scheme.branches, addressIndex: 'gap', partial };
    return { derivationFromKey: fixedSteps(rest.slice(0, n - 1)), addressIndex: 'gap', partial };
  }
  // One fixed address per account (Ledger Live …/0/0, MEW …/i): the last two steps read as branch and index.
  const steps = fixedSteps(rest);
  if (n === 1) return { derivationFromKey: [], addressIndex: last, partial };
  return { derivationFromKey: steps.slice(0, n - 2), branches: [steps[n - 2] as number], addressIndex: last, partial };
}

/** Catalog schemes are single-sig: a multisig cosigner key (scanned through its descriptor) never serves one. */
const singleSigFits = (scheme: Scheme, key: ExportedKey): boolean => key.curve === scheme.curve && key.multisig === undefined;

const hardnessFits = (slot: Exclude<Slot, number>, value: number): boolean => slot.hardened === value >= HARDENED;

/**
 * Whether `key` can scan `account` of `scheme` on `network`: it must sit at the account's hardened prefix, or
 * below it on the template's own steps (an address export covers just that address). Undefined when unrelated.
 */
export function fitKey(scheme: Scheme, network: Network | string, account: number, key: ExportedKey): KeyFit | undefined {
  if (!singleSigFits(scheme, key)) return undefined;
  const slots = resolveSlots(scheme, network, account);
  const prefix = hardenedPrefixLength(slots);
  const path = key.path;
  if (path.length < prefix || path.length > slots.length) return undefined;
  let consumedIndex = false;
  let consumedChange = false;
  for (let i = 0; i < path.length; i++) {
    const slot = slots[i] as Slot;
    const value = path[i] as number;
    if (typeof slot === 'number') {
      if (slot !== value) return undefined;
    } else if (!hardnessFits(slot, value)) {
      return undefined;
    } else if (slot.slot === 'change') {
      if (!scheme.branches?.includes(value)) return undefined;
      consumedChange = true;
    } else {
      consumedIndex = true;
    }
  }
  const rest = slots.slice(path.length);
  if (rest.length > 0 && !key.chainCode) return { kind: 'no-chain-code' };
  const partial = consumedIndex || (consumedChange && (scheme.branches?.length ?? 0) > 1);
  return { kind: 'serves', shape: shapeOf(rest, scheme, partial) };
}

/**
 * The account a key belongs to in a scheme: a number when its path fixes the account (or the scheme has none),
 * `'any'` when the key sits above a non-hardened account step (one key for every account, Ledger's ethM), and
 * undefined when the key's path is not on the scheme's template.
 */
export function accountOfKey(scheme: Scheme, network: Network | string, key: ExportedKey): number | 'any' | undefined {
  if (!singleSigFits(scheme, key)) return undefined;
  const slots = resolveSlots(scheme, network);
  if (key.path.length > slots.length) return undefined;
  let account: number | undefined;
  for (let i = 0; i < key.path.length; i++) {
    const slot = slots[i] as Slot;
    const value = key.path[i] as number;
    if (typeof slot === 'number') {
      if (slot !== value) return undefined;
    } else if (!hardnessFits(slot, value)) {
      return undefined;
    } else if (slot.slot === 'account') {
      account = value >= HARDENED ? value - HARDENED : value;
    } else if (slot.slot === 'change' && !scheme.branches?.includes(value)) {
      return undefined;
    }
  }
  if (account !== undefined) return account;
  return slots.some((s) => isVar(s) && s.slot === 'account') ? 'any' : 0;
}

export type MissingReason = 'not-exported' | 'no-chain-code';

/** What the input gives for one account of a scheme on one network. */
export interface AccountPlan {
  readonly scheme: string;
  readonly network: string;
  readonly account: number;
  readonly accountPath: string;
  /** Keys at the account prefix (or above a non-hardened account step) when there are; else address-level keys. */
  readonly targets: readonly ScanTarget[];
  /** True when the targets reach every address of the account. */
  readonly complete: boolean;
  /** Set when the account is not fully reachable: the export that would make it so, and why it is lacking. */
  readonly missing?: { readonly reason: MissingReason; readonly export: ExportRequest };
}

/**
 * Keys grouped by seed (master fingerprint), in input order: two seeds are never mixed. Keys without a
 * fingerprint (ed25519 exports rarely carry one) belong to the seed when the input names exactly one;
 * otherwise they form a group of their own (key `undefined`).
 */
export function groupBySeed(keys: readonly ExportedKey[]): Map<string | undefined, ExportedKey[]> {
  const named = new Set(keys.map((k) => k.masterFingerprint).filter((fp) => fp !== undefined));
  const sole = named.size === 1 ? [...named][0] : undefined;
  const groups = new Map<string | undefined, ExportedKey[]>();
  for (const k of keys) {
    const seed = k.masterFingerprint ?? sole;
    const group = groups.get(seed);
    if (group) group.push(k);
    else groups.set(seed, [k]);
  }
  return groups;
}

/** The keys of one seed (see `groupBySeed`). */
export function keysOfSeed(keys: readonly ExportedKey[], masterFingerprint: string | undefined): ExportedKey[] {
  return groupBySeed(keys).get(masterFingerprint) ?? [];
}

function checkPlannable(scheme: Scheme, account: number): void {
  if (scheme.uncheckable) throw new RestoreScanError('INTERNAL', `scheme ${scheme.id} cannot be scanned (${scheme.uncheckable})`);
  if (account < firstAccount(scheme) || (scheme.accounts.kind === 'single' && account !== 0))
    throw new RestoreScanError('INTERNAL', `scheme ${scheme.id} has no account ${account}`);
}

/**
 * The export that makes `account` of `scheme` scannable on `network`: its hardened prefix. The scanner asks
 * for it when account `account - 1` turned out used and the input has no key for this one.
 */
export function nextAccountExport(scheme: Scheme, network: Network | string, account: number, masterFingerprint?: string): ExportRequest {
  checkPlannable(scheme, account);
  return Object.freeze({
    curve: scheme.curve,
    path: formatPath(hardenedPrefix(scheme, network, account)),
    ...(masterFingerprint !== undefined && { masterFingerprint }),
  });
}

/**
 * Plans one account: which of `keys` (all of one seed, see `keysOfSeed`) serve it, and what to export when
 * none serves all of it. Used by `planCoverage` for the accounts the input holds, and by the scanner for the
 * account after the last used one.
 */
export function planAccount(keys: readonly ExportedKey[], scheme: Scheme, network: Network | string, account: number): AccountPlan {
  checkPlannable(scheme, account);
  const net = toNetwork(network);
  const accountPath = formatPath(hardenedPrefix(scheme, net, account));
  const full: ScanTarget[] = [];
  const partial: ScanTarget[] = [];
  let lacksChainCode = false;
  const fingerprint = keys.find((k) => k.masterFingerprint !== undefined)?.masterFingerprint;
  for (const key of keys) {
    const fit = fitKey(scheme, net, account, key);
    if (fit === undefined) continue;
    if (fit.kind === 'no-chain-code') {
      lacksChainCode = true;
      continue;
    }
    const target: ScanTarget = Object.freeze({
      scheme: scheme.id, family: scheme.family, script: scheme.script, networks: Object.freeze([net.id]),
      account, accountPath, key, ...fit.shape,
      ...(fingerprint !== undefined && { masterFingerprint: fingerprint }),
    });
    (fit.shape.partial ? partial : full).push(target);
  }
  const base = { scheme: scheme.id, network: net.id, account, accountPath };
  if (full.length > 0) return { ...base, targets: full, complete: true };
  return {
    ...base,
    targets: partial,
    complete: false,
    missing: {
      reason: lacksChainCode ? 'no-chain-code' : 'not-exported',
      export: nextAccountExport(scheme, net, account, fingerprint),
    },
  };
}

/** The full path of one address of a target. `branch` defaults to the first branch; `index` is needed for gap targets. */
export function targetAddressPath(target: ScanTarget, branch?: number, index?: number): Path {
  const path = [...target.key.path, ...target.derivationFromKey];
  if (target.branches) {
    const b = branch ?? target.branches[0];
    if (b === undefined || !target.branches.includes(b))
      throw new InputError(`scheme ${target.scheme}`, `branch ${branch} is not one of ${target.branches.join(', ')}`);
    path.push(b);
  }
  if (target.addressIndex === 'gap') {
    if (index === undefined || !Number.isSafeInteger(index) || index < 0 || index >= HARDENED)
      throw new InputError(`scheme ${target.scheme}`, `address index ${index} is out of range (0 … 2^31-1)`);
    path.push(index);
  } else if (target.addressIndex !== null) {
    path.push(target.addressIndex);
  }
  return path;
}
