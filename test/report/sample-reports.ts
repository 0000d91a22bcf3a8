import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../src/report/types.js';

/** A committed sample report of fixtures/reports (checked against the schema in fixtures.test.ts). */
export function sampleReport(name: 'demo-like' | 'incomplete'): Report {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/reports', `${name}.json`), 'utf8')) as Report;
}

export const EVIL = '<img src=x onerror=alert(1)>';
