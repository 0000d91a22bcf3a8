import { TransportError } from '../../../net/index.js';
import type { EtherscanContext } from './context.js';

export function etherscanProtocolError(ctx: EtherscanContext, message: string, details?: unknown): TransportError {
  return new TransportError('PROTOCOL', `Etherscan: ${message}`, {
    endpoint: ctx.http.endpoint,
    secrets: ctx.secrets,
    retryable: false,
    details: details === undefined ? undefined : JSON.stringify(details)?.slice(0, 300),
  });
}
