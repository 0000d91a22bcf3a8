import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { InputError } from '../errors.js';
import { NETWORKS } from '../chains/networks.js';
import { CONFIG_SCHEMA } from './config-schema.js';
import { INDEXER_FAMILY, type Config } from './indexer-types.js';

const validate = new Ajv({ allErrors: true, strict: true }).compile<Config>(CONFIG_SCHEMA);

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown key ${JSON.stringify(e.params.additionalProperty)}`;
  if (e.keyword === 'enum') return `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  if (e.keyword === 'propertyNames') return `network id ${JSON.stringify(e.params.propertyName)} must be lowercase letters, digits and -`;
  return e.message ?? e.keyword;
}

/** Parses and checks a config text. `file` names the source in messages (`config.json: /networks/x: …`). */
export function parseConfig(text: string, file = 'config'): Config {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, `not valid JSON (${(err as Error).message})`, { code: 'CONFIG' });
  }
  if (!validate(data)) {
    const first = (validate.errors ?? []).filter((e) => e.keyword !== 'if')[0];
    const where = `${file}: ${first?.instancePath || '/'}`;
    throw new InputError(where, first ? describe(first) : 'invalid config', { code: 'CONFIG' });
  }
  for (const [id, net] of Object.entries(data.networks)) {
    const builtIn = NETWORKS[id];
    const family = net.family ?? builtIn?.family;
    const where = `${file}: /networks/${id}`;
    if (!family)
      throw new InputError(where, `unknown network; a custom network needs "family" (and "chainId" for EVM)`, { code: 'CONFIG' });
    if (builtIn && net.family && net.family !== builtIn.family)
      throw new InputError(where, `family ${net.family} contradicts the built-in ${id} (${builtIn.family})`, { code: 'CONFIG' });
    if (family === 'evm' && !builtIn && net.chainId === undefined)
      throw new InputError(where, 'a custom EVM network needs "chainId"', { code: 'CONFIG' });
    net.indexers.forEach((ix, i) => {
      if (INDEXER_FAMILY[ix.type] !== family)
        throw new InputError(`${where}/indexers/${i}/type`, `${ix.type} serves ${INDEXER_FAMILY[ix.type]} networks, not ${family}`, {
          code: 'CONFIG',
        });
      const isLine = /^(tcp|ssl):/.test(ix.url);
      if (isLine !== (ix.type === 'electrum'))
        throw new InputError(`${where}/indexers/${i}/url`, ix.type === 'electrum' ? 'electrum URLs are tcp://host:port or ssl://host:port' : `${ix.type} needs an http(s) URL`, { code: 'CONFIG' });
      if (ix.sendXpub && ix.type !== 'blockbook')
        throw new InputError(`${where}/indexers/${i}/sendXpub`, 'only blockbook has an xpub API', { code: 'CONFIG' });
    });
  }
  return data;
}

export async function loadConfig(path: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read config (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { code: 'CONFIG' });
  }
  return parseConfig(text, basename(path));
}
