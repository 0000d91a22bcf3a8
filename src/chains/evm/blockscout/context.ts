import type { BackoffOptions, HttpTransport } from '../../../net/index.js';
import type { EvmNetwork } from '../../types.js';

/** What the Blockscout actions share. Paths are relative to the instance root (`/api/v2/…`, `/api/eth-rpc`). */
export interface BlockscoutContext {
  readonly http: HttpTransport;
  readonly network: EvmNetwork;
  /** Sent as `apikey` when configured (raises the instance's rate limit). */
  readonly apiKey: string | undefined;
  readonly secrets: readonly string[];
  /** Backoff for re-asking damaged answers (the transport's own retries use its options). */
  readonly backoff: BackoffOptions;
}

/** Query parameters every request carries. */
export function baseQuery(ctx: BlockscoutContext): Record<string, string> {
  return ctx.apiKey === undefined ? {} : { apikey: ctx.apiKey };
}

/** `/api/v2/addresses/{address}` and below. */
export function addressPath(address: string, below = ''): string {
  return `api/v2/addresses/${address}${below ? `/${below}` : ''}`;
}
