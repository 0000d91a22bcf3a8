import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { DEFAULT_CONFIG } from '../../src/config/default-endpoints.js';
import { InputError } from '../../src/errors.js';

const ok = {
  gapLimit: 25,
  networks: {
    bitcoin: { indexers: [{ type: 'esplora', url: 'http://127.0.0.1:3002' }, { type: 'electrum', url: 'ssl://127.0.0.1:50002' }] },
    arbitrum: { indexers: [{ type: 'evm-rpc', url: 'http://127.0.0.1:8546', batchSize: 20 }, { type: 'blockscout', url: 'http://x' }] },
    'my-devnet': { family: 'evm', chainId: 31337, indexers: [{ type: 'evm-rpc', url: 'http://127.0.0.1:8545' }] },
  },
};

const bad: [string, unknown, RegExp][] = [
  ['unknown top-level key', { ...ok, gap: 3 }, /cfg\.json: \/: unknown key "gap"/],
  ['unknown indexer key', { networks: { bitcoin: { indexers: [{ type: 'esplora', url: 'http://a', retries: 3 }] } } }, /\/networks\/bitcoin\/indexers\/0: unknown key "retries"/],
  ['unknown indexer type', { networks: { bitcoin: { indexers: [{ type: 'electrs', url: 'http://a' }] } } }, /\/networks\/bitcoin\/indexers\/0\/type: must be one of/],
  ['indexer of another family', { networks: { bitcoin: { indexers: [{ type: 'evm-rpc', url: 'http://a' }] } } }, /evm-rpc serves evm networks, not bitcoin/],
  ['electrum over http', { networks: { bitcoin: { indexers: [{ type: 'electrum', url: 'http://a' }] } } }, /tcp:\/\/host:port/],
  ['esplora over tcp', { networks: { bitcoin: { indexers: [{ type: 'esplora', url: 'tcp://a:1' }] } } }, /needs an http\(s\) URL/],
  ['custom network without family', { networks: { devnet: { indexers: [] } } }, /\/networks\/devnet: unknown network/],
  ['custom EVM network without chainId', { networks: { devnet: { family: 'evm', indexers: [] } } }, /needs "chainId"/],
  ['family contradicting the built-in', { networks: { bitcoin: { family: 'evm', indexers: [] } } }, /contradicts the built-in/],
  ['zero gap', { gapLimit: 0, networks: {} }, /\/gapLimit: must be >= 1/],
  ['xpub opt-in on esplora', { networks: { bitcoin: { indexers: [{ type: 'esplora', url: 'http://a', sendXpub: true }] } } }, /only blockbook/],
  ['bad env var name', { networks: { tron: { indexers: [{ type: 'trongrid', url: 'http://a', apiKeyEnv: 'my key' }] } } }, /apiKeyEnv/],
];

describe('config file', () => {
  it('accepts the contract example shape', () => expect(parseConfig(JSON.stringify(ok)).networks['my-devnet']?.chainId).toBe(31337));
  it('accepts the built-in defaults', () => expect(() => parseConfig(JSON.stringify(DEFAULT_CONFIG))).not.toThrow());
  it('names the line of a JSON syntax error', () => expect(() => parseConfig('{\n "networks": {,}}', 'cfg.json')).toThrow(/cfg\.json: not valid JSON/));
  it.each(bad)('refuses %s', (_name, value, message) => {
    let err: unknown;
    try {
      parseConfig(JSON.stringify(value), 'cfg.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('CONFIG');
    expect((err as Error).message).toMatch(message);
  });
});
