/** TronGrid v1 answers narrowed at the JSON boundary: the `{data, success, meta}` envelope and its items. */
import { TransportError } from '../../net/index.js';
import type { Trc20Info } from './known-tokens.js';

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface AnswerSource {
  readonly endpoint: string;
  readonly secrets: readonly string[];
}

export function malformed(source: AnswerSource, what: string, value: unknown): TransportError {
  const shown = JSON.stringify(value) ?? String(value);
  return new TransportError('PROTOCOL', `${what}: unexpected answer shape`, {
    endpoint: source.endpoint,
    secrets: source.secrets,
    retryable: false,
    details: shown.length > 300 ? `${shown.slice(0, 300)}…` : shown,
  });
}

/** Sun or token units: a JSON number (sun) or a decimal string (TRC-20 amounts, which exceed 2^53). */
export function parseAmount(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  return undefined;
}

export interface Envelope {
  readonly data: readonly unknown[];
  /** Present when more items follow. */
  readonly fingerprint: string | undefined;
}

export function parseEnvelope(source: AnswerSource, what: string, body: unknown): Envelope {
  if (!isRecord(body) || body.success === false || !Array.isArray(body.data)) throw malformed(source, what, body);
  const meta = isRecord(body.meta) ? body.meta : undefined;
  const fingerprint = typeof meta?.fingerprint === 'string' && meta.fingerprint !== '' ? meta.fingerprint : undefined;
  return { data: body.data, fingerprint };
}

/** `[{contract: "amount"}, …]` (account `trc20`, `/trc20/balance`) → contract → amount, summed if repeated. */
export function parseTrc20Balances(source: AnswerSource, what: string, entries: readonly unknown[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const entry of entries) {
    if (!isRecord(entry)) throw malformed(source, what, entry);
    for (const [contract, raw] of Object.entries(entry)) {
      const amount = parseAmount(raw);
      if (amount === undefined) throw malformed(source, what, entry);
      out.set(contract, (out.get(contract) ?? 0n) + amount);
    }
  }
  return out;
}

export interface Trc20Transfer {
  readonly id: string;
  readonly contract: string | undefined;
  readonly info: Trc20Info | undefined;
}

/** A `/transactions/trc20` item: its id and the token_info TronGrid attaches (decimals, symbol). */
export function parseTrc20Transfer(source: AnswerSource, item: unknown): Trc20Transfer {
  const id = isRecord(item) ? item.transaction_id : undefined;
  if (typeof id !== 'string') throw malformed(source, '/transactions/trc20', item);
  const token = isRecord(item) && isRecord(item.token_info) ? item.token_info : undefined;
  const contract = typeof token?.address === 'string' ? token.address : undefined;
  const decimals = typeof token?.decimals === 'number' ? token.decimals : typeof token?.decimals === 'string' ? Number(token.decimals) : NaN;
  const info =
    Number.isInteger(decimals) && decimals >= 0 && typeof token?.symbol === 'string'
      ? { symbol: token.symbol, name: typeof token.name === 'string' ? token.name : token.symbol, decimals }
      : undefined;
  return { id, contract, info };
}

/** A `/transactions` item's id. */
export function parseTransactionId(source: AnswerSource, item: unknown): string {
  const id = isRecord(item) ? item.txID : undefined;
  if (typeof id !== 'string') throw malformed(source, '/transactions', item);
  return id;
}
