import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadKeySet } from '../../api/paths.js';
import { scan } from '../../api/scan.js';
import { EXIT } from '../../errors.js';
import { renderCsv, renderDescriptors, renderHtml, renderSummary } from '../../report/index.js';
import type { Report } from '../../report/types.js';
import type { KeySet } from '../../keys/types.js';
import { createOutput, writeJson } from '../output.js';
import { parseCount, parseNetworkList } from '../options.js';
import { progressBars } from '../progress-bars.js';

export interface ScanCliOptions {
  config?: string;
  networks?: string;
  gap?: string;
  json?: string;
  html?: string;
  csv?: string;
  descriptors?: string;
  workers?: string;
  resume?: string;
  progress?: boolean;
  quiet?: boolean;
}

/** Writes every requested output of a finished scan and returns the exit code (0 complete, 3 incomplete). */
export async function writeScanOutputs(report: Report, keySet: KeySet, opts: ScanCliOptions): Promise<number> {
  const out = createOutput({ quiet: Boolean(opts.quiet) });
  out.info(renderSummary(report, { color: out.color }));
  if (opts.json) await writeJson(opts.json, report);
  if (opts.html) await writeFile(opts.html, renderHtml(report));
  if (opts.csv) await writeFile(opts.csv, renderCsv(report));
  if (opts.descriptors) await writeFile(opts.descriptors, renderDescriptors(report, keySet));
  return report.complete ? EXIT.complete : EXIT.incomplete;
}

export function registerScan(program: Command, setExit: (code: number) => void): void {
  program
    .command('scan')
    .summary('discover used addresses and every asset; print a summary; write the report')
    .argument('<input...>', 'card export, xpub/ypub/zpub lines, descriptors or a Coldcard export (mixed freely)')
    .option('--config <file>', 'endpoints and limits (default: built-in public endpoints)')
    .option('--networks <list>', 'comma-separated network ids (default: every network the input reaches)')
    .option('--gap <n>', 'gap limit: consecutive unused addresses after the last used one (default 20)')
    .option('--json <file>', 'write the JSON report to FILE; - for stdout')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--csv <file>', 'write one CSV row per asset (for accounting tools)')
    .option('--descriptors <file>', 'write watch-only descriptors of the found Bitcoin accounts (Sparrow, Bitcoin Core)')
    .option('--workers <n>', 'derivation worker threads (default: available parallelism; 0 = none)')
    .option('--resume <file>', 'checkpoint: resumed when it exists, kept up to date while scanning')
    .option('--no-progress', 'no progress bars')
    .option('--quiet', 'only errors')
    .addHelpText('after', `
Exit codes: 0 complete · 2 bad input or usage · 3 finished but incomplete (see "failures") · 1 internal error

Examples:
  restore-scan scan card.json --json report.json
  restore-scan scan card.json --config my-nodes.json --networks bitcoin,ethereum,arbitrum --html report.html
  restore-scan scan zpub.txt --gap 100 --resume scan.checkpoint --csv assets.csv`)
    .action(async (inputs: string[], opts: ScanCliOptions) => {
      const networks = parseNetworkList(opts.networks);
      const keySet = await loadKeySet(inputs);
      const bars = progressBars(opts.progress !== false && !opts.quiet);
      const controller = new AbortController();
      const onSignal = () => controller.abort(new Error('interrupted'));
      process.once('SIGINT', onSignal);
      try {
        const report = await scan({ keySet }, {
          ...(networks && { networks }),
          ...(opts.config && { config: opts.config }),
          ...(opts.gap !== undefined && { gapLimit: Math.max(1, parseCount('--gap', opts.gap, 20, 100_000)) }),
          ...(opts.workers !== undefined && { workers: parseCount('--workers', opts.workers, 0, 64) }),
          ...(opts.resume && { resume: opts.resume }),
          signal: controller.signal,
          onProgress: bars.onProgress,
        });
        bars.stop();
        setExit(await writeScanOutputs(report, keySet, opts));
      } finally {
        bars.stop();
        process.off('SIGINT', onSignal);
      }
    });
}
