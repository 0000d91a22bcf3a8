/** TronGrid v1 answers narrowed at the JSON boundary: the `{data, success, meta}` envelope and its items. */
import type { Trc20Info } from './known-tokens.js';
import { isRecord, malformed, parseUnsigned, type AnswerSource, type JsonRecord } from '../../net/answer-shape.js';

export { isRecord, malformed, type AnswerSource, type JsonRecord };

/** Sun or token units: a JSON number (sun) or a decimal string (TRC-20 amounts, which exceed 2^53). */
export const parseAmount = parseUnsigned;

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
