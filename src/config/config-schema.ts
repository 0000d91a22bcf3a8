import { INDEXER_TYPES } from './indexer-types.js';

const positiveInt = { type: 'integer', minimum: 1 } as const;

/** JSON Schema of the config file (CONTRACT §3). Unknown keys are errors, never silently ignored. */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'restore-scan config',
  type: 'object',
  additionalProperties: false,
  required: ['networks'],
  properties: {
    $schema: { type: 'string' },
    gapLimit: positiveInt,
    networks: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9][a-z0-9-]*$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['indexers'],
        properties: {
          family: { enum: ['bitcoin', 'evm', 'solana', 'tron'] },
          chainId: positiveInt,
          name: { type: 'string' },
          symbol: { type: 'string' },
          gapLimit: positiveInt,
          logsFromBlock: { type: 'integer', minimum: 0 },
          indexers: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['type', 'url'],
              properties: {
                type: { enum: INDEXER_TYPES },
                url: { type: 'string', pattern: '^(https?|tcp|ssl)://' },
                maxConcurrency: positiveInt,
                requestsPerSecond: { type: 'number', exclusiveMinimum: 0 },
                batchSize: positiveInt,
                timeoutMs: positiveInt,
                apiKeyEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                sendXpub: { type: 'boolean' },
              },
            },
          },
        },
      },
    },
  },
} as const;
