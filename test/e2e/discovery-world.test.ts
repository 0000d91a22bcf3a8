import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/api/scan.js';
import type { Report } from '../../src/report/types.js';
import { addressRows, assetRows, buildWorld, NETWORK_IDS, type World } from './world.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
const validateReport = new Ajv({ allErrors: true }).compile(schema);

describe('discovery engine: one wallet on local Bitcoin, EVM (L1 + two L2s) and Solana networks', () => {
  let world: World;
  let report: Report;

  beforeAll(async () => {
    world = await buildWorld();
    report = await scan(world.input, { networks: NETWORK_IDS, config: world.config, workers: 0, sourceFactories: world.sourceFactories() });
  }, 90_000);
  afterAll(async () => {
    await world?.close();
  });

  it('is complete and validates against the report schema', () => {
    expect(report.failures).toEqual([]);
    expect(report.complete).toBe(true);
    expect(report.gapLimit).toBe(20);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it('finds exactly the used addresses of the world: nothing past the gap, nothing more', () => {
    expect(addressRows(report)).toEqual(world.expected.addresses);
  });

  it('finds exactly the assets of the world, with zero balances left out', () => {
    expect(assetRows(report)).toEqual(world.expected.assets);
  });

  it('reports ERC-20 metadata, the unconfirmed part of a mempool receive, and the compressed NFT as compressed', () => {
    for (const t of world.expected.tokens)
      expect(report.assets.filter((a) => a.network === t.network && a.kind === 'erc20')).toEqual([
        expect.objectContaining({ contract: t.erc20, symbol: t.symbol, decimals: t.decimals }),
      ]);
    const mempool = report.assets.find((a) => a.network === 'bitcoin' && a.path.startsWith("m/49'"));
    expect(mempool).toMatchObject({ kind: 'native', unconfirmed: mempool?.amount });
    expect(report.assets.filter((a) => a.kind === 'nft')).toEqual([expect.objectContaining({ network: 'solana', compressed: true })]);
  });

  it('states the gap reached on each branch, and asks for the accounts after the used ones', () => {
    expect(report.coverage.scanned).toContainEqual({ network: 'bitcoin', scheme: 'bip84', accountPath: "m/84'/0'/0'", lastUsed: { 0: 20, 1: 1 } });
    // Ledger Live account 1 was exported and used: account 2 is the next export; account 1 is not missing.
    expect(report.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/44'/60'/2'" });
    expect(report.exportPlan).not.toContainEqual({ curve: 'secp256k1', path: "m/44'/60'/1'" });
    expect(report.coverage.missing.filter((m) => m.accountPath === "m/44'/60'/1'")).toEqual([]);
  });
});
