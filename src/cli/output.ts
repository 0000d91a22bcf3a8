import { writeFile } from 'node:fs/promises';

/** Human output goes to stderr; JSON to stdout only when asked (`--json -`). */
export interface Output {
  quiet: boolean;
  /** Colours only on a TTY and never with NO_COLOR. */
  color: boolean;
  info(line: string): void;
  warn(line: string): void;
}

export function createOutput({ quiet = false }: { quiet?: boolean } = {}): Output {
  const color = Boolean(process.stderr.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
  return {
    quiet,
    color,
    info: (line) => {
      if (!quiet) process.stderr.write(line + '\n');
    },
    warn: (line) => process.stderr.write(line + '\n'),
  };
}

const paint = (code: number) => (on: boolean, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
export const red = paint(31);
export const green = paint(32);
export const yellow = paint(33);
export const dim = paint(2);
export const bold = paint(1);

/** Writes JSON to a file, or to stdout for `-`. */
export async function writeJson(target: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value, null, 2) + '\n';
  if (target === '-') process.stdout.write(text);
  else await writeFile(target, text);
}

/** A plain text table: columns padded to their widest cell. */
export function table(rows: string[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows;
  const widths = all.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const lines = all.map(fmt);
  if (header) lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  ').trimEnd());
  return lines.join('\n');
}
