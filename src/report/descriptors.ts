import type { ScriptType } from '../chains/types.js';
import { getNetwork } from '../chains/networks.js';
import { RestoreScanError } from '../errors.js';
import { encodeExtendedPublicKey } from '../keys/extended-key.js';
import { descriptorChecksum } from '../keys/descriptor/checksum.js';
import type { ExportedKey } from '../keys/types.js';
import { findScheme, formatPath, HARDENED, parsePath, resolveSlots, type Scheme, type Slot } from '../paths/index.js';
import type { Report, ScannedEntry } from './types.js';

/** BIP-32 serialization versions Bitcoin Core and Sparrow expect in descriptors (SLIP-0132 forms are not descriptor syntax). */
const XPUB_VERSION = 0x0488b21e;
const TPUB_VERSION = 0x043587cf;
/**
 * A card export does not carry the parent's fingerprint. Descriptors state the key origin explicitly, so
 * Bitcoin Core and Sparrow ignore this field; 00000000 is the usual "unknown" (Sparrow shows the same).
 */
const UNKNOWN_FINGERPRINT = '00000000';

const SCRIPT_FUNCTIONS: Partial<Readonly<Record<ScriptType, (key: string) => string>>> = {
  p2pkh: (k) => `pkh(${k})`,
  'p2sh-p2wpkh': (k) => `sh(wpkh(${k}))`,
  p2wpkh: (k) => `wpkh(${k})`,
  p2tr: (k) => `tr(${k})`,
};

/** An exported key, possibly knowing its parent's fingerprint (an xpub input states it; a card export does not). */
export type DescriptorKey = ExportedKey & { readonly parentFingerprint?: string };

export interface DescriptorOptions {
  /**
   * Hardened marker of the key origin. Default `h`: what Bitcoin Core (≥ 26) and Sparrow print, and safe inside
   * a single-quoted shell argument (`bitcoin-cli importdescriptors '[…]'`). Checksums differ between the two.
   */
  hardenedMarker?: "'" | 'h';
  /** Also describe scanned accounts without any used address (default: only accounts found in use). */
  includeUnused?: boolean;
  /** `timestamp` of `importdescriptors`: 0 (default) rescans the whole chain, since the account's age is unknown. */
  timestamp?: number | 'now';
}

/** One branch of an account as its own descriptor: what `importdescriptors` takes. */
export interface BranchDescriptor {
  branch: number | undefined;
  /** True for the change branch. */
  internal: boolean;
  descriptor: string;
  /** Indexes to watch (inclusive): the last used one plus the gap limit; absent for a single-address descriptor. */
  range?: [number, number];
}

export interface AccountDescriptor {
  network: string;
  scheme: string;
  accountPath: string;
  masterFingerprint: string;
  /** Whole account in one line: BIP-389 multipath `<0;1>` when it has receive and change branches. */
  descriptor: string;
  branches: BranchDescriptor[];
}

export interface UnavailableAccount {
  network: string;
  scheme: string;
  accountPath: string;
  reason: string;
}

export interface DescriptorExport {
  accounts: AccountDescriptor[];
  /** Found accounts for which no descriptor can be written (the key is not in the inputs given). */
  unavailable: UnavailableAccount[];
}

const withChecksum = (body: string): string => {
  const checksum = descriptorChecksum(body);
  if (checksum === undefined) throw new RestoreScanError('INTERNAL', `descriptor has a character outside the BIP-380 charset: ${body}`);
  return `${body}#${checksum}`;
};

const originSteps = (path: readonly number[], marker: string): string =>
  path.map((n) => (n >= HARDENED ? `${n - HARDENED}${marker}` : `${n}`)).join('/');

/** Steps of the scheme's template below the account path: fixed numbers, the branch, or the `*` index. */
type Below = number | 'branch' | 'index';

function stepsBelow(scheme: Scheme, network: string, depth: number): Below[] | undefined {
  const slots: Slot[] = resolveSlots(scheme, network);
  const out: Below[] = [];
  for (const s of slots.slice(depth)) {
    if (typeof s === 'number') {
      if (s >= HARDENED) return undefined;
      out.push(s);
    } else if (s.hardened) {
      return undefined;
    } else if (s.slot === 'change') {
      out.push('branch');
    } else if (s.slot === 'index') {
      out.push('index');
    } else {
      return undefined;
    }
  }
  return out;
}

function keyExpression(key: DescriptorKey, testnet: boolean, marker: string): string {
  const chainCode = key.chainCode;
  if (!chainCode) throw new RestoreScanError('INTERNAL', 'key without chain code reached the descriptor writer');
  const xpub = encodeExtendedPublicKey({
    depth: key.path.length,
    parentFingerprint: key.parentFingerprint ?? UNKNOWN_FINGERPRINT,
    childNumber: key.path.at(-1) ?? 0,
    chainCode,
    publicKey: key.publicKey,
  }, testnet ? TPUB_VERSION : XPUB_VERSION);
  const steps = originSteps(key.path, marker);
  return `[${key.masterFingerprint ?? UNKNOWN_FINGERPRINT}${steps ? `/${steps}` : ''}]${xpub}`;
}

const isUsed = (e: ScannedEntry): boolean => Object.keys(e.lastUsed).length > 0;

/**
 * Watch-only descriptors of the Bitcoin-like accounts the scan found (coverage.scanned entries of bitcoin-family
 * schemes), from the account keys in `keySet`. Descriptors equal as text are listed once.
 */
