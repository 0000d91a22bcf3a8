import { withRetry, type QueryValue } from '../../../net/index.js';
import type { SourceCallOptions } from '../../source.js';
import type { EtherscanContext } from './context.js';
import { EtherscanApiError, envelopeResult } from './envelope.js';

/** Retries of a rate-limit envelope (HTTP 200, status "0"); HTTP-level failures are retried by the transport. */
const RATE_LIMIT_RETRIES = 5;

/**
 * One GET /v2/api?chainid=…&module=…&action=…&apikey=… and its envelope's result. The key travels as a query
 * parameter and is redacted from every message (transport `secrets`).
 */
export async function callApi(
  ctx: EtherscanContext,
  query: Readonly<Record<string, QueryValue>>,
  options: SourceCallOptions = {},
): Promise<unknown> {
  const what = `${String(query.module)}/${String(query.action)}`;
  return withRetry(
    async () => {
      const response = await ctx.http.request({
        path: ctx.path,
        query: { chainid: ctx.network.chainId, ...query, ...(ctx.apiKey !== undefined && { apikey: ctx.apiKey }) },
        signal: options.signal,
      });
      try {
        return envelopeResult(ctx, response.json, what);
      } catch (err) {
        if (err instanceof EtherscanApiError && err.rateLimited) ctx.http.stats.rateLimited++;
        throw err;
      }
    },
    {
      retries: RATE_LIMIT_RETRIES,
      // Etherscan's free tier counts per second: the first pause must already outlast that window.
      baseDelayMs: ctx.rateLimitDelayMs,
      signal: options.signal,
      isRetryable: (err) => err instanceof EtherscanApiError && err.rateLimited,
      onRetry: () => void ctx.http.stats.retries++,
    },
  );
}
