/** Narrowing of Solana RPC / DAS answers at the JSON boundary, with precise PROTOCOL errors. */
import { TransportError } from '../../net/index.js';

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where an answer came from, so a malformed one names its endpoint (scrubbed) and never a secret. */
export interface AnswerSource {
  readonly endpoint: string;
  readonly secrets: readonly string[];
}

export function malformed(source: AnswerSource, what: string, value: unknown): TransportError {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return new TransportError('PROTOCOL', `${what}: unexpected answer shape`, {
    endpoint: source.endpoint,
    secrets: source.secrets,
    retryable: false,
    details: shown.length > 300 ? `${shown.slice(0, 300)}…` : shown,
  });
}

/**
 * A u64 as a JSON number (agave's lamports, DAS balances) or a decimal string (token amounts). Numbers past 2^53
 * have already been rounded by JSON.parse; nothing here can undo that.
 */
export function parseU64(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  return undefined;
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
