import { RestoreScanError, type RestoreScanErrorOptions } from '../errors.js';
import { scrubText, scrubUrl } from './scrub-url.js';

export { scrubUrl, scrubText, redactSecrets } from './scrub-url.js';

export type TransportErrorCode = 'NETWORK' | 'PROTOCOL';

export interface TransportErrorOptions extends RestoreScanErrorOptions {
  /** The endpoint (scrubbed here again, whatever the caller passed). */
  endpoint: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Whether another attempt may succeed (timeouts, resets, 429, 5xx, truncated JSON, dropped batch entries). */
  retryable: boolean;
  /** Attempts made, including the first; set by the retry loop when it gives up. */
  attempts?: number;
  /** What the server asked us to wait (Retry-After), in ms. */
  retryAfterMs?: number;
  /** Extra strings to redact from the messages (API keys read from the environment). */
  secrets?: readonly string[];
}

/**
 * A failure of the transport layer: `NETWORK` (no usable answer: refused, reset, timeout, 429, 5xx) or
 * `PROTOCOL` (an answer we cannot accept). Every message and the endpoint are scrubbed of credentials.
 */
export class TransportError extends RestoreScanError {
  override name = 'TransportError';
  declare readonly code: TransportErrorCode;
  readonly endpoint: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** Mutable on purpose: the retry loop stamps the final count on the error it rethrows. */
  attempts: number;

  constructor(code: TransportErrorCode, shortMessage: string, options: TransportErrorOptions) {
    const secrets = options.secrets ?? [];
    const endpoint = scrubText(scrubUrl(options.endpoint), secrets);
    super(code, scrubText(`${shortMessage} (${endpoint})`, secrets), {
      details: options.details === undefined ? undefined : scrubText(options.details, secrets),
      hint: options.hint,
      cause: options.cause,
    });
    this.endpoint = endpoint;
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.attempts = options.attempts ?? 1;
  }
}

export function isTransportError(err: unknown): err is TransportError {
  return err instanceof TransportError;
}

/** True for a TransportError another attempt may fix. Aborts and programming errors are never retryable. */
export function isRetryableError(err: unknown): boolean {
  return err instanceof TransportError && err.retryable;
}
