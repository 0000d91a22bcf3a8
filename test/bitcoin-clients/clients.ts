/** Client factories and answer checks shared by the Bitcoin client tests. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import {
  createBlockbookSource,
  createElectrumSource,
  createEsploraSource,
  type BlockbookSource,
  type ElectrumSource,
  type EsploraSource,
} from '../../src/chains/bitcoin/index.js';
import type { AddressActivity, AddressRef, ChainSource } from '../../src/chains/source.js';
import { mergeActivity } from '../../src/discovery/activity.js';
import type { IndexerConfig } from '../../src/config/indexer-types.js';
import { TEST_ONLY_TLS_CERT_PATH } from '../../src/devnet/bitcoin/electrum-server.js';
import { REGTEST, type ClientCase } from './scenario.js';

/** Fast backoff so retried faults cost milliseconds, not seconds. */
export const FAST_RETRY = Object.freeze({ baseDelayMs: 5, maxDelayMs: 50 });

export const TEST_CA = readFileSync(TEST_ONLY_TLS_CERT_PATH);

export function esplora(url: string, extra: Partial<IndexerConfig> = {}, retries?: number): EsploraSource {
  return createEsploraSource({
    network: REGTEST,
    config: { type: 'esplora', url, ...extra },
    transport: { ...FAST_RETRY, ...(retries !== undefined && { retries }) },
  });
}

export function blockbook(url: string, extra: Partial<IndexerConfig> = {}, retries?: number): BlockbookSource {
  return createBlockbookSource({
    network: REGTEST,
    config: { type: 'blockbook', url, ...extra },
    transport: { ...FAST_RETRY, ...(retries !== undefined && { retries }) },
  });
}

export function electrum(
  url: string,
  extra: Partial<IndexerConfig> = {},
  transport: { timeoutMs?: number; retries?: number } = {},
): ElectrumSource {
  return createElectrumSource({
    network: REGTEST,
    config: { type: 'electrum', url, ...extra },
    tls: { ca: TEST_CA },
    transport: { ...FAST_RETRY, ...transport },
  });
}

/** What a case must look like in a client's answer (the same for every client). */
export function expectCase(answer: AddressActivity | undefined, c: ClientCase, client: string): void {
  const label = `${client}: ${c.name}`;
  expect(answer, label).toBeDefined();
  expect(answer!.address, label).toBe(c.target.ref.address);
  expect({ used: answer!.used, txCount: answer!.txCount }, label).toEqual({ used: c.expected.used, txCount: c.expected.txCount });
  const native = answer!.assets.filter((a) => a.kind === 'native');
  expect(answer!.assets, label).toHaveLength(native.length);
  if (c.expected.amount === 0n) {
    expect(native, label).toEqual([]);
  } else {
    const expected = { kind: 'native', amount: c.expected.amount, decimals: 8, symbol: REGTEST.symbol };
    expect(native, label).toEqual([c.expected.unconfirmed === 0n ? expected : { ...expected, unconfirmed: c.expected.unconfirmed }]);
  }
}

/**
 * What the engine knows of each address once discovery and holdings are done: the activity answers, merged
 * with the holdings of the used addresses when activity is not the whole holding (electrum's history probe
 * leaves the balances to holdings).
 */
export async function wholeAnswers(source: ChainSource, refs: readonly AddressRef[]): Promise<AddressActivity[]> {
  const activity = await source.activity(refs);
  if (source.activityIsHoldings) return activity;
  const used = activity.flatMap((a, i) => (a.used ? [i] : []));
  const holdings = await source.holdings(used.map((i) => refs[i]!));
  const merged = [...activity];
  used.forEach((i, k) => (merged[i] = mergeActivity([holdings[k]!, activity[i]!])));
  return merged;
}

/** A comparable rendering of answers (bigints as strings). */
export const render = (answers: readonly AddressActivity[]): string =>
  JSON.stringify(answers, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export async function closeAll(sources: readonly ChainSource[]): Promise<void> {
  await Promise.all(sources.map((s) => s.close?.()));
}
