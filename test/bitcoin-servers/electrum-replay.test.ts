import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ElectrumServerHandle, startElectrum } from '../../src/devnet/bitcoin/electrum-server.js';
import { LineClient } from './line-client.js';
import { type RecordedStep, buildRecordedChainModel, exchangeFiles, loadExchanges } from './recorded-fixture.js';

/**
 * Replays every recorded request of every recorded exchange file against the Electrum server (padding on, as
 * ElectrumX ran) over the recorded connections, and compares the reply lines byte for byte: same JSON, same
 * error codes and messages, same padding, same connection closes. Batch replies are compared as a set of
 * items plus the padded length, because ElectrumX returned batch items in completion order (README.md).
 */
interface Plan {
  readonly connection: string;
  readonly steps: readonly (RecordedStep & { readonly label: string })[];
}

function plans(): Plan[] {
  const byConnection = new Map<string, { id: number; step: RecordedStep & { label: string } }[]>();
  const result: Plan[] = [];
  for (const file of exchangeFiles()) {
    for (const exchange of loadExchanges(file)) {
      const label = `${file}: ${exchange.case}`;
      if (file === 'errors.ndjson') {
        // Each error case ran on its own connection: handshake, the case, then a ping if the connection lived.
        const steps = [
          ...(exchange.handshake ? [{ ...exchange.handshake, label: `${label} (handshake)` }] : []),
          { ...exchange, label },
          ...(exchange.followup_ping ? [{ ...exchange.followup_ping, label: `${label} (follow-up ping)` }] : []),
        ];
        result.push({ connection: exchange.connection, steps });
        continue;
      }
      const list = byConnection.get(exchange.connection) ?? [];
      list.push({ id: firstRequestId(exchange.request.json), step: { ...exchange, label } });
      byConnection.set(exchange.connection, list);
    }
  }
  for (const [connection, list] of byConnection) {
    result.push({ connection, steps: list.sort((a, b) => a.id - b.id).map((x) => x.step) });
  }
  return result.sort((a, b) => a.connection.localeCompare(b.connection));
}

function firstRequestId(json: unknown): number {
  const first = (Array.isArray(json) ? json[0] : json) as { id?: unknown } | null;
  if (typeof first?.id !== 'number') throw new Error('recorded requests on shared connections carry numeric ids');
  return first.id;
}

const isBatchReply = (raw: string): boolean => raw.startsWith('[');

/** Batch items keyed by id, each re-serialized; ElectrumX's item order is not reproducible. */
function batchItems(raw: string): Map<unknown, string> {
  const items = JSON.parse(raw) as { id: unknown }[];
  return new Map(items.map((item) => [item.id, JSON.stringify(item)]));
}

describe('Electrum server against the recorded ElectrumX 1.20.0 traffic', () => {
  let server: ElectrumServerHandle;
  const allPlans = plans();

  beforeAll(async () => {
    server = await startElectrum(buildRecordedChainModel(), { padding: true });
  });
  afterAll(async () => {
    await server.close();
  });

  it('replays every recorded exchange file', () => {
    const replayed = new Set(allPlans.flatMap((p) => p.steps.map((s) => s.label.split(':')[0])));
    expect([...replayed].sort()).toEqual(exchangeFiles());
    expect(allPlans.reduce((n, p) => n + p.steps.length, 0)).toBeGreaterThan(100);
  });

  for (const plan of allPlans) {
    it(`connection ${plan.connection} (${plan.steps.length} exchanges)`, async () => {
      const client = await LineClient.connect(server.url);
      try {
        for (const step of plan.steps) {
          client.send(step.request.raw);
          if (step.response === null) continue; // no reply: the next recorded reply must be the next line
          const line = await client.nextLine();
          expect(line, step.label).toBeDefined();
          if (isBatchReply(step.response.raw)) {
            expect(Buffer.byteLength(line!), step.label).toBe(step.response.bytes);
            expect(batchItems(line!), step.label).toEqual(batchItems(step.response.raw));
          } else {
            expect(line, step.label).toBe(step.response.raw);
          }
          if (step.connection_closed === true) {
            await client.closed;
            expect(client.isClosed, step.label).toBe(true);
          }
        }
        if (!plan.steps.some((s) => s.connection_closed === true)) expect(client.isClosed).toBe(false);
      } finally {
        client.close();
      }
    });
  }
});
