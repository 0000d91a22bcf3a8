import type { Family, ScriptType } from '../chains/types.js';
import type { Curve } from '../keys/types.js';

/**
 * How the account loop of a scheme ends (DESIGN "Account loop").
 * - `first-unused`: BIP-44 account discovery; stop at the first account without activity.
 * - `skip-empty`: keep going past up to `max` unused accounts (Ledger Live's MEW modes: 10).
 * - `single`: one account only; the template has no `{account}` (Samourai fixed accounts, `m/44'/501'`).
 */
export type AccountRule =
  | { readonly kind: 'first-unused' }
  | { readonly kind: 'skip-empty'; readonly max: number }
  | { readonly kind: 'single' };

/**
 * Why no public-key export can check a scheme.
 * - `needs-private-key`: the address depends on a private key (Sollet's secp256k1 child used as an ed25519 seed; BIP-47).
 * - `hardened-addresses`: every address index is hardened, so only one export per address could reach it.
 */
export type UncheckableReason = 'needs-private-key' | 'hardened-addresses';

/**
 * One wallet convention: where a wallet puts its keys and how it turns them into addresses.
 *
 * `path` is a template. Steps are child numbers (`'` = hardened) or placeholders:
 * - `{coin}'`  the network's SLIP-44 coin type (`coinType` in src/chains/networks.ts), resolved per network;
 * - `{account}` or `{account}'`  the account number, as the convention hardens it;
 * - `{change}` the branch (one of `branches`), always followed by `{index}`;
 * - `{index}`  the address index, gap-scanned; always the last step.
 * The deepest all-hardened prefix of the expanded path is what a card must export ("account path").
 */
export interface Scheme {
  /** Stable kebab-case id, used in reports and on the command line. */
  readonly id: string;
  readonly title: string;
  readonly family: Family;
  /** Built-in network ids (src/chains/networks.ts) the convention is used on. */
  readonly networks: readonly string[];
  /**
   * Also applies to config-defined networks of the family that have no built-in twin: conventions that give the
   * same address on every EVM chain (CONTRACT §3 lets a config add `my-devnet`).
   */
  readonly anyNetworkOfFamily?: boolean;
  /** EVM chain ids with no built-in network: the scheme applies to a config-defined network with one of them. */
  readonly chainIds?: readonly number[];
  /** Curve of the derivation path. */
  readonly curve: Curve;
  readonly path: string;
  readonly script: ScriptType;
  /** Values of `{change}` (e.g. [0, 1] receive/change); absent when the template has no `{change}`. */
  readonly branches?: readonly number[];
  readonly accounts: AccountRule;
  /** True when addresses are gap-scanned (`{index}` present); false for one address per account. */
  readonly addressGap: boolean;
  readonly usedBy: readonly string[];
  /** Where the facts come from (research doc section and the upstream reference it cites). */
  readonly source: string;
  readonly uncheckable?: UncheckableReason;
  /** Account 0 duplicates another scheme's address (Ledger Live ethMM = MetaMask index 0): the loop starts at 1. */
  readonly skipAccountZero?: boolean;
}

/** First account number of a scheme's account loop. */
export function firstAccount(scheme: Scheme): number {
  return scheme.skipAccountZero ? 1 : 0;
}
