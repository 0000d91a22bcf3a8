import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemeTableMarkdown } from '../src/paths/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('shows the two set-up commands and the test command', () => {
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npm test');
  });
  it('has the scheme catalog table as the code generates it (node scripts/update-readme.mjs)', () => {
    const start = readme.indexOf('<!-- catalog:start -->\n') + '<!-- catalog:start -->\n'.length;
    const end = readme.indexOf('<!-- catalog:end -->');
    expect(readme.slice(start, end)).toBe(schemeTableMarkdown());
  });
});

describe('README examples print what the README shows', () => {
  /** Each ```console block's `$ restore-scan …` commands with the output lines under them. */
  const examples = [...readme.matchAll(/```console\n([\s\S]*?)```/g)].flatMap((m) => {
    const out: { args: string[]; expected: string }[] = [];
    for (const chunk of m[1]!.split(/^\$ /m).slice(1)) {
      const [command, ...lines] = chunk.split('\n');
      if (!command!.startsWith('restore-scan ') || /\bdemo\b/.test(command!) || lines.some((l) => l.startsWith('…'))) continue;
      const args = [...command!.slice('restore-scan '.length).matchAll(/"([^"]*)"|(\S+)/g)].map((a) => a[1] ?? a[2]!);
      out.push({ args, expected: lines.join('\n').trim() });
    }
    return out;
  });

  it('has examples to check', () => expect(examples.length).toBeGreaterThanOrEqual(5));
  it.each(examples.map((e) => [e.args.join(' '), e] as const))('restore-scan %s', async (_name, e) => {
    const { runMain } = await import('./cli/run-cli.js');
    const r = await runMain(e.args);
    expect(r.stderr.trim()).toBe(e.expected);
  });
});
