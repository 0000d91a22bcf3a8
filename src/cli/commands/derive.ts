import type { Command } from 'commander';
import { loadKeySet } from '../../api/paths.js';
import { deriveAddresses } from '../../api/derive-addresses.js';
import type { ScriptType } from '../../chains/types.js';
import { InputError } from '../../errors.js';
import { createDerivePool } from '../../workers/pool.js';
import { createOutput, table, writeJson } from '../output.js';
import { parseCount } from '../options.js';

const SCRIPTS: readonly ScriptType[] = ['p2pkh', 'p2sh-p2wpkh', 'p2wpkh', 'p2tr', 'evm', 'tron', 'solana'];

interface DeriveCliOptions {
  network?: string;
  scheme?: string;
  path?: string;
  account?: string;
  change?: string;
  script?: string;
  from?: string;
  count?: string;
  workers?: string;
  json?: string;
  quiet?: boolean;
}

export function registerDerive(program: Command, setExit: (code: number) => void): void {
  program
    .command('derive')
    .summary('print addresses of the input keys (offline)')
    .argument('<input...>', 'card export, xpub lines, descriptors or a Coldcard export')
    .requiredOption('--network <id>', 'network id, e.g. bitcoin, ethereum, solana')
    .option('--scheme <id>', 'a catalog scheme (see `restore-scan paths` or the README), with --account and --change')
    .option('--path <path>', "or a path below an exported key, e.g. \"m/84'/0'/0'/0\": addresses are PATH/i")
    .option('--account <n>', 'account number for --scheme (default 0)')
    .option('--change <n>', 'branch for --scheme: 0 receive, 1 change (default: the first)')
    .option('--script <type>', `script type for --path (${SCRIPTS.join(', ')}; default from the purpose)`)
    .option('--from <i>', 'first index (default 0)')
    .option('--count <c>', 'how many (default 20)')
    .option('--workers <n>', 'derivation worker threads (default: none for fewer than 10000 addresses)')
    .option('--json <file>', 'write the addresses as JSON to FILE; - for stdout')
    .option('--quiet', 'only errors')
    .addHelpText('after', `
Examples:
  restore-scan derive card.json --network bitcoin --scheme bip84 --count 5
  restore-scan derive card.json --network ethereum --scheme ledger-live-evm --account 0
  restore-scan derive zpub.txt --network bitcoin --path "m/84'/0'/0'/1" --from 100 --count 10 --json -`)
    .action(async (inputs: string[], opts: DeriveCliOptions) => {
      if (opts.script !== undefined && !SCRIPTS.includes(opts.script as ScriptType))
        throw new InputError('--script', `unknown script type ${JSON.stringify(opts.script)}`, { code: 'USAGE', hint: `one of ${SCRIPTS.join(', ')}` });
      const count = parseCount('--count', opts.count, 20, 10_000_000);
      const workers = parseCount('--workers', opts.workers, count >= 10_000 ? 2 : 0, 64);
      const keySet = await loadKeySet(inputs);
      const pool = workers > 0 ? createDerivePool({ workers }) : undefined;
      try {
        const addresses = await deriveAddresses(keySet, {
          network: opts.network!,
          ...(opts.scheme !== undefined && { scheme: opts.scheme }),
          ...(opts.path !== undefined && { path: opts.path }),
          ...(opts.account !== undefined && { account: parseCount('--account', opts.account, 0) }),
          ...(opts.change !== undefined && { change: parseCount('--change', opts.change, 0) }),
          ...(opts.script !== undefined && { script: opts.script as ScriptType }),
          from: parseCount('--from', opts.from, 0),
          count,
          ...(pool && { pool }),
        });
        const out = createOutput({ quiet: Boolean(opts.quiet) });
        out.info(table(addresses.map((a) => [a.path ?? String(a.index), a.address]), ['path', 'address']));
        if (opts.json) await writeJson(opts.json, { format: 'restore-scan.addresses/1', network: opts.network, addresses });
        setExit(0);
      } finally {
        await pool?.destroy();
      }
    });
}
