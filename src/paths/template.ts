import { InputError, RestoreScanError } from '../errors.js';
import type { Network } from '../chains/types.js';
import { getNetwork } from '../chains/networks.js';
import { HARDENED, type Path } from './derivation-path.js';
import type { Scheme } from './scheme.js';

/** One step of a parsed template: a fixed child number or a placeholder. */
export type TemplateStep =
  | { readonly kind: 'fixed'; readonly value: number }
  | { readonly kind: 'coin' | 'account' | 'change' | 'index'; readonly hardened: boolean };

/** A step once the network (and maybe the account) is known: a child number, or a variable still open. */
export type Slot = number | { readonly slot: 'account' | 'change' | 'index'; readonly hardened: boolean };

const STEP = /^(?:(\d+)|\{(coin|account|change|index)\})(')?$/;
const parsed = new Map<string, readonly TemplateStep[]>();

/** Parses `m/84'/{coin}'/{account}'/{change}/{index}`. Syntax only; `validateScheme` checks the rules. */
export function parseTemplate(template: string): readonly TemplateStep[] {
  const cached = parsed.get(template);
  if (cached) return cached;
  const parts = template.split('/');
  if (parts.shift() !== 'm') throw new RestoreScanError('INTERNAL', `path template ${JSON.stringify(template)} must start with "m/"`);
  const steps = parts.map((part, i): TemplateStep => {
    const m = STEP.exec(part);
    if (!m) throw new RestoreScanError('INTERNAL', `bad step ${JSON.stringify(part)} at position ${i + 1} of path template ${JSON.stringify(template)}`);
    const hardened = m[3] !== undefined;
    if (m[2] !== undefined) return { kind: m[2] as 'coin' | 'account' | 'change' | 'index', hardened };
    const n = Number(m[1]);
    if (!Number.isSafeInteger(n) || n >= HARDENED)
      throw new RestoreScanError('INTERNAL', `step ${part} of path template ${JSON.stringify(template)} is out of range`);
    return { kind: 'fixed', value: hardened ? n + HARDENED : n };
  });
  const frozen = Object.freeze(steps.map((s) => Object.freeze(s)));
  parsed.set(template, frozen);
  return frozen;
}

/** Accepts a Network or a built-in network id. */
export function toNetwork(network: Network | string): Network {
  if (typeof network !== 'string') return network;
  const found = getNetwork(network);
  if (!found) throw new InputError('network', `unknown network ${JSON.stringify(network)}`);
  return found;
}

function checkIndex(value: number, what: string, scheme: Scheme): void {
  if (!Number.isSafeInteger(value) || value < 0 || value >= HARDENED)
    throw new InputError(`scheme ${scheme.id}`, `${what} ${value} is out of range (0 … 2^31-1)`);
}

const symbolic = new Map<string, readonly Slot[]>();

/** `{coin}` resolved, every other placeholder open; memoised per (template, coin type): coverage asks often. */
function symbolicSlots(scheme: Scheme, net: Network): readonly Slot[] {
  const id = `${scheme.path}|${net.coinType}`;
  let slots = symbolic.get(id);
  if (!slots) {
    slots = Object.freeze(parseTemplate(scheme.path).map((step): Slot => {
      if (step.kind === 'fixed') return step.value;
      if (step.kind === 'coin') return net.coinType + (step.hardened ? HARDENED : 0);
      return Object.freeze({ slot: step.kind, hardened: step.hardened });
    }));
    symbolic.set(id, slots);
  }
  return slots;
}

/**
 * Resolves `{coin}` for `network` and, when `account` is given, `{account}`; `{change}`/`{index}` stay open
 * (and `{account}` too when `account` is undefined).
 */
export function resolveSlots(scheme: Scheme, network: Network | string, account?: number): Slot[] {
  const slots = symbolicSlots(scheme, toNetwork(network));
  if (account === undefined) return [...slots];
  checkIndex(account, 'account', scheme);
  return slots.map((s) => (typeof s !== 'number' && s.slot === 'account' ? account + (s.hardened ? HARDENED : 0) : s));
}

export interface AddressPosition {
  account?: number;
  change?: number;
  index?: number;
}

/**
 * Expands a scheme's template into a full path for one address. `account`, `change` and `index` default to
 * the first account, the first branch and 0.
 */
export function expandTemplate(scheme: Scheme, network: Network | string, at: AddressPosition = {}): Path {
  if (scheme.accounts.kind === 'single' && at.account !== undefined && at.account !== 0)
    throw new InputError(`scheme ${scheme.id}`, `has a single account; account ${at.account} does not exist`);
  const account = at.account ?? (scheme.skipAccountZero ? 1 : 0);
  const change = at.change ?? scheme.branches?.[0] ?? 0;
  const index = at.index ?? 0;
  checkIndex(change, 'change', scheme);
  checkIndex(index, 'index', scheme);
  if (scheme.branches && !scheme.branches.includes(change))
    throw new InputError(`scheme ${scheme.id}`, `branch ${change} is not one of ${scheme.branches.join(', ')}`);
  return resolveSlots(scheme, network, account).map((s) => {
    if (typeof s === 'number') return s;
    const n = s.slot === 'change' ? change : index;
    return s.hardened ? n + HARDENED : n;
  });
}

/** Number of leading steps that are fixed hardened child numbers. */
export function hardenedPrefixLength(slots: readonly Slot[]): number {
  let n = 0;
  while (n < slots.length) {
    const s = slots[n];
    if (typeof s !== 'number' || s < HARDENED) break;
    n++;
  }
  return n;
}

/**
 * The deepest all-hardened prefix of the scheme's path for `account`: what a card must export to scan that
 * account (m/44'/966'/0' for Tangem V1 Polygon, m/44'/501'/3'/0' for Phantom account 3).
 */
export function hardenedPrefix(scheme: Scheme, network: Network | string, account = scheme.skipAccountZero ? 1 : 0): Path {
  const slots = resolveSlots(scheme, network, account);
  return slots.slice(0, hardenedPrefixLength(slots)) as number[];
}
