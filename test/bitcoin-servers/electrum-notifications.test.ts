import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { type ElectrumServerHandle, startElectrum } from '../../src/devnet/bitcoin/electrum-server.js';
import { LineClient } from './line-client.js';
import { buildRecordedChainModel, loadNotificationEvents, notifyTx, recordedHeader114 } from './recorded-fixture.js';

/**
 * Replays notifications.ndjson: the recorded subscriptions, then the two node actions applied to the model
 * (a mempool payment to `notify`, then block 114 holding only it), expecting every recorded line in order,
 * byte for byte: the scripthash notification, the headers notification before the second scripthash one,
 * and no notification for the unchanged `mempool` subscription.
 */
describe('Electrum notifications against the recorded event stream', () => {
  let model: ChainModel;
  let server: ElectrumServerHandle;

  beforeAll(async () => {
    model = buildRecordedChainModel();
    server = await startElectrum(model, { padding: true });
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends the recorded lines in the recorded order', async () => {
    const events = loadNotificationEvents();
    const client = await LineClient.connect(server.url);
    let received = 0;
    try {
      for (const event of events) {
        if (event.dir === 'send') client.send(event.raw);
        if (event.dir === 'recv') {
          expect(await client.nextLine(), `recv at ${event.t_ms} ms`).toBe(event.raw);
          received++;
        }
        if (event.dir === 'action' && event.command.includes('sendtoaddress')) {
          expect(model.importTx(notifyTx())).toBe(event.result);
        }
        if (event.dir === 'action' && event.command.includes('generateblock')) {
          const block = model.importBlock({ header: recordedHeader114(), txids: [notifyTx().txid] });
          expect(block.hash).toBe((event.result as { hash: string }).hash);
        }
      }
      expect(received).toBe(events.filter((e) => e.dir === 'recv').length);
    } finally {
      client.close();
    }
  });
});
