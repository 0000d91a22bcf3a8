import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { scan } from '../../api/scan.js';
import { loadKeySet } from '../../api/paths.js';
import { DEMO_NETWORKS, startDemoWorld } from '../../demo/world.js';
import { createOutput } from '../output.js';
import { progressBars } from '../progress-bars.js';
import { writeScanOutputs } from './scan.js';

export interface DemoCliOptions {
  out?: string;
  progress?: boolean;
  quiet?: boolean;
}

/** File names the demo writes into --out (the README and the tests refer to them). */
export const DEMO_FILES = Object.freeze({
  card: 'restore-scan-demo-card.json',
  json: 'restore-scan-report.json',
  html: 'restore-scan-report.html',
});

export function registerDemo(program: Command, setExit: (code: number) => void): void {
  program
    .command('demo')
    .summary('scan the bundled demo card against bundled local networks (no internet, no API key)')
    .option('--out <dir>', 'where to write the demo card export and the reports (default: the current directory)')
    .option('--no-progress', 'no progress bars')
    .option('--quiet', 'only errors')
    .addHelpText('after', `
Starts local networks on 127.0.0.1 (anvil as Ethereum, Arbitrum, Base and Polygon; Bitcoin Esplora and Electrum;
Solana RPC and DAS; TronGrid), funds a demo wallet on them, scans the demo card's export with the real engine and
stops everything again (also on Ctrl-C). The demo wallet is a public BIP-39 test vector: never fund it for real.

Writes: ${DEMO_FILES.card} (the card export, public keys only), ${DEMO_FILES.json}, ${DEMO_FILES.html}

Examples:
  restore-scan demo
  restore-scan demo --out /tmp/demo --no-progress
  restore-scan paths /tmp/demo/${DEMO_FILES.card}   # coverage and export plan of the demo card, offline`)
    .action(async (opts: DemoCliOptions) => {
      const out = createOutput({ quiet: Boolean(opts.quiet) });
      const dir = resolve(opts.out ?? '.');
      await mkdir(dir, { recursive: true });
      const started = Date.now();
      const world = await startDemoWorld({
        note: (text) => out.info(`demo: ${text}`),
        onSignal: (signal) => {
          out.warn(`restore-scan demo: ${signal}: stopped the local networks`);
          process.exit(signal === 'SIGINT' ? 130 : 143);
        },
      });
      try {
        const cardFile = join(dir, DEMO_FILES.card);
        await writeFile(cardFile, JSON.stringify(world.card, null, 2) + '\n');
        out.info(`demo: wrote the demo card export (public keys only) to ${cardFile}`);
        const keySet = await loadKeySet([cardFile]); // scan exactly what the user can inspect
        out.info(`demo: scanning ${DEMO_NETWORKS.join(', ')} on the local networks…`);
        const bars = progressBars(opts.progress !== false && !opts.quiet);
        const report = await scan({ keySet }, {
          networks: DEMO_NETWORKS, config: world.config, sourceFactories: world.sourceFactories, onProgress: bars.onProgress,
        }).finally(() => bars.stop());
        const json = join(dir, DEMO_FILES.json);
        const html = join(dir, DEMO_FILES.html);
        setExit(await writeScanOutputs(report, keySet, { json, html, ...(opts.quiet && { quiet: true }) }));
        out.info(`\ndemo: wrote ${json} and ${html}`);
        out.info(`demo: done in ${((Date.now() - started) / 1000).toFixed(1)} s; stopping the local networks`);
      } finally {
        await world.stop();
      }
    });
}
