import { TransportError, withRetry, type QueryValue } from '../../../net/index.js';
import { isRecord } from '../json.js';
import { baseQuery, type BlockscoutContext } from './context.js';

/** Blockscout's answer for an address it has never seen (up to v8): 404 `{"message":"Not found"}`. */
export const NOT_FOUND = Symbol('not found');

/** Re-asks of an answer damaged on the way (cut or non-JSON); failures of the request itself the transport retries. */
const DAMAGED_RETRIES = 4;

/** An answer that arrived but cannot be read: likely damaged on the way, worth asking again. */
class DamagedAnswerError extends TransportError {
  override name = 'DamagedAnswerError';
}

function damaged(ctx: BlockscoutContext, what: string, status: number, text: string): TransportError {
  return new DamagedAnswerError('PROTOCOL', `${what}: HTTP ${status} with an unreadable body`, {
    endpoint: ctx.http.endpoint,
    secrets: ctx.secrets,
    retryable: true,
    status,
    details: text.slice(0, 200),
  });
}

/**
 * GET a JSON document, where 404 may be an answer. A 404 counts as NOT_FOUND only with Blockscout's own body
 * (`{"message": "Not found"}`): a 404 from a wrong base URL or a cut answer must not make addresses look unused,
 * so any other 404 (and any unreadable body) is asked again, then rejected.
 */
export async function getJson(
  ctx: BlockscoutContext,
  path: string,
  query: Readonly<Record<string, QueryValue>>,
  signal?: AbortSignal,
): Promise<unknown> {
  return withRetry(
    async () => {
      const response = await ctx.http.request({
        path,
        query: { ...baseQuery(ctx), ...query },
        responseType: 'text',
        acceptStatus: (status) => status === 404,
        signal,
      });
      let json: unknown;
      try {
        json = JSON.parse(response.text);
      } catch {
        throw damaged(ctx, `GET ${path}`, response.status, response.text);
      }
      if (response.status !== 404) return json;
      if (isRecord(json) && typeof json.message === 'string' && /not found/i.test(json.message)) return NOT_FOUND;
      throw damaged(ctx, `GET ${path}`, response.status, response.text);
    },
    {
      retries: DAMAGED_RETRIES,
      ...ctx.backoff,
      signal,
      isRetryable: (err) => err instanceof DamagedAnswerError,
      onRetry: () => void ctx.http.stats.retries++,
    },
  );
}
