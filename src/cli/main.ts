/** CLI entry: returns the exit code (CONTRACT §1). Thin layer over the library. */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write('restore-scan: commands scan, paths, derive, demo, bench (work in progress)\n');
    return 0;
  }
  process.stderr.write(`restore-scan: unknown command ${argv[0]}\n`);
  return 2;
}
