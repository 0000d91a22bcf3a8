import { TransportError } from '../../../net/index.js';
import type { BlockscoutContext } from './context.js';

/** An answer that breaks the documented Blockscout v2 shape: not retried, never guessed around. */
export function blockscoutProtocolError(ctx: BlockscoutContext, message: string, details?: unknown): TransportError {
  return new TransportError('PROTOCOL', `Blockscout: ${message}`, {
    endpoint: ctx.http.endpoint,
    secrets: ctx.secrets,
    retryable: false,
    details: details === undefined ? undefined : JSON.stringify(details)?.slice(0, 300),
  });
}
