// Regenerates the generated parts of README.md from the code (run after `npm run build`):
// the scheme catalog table. test/readme.test.ts fails when the README is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { schemeTableMarkdown } from '../dist/paths/index.js';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const start = '<!-- catalog:start -->\n';
const end = '<!-- catalog:end -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < a) throw new Error('README.md has no catalog markers');
writeFileSync(file, readme.slice(0, a + start.length) + schemeTableMarkdown() + readme.slice(b));
console.error('README.md: catalog table updated');
