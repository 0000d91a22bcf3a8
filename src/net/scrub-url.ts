/**
 * Credential scrubbing for anything that may reach a message or a log: user:password@, API keys in the query,
 * and API keys in the path (Alchemy `/v2/<key>`, Infura `/v3/<key>`, QuickNode `/<key>/`, Ankr `/eth/<key>` …).
 */

const REDACTED = '***';

/** Query keys whose values are credentials. Substring match on the lower-cased key: over-redacting a log is harmless. */
const CREDENTIAL_KEY_PARTS = Object.freeze([
  'key', 'token', 'secret', 'auth', 'pass', 'pwd', 'signature', 'credential', 'session', 'jwt', 'bearer',
]);

/** Hosts that put the key in the path; on these, every token-like segment is redacted. */
const KEY_IN_PATH_HOSTS = Object.freeze([
  'alchemy.com', 'alchemyapi.io', 'infura.io', 'quiknode.pro', 'quicknode.com', 'ankr.com', 'blastapi.io',
  'chainstack.com', 'p2pify.com', 'getblock.io', 'nodereal.io', 'drpc.org', 'blockdaemon.com', 'moralis.io',
  'moralis-nodes.com', 'tatum.io', 'helius-rpc.com', 'nownodes.io', 'onfinality.io', 'allthatnode.com',
]);

/** Long random-looking segments: hex, base58, base64url, UUIDs. */
const TOKEN_LIKE = /^[A-Za-z0-9_-]{24,}$/;
const VERSION_SEGMENT = /^v\d+$/i;

function isCredentialKey(rawKey: string): boolean {
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    key = rawKey.toLowerCase();
  }
  return CREDENTIAL_KEY_PARTS.some((part) => key.includes(part));
}

function isKeyInPathHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return KEY_IN_PATH_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

function scrubQuery(search: string): string {
  if (search === '' || search === '?') return '';
  const pairs = search.slice(1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    return isCredentialKey(pair.slice(0, eq)) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
  });
  return `?${pairs.join('&')}`;
}

function scrubPath(pathname: string, hostname: string): string {
  const everywhere = isKeyInPathHost(hostname);
  const segments = pathname.split('/');
  return segments
    .map((segment, i) => {
      if (!TOKEN_LIKE.test(segment)) return segment;
      // segments[0] is '' (leading slash): i === 1 is the first segment, where self-hosted gateways put keys.
      const keyPosition = everywhere || i === 1 || VERSION_SEGMENT.test(segments[i - 1] ?? '');
      return keyPosition ? REDACTED : segment;
    })
    .join('/');
}

/** Fallback for strings `URL` cannot parse: drop userinfo and credential query values. */
function scrubUnparsable(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i, '$1')
    .replace(/([?&])([^=&#\s]+)=([^&#\s]*)/g, (whole, sep: string, key: string) =>
      isCredentialKey(key) ? `${sep}${key}=${REDACTED}` : whole,
    );
}

/** Returns `url` without userinfo, credential query values, key-like path segments and fragment. */
export function scrubUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return scrubUnparsable(url);
  }
  // `URL` keeps the path of non-special schemes (tcp://, ssl://) opaque only when there is no host.
  const origin = parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  return `${origin}${scrubPath(parsed.pathname, parsed.hostname)}${scrubQuery(parsed.search)}`;
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const CREDENTIAL_PAIR_IN_TEXT = /\b([A-Za-z0-9_.-]+)=([^&\s"'<>]+)/g;

/** Scrubs every URL found in free text, and `key=value` pairs whose key names a credential. */
export function scrubText(text: string, secrets: readonly string[] = []): string {
  const scrubbed = text
    .replace(URL_IN_TEXT, (url) => scrubUrl(url))
    .replace(CREDENTIAL_PAIR_IN_TEXT, (whole, key: string, value: string) =>
      isCredentialKey(key) && value !== REDACTED ? `${key}=${REDACTED}` : whole,
    );
  return redactSecrets(scrubbed, secrets);
}

/** Replaces every occurrence of each secret (e.g. the value of `apiKeyEnv`), whatever its shape. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short strings would shred unrelated text; such "keys" are not worth hiding anyway.
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
