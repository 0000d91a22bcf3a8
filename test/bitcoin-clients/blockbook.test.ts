import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlockbookSource } from '../../src/chains/bitcoin/index.js';
import { TransportError } from '../../src/net/index.js';
import { startBlockbook } from '../../src/devnet/bitcoin/blockbook-server.js';
import type { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import type { HttpServerHandle } from '../../src/devnet/bitcoin/http/http-server.js';
import { blockbook, FAST_RETRY } from './clients.js';
import { startHttpWrapper } from './http-wrapper.js';
import { accountDescriptor, ACCOUNTS, buildScenarioChain, CASES, REGTEST, refsOf } from './scenario.js';

describe('blockbook client', () => {
  let model: ChainModel;
  let server: HttpServerHandle;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    model = buildScenarioChain();
    server = await startBlockbook(model);
  });
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    await server.close();
  });

  const wrapped = async (): ReturnType<typeof startHttpWrapper> => {
    const wrapper = await startHttpWrapper(server.url, () => undefined);
    closers.push(() => wrapper.close());
    return wrapper;
  };

  it('asks /api/v2/address/:a?details=basic once per address, and sends no xpub', async () => {
    const wrapper = await wrapped();
    await blockbook(wrapper.url).activity(refsOf(CASES));
    expect([...wrapper.paths].sort()).toEqual(CASES.map((c) => `/api/v2/address/${c.target.ref.address}?details=basic`).sort());
    expect(wrapper.headers.every((h) => h['api-key'] === undefined)).toBe(true);
  });

  it('sends the API key named by apiKeyEnv as the api-key header, and never shows it', async () => {
    const wrapper = await startHttpWrapper(server.url, (path) => (path.includes('/address/') ? { status: 500, body: 'no' } : undefined));
    closers.push(() => wrapper.close());
    const key = 'k3y-0f-the-test-provider-not-real';
    const source = createBlockbookSource({
      network: REGTEST,
      config: { type: 'blockbook', url: wrapper.url, apiKeyEnv: 'TEST_BLOCKBOOK_KEY' },
      env: { TEST_BLOCKBOOK_KEY: key },
      expectedGenesisHash: model.genesisHash,
      transport: { ...FAST_RETRY, retries: 0 },
    });
    await source.verify!();
    expect(wrapper.headers[0]?.['api-key']).toBe(key);
    const error = await source.activity([CASES[0]!.target.ref]).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(TransportError);
    expect(wrapper.headers[1]?.['api-key']).toBe(key);
    expect(`${(error as Error).message} ${(error as TransportError).details ?? ''}`).not.toContain(key);
  });

  describe('the xpub API (opt-in: sendXpub)', () => {
    const descriptor = accountDescriptor('p2wpkh');
    /** What Blockbook's gap scan must find: addresses of the account with CONFIRMED history. */
    const expectedUsed = () =>
      CASES.filter((c) => c.target.type === 'p2wpkh')
        .filter((c) => model.history(c.target.scriptHex).some((h) => h.placement.confirmed))
        .map((c) => ({
          address: c.target.ref.address,
          path: c.target.path,
          txCount: model.history(c.target.scriptHex).filter((h) => h.placement.confirmed).length,
          balance: BigInt(model.balance(c.target.scriptHex).confirmed),
        }));

    it('is refused unless the indexer config says sendXpub: true, before anything is sent', async () => {
      const source = blockbook(server.url);
      await expect(source.scanXpubAccount(descriptor, 20)).rejects.toMatchObject({ code: 'CONFIG' });
      expect(source.requests()).toBe(0);
    });

    it('returns the used addresses with paths and balances in one request', async () => {
      const wrapper = await wrapped();
      const source = blockbook(wrapper.url, { sendXpub: true });
      const scan = await source.scanXpubAccount(descriptor, 20);
      const sortByPath = <T extends { path: string }>(list: T[]) => [...list].sort((a, b) => a.path.localeCompare(b.path));
      expect(sortByPath(scan.addresses)).toEqual(sortByPath(expectedUsed()));
      expect(scan.addresses.length).toBeGreaterThanOrEqual(3);
      // Mempool-only addresses are not in Blockbook's gap scan: the account says so through unconfirmedTxs.
      expect(scan.unconfirmedTxs).toBeGreaterThan(0);
      expect(scan.addresses.map((a) => a.path)).not.toContain(CASES.find((c) => c.name === 'mempool-only')!.target.path);
      expect(wrapper.paths).toEqual([`/api/v2/xpub/${encodeURIComponent(descriptor)}?details=tokenBalances&tokens=used&gap=20`]);
    });

    it('agrees with the per-address answers for every address it lists', async () => {
      const source = blockbook(server.url, { sendXpub: true });
      const scan = await source.scanXpubAccount(descriptor, 20);
      const perAddress = await source.activity(scan.addresses.map((a) => ({ address: a.address })));
      scan.addresses.forEach((a, i) => expect(perAddress[i]!.used, a.path).toBe(true));
    });

    it('keeps the xpub out of error messages', async () => {
      const source = blockbook(server.url, { sendXpub: true }, 0);
      const broken = `${descriptor}#aaaaaaaa`;
      const error = await source.scanXpubAccount(broken, 20).then(() => undefined, (err: unknown) => err);
      expect(error).toBeInstanceOf(TransportError);
      const text = `${(error as Error).message}\n${(error as TransportError).details ?? ''}`;
      expect(text).toMatch(/HTTP 400/);
      expect(text).toContain('wrong checksum');
      expect(text).not.toContain(ACCOUNTS.p2wpkh.xpub);
      expect(text).not.toContain(encodeURIComponent(ACCOUNTS.p2wpkh.xpub));
      expect((error as Error).cause).toBeUndefined();
    });

    it('validates the gap', async () => {
      const source = blockbook(server.url, { sendXpub: true });
      await expect(source.scanXpubAccount(descriptor, 0)).rejects.toThrow(RangeError);
      await expect(source.scanXpubAccount(descriptor, 10_001)).rejects.toThrow(RangeError);
    });
  });

  it('verifies the genesis block (/api/v2/block-index/0)', async () => {
    await createBlockbookSource({ network: REGTEST, config: { type: 'blockbook', url: server.url }, expectedGenesisHash: model.genesisHash }).verify!();
    const wrong = createBlockbookSource({ network: REGTEST, config: { type: 'blockbook', url: server.url }, expectedGenesisHash: 'cd'.repeat(32) });
    await expect(wrong.verify!()).rejects.toMatchObject({ code: 'CHAIN_MISMATCH' });
  });

  it('rejects an address the server refuses (HTTP 400), never reporting it unused', async () => {
    const error = await blockbook(server.url, {}, 0)
      .activity([{ address: 'not-an-address' }])
      .then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).status).toBe(400);
  });
});
