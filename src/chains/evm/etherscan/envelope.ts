import { RestoreScanError } from '../../../errors.js';
import { scrubText, TransportError } from '../../../net/index.js';
import { isRecord } from '../json.js';
import type { EtherscanContext } from './context.js';

/** An error answer inside Etherscan's `{status:"0", message, result}` envelope (HTTP 200). */
export class EtherscanApiError extends TransportError {
  override name = 'EtherscanApiError';
  /** "Max rate limit reached" and friends: worth another attempt after a pause. */
  readonly rateLimited: boolean;
  constructor(ctx: EtherscanContext, text: string, rateLimited: boolean) {
    super(rateLimited ? 'NETWORK' : 'PROTOCOL', `Etherscan: ${text}`, {
      endpoint: ctx.http.endpoint,
      secrets: ctx.secrets,
      retryable: rateLimited,
    });
    this.rateLimited = rateLimited;
  }
}

/** "No transactions found", "No records found", "No token transfers found": an empty history, not an error. */
const EMPTY = /^no (transactions|records|token transfers?|internal transactions|data) found/i;

/**
 * The `result` of an Etherscan API v2 answer. Empty histories come back as `[]`. Errors: rate limits are retryable
 * EtherscanApiErrors; a missing or unsupported chainid and API-key problems are CONFIG errors (they will not get
 * better by retrying); anything else is a non-retryable EtherscanApiError carrying Etherscan's text.
 */
export function envelopeResult(ctx: EtherscanContext, json: unknown, what: string): unknown {
  if (!isRecord(json) || (json.status !== '0' && json.status !== '1') || typeof json.message !== 'string' || !('result' in json))
    throw new TransportError('PROTOCOL', `Etherscan ${what}: not a {status, message, result} envelope`, {
      endpoint: ctx.http.endpoint,
      secrets: ctx.secrets,
      retryable: false,
      details: JSON.stringify(json)?.slice(0, 200),
    });
  if (json.status === '1') return json.result;
  if (EMPTY.test(json.message) && (json.result === null || (Array.isArray(json.result) && json.result.length === 0))) return [];
  // Etherscan may echo the key in its text: scrub before it goes anywhere (CONFIG errors are not TransportErrors).
  const text = scrubText(typeof json.result === 'string' && json.result !== '' ? json.result : json.message, ctx.secrets);
  if (/rate limit|too many requests|max calls per sec/i.test(text)) throw new EtherscanApiError(ctx, text, true);
  if (/chainid/i.test(text))
    throw new RestoreScanError('CONFIG', `Etherscan does not serve chain id ${ctx.network.chainId} (${ctx.network.id}): ${text}`, {
      hint: 'check the network, or use another indexer for it',
    });
  if (/api.?key/i.test(text))
    throw new RestoreScanError('CONFIG', `Etherscan refused the API key: ${text}`, {
      hint: 'set apiKeyEnv in the etherscan indexer config to the variable holding a valid key',
    });
  throw new EtherscanApiError(ctx, `${what}: ${text}`, false);
}
