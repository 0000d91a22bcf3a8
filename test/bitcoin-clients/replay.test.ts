import { hexToBytes } from '@noble/hashes/utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElectrumSource, type ElectrumSource } from '../../src/chains/bitcoin/index.js';
import type { AddressActivity } from '../../src/chains/source.js';
import type { BitcoinNetwork } from '../../src/chains/types.js';
import { startElectrum, type ElectrumServerHandle } from '../../src/devnet/bitcoin/electrum-server.js';
import { buildRecordedChainModel, exchangeFiles, loadExchanges, recordedChain, recordedScripts, type RecordedExchange } from '../bitcoin-servers/recorded-fixture.js';
import { wholeAnswers } from './clients.js';
import { startTcpTap, type TcpTap } from './tcp-tap.js';

/**
 * The Electrum client against the server started on the RECORDED chain (ElectrumX 1.20.0 traffic, Litecoin regtest):
 * every call the client makes must be one the recording holds (same method, same scripthash: so the client hashes
 * scripts exactly as ElectrumX expects), and every answer it gets must be the recorded one.
 */
const LITECOIN_REGTEST: BitcoinNetwork = Object.freeze<BitcoinNetwork>({
  id: 'litecoin-regtest', name: 'Litecoin regtest', family: 'bitcoin', coinType: 1, symbol: 'rLTC', decimals: 8, testnet: true,
  pubKeyHash: 0x6f, scriptHash: 0x3a, bech32: 'rltc', scriptTypes: ['p2pkh', 'p2sh-p2wpkh', 'p2wpkh'],
});

interface Call {
  id: number;
  method: string;
  params: unknown[];
}

type Reply = { id: number } & Record<string, unknown>;

const withoutId = ({ id: _id, ...rest }: Reply | Record<string, unknown>): Record<string, unknown> => rest;

describe('electrum client replayed against the recorded ElectrumX traffic', () => {
  let server: ElectrumServerHandle;
  let tap: TcpTap;
  let source: ElectrumSource;
  let answers: AddressActivity[];
  // The recorded state scripts (notify only received its coin during the notification recording).
  const scripts = recordedScripts().filter((s) => s.role !== 'notify');
  const refs = scripts.map((s) => ({ address: s.address, script: hexToBytes(s.scriptPubKey) }));
  /** Exchanges recorded on connections that negotiated what this client negotiates (1.6). */
  const recorded = exchangeFiles().flatMap(loadExchanges).filter((e) => e.protocol === '1.6');

  beforeAll(async () => {
    server = await startElectrum(buildRecordedChainModel(), { padding: true });
    tap = await startTcpTap({ host: server.host, port: server.port });
    source = createElectrumSource({
      network: LITECOIN_REGTEST,
      config: { type: 'electrum', url: tap.url },
      expectedGenesisHash: recordedChain().genesis_hash,
    });
    await source.verify!();
    answers = await wholeAnswers(source, refs);
  });
  afterAll(async () => {
    await source.close!();
    await tap.close();
    await server.close();
  });

  const clientCalls = (): Call[] =>
    tap.lines
      .filter((l) => l.dir === 'client')
      .flatMap((l) => {
        const parsed = JSON.parse(l.raw) as Call | Call[];
        return Array.isArray(parsed) ? parsed : [parsed];
      });
  const serverReplies = (): Map<number, { reply: Reply; raw: string; single: boolean }> => {
    const replies = new Map<number, { reply: Reply; raw: string; single: boolean }>();
    for (const line of tap.lines.filter((l) => l.dir === 'server')) {
      const parsed = JSON.parse(line.raw) as Reply | Reply[];
      for (const reply of Array.isArray(parsed) ? parsed : [parsed]) replies.set(reply.id, { reply, raw: line.raw, single: !Array.isArray(parsed) });
    }
    return replies;
  };

  /** The recorded exchange of the same call: same method and parameters (the client name aside). */
  function recordedFor(call: Call): RecordedExchange | undefined {
    return recorded.find((e) => {
      const request = e.request.json as { method?: string; params?: unknown[] } | null;
      if (request?.method !== call.method || e.response === null) return false;
      const params = call.method === 'server.version' ? call.params.slice(1) : call.params;
      const recordedParams = call.method === 'server.version' ? (request.params ?? []).slice(1) : request.params;
      return JSON.stringify(params) === JSON.stringify(recordedParams);
    });
  }

  it('made only calls the recording holds, in one connection, handshake first', () => {
    const calls = clientCalls();
    expect(new Set(tap.lines.map((l) => l.connection))).toEqual(new Set([1]));
    expect(calls[0]!.method).toBe('server.version');
    expect(calls.map((c) => c.method)).toContain('blockchain.scripthash.get_history');
    for (const call of calls) expect(recordedFor(call), `${call.method} ${JSON.stringify(call.params)}`).toBeDefined();
    // One get_history per recorded script: the client's scripthashes are the recorded electrum_scripthash values.
    const historyHashes = calls.filter((c) => c.method === 'blockchain.scripthash.get_history').map((c) => c.params[0]);
    expect(historyHashes).toEqual(scripts.map((s) => s.electrum_scripthash));
  });

  it('received exactly the recorded answers', () => {
    const replies = serverReplies();
    let byteForByte = 0;
    for (const call of clientCalls()) {
      const expected = recordedFor(call)!.response!;
      const got = replies.get(call.id);
      expect(got, call.method).toBeDefined();
      expect(withoutId(got!.reply), `${call.method} ${JSON.stringify(call.params)}`).toEqual(withoutId(expected.json as Reply));
      // Single replies with the recorded id: byte for byte, padding included.
      if (got!.single && (expected.json as Reply).id === call.id) {
        expect(got!.raw, call.method).toBe(expected.raw);
        byteForByte++;
      }
    }
    // server.version (id 1) and server.features (id 2) went out as the recorder's did.
    expect(byteForByte).toBe(2);
  });

  it('turned the recorded answers into the activity they describe', () => {
    const result = (method: string, hash: string): unknown =>
      (recorded.find((e) => {
        const request = e.request.json as { method?: string; params?: unknown[] } | null;
        return request?.method === method && request.params?.[0] === hash;
      })!.response!.json as { result: unknown }).result;
    scripts.forEach((s, i) => {
      const history = result('blockchain.scripthash.get_history', s.electrum_scripthash) as unknown[];
      const balance = result('blockchain.scripthash.get_balance', s.electrum_scripthash) as { confirmed: number; unconfirmed: number };
      const amount = BigInt(balance.confirmed + balance.unconfirmed);
      const answer = answers[i]!;
      expect({ address: answer.address, used: answer.used, txCount: answer.txCount }, s.role).toEqual({
        address: s.address, used: history.length > 0, txCount: history.length,
      });
      expect(answer.assets.map((a) => [a.kind, a.amount, a.unconfirmed ?? 0n]), s.role).toEqual(
        amount === 0n ? [] : [['native', amount, BigInt(balance.unconfirmed)]],
      );
    });
    expect(answers.filter((a) => a.used).length).toBeGreaterThanOrEqual(5);
    expect(answers.find((a, i) => scripts[i]!.role === 'unused')?.used).toBe(false);
  });
});
