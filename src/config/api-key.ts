import { RestoreScanError } from '../errors.js';
import type { IndexerConfig } from './indexer-types.js';

/**
 * The API key named by `apiKeyEnv` (keys never live in config files). Undefined when no variable is named; a named
 * but unset or empty variable is a config error, not a silent keyless run into rate limits. The key itself never
 * appears in a message.
 */
export function readApiKey(config: IndexerConfig, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (config.apiKeyEnv === undefined) return undefined;
  const value = env[config.apiKeyEnv]?.trim();
  if (!value) {
    throw new RestoreScanError('CONFIG', `${config.type} indexer: environment variable ${config.apiKeyEnv} is not set`, {
      hint: `export ${config.apiKeyEnv}=<your API key>, or remove "apiKeyEnv" from the indexer's config`,
    });
  }
  return value;
}
