import { TransportError } from './errors.js';
import { scrubText } from './scrub-url.js';
import type { JsonRpcErrorObject } from './json-rpc-message.js';

/**
 * Messages meaning "ask for a smaller block range / fewer results". Deterministic: never retried, but flagged so
 * callers can split the range (CONTRACT §3). Providers disagree on the code (-32005, -32602, -32000), not on wording.
 */
const RANGE_TOO_LARGE = Object.freeze([
  /more than \d+ results/i, // Infura, the fault proxy
  /range .*exceeds? (the )?limit/i, // Infura live API (-32602)
  /block range/i, // Alchemy, QuickNode, BSC "exceed maximum block range"
  /log response size exceeded/i, // Alchemy
  /response size (is )?(too large|exceeded)/i,
  /too many (blocks|results|logs)/i,
  /limited to \d+ (blocks|results|logs)/i,
  /range (is )?too (large|big|wide)/i,
]);

/** Rate limits and overload reported inside JSON-RPC: retried with backoff. */
const RATE_LIMITED = Object.freeze([
  /rate limit/i,
  /too many requests/i,
  /request limit/i,
  /limit exceeded/i,
  /capacity/i,
  /server busy/i,
  /excessive resource usage/i, // ElectrumX
  /try again/i,
]);

/**
 * Codes worth another attempt: 429 and -32029 (rate limited), -32005 (EIP-1474 "limit exceeded", when not a range
 * error), -32603 (internal error, usually a node hiccup), -101/-102 (aiorpcX excessive usage / server busy).
 */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([429, -32029, -32005, -32603, -101, -102]);

export interface RpcErrorClass {
  retryable: boolean;
  rangeTooLarge: boolean;
  rateLimited: boolean;
}

export function classifyRpcError(error: JsonRpcErrorObject): RpcErrorClass {
  if (RANGE_TOO_LARGE.some((re) => re.test(error.message)))
    return { retryable: false, rangeTooLarge: true, rateLimited: false };
  const rateLimited = RATE_LIMITED.some((re) => re.test(error.message)) || error.code === 429 || error.code === -32029;
  return { retryable: rateLimited || RETRYABLE_CODES.has(error.code), rangeTooLarge: false, rateLimited };
}

/** A JSON-RPC `error` answer, with the server's code, message and data. */
export class JsonRpcError extends TransportError {
  override name = 'JsonRpcError';
  readonly rpcCode: number;
  readonly rpcMessage: string;
  readonly data: unknown;
  readonly method: string;
  /** The provider refused the size of the query (block range / result count): split it and ask again. */
  readonly isRangeTooLarge: boolean;
  readonly isRateLimited: boolean;

  constructor(method: string, error: JsonRpcErrorObject, context: { endpoint: string; secrets?: readonly string[] }) {
    const cls = classifyRpcError(error);
    super('PROTOCOL', `${method}: ${error.message} (JSON-RPC error ${error.code})`, {
      endpoint: context.endpoint,
      secrets: context.secrets,
      retryable: cls.retryable,
      details: error.data === undefined ? undefined : JSON.stringify(error.data).slice(0, 500),
    });
    this.method = method;
    this.rpcCode = error.code;
    this.rpcMessage = scrubText(error.message, context.secrets);
    this.data = error.data;
    this.isRangeTooLarge = cls.rangeTooLarge;
    this.isRateLimited = cls.rateLimited;
  }
}

export function isRangeTooLarge(err: unknown): boolean {
  return err instanceof JsonRpcError && err.isRangeTooLarge;
}