export function accountDescriptors(report: Report, keySet?: { readonly keys: readonly DescriptorKey[] },
  options: DescriptorOptions = {}): DescriptorExport {
  const marker = options.hardenedMarker ?? 'h';
  const accounts: AccountDescriptor[] = [];
  const unavailable: UnavailableAccount[] = [];
  const seen = new Set<string>();
  for (const entry of report.coverage.scanned) {
    const scheme = findScheme(entry.scheme);
    const network = getNetwork(entry.network);
    if (scheme?.family !== 'bitcoin' || network?.family !== 'bitcoin') continue;
    if (!options.includeUnused && !isUsed(entry)) continue;
    const wrap = SCRIPT_FUNCTIONS[scheme.script];
    const depth = parsePath(entry.accountPath, 'report coverage.scanned accountPath').length;
    const below = stepsBelow(scheme, network.id, depth);
    const where = { network: entry.network, scheme: entry.scheme, accountPath: entry.accountPath };
    if (!wrap || !below) {
      unavailable.push({ ...where, reason: `no single-key descriptor for the ${scheme.script} scheme ${scheme.id}` });
      continue;
    }
    const keys = (keySet?.keys ?? []).filter((k) => k.curve === 'secp256k1' && k.multisig === undefined
      && formatPath(k.path) === entry.accountPath);
    const usable = keys.filter((k) => k.chainCode !== undefined);
    if (usable.length === 0) {
      unavailable.push({ ...where, reason: keys.length > 0 ? 'the key at this path has no chain code' : 'no key at this path in the inputs' });
      continue;
    }
    const branches = scheme.branches ?? [];
    for (const key of usable) {
      const k = keyExpression(key, network.testnet === true, marker);
      const suffix = (branch: string): string => below.map((s) => (s === 'branch' ? branch : s === 'index' ? '*' : String(s))).join('/');
      const body = (branch: string): string => wrap(suffix ? `${k}/${suffix(branch)}` : k);
      const ranged = below.includes('index');
      const hasBranch = below.includes('branch');
      const multipath = hasBranch && branches.length > 1 ? `<${branches.join(';')}>` : String(branches[0] ?? '');
      const descriptor = withChecksum(body(multipath));
      if (seen.has(descriptor)) continue;
      seen.add(descriptor);
      const rangeFor = (branch: number | undefined): [number, number] =>
        [0, (branch === undefined ? -1 : entry.lastUsed[String(branch)] ?? -1) + report.gapLimit];
      const perBranch: BranchDescriptor[] = (hasBranch ? branches : [undefined]).map((branch) => ({
        branch,
        internal: branch === 1,
        descriptor: withChecksum(body(String(branch ?? ''))),
        ...(ranged && { range: rangeFor(branch) }),
      }));
      accounts.push({ ...where, masterFingerprint: key.masterFingerprint ?? UNKNOWN_FINGERPRINT, descriptor, branches: perBranch });
    }
  }
  return { accounts, unavailable };
}

/**
 * One descriptor per line (multipath `<0;1>` for receive + change), for Sparrow's "import descriptor" or
 * Bitcoin Core ≥ 26. Accounts found but not describable follow as `#` comment lines saying why.
 */
export function renderDescriptors(report: Report, keySet?: { readonly keys: readonly DescriptorKey[] },
  options: DescriptorOptions = {}): string {
  const { accounts, unavailable } = accountDescriptors(report, keySet, options);
  const lines = accounts.map((a) => a.descriptor);
  for (const u of unavailable) lines.push(`# ${u.network} ${u.scheme} ${u.accountPath}: ${u.reason}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** One `importdescriptors` request entry of Bitcoin Core. */
export interface ImportDescriptorRequest {
  desc: string;
  timestamp: number | 'now';
  active?: boolean;
  internal: boolean;
  range?: [number, number];
}

/**
 * The `importdescriptors` JSON array for Bitcoin Core: per account, the receive (`/0/*`, internal false) and
 * change (`/1/*`, internal true) descriptors. Core keeps one active descriptor per address type and branch, so
 * only the first account of each script type is marked active; single-address descriptors never are.
 */
export function importDescriptorRequests(report: Report, keySet?: { readonly keys: readonly DescriptorKey[] },
  options: DescriptorOptions = {}): ImportDescriptorRequest[] {
  const timestamp = options.timestamp ?? 0;
  const activeTaken = new Set<string>();
  const out: ImportDescriptorRequest[] = [];
  for (const account of accountDescriptors(report, keySet, options).accounts) {
    const script = findScheme(account.scheme)?.script;
    for (const b of account.branches) {
      const slot = `${account.network}|${script}|${b.internal}`;
      const active = b.range !== undefined && !activeTaken.has(slot);
      if (active) activeTaken.add(slot);
      out.push({ desc: b.descriptor, timestamp, ...(b.range && { active }), internal: b.internal, ...(b.range && { range: b.range }) });
    }
  }
  return out;
}

/** `importDescriptorRequests` as pretty-printed JSON (the argument of `bitcoin-cli importdescriptors`). */
export function renderImportDescriptors(report: Report, keySet?: { readonly keys: readonly DescriptorKey[] },
  options: DescriptorOptions = {}): string {
  return `${JSON.stringify(importDescriptorRequests(report, keySet, options), null, 2)}\n`;
}
