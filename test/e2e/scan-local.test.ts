import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDKey } from '@scure/bip32';
import { hexToBytes, bytesToHex } from '@noble/hashes/utils.js';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { address as toAddress } from '@solana/kit';
import { createElectrumSource, createEsploraSource } from '../../src/chains/bitcoin/index.js';
import { payloadFromPublicKey, encodeAddress } from '../../src/chains/address.js';
import { scriptPubKey, type BitcoinScriptType } from '../../src/chains/bitcoin/script.js';
import { NETWORKS } from '../../src/chains/networks.js';
import type { BitcoinNetwork } from '../../src/chains/types.js';
import { scan } from '../../src/api/scan.js';
import type { Config } from '../../src/config/indexer-types.js';
import { readInputs } from '../../src/keys/index.js';
import type { Report } from '../../src/report/types.js';
import { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { bitcoinMainnet } from '../../src/devnet/bitcoin/chain/networks.js';
import { applyScenario } from '../../src/devnet/bitcoin/scenarios.js';
import { startElectrum } from '../../src/devnet/bitcoin/electrum-server.js';
import { startEsplora } from '../../src/devnet/bitcoin/esplora-server.js';
import { SvmWorld, startDas, startSolanaRpc } from '../../src/devnet/solana/index.js';

const SEED = hexToBytes('5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4');
const root = HDKey.fromMasterSeed(SEED);
const CARD = readFileSync(new URL('../../fixtures/inputs/abandon-card.json', import.meta.url), 'utf8');
const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
const validateReport = new Ajv({ allErrors: true }).compile(schema);

const btcScript = (script: BitcoinScriptType, path: string) => bytesToHex(scriptPubKey(script, payloadFromPublicKey(script, root.derive(path).publicKey!)));
const btcAddress = (script: BitcoinScriptType, path: string) => encodeAddress(NETWORKS.bitcoin!, script, payloadFromPublicKey(script, root.derive(path).publicKey!));

// Solana owners of the card: m/44'/501'/0'/0' (Phantom) and m/44'/501'/0' (Ledger/Tangem), from the vectors.
const PHANTOM_OWNER = 'HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk';
const LEDGER_OWNER = 'GjJyeC1r2RgkuoCWMyPYkCWSGSGLcz266EaAkLA27AhL';

describe('scan end to end against local Bitcoin and Solana indexers', () => {
  const closers: (() => Promise<void>)[] = [];
  let config: Config;
  let genesis: string;
  let mints: { spl: string; t22: string };

  beforeAll(async () => {
    const model = new ChainModel({ network: bitcoinMainnet });
    genesis = model.genesisHash;
    applyScenario(model, [
      { scriptPubKeyHex: btcScript('p2wpkh', "m/84'/0'/0'/0/0"), kind: 'receive', value: 150_000 },
      { scriptPubKeyHex: btcScript('p2wpkh', "m/84'/0'/0'/0/3"), kind: 'spent', value: 20_000 },
      { scriptPubKeyHex: btcScript('p2wpkh', "m/84'/0'/0'/0/23"), kind: 'mempool', value: 5_000 }, // 3 + 20: at the gap
      { scriptPubKeyHex: btcScript('p2wpkh', "m/84'/0'/0'/0/44"), kind: 'receive', value: 7_777 }, // 23 + 21: past it
      { scriptPubKeyHex: btcScript('p2wpkh', "m/84'/0'/0'/1/1"), kind: 'spent', value: 9_000 }, // spent change
      { scriptPubKeyHex: btcScript('p2tr', "m/86'/0'/0'/0/2"), kind: 'mempool-unconfirmed-parent', value: 3_000 },
    ]);
    const [esplora, electrum] = await Promise.all([startEsplora(model), startElectrum(model)]);
    closers.push(esplora.close, electrum.close);

    const world = await SvmWorld.create({ seed: 'restore-scan e2e' });
    const spl = await world.createMint({ decimals: 6 });
    const t22 = await world.createMint({ decimals: 2, program: 'token-2022' });
    mints = { spl, t22 };
    await world.mintTo(spl, toAddress(PHANTOM_OWNER), 2_500_000n);
    await world.mintTo(t22, toAddress(LEDGER_OWNER), 4_200n); // 0 lamports, only a Token-2022 account
    await world.addCompressedNft(toAddress(PHANTOM_OWNER), { name: 'Card Art #1', symbol: 'CART', uri: 'https://example.invalid/1.json' });
    const [rpc, das] = await Promise.all([startSolanaRpc(world), startDas(world)]);
    closers.push(rpc.close, das.close);

    config = {
      gapLimit: 20,
      networks: {
        bitcoin: { indexers: [{ type: 'esplora', url: esplora.url }, { type: 'electrum', url: electrum.url }] },
        solana: { indexers: [{ type: 'solana-rpc', url: rpc.url }, { type: 'solana-das', url: das.url }] },
      },
    };
  }, 60_000);
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
  });

  /** The local Bitcoin chain has its own genesis block: tell the clients which one to expect. */
  const localBitcoin = () => ({
    esplora: (network: Parameters<typeof createEsploraSource>[0]['network'], indexer: Parameters<typeof createEsploraSource>[0]['config']) =>
      createEsploraSource({ network, config: indexer, expectedGenesisHash: genesis }),
    electrum: (network: BitcoinNetwork, indexer: Parameters<typeof createElectrumSource>[0]['config']) =>
      createElectrumSource({ network, config: indexer, expectedGenesisHash: genesis }),
  });

  let report: Report;
  it('finds exactly the used addresses and assets, and nothing past the gap', async () => {
    report = await scan({ files: [{ name: 'card.json', text: CARD }] }, {
      networks: ['bitcoin', 'solana'], config, workers: 0,
      sourceFactories: localBitcoin() as never,
    });
    expect(report.failures).toEqual([]);
    expect(report.complete).toBe(true);
    const btc = report.addresses.filter((a) => a.network === 'bitcoin').map((a) => [a.path, a.address]);
    expect(btc).toEqual([
      ["m/84'/0'/0'/0/0", btcAddress('p2wpkh', "m/84'/0'/0'/0/0")],
      ["m/84'/0'/0'/0/3", btcAddress('p2wpkh', "m/84'/0'/0'/0/3")],
      ["m/84'/0'/0'/0/23", btcAddress('p2wpkh', "m/84'/0'/0'/0/23")],
      ["m/84'/0'/0'/1/1", btcAddress('p2wpkh', "m/84'/0'/0'/1/1")],
      ["m/86'/0'/0'/0/2", btcAddress('p2tr', "m/86'/0'/0'/0/2")],
    ]);
    const native = Object.fromEntries(report.assets.filter((a) => a.network === 'bitcoin').map((a) => [a.path, a.amount]));
    expect(native).toEqual({ "m/84'/0'/0'/0/0": '150000', "m/84'/0'/0'/0/23": '5000', "m/86'/0'/0'/0/2": '3000' });
    expect(report.coverage.scanned).toContainEqual({ network: 'bitcoin', scheme: 'bip84', accountPath: "m/84'/0'/0'", lastUsed: { 0: 23, 1: 1 } });

    const sol = report.assets.filter((a) => a.network === 'solana');
    expect(sol).toContainEqual(expect.objectContaining({ address: PHANTOM_OWNER, kind: 'spl', mint: mints.spl, amount: '2500000', decimals: 6 }));
    expect(sol).toContainEqual(expect.objectContaining({ address: LEDGER_OWNER, kind: 'spl-2022', mint: mints.t22, amount: '4200' }));
    expect(sol).toContainEqual(expect.objectContaining({ address: PHANTOM_OWNER, kind: 'nft', compressed: true }));
    expect(sol.filter((a) => a.kind === 'native')).toEqual([]); // neither owner holds lamports
    expect(report.addresses.filter((a) => a.network === 'solana').map((a) => a.address).sort()).toEqual([LEDGER_OWNER, PHANTOM_OWNER].sort());
    // Uncheckable and missing paths are reported, and do not make the scan incomplete.
    expect(report.coverage.uncheckable).toContainEqual(expect.objectContaining({ network: 'solana', scheme: 'sollet-deprecated' }));
    expect(report.exportPlan).toContainEqual({ curve: 'secp256k1', path: "m/84'/0'/1'" }); // account 0 used → account 1
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it('finds the same Bitcoin addresses and amounts over Electrum alone, whose windows ask history only', async () => {
    const electrumOnly: Config = { gapLimit: 20, networks: { bitcoin: { indexers: [config.networks.bitcoin!.indexers[1]!] } } };
    const alone = await scan({ files: [{ name: 'card.json', text: CARD }] }, {
      networks: ['bitcoin'], config: electrumOnly, workers: 0, sourceFactories: localBitcoin() as never,
    });
    expect(alone.complete).toBe(true);
    const bitcoinOf = (r: Report) => ({ addresses: r.addresses.filter((a) => a.network === 'bitcoin'), assets: r.assets.filter((a) => a.network === 'bitcoin') });
    expect(bitcoinOf(alone)).toEqual(bitcoinOf(report));
  });

  it('kill and resume at several points gives the same report, without re-asking what it knew', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restore-scan-resume-'));
    const strip = (r: Report) => ({ ...r, stats: undefined });
    const input = { files: [{ name: 'card.json', text: CARD }] };
    const base = { networks: ['bitcoin', 'solana'], config, workers: 0, sourceFactories: localBitcoin() as never };
    try {
      // Random points across the whole run (printed on failure): count the progress events of a full run first.
      let total = 0;
      await scan(input, { ...base, onProgress: (e) => void (e.kind === 'branch' && total++) });
      const points = Array.from({ length: 5 }, () => 1 + Math.floor(Math.random() * (total - 1)));
      for (const [n, killAt] of points.entries()) {
        // One file per attempt: two attempts may draw the same point, and a finished file has nothing left to kill.
        const file = join(dir, `cp-${n}-${killAt}.json`);
        const controller = new AbortController();
        let events = 0;
        const killed = await scan(input, {
          ...base, resume: file, signal: controller.signal,
          onProgress: (e) => {
            if (e.kind === 'branch' && ++events === killAt) controller.abort(new Error('killed'));
          },
        }).then(() => 'finished', () => 'killed');
        expect(killed, `kill at branch event ${killAt}: the run saw ${events} of ${total}`).toBe('killed');
        const resumed = await scan(input, { ...base, resume: file });
        expect(strip(resumed), `killed at progress event ${killAt} of ${total}`).toEqual(strip(report));
        expect(validateReport(resumed)).toBe(true);
        expect(resumed.stats.requests).toBeLessThan(report.stats.requests);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
