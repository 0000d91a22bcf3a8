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
