import type { HttpTransport } from '../../../net/index.js';
import type { EvmNetwork } from '../../types.js';

/** What the Etherscan actions share. */
export interface EtherscanContext {
  readonly http: HttpTransport;
  readonly network: EvmNetwork;
  /** Request path below the configured URL: `v2/api`, or '' when the URL already ends in `/api`. */
  readonly path: string;
  readonly apiKey: string | undefined;
  readonly secrets: readonly string[];
  /** Records per page for history lists (Etherscan: page × offset ≤ 10,000). */
  readonly pageSize: number;
  /** Records one query window may reach (page × offset); Etherscan's is 10,000. */
  readonly resultWindow: number;
  /** First backoff ceiling after a rate-limit envelope, doubled per attempt. */
  readonly rateLimitDelayMs: number;
}
