import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from './run-cli.js';

const CARD = new URL('../../fixtures/inputs/abandon-card.json', import.meta.url).pathname;

/** A port nothing listens on: bind one, close it. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('restore-scan scan', () => {
  it('an unreachable indexer: exit 3, the failures listed, complete false — never "nothing found"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restore-scan-scan-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ networks: { bitcoin: { indexers: [{ type: 'esplora', url: `http://user:secret@127.0.0.1:${await deadPort()}`, timeoutMs: 500 }] } } }));
    const report = join(dir, 'report.json');
    const r = await runBin(['scan', CARD, '--networks', 'bitcoin', '--config', config, '--json', report, '--no-progress']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/incomplete|fail/i);
    expect(r.stderr + r.stdout).not.toContain('secret');
    const json = JSON.parse(readFileSync(report, 'utf8')) as { complete: boolean; failures: { network: string; indexer: string }[] };
    expect(json.complete).toBe(false);
    expect(json.failures.length).toBeGreaterThan(0);
    expect(json.failures[0]!.network).toBe('bitcoin');
    expect(JSON.stringify(json)).not.toContain('secret');
  });

  it('a config error exits 2 with the place named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restore-scan-scan-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ networks: { bitcoin: { indexers: [{ type: 'esplora', url: 'http://127.0.0.1:1', retries: 3 }] } } }));
    const r = await runBin(['scan', CARD, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/config\.json: \/networks\/bitcoin\/indexers\/0: unknown key "retries"/);
  });
});
