/** Live counters for one endpoint, read by progress display and benchmarks. */
export interface EndpointStats {
  /** Requests (HTTP requests or line frames) put on the wire, retries included. */
  requests: number;
  /** Attempts that were made again after a retryable failure. */
  retries: number;
  /** Calls that failed for good (after their retries). */
  failures: number;
  /** Answers 429 / rate-limit errors received. */
  rateLimited: number;
  bytesSent: number;
  bytesReceived: number;
}

export function createStats(): EndpointStats {
  return { requests: 0, retries: 0, failures: 0, rateLimited: 0, bytesSent: 0, bytesReceived: 0 };
}
