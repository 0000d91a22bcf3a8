/** Narrowing indexer answers at the JSON boundary, shared by every client that parses JSON by hand. */
import { TransportError } from './errors.js';

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where an answer came from, so a malformed one names its endpoint (scrubbed) and never a secret. */
export interface AnswerSource {
  readonly endpoint: string;
  readonly secrets: readonly string[];
}

/** A PROTOCOL error for an answer of the wrong shape, quoting (at most 300 characters of) what came. */
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
 * An unsigned integer amount as a JSON number (lamports, sun) or a decimal string (token amounts). Numbers past
 * 2^53 have already been rounded by JSON.parse; nothing here can undo that.
 */
export function parseUnsigned(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  return undefined;
}
