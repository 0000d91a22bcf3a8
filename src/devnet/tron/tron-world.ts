/**
 * An in-memory Tron ledger for the local TronGrid server: accounts with TRX balances (sun), TRC-20 contracts with
 * balances, and every transaction in order, one block each (3 s apart).
 *
 * Tron rules kept because clients depend on them:
 * - An account exists only once activated: TRX (or a TRC-10 asset) sent to it. Before that, TronGrid's
 *   `/v1/accounts/{a}` answers an empty `data` list.
 * - A TRC-20 transfer does NOT activate its recipient: an address can hold USDT while "not existing".
 * - A TRC-20 transfer is a TriggerSmartContract transaction of the sender; the recipient sees it only in the
 *   TRC-20 transfer list, not in its `/transactions`.
 * Not modelled: fees, bandwidth, energy, staking, TRC-10, internal transactions, unconfirmed transactions.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { base58check } from '../../chains/bitcoin/address.js';
import { encodeTronAddress } from '../../chains/tron/address.js';

export interface Trc20Contract {
  readonly contract: string;
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
  readonly issuer: string;
}

export interface TronTransaction {
  readonly txID: string;
  readonly blockNumber: number;
  /** ms since the epoch, as TronGrid's block_timestamp. */
  readonly timestamp: number;
  readonly type: 'TransferContract' | 'TriggerSmartContract';
  /** The signer. */
  readonly owner: string;
  /** TRX recipient, or the token recipient of a TRC-20 transfer. */
  readonly to: string;
  /** Sun, or token base units. */
  readonly amount: bigint;
  /** The TRC-20 contract, for token transfers. */
  readonly contract?: string;
}

export interface TronAccountState {
  readonly address: string;
  readonly balance: bigint;
  readonly createTime: number;
  readonly latestOperationTime: number;
}

/** Tether USD on Tron: the contract everyone holds; the local world reuses its address. */
export const USDT_CONTRACT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

const FIRST_BLOCK = 70_000_000;
const FIRST_BLOCK_TIME = 1_750_000_000_000;
const BLOCK_MS = 3000;
const TREASURY_SUN = 10n ** 15n;

export function isTronAddress(text: string): boolean {
  try {
    const bytes = base58check.decode(text);
    return bytes.length === 21 && bytes[0] === 0x41;
  } catch {
    return false;
  }
}

/** `41…` hex (TronGrid's account `address` field) from a base58 address. */
export function tronHex(address: string): string {
  return bytesToHex(base58check.decode(address));
}

/** Base58 from `41…` hex, or undefined when it is not one. */
export function tronFromHex(hex: string): string | undefined {
  if (!/^41[0-9a-fA-F]{40}$/.test(hex)) return undefined;
  return encodeTronAddress(Uint8Array.from(Buffer.from(hex.slice(2), 'hex')));
}

function fail(message: string): Error {
  return new Error(`tron world: ${message}`);
}

export class TronWorld {
  readonly seed: string;
  readonly treasury: string;
  readonly #accounts = new Map<string, { balance: bigint; createTime: number; latestOperationTime: number }>();
  readonly #contracts = new Map<string, Trc20Contract>();
  /** contract → holder → balance; a holder once credited keeps its entry (TronGrid lists zero balances too). */
  readonly #tokenBalances = new Map<string, Map<string, bigint>>();
  readonly #transactions: TronTransaction[] = [];

  constructor(options: { readonly seed?: string } = {}) {
    this.seed = options.seed ?? 'restore-scan/tron-world';
    this.treasury = this.address('treasury');
    // Genesis allocation: not a transaction (as on mainnet), so the treasury has no history of its own.
    this.#accounts.set(this.treasury, { balance: TREASURY_SUN, createTime: FIRST_BLOCK_TIME, latestOperationTime: FIRST_BLOCK_TIME });
  }

  /** A deterministic address for `label` (20 bytes of sha256; no key behind it). */
  address(label: string): string {
    return encodeTronAddress(sha256(new TextEncoder().encode(`${this.seed}/${label}`)).subarray(0, 20));
  }

  /** The time of the latest block (TronGrid's `meta.at`). */
  get now(): number {
    return FIRST_BLOCK_TIME + this.#transactions.length * BLOCK_MS;
  }

  get transactions(): readonly TronTransaction[] {
    return this.#transactions;
  }

  account(address: string): TronAccountState | undefined {
    const state = this.#accounts.get(address);
    return state === undefined ? undefined : { address, ...state };
  }

