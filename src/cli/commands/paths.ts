import type { Command } from 'commander';
import { paths, type PathsReport } from '../../api/paths.js';
import { bold, createOutput, dim, green, red, table, writeJson, yellow, type Output } from '../output.js';
import { parseNetworkList } from '../options.js';

export function registerPaths(program: Command, setExit: (code: number) => void): void {
  program
    .command('paths')
    .summary('coverage only: which derivation schemes the input covers, which are missing, and what to export')
    .argument('<input...>', 'card export, xpub/ypub/zpub lines, descriptors or a Coldcard export (mixed freely)')
    .option('--networks <list>', 'comma-separated network ids (default: every network the input reaches)')
    .option('--json <file>', 'write the JSON (coverage and exportPlan) to FILE; - for stdout')
    .option('--quiet', 'only errors')
    .addHelpText('after', `
Examples:
  restore-scan paths card.json
  restore-scan paths card.json --networks polygon,bsc --json plan.json
  restore-scan paths zpub.txt descriptors.txt --json -`)
    .action(async (inputs: string[], opts: { networks?: string; json?: string; quiet?: boolean }) => {
      const networks = parseNetworkList(opts.networks);
      const report = await paths(inputs, networks ? { networks } : {});
      const out = createOutput({ quiet: Boolean(opts.quiet) });
      printPaths(out, report);
      if (opts.json) await writeJson(opts.json, report);
      setExit(0);
    });
}

export function printPaths(out: Output, r: PathsReport): void {
  const c = out.color;
  for (const note of r.notes) out.info(dim(c, `note: ${note}`));
  out.info(bold(c, `Networks: ${r.networks.join(', ') || '(none reachable from this input)'}`));
  out.info('');
  out.info(green(c, `Scannable (${r.coverage.scanned.length})`));
  if (r.coverage.scanned.length)
    out.info(table(r.coverage.scanned.map((s) => [s.network, s.scheme, s.accountPath, s.partial ? 'partial (address export only)' : '']), ['network', 'scheme', 'account path', '']));
  out.info('');
  out.info(yellow(c, `Missing (${r.coverage.missing.length}): not exported, cannot be checked yet`));
  if (r.coverage.missing.length)
    out.info(table(r.coverage.missing.map((m) => [m.network, m.scheme, m.accountPath, m.reason, shortList(m.usedBy)]), ['network', 'scheme', 'account path', 'reason', 'used by']));
  out.info('');
  out.info(red(c, `Uncheckable (${r.coverage.uncheckable.length}): no public key can reach these`));
  if (r.coverage.uncheckable.length)
    out.info(table(r.coverage.uncheckable.map((u) => [u.network, u.scheme, u.reason]), ['network', 'scheme', 'reason']));
  out.info('');
  if (r.exportPlan.length) {
    out.info(bold(c, `Export plan: export these paths from the card, then run again with the new export (${r.exportPlan.length})`));
    out.info(table(r.exportPlan.map((e) => [`[ ] ${e.curve}`, e.path, e.masterFingerprint ? `seed ${e.masterFingerprint}` : ''])));
  } else out.info(bold(c, 'Export plan: nothing more to export for these networks.'));
  if (r.unmatchedKeys.length) {
    out.info('');
    out.info(dim(c, `Keys on no known convention's path (not used): ${r.unmatchedKeys.map((k) => k.path).join(', ')}`));
  }
}

/** The first two names, and how many more: the JSON has the full list. */
function shortList(names: readonly string[]): string {
  return names.slice(0, 2).join('; ') + (names.length > 2 ? ` (+${names.length - 2} more)` : '');
}
