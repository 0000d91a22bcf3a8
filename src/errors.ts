/**
 * One error type for the whole engine (viem-style): a stable `code`, a one-line `shortMessage`,
 * optional `details` and `hint`, and the native `cause`. Messages never carry secrets or credentials.
 */
export type ErrorCode =
  | 'BAD_INPUT' // a user file or argument is malformed (exit 2)
  | 'PRIVATE_MATERIAL' // a private key, WIF or mnemonic was supplied (exit 2)
  | 'USAGE' // wrong command-line usage (exit 2)
  | 'CONFIG' // the config file is malformed or inconsistent (exit 2)
  | 'NETWORK' // a transport failure after retries
  | 'PROTOCOL' // an indexer answered something we cannot accept
  | 'CHAIN_MISMATCH' // an endpoint reports another chain id
  | 'ABORTED'
  | 'INTERNAL';

export interface RestoreScanErrorOptions {
  details?: string;
  hint?: string;
  cause?: unknown;
}

export class RestoreScanError extends Error {
  override name = 'RestoreScanError';
  readonly code: ErrorCode;
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, shortMessage: string, options: RestoreScanErrorOptions = {}) {
    super(
      [shortMessage, options.details && `Details: ${options.details}`].filter(Boolean).join('\n'),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.hint = options.hint;
  }

  /** Walks the cause chain; returns the first error matching `fn`, or the deepest one. */
  walk(fn?: (err: unknown) => boolean): unknown {
    let err: unknown = this;
    for (;;) {
      if (fn?.(err)) return err;
      const next = err instanceof Error ? err.cause : undefined;
      if (next === undefined) return fn ? undefined : err;
      err = next;
    }
  }
}

/**
 * Bad user input. `where` names the file and the line / JSON pointer, e.g. `card.json: /keys/2/publicKey`.
 * The message must describe what is wrong without echoing secret material.
 */
export class InputError extends RestoreScanError {
  override name = 'InputError';
  readonly where: string;
  constructor(where: string, problem: string, options: RestoreScanErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'BAD_INPUT', `${where}: ${problem}`, options);
    this.where = where;
  }
}

/** Exit codes of CONTRACT §1. */
export const EXIT = { complete: 0, internal: 1, badInput: 2, incomplete: 3 } as const;

export function exitCodeFor(err: unknown): number {
  if (err instanceof RestoreScanError) {
    if (err.code === 'BAD_INPUT' || err.code === 'PRIVATE_MATERIAL' || err.code === 'USAGE' || err.code === 'CONFIG' || err.code === 'CHAIN_MISMATCH')
      return EXIT.badInput;
  }
  return EXIT.internal;
}
