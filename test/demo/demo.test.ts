import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_BITCOIN_PAYMENTS } from '../../src/demo/bitcoin-world.js';
import { DEMO_MISSING_PATH, bitcoinOutputAt, evmAddressAt, solanaAddressAt, tronAddressAt } from '../../src/demo/demo-wallet.js';
import { USDT_CONTRACT } from '../../src/devnet/tron/index.js';
import type { Report } from '../../src/report/types.js';
import { stillRunning, watchChildren, type ProcInfo } from './child-watch.js';

const BIN = fileURLToPath(new URL('../../bin/restore-scan.js', import.meta.url));
const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
const validateReport = new Ajv({ allErrors: true }).compile(schema);

interface DemoRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  /** Every direct child process of the demo seen while it ran. */
  children: ProcInfo[];
}

/** Runs the compiled CLI (`npm test` builds dist/ first); `interrupt` may signal it once stderr shows something. */
function runDemo(args: string[], interrupt?: { when: RegExp; signal: NodeJS.Signals }): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'demo', ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const watch = watchChildren(child.pid!);
    let stderr = '';
    let stdout = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (interrupt && !signalled && interrupt.when.test(stderr)) {
        signalled = true;
        watch.seen(); // record every child now: the signal may stop them before the next timed poll
        child.kill(interrupt.signal);
      }
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stderr, stdout, children: watch.stop() }));
  });
}

const anvils = (children: readonly ProcInfo[]) => children.filter((p) => /\banvil\b/.test(p.command));
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'restore-scan-demo-'));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('restore-scan demo', () => {
  it('finds the demo assets, reports the missing Tangem V1 path, writes the reports and leaves no process', async () => {
    const out = tempDir();
    const run = await runDemo(['--out', out, '--no-progress']);
    expect(run.code, run.stderr).toBe(0);

    // The four anvil nodes ran as children of the demo, and none of them (or anything else it started) survives.
    expect(anvils(run.children).length).toBe(4);
    expect(stillRunning(run.children)).toEqual([]);

    // Human output: the found assets and the missing Tangem V1 Polygon path with its export advice.
    expect(run.stdout).toBe('');
    for (const text of ['scan complete', '2,500 USDC', '150 ARB', 'Demo Explorers #7', 'erc1155 #3', '2.5 SOL', '420 USDC',
      '75.5 PYUSD', 'Card Art #1', '150 TRX', '320 USDT', '0.0025 BTC']) expect(run.stderr).toContain(text);
    expect(run.stderr).toMatch(/Polygon PoS\s+m\/44'\/966'\/0'\s+Tangem V1 polygon/);
    expect(run.stderr.slice(run.stderr.indexOf('Export plan'))).toMatch(/\[ \]\s+m\/44'\/966'\/0'\s+secp256k1/);

    // The card export the user can inspect: public keys only, and not the Tangem V1 Polygon path.
    const card = JSON.parse(readFileSync(join(out, 'restore-scan-demo-card.json'), 'utf8')) as { format: string; keys: { path: string }[] };
    expect(card.format).toBe('restore-scan.keys/1');
    expect(card.keys.map((k) => k.path)).not.toContain(DEMO_MISSING_PATH);
    expect(readFileSync(join(out, 'restore-scan-demo-card.json'), 'utf8')).not.toMatch(/priv|xprv|mnemonic|legal winner/i);

    expect(existsSync(join(out, 'restore-scan-report.html'))).toBe(true);
    expect(readFileSync(join(out, 'restore-scan-report.html'), 'utf8')).toContain('966');

    const report = JSON.parse(readFileSync(join(out, 'restore-scan-report.json'), 'utf8')) as Report;
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.complete).toBe(true);
    expect(report.failures).toEqual([]);

    // Bitcoin: every payment still unspent (confirmed or in the mempool), at its address and path, and nothing else.
    const btc = report.assets.filter((a) => a.network === 'bitcoin').map((a) => ({ path: a.path, address: a.address, amount: a.amount }));
    const unspent = DEMO_BITCOIN_PAYMENTS.filter((p) => p.kind !== 'spent')
      .map((p) => ({ path: p.path, address: bitcoinOutputAt(p.script, p.path).address, amount: String(p.value) }));
    expect(btc.sort((a, b) => a.path.localeCompare(b.path))).toEqual(unspent.sort((a, b) => a.path.localeCompare(b.path)));
    const usedBtc = report.addresses.filter((a) => a.network === 'bitcoin').map((a) => a.path).sort();
    expect(usedBtc).toEqual(DEMO_BITCOIN_PAYMENTS.map((p) => p.path).sort()); // spent ones too: history counts
    expect(report.coverage.scanned).toContainEqual(expect.objectContaining({ network: 'bitcoin', scheme: 'bip84', accountPath: "m/84'/0'/0'", lastUsed: { 0: 6, 1: 1 } }));

    const evm0 = evmAddressAt("m/44'/60'/0'/0/0");
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'ethereum', address: evm0, kind: 'native', amount: String(125n * 10n ** 16n) }));
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'ethereum', address: evm0, kind: 'erc20', symbol: 'USDC', decimals: 6, amount: '2500000000' }));
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'arbitrum', address: evm0, kind: 'erc20', symbol: 'ARB', amount: String(150n * 10n ** 18n) }));
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'arbitrum', address: evmAddressAt("m/44'/60'/0'/0/1"), kind: 'erc721', tokenId: '7' }));
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'arbitrum', address: evmAddressAt("m/44'/9001'/0'/0/0"), kind: 'native', amount: String(5n * 10n ** 16n) }));
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'base', address: evmAddressAt("m/44'/60'/0'/0/2"), kind: 'erc1155', tokenId: '3', amount: '5' }));
    // Polygon's funds sit on the path the card did not export: the scan cannot see them, and says what to export.
    expect(report.assets.filter((a) => a.network === 'polygon')).toEqual([]);
    expect(report.coverage.missing).toContainEqual(expect.objectContaining({ network: 'polygon', scheme: 'tangem-v1-polygon', accountPath: DEMO_MISSING_PATH }));
    expect(report.exportPlan).toContainEqual({ curve: 'secp256k1', path: DEMO_MISSING_PATH });

    const phantom = solanaAddressAt("m/44'/501'/0'/0'");
    const ledger = solanaAddressAt("m/44'/501'/0'");
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'solana', address: phantom, kind: 'native', amount: '2500000000' }));
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'solana', address: phantom, kind: 'spl', amount: '420000000', decimals: 6 }));
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'solana', address: ledger, kind: 'spl-2022', amount: '75500000' }));
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'solana', address: phantom, kind: 'nft', compressed: true }));

    const tron = tronAddressAt("m/44'/195'/0'/0/0");
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'tron', address: tron, kind: 'native', amount: '150000000' }));
    expect(report.assets).toContainEqual(expect.objectContaining({ network: 'tron', address: tron, kind: 'trc20', contract: USDT_CONTRACT, amount: '320000000' }));
  }, 120_000); // a real run: four anvil nodes and six indexers on two shared cores

  it('stops every local network on Ctrl-C (SIGINT while scanning) and leaves no anvil behind', async () => {
    const run = await runDemo(['--out', tempDir(), '--no-progress'], { when: /demo: scanning/, signal: 'SIGINT' });
    expect(run.code ?? run.signal, run.stderr).toBe(130);
    expect(run.stderr).not.toContain('scan complete'); // it was interrupted, not finished
    expect(anvils(run.children).length).toBe(4);
    expect(stillRunning(run.children)).toEqual([]);
  }, 120_000);
});
