import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { HDKey } from '@scure/bip32';
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { encodeAddress, payloadFromPublicKey } from '../../src/chains/address.js';
import { NETWORKS } from '../../src/chains/networks.js';
import type { ChainSource } from '../../src/chains/source.js';
import type { ScriptType } from '../../src/chains/types.js';
import { runScan } from '../../src/discovery/scan-engine.js';
import type { Deriver } from '../../src/discovery/deriver.js';
import { readInputs } from '../../src/keys/index.js';
import { deriveBatch } from '../../src/workers/derive-task.js';
import { memorySource } from './memory-source.js';

const SEED = hexToBytes('5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4');
const root = HDKey.fromMasterSeed(SEED);
const addr = (network: string, script: ScriptType, path: string) => encodeAddress(NETWORKS[network]!, script, payloadFromPublicKey(script, root.derive(path).publicKey!));
const card = () => readInputs([{ name: 'card.json', text: readFileSync(new URL('../../fixtures/inputs/abandon-card.json', import.meta.url), 'utf8') }]);
const validateReport = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')));
const deriver: Deriver = async (req) => deriveBatch(req);

function sources(entries: Record<string, ChainSource>): Map<string, ChainSource[]> {
  return new Map(Object.entries(entries).map(([k, v]) => [k, [v]]));
}

describe('discovery engine rules (in-memory indexers)', () => {
  it('gap boundary, change branch, EVM activity on an L2 beyond where the L1 alone would stop, and the next Ledger account asked for', async () => {
    const btc = memorySource(NETWORKS.bitcoin!, {
      [addr('bitcoin', 'p2wpkh', "m/84'/0'/0'/0/0")]: { txCount: 1, assets: [{ kind: 'native', amount: 15000n }] },
      [addr('bitcoin', 'p2wpkh', "m/84'/0'/0'/0/3")]: { txCount: 2 },
      [addr('bitcoin', 'p2wpkh', "m/84'/0'/0'/0/23")]: { txCount: 1, assets: [{ kind: 'native', amount: 7n }] }, // 3 + 20: found
      [addr('bitcoin', 'p2wpkh', "m/84'/0'/0'/0/44")]: { txCount: 1, assets: [{ kind: 'native', amount: 9n }] }, // 23 + 21: past the gap
      [addr('bitcoin', 'p2wpkh', "m/84'/0'/0'/1/1")]: { txCount: 2 }, // spent change
    });
    const usdc = { kind: 'erc20' as const, amount: 1_500_000n, contract: '0x00000000000000000000000000000000000000aa', decimals: 6, symbol: 'USDC' };
    const eth = memorySource(NETWORKS.ethereum!, { [addr('ethereum', 'evm', "m/44'/60'/0'/0/0")]: { txCount: 3, assets: [{ kind: 'native', amount: 10n ** 17n }] } });
    // The L1 alone stops at index 20 (last used 0). Arbitrum activity at 15 moves the gap: index 30, holding
    // only an ERC-20 on Arbitrum, is found.
    const arb = memorySource(NETWORKS.arbitrum!, {
      [addr('arbitrum', 'evm', "m/44'/60'/0'/0/15")]: { txCount: 1 },
      [addr('arbitrum', 'evm', "m/44'/60'/0'/0/30")]: { txCount: 0, assets: [usdc] },
    });
    const report = await runScan({
      keySet: card(), networks: ['bitcoin', 'ethereum', 'arbitrum'], deriver, gapLimit: 20,
      sources: sources({ bitcoin: btc, ethereum: eth, arbitrum: arb }),
    });
    expect(report.complete).toBe(true);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    const paths = (network: string) => report.addresses.filter((a) => a.network === network).map((a) => a.path);
    expect(paths('bitcoin')).toEqual(["m/84'/0'/0'/0/0", "m/84'/0'/0'/0/3", "m/84'/0'/0'/0/23", "m/84'/0'/0'/1/1"]);
    expect(paths('arbitrum')).toEqual(["m/44'/60'/0'/0/15", "m/44'/60'/0'/0/30"]);
    expect(paths('ethereum')).toEqual(["m/44'/60'/0'/0/0"]);
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'arbitrum', kind: 'erc20', amount: '1500000', symbol: 'USDC', path: "m/44'/60'/0'/0/30" }));
    expect(report.assets.filter((a) => a.network === 'bitcoin').map((a) => a.amount).sort()).toEqual(['15000', '7']);
    expect(report.coverage.scanned).toContainEqual({ network: 'bitcoin', scheme: 'bip84', accountPath: "m/84'/0'/0'", lastUsed: { 0: 23, 1: 1 } });
    // Ledger Live's account 0 (m/44'/60'/0'/0/0) is used, and account 1 is not in the card: ask for it.
    expect(report.coverage.missing).toContainEqual(expect.objectContaining({ network: 'ethereum', scheme: 'ledger-live-evm', accountPath: "m/44'/60'/1'", reason: 'next-account-not-exported' }));
    expect(report.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/44'/60'/1'" });
    // BIP84 account 0 used → account 1 (m/84'/0'/1') must be exported.
    expect(report.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/84'/0'/1'" });
    // Index 44 may have been asked by a speculative window, but it lies past the gap and is not reported.
    expect(report.assets.map((a) => a.amount)).not.toContain('9');
  });

  it('a failed query is never "unused": complete false, failure listed, nothing claimed past it', async () => {
    let calls = 0;
    const btc = memorySource(NETWORKS.bitcoin!, { [addr('bitcoin', 'p2wpkh', "m/84'/0'/0'/0/0")]: { txCount: 1 } }, { failFrom: () => ++calls > 3 });
    const report = await runScan({ keySet: card(), networks: ['bitcoin'], deriver, gapLimit: 20, sources: sources({ bitcoin: btc }) });
    expect(report.complete).toBe(false);
    expect(report.failures.length).toBeGreaterThan(0);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.failures[0]).toMatchObject({ network: 'bitcoin', indexer: 'memory bitcoin', error: expect.stringMatching(/simulated outage/) });
  });

  it('a network with no indexer is uncheckable, not empty', async () => {
    const report = await runScan({ keySet: card(), networks: ['tron'], deriver, gapLimit: 20, sources: new Map() });
    expect(report.coverage.uncheckable).toContainEqual(expect.objectContaining({ network: 'tron', scheme: 'tron-bip44', reason: 'no-indexer' }));
    expect(report.addresses).toEqual([]);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it("Ledger Live's MEW mode (m/44'/60'/0'/i) tolerates 10 empty accounts, and stops at the 11th", async () => {
    const mew = (i: number) => addr('ethereum', 'evm', `m/44'/60'/0'/${i}`);
    const eth = memorySource(NETWORKS.ethereum!, {
      [mew(4)]: { txCount: 1 }, // after 4 empty accounts: found
      [mew(15)]: { txCount: 2 }, // after 10 empty accounts (5…14): found
      [mew(27)]: { txCount: 1 }, // after 11 empty accounts (16…26): the loop has stopped
    });
    const report = await runScan({ keySet: card(), networks: ['ethereum'], deriver, gapLimit: 20, sources: sources({ ethereum: eth }) });
    const found = report.addresses.filter((a) => a.scheme === 'ledger-live-mew').map((a) => a.path);
    expect(found).toEqual(["m/44'/60'/0'/4", "m/44'/60'/0'/15"]);
    expect(eth.asked).not.toContain(mew(27));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  });
});
