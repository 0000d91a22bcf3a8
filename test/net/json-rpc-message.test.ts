import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestJson, requestMessage, type JsonRpcCall } from '../../src/net/json-rpc-message.js';

describe('requestJson', () => {
  it('writes exactly what JSON.stringify(requestMessage(…)) writes', () => {
    const call = fc.record(
      { method: fc.string(), params: fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())) },
      { requiredKeys: ['method'] },
    ) as fc.Arbitrary<JsonRpcCall>;
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), call, (id, c) => {
        expect(requestJson(id, c)).toBe(JSON.stringify(requestMessage(id, c)));
      }),
    );
  });

  it('keeps a call without params free of a params member', () => {
    expect(requestJson(7, { method: 'server.features' })).toBe('{"jsonrpc":"2.0","id":7,"method":"server.features"}');
    expect(JSON.parse(requestJson('a"b', { method: 'x', params: ['ab'] }))).toEqual({ jsonrpc: '2.0', id: 'a"b', method: 'x', params: ['ab'] });
  });
});