  token(contract: string): Trc20Contract | undefined {
    return this.#contracts.get(contract);
  }

  /** Deploys a TRC-20 contract whose whole supply starts with `issuer` (default: the treasury). */
  addToken(token: { contract?: string; symbol: string; name: string; decimals: number; supply: bigint; issuer?: string }): string {
    const contract = token.contract ?? this.address(`contract/${token.symbol}`);
    if (this.#contracts.has(contract)) throw fail(`${contract} is already deployed`);
    const issuer = token.issuer ?? this.treasury;
    this.#contracts.set(contract, { contract, symbol: token.symbol, name: token.name, decimals: token.decimals, issuer });
    this.#tokenBalances.set(contract, new Map([[issuer, token.supply]]));
    return contract;
  }

  /** Holder → balance of every contract the address was ever credited by, zero balances included. */
  tokenBalances(address: string): Map<string, bigint> {
    const out = new Map<string, bigint>();
    for (const [contract, holders] of this.#tokenBalances) {
      const balance = holders.get(address);
      if (balance !== undefined) out.set(contract, balance);
    }
    return out;
  }

  /** Sends TRX; the recipient is activated if it did not exist. */
  transferTrx(to: string, amount: bigint, options: { readonly from?: string } = {}): TronTransaction {
    const from = options.from ?? this.treasury;
    if (amount <= 0n) throw fail('a TRX transfer moves a positive amount');
    if (from === to) throw fail('cannot transfer TRX to the same account');
    const sender = this.#accounts.get(from);
    if (sender === undefined || sender.balance < amount) throw fail(`${from} cannot pay ${amount} sun`);
    const tx = this.#record({ type: 'TransferContract', owner: from, to, amount });
    sender.balance -= amount;
    sender.latestOperationTime = tx.timestamp;
    const recipient = this.#accounts.get(to);
    if (recipient === undefined) this.#accounts.set(to, { balance: amount, createTime: tx.timestamp, latestOperationTime: tx.timestamp });
    else recipient.balance += amount;
    return tx;
  }

  /** A TRC-20 `transfer` signed by `from` (default: the issuer), which must be an activated account. */
  transferTrc20(contract: string, to: string, amount: bigint, options: { readonly from?: string } = {}): TronTransaction {
    const token = this.#contracts.get(contract);
    if (token === undefined) throw fail(`${contract} is not a deployed TRC-20 contract`);
    const from = options.from ?? token.issuer;
    const sender = this.#accounts.get(from);
    if (sender === undefined) throw fail(`${from} is not activated: it cannot sign a contract call`);
    const holders = this.#tokenBalances.get(contract) as Map<string, bigint>;
    const balance = holders.get(from) ?? 0n;
    if (amount <= 0n || balance < amount) throw fail(`${from} cannot transfer ${amount} of ${token.symbol}`);
    const tx = this.#record({ type: 'TriggerSmartContract', owner: from, to, amount, contract });
    holders.set(from, balance - amount);
    holders.set(to, (holders.get(to) ?? 0n) + amount);
    sender.latestOperationTime = tx.timestamp;
    return tx;
  }

  /** Transactions listed by TronGrid's `/v1/accounts/{a}/transactions`, newest first. */
  transactionsOf(address: string): TronTransaction[] {
    return this.#transactions
      .filter((tx) => tx.owner === address || (tx.type === 'TransferContract' && tx.to === address))
      .reverse();
  }

  /** TRC-20 transfers from or to `address` (optionally of one contract), newest first. */
  trc20TransfersOf(address: string, contract?: string): TronTransaction[] {
    return this.#transactions
      .filter((tx) => tx.type === 'TriggerSmartContract' && (tx.owner === address || tx.to === address))
      .filter((tx) => contract === undefined || tx.contract === contract)
      .reverse();
  }

  #record(fields: Omit<TronTransaction, 'txID' | 'blockNumber' | 'timestamp'>): TronTransaction {
    const n = this.#transactions.length + 1;
    const tx: TronTransaction = Object.freeze({
      ...fields,
      txID: bytesToHex(sha256(new TextEncoder().encode(`${this.seed}/tx/${n}`))),
      blockNumber: FIRST_BLOCK + n,
      timestamp: FIRST_BLOCK_TIME + n * BLOCK_MS,
    });
    this.#transactions.push(tx);
    return tx;
  }
}
