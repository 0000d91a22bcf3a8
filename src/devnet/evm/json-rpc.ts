import { RestoreScanError } from '../../errors.js';

/**
 * One plain JSON-RPC 2.0 call over HTTP, for harness plumbing (readiness probes, anvil_* methods).
 * Scenario code uses viem clients instead.
 */
export async function jsonRpc(url: string, method: string, params: readonly unknown[] = [], timeoutMs = 5_000): Promise<unknown> {
  const where = withoutCredentials(url);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new RestoreScanError('NETWORK', `${method} at ${where} answered HTTP ${response.status}`, { details: text.slice(0, 200) });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new RestoreScanError('PROTOCOL', `${method} at ${where} answered non-JSON`, { details: text.slice(0, 200), cause });
  }
  if (typeof body !== 'object' || body === null) {
    throw new RestoreScanError('PROTOCOL', `${method} at ${where} answered a non-object`, { details: text.slice(0, 200) });
  }
  if ('error' in body && body.error !== undefined && body.error !== null) {
    throw new RestoreScanError('PROTOCOL', `${method} at ${where} failed`, { details: JSON.stringify(body.error) });
  }
  if (!('result' in body)) {
    throw new RestoreScanError('PROTOCOL', `${method} at ${where} answered without a result`, { details: text.slice(0, 200) });
  }
  return body.result;
}

/** The URL as it may appear in a message: no user name or password. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return '(invalid URL)';
  }
}
