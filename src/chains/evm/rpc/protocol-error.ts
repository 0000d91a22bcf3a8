import { TransportError } from '../../../net/index.js';
import type { EvmRpcContext } from './context.js';

/** An answer the endpoint gave that cannot be right: not retried, reported with the (scrubbed) endpoint. */
export function protocolError(ctx: EvmRpcContext, message: string, details?: unknown): TransportError {
  return new TransportError('PROTOCOL', message, {
    endpoint: ctx.endpoint,
    secrets: ctx.secrets,
    retryable: false,
    details: details === undefined ? undefined : JSON.stringify(details)?.slice(0, 300),
  });
}
