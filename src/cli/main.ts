import { Command, CommanderError } from 'commander';
import { exitCodeFor, RestoreScanError } from '../errors.js';
import { registerPaths } from './commands/paths.js';
import { registerScan } from './commands/scan.js';
import { registerDerive } from './commands/derive.js';
import { registerBench } from './commands/bench.js';
import { registerDemo } from './commands/demo.js';
import { VERSION } from './version.js';

/** Runs the CLI and returns the exit code (CONTRACT §1). A thin layer: each command calls the library. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = 0;
  const program = new Command('restore-scan')
    .description('Find every address, coin, token and NFT that exported public keys control, and the derivation paths still missing.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stderr.write(s), writeErr: (s) => process.stderr.write(s) });

  const setExit = (code: number) => {
    exitCode = code;
  };
  registerScan(program, setExit);
  registerPaths(program, setExit);
  registerDerive(program, setExit);
  registerBench(program, setExit);
  registerDemo(program, setExit);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit with code 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? 0 : 2;
    }
    reportError(err, debug);
    return exitCodeFor(err);
  }
}

function reportError(err: unknown, debug: boolean): void {
  if (err instanceof RestoreScanError) {
    process.stderr.write(`restore-scan: ${err.shortMessage}\n`);
    if (err.hint) process.stderr.write(`  hint: ${err.hint}\n`);
  } else {
    process.stderr.write(`restore-scan: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (!debug) process.stderr.write('  hint: run again with --debug for the stack trace, and report it\n');
  }
  if (debug && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
}
