import { pythonStr } from '../wire/python-values.js';
import { RPC_CODES, RpcError } from './rpc-error.js';

/** A protocol version as ElectrumX compares it: a tuple of integers, compared lexicographically. */
export type ProtocolTuple = readonly number[];

/** ElectrumX 1.20's range, as `server.features` reported it in the recording: "1.4" to "1.6.0". */
export const PROTOCOL_MIN: ProtocolTuple = Object.freeze([1, 4]);
export const PROTOCOL_MAX: ProtocolTuple = Object.freeze([1, 6, 0]);

export function compareProtocol(a: ProtocolTuple, b: ProtocolTuple): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export const protocolString = (p: ProtocolTuple): string => p.join('.');

/**
 * `server.version` negotiation (ElectrumX `util.protocol_version`): a string or a [min, max] pair; the answer is
 * min(client max, server max) written as that tuple, so ["1.2","1.9"] yields the server's own "1.6.0".
 * Unsupported: error 1 and the connection is closed.
 */
export function negotiateProtocol(requested: unknown): ProtocolTuple {
  let clientMin: ProtocolTuple;
  let clientMax: ProtocolTuple;
  if (requested === undefined || requested === null) {
    clientMin = clientMax = PROTOCOL_MIN;
  } else if (Array.isArray(requested) && requested.length === 2) {
    clientMin = toTuple(requested[0]);
    clientMax = toTuple(requested[1]);
  } else {
    clientMin = clientMax = toTuple(requested);
  }
  const result = compareProtocol(clientMax, PROTOCOL_MAX) < 0 ? clientMax : PROTOCOL_MAX;
  const floor = compareProtocol(clientMin, PROTOCOL_MIN) > 0 ? clientMin : PROTOCOL_MIN;
  if (compareProtocol(result, floor) < 0 || compareProtocol(result, [0]) === 0) {
    throw new RpcError(RPC_CODES.BAD_REQUEST, `unsupported protocol version: ${pythonStr(requested)}`, true);
  }
  return result;
}

/** ElectrumX `protocol_tuple`: "1.4" → [1, 4]; anything unparsable → [0]. */
function toTuple(value: unknown): ProtocolTuple {
  if (typeof value !== 'string') return [0];
  const parts = value.split('.').map((part) => part.trim());
  return parts.every((part) => /^[+-]?\d+$/.test(part)) ? parts.map(Number) : [0];
}
