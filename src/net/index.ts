/** net/: the one transport — fetch and TCP/TLS with timeouts, retries, rate limits, batching, failover. */
export { abortedError, isAbortedError, raceAbort, throwIfAborted } from './abort.js';
export { createBatchScheduler, type BatchScheduler, type BatchSchedulerOptions } from './batch-scheduler.js';
export { sleep, systemClock, type Clock } from './clock.js';
export { createConcurrencyLimit, type ConcurrencyLimit } from './concurrency.js';
export {
  isRetryableError,
  isTransportError,
  redactSecrets,
  scrubText,
  scrubUrl,
  TransportError,
  type TransportErrorCode,
  type TransportErrorOptions,
} from './errors.js';
export { createFailover, isEndpointFailure, type Failover, type FailoverOptions } from './failover.js';
export {
  HTTP_DEFAULTS,
  httpTransport,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type HttpTransportOptions,
  type QueryValue,
} from './http.js';
export { classifyRpcError, isRangeTooLarge, JsonRpcError, type RpcErrorClass } from './json-rpc-error.js';
export {
  parseNotification,
  parseResponseMessage,
  requestMessage,
  type JsonRpcCall,
  type JsonRpcErrorObject,
  type JsonRpcId,
  type JsonRpcNotification,
  type JsonRpcRequestMessage,
  type JsonRpcResponseMessage,
} from './json-rpc-message.js';
export {
  JSON_RPC_DEFAULTS,
  jsonRpcClient,
  type JsonRpcCallOptions,
  type JsonRpcClient,
  type JsonRpcClientOptions,
  type JsonRpcSettled,
} from './json-rpc.js';
export {
  LINE_JSON_DEFAULTS,
  lineJsonClient,
  type LineJsonClient,
  type LineJsonClientOptions,
  type LineJsonSession,
} from './line-json.js';
export { LineSplitter } from './line-splitter.js';
export {
  backoffDelayMs,
  DEFAULT_RETRY,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
  withRetry,
  type BackoffOptions,
  type RetryInfo,
  type RetryOptions,
} from './retry.js';
export { createStats, type EndpointStats } from './stats.js';
export { createTokenBucket, type TokenBucket, type TokenBucketOptions } from './token-bucket.js';
