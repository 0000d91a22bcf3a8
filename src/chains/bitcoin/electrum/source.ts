/**
 * `electrum`: a ChainSource over the Electrum protocol (ElectrumX, Fulcrum, electrs) on tcp:// or ssl://.
 *
 * One window = ONE round trip: `blockchain.scripthash.get_history` of every address, in one batch line — what
 * decides *used* (any history) and gives the txCount, as Electrum, Sparrow and BDK decide it. The balances are
 * the holdings of the used scripts only (`get_balance`), asked by the engine alongside the windows still being
 * scanned: never on the gap scan's chain of dependent round trips. Windows of several branches waiting for the
 * rate limit share a line (the line client coalesces up to `batchSize` calls, default 100), so a window that
 * is half the calls is twice the windows per line. Measured on the scan bench (interleaved runs) against
 * windows asking get_history and get_balance of every address together: 66 requests instead of 82, wall time
 * 5–31 ms shorter in each of 5 pairs on the 50 ms world (median 758 → 738 ms), the same on the 100,000-address
 * world (12.4–13.5 s). (An earlier measurement, before queued queries carried priorities, found no gain and a
 * slower dense world.)
 *
 * Why get_history and not `subscribe` (whose `null` status means unused): measured against the local server, a
 * batch over 20 unused scripts answered 774 bytes with get_history (`[]` each) and 814 with subscribe (`null`);
 * 5 used scripts with 7 transactions 848 vs 511; 20 + 5 together 1,626 vs 1,329, and 2,048 for both once padded as
 * ElectrumX pads. Servers read the same history for both. So the cost is equal for the unused addresses that make
 * up most of a gap scan, get_history alone gives the txCount the report needs, and it leaves no subscriptions
 * behind (server-side state and notifications for every probed address). Servers that answer `subscribe` faster
 * (its status is cached) can be probed with it instead: option `probe: 'subscribe'`, one batch of `subscribe`
 * per window, then `get_history` and `get_balance` for the used scripts only (two round trips; the answer is
 * then the whole holding).
 */
import type * as tls from 'node:tls';
import { VERSION } from '../../../cli/version.js';
import type { IndexerConfig } from '../../../config/indexer-types.js';
import { RestoreScanError } from '../../../errors.js';
import {
  JsonRpcError,
  lineJsonClient,
  TransportError,
  type JsonRpcCall,
  type LineJsonClient,
  type LineJsonClientOptions,
  type LineJsonSession,
} from '../../../net/index.js';
import type { AddressActivity, AddressRef, ChainSource, SourceCallOptions } from '../../source.js';
import type { Network } from '../../types.js';
import { checkGenesis, expectedGenesisOf } from './genesis.js';
import { bitcoinActivity, requireBitcoinNetwork, requireScript } from './native-activity.js';
import {
  compareVersions,
  parseBalance,
  parseFeatures,
  parseHistory,
  parseListUnspent,
  parseServerVersion,
  parseStatus,
  PROTOCOL_MAX,
  PROTOCOL_MIN,
  ShapeError,
  type HistoryEntry,
  type ScriptBalance,
  type ServerFeatures,
} from './protocol.js';
import { electrumScripthash } from './scripthash.js';
import { sortUtxos, type AddressUtxos } from './utxos.js';

/** Transport knobs tests and benchmarks may override. */
export type ElectrumTransportTuning = Partial<
  Pick<
    LineJsonClientOptions,
    'timeoutMs' | 'connectTimeoutMs' | 'retries' | 'maxInFlight' | 'baseDelayMs' | 'maxDelayMs' | 'burst' | 'clock' | 'random'
  >
>;

export interface ElectrumSourceOptions {
  readonly network: Network;
  readonly config: IndexerConfig;
  /** TLS options for ssl:// (Electrum servers often use self-signed certificates: pass their `ca`). */
  readonly tls?: tls.ConnectionOptions;
  /**
   * Genesis hash `verify()` requires. Default: the known one of a built-in network (genesis.ts); for other
   * networks (regtest, custom) the genesis check is skipped unless given.
   */
  readonly expectedGenesisHash?: string;
  readonly transport?: ElectrumTransportTuning;
  /**
   * How a window finds its used scripts: one batch of `get_history` (default; gives txCount at once; balances
   * are then asked by `holdings()`), or one batch of `subscribe` (`null` status = unused) followed by
   * `get_history` and `get_balance` for the used ones. Subscriptions stay on the connection until it closes;
   * their notifications are ignored.
   */
  readonly probe?: ElectrumProbe;
}

export type ElectrumProbe = 'history' | 'subscribe';

export interface NegotiatedServer {
  software: string;
  /** As the server wrote it, e.g. "1.6" or "1.6.0". */
  protocol: string;
}

export interface ElectrumSource extends ChainSource {
  /** What `server.version` negotiated on the latest connection; undefined before the first one. */
  readonly server: () => NegotiatedServer | undefined;
  /** Unspent outputs per address, in input order: ONE batch of `blockchain.scripthash.listunspent`. */
  utxos(addresses: readonly AddressRef[], options?: SourceCallOptions): Promise<AddressUtxos[]>;
}

export const ELECTRUM_DEFAULTS = Object.freeze({
  /** ElectrumX holds small replies up to 1 s to pad traffic; anything near that would time out healthy servers. */
  minTimeoutMs: 2_000,
  clientName: `restore-scan ${VERSION}`,
});

/** The server does not speak a protocol version this client can use: no retry or reconnection will change that. */
export class ElectrumVersionError extends RestoreScanError {
  override name = 'ElectrumVersionError';
  constructor(shortMessage: string, options: { cause?: unknown } = {}) {
    super('PROTOCOL', shortMessage, { ...options, hint: `restore-scan needs an Electrum server speaking protocol ${PROTOCOL_MIN} or later` });
  }
}

/** The line client wraps handshake failures ("the connection handshake failed"); surface the version refusal itself. */
function unwrapVersionError(error: unknown): unknown {
  return error instanceof RestoreScanError ? (error.walk((e) => e instanceof ElectrumVersionError) ?? error) : error;
}

export function createElectrumSource(options: ElectrumSourceOptions): ElectrumSource {
  const { config } = options;
  const network = requireBitcoinNetwork(options.network, 'electrum');
  if (config.type !== 'electrum') throw new RestoreScanError('CONFIG', `expected an electrum indexer config, got ${config.type}`);
  if (config.apiKeyEnv !== undefined)
    throw new RestoreScanError('CONFIG', 'electrum indexers take no API key (apiKeyEnv)', { hint: 'remove "apiKeyEnv" from this indexer' });
  if (config.timeoutMs !== undefined && config.timeoutMs < ELECTRUM_DEFAULTS.minTimeoutMs)
    throw new RestoreScanError('CONFIG', `electrum timeoutMs must be at least ${ELECTRUM_DEFAULTS.minTimeoutMs} ms, got ${config.timeoutMs}`, {
      hint: 'ElectrumX servers hold replies up to 1 s to pad traffic',
    });
  if (config.batchSize !== undefined && (!Number.isInteger(config.batchSize) || config.batchSize < 1))
    throw new RangeError(`batchSize must be an integer ≥ 1, got ${config.batchSize}`);
  const probe: ElectrumProbe = options.probe ?? 'history';
  if (probe !== 'history' && probe !== 'subscribe') throw new RangeError(`probe must be 'history' or 'subscribe', got ${String(probe)}`);
  const expectedGenesis = expectedGenesisOf(network, options.expectedGenesisHash);
  let negotiated: NegotiatedServer | undefined;

  const client: LineJsonClient = lineJsonClient({
    url: config.url,
    tlsOptions: options.tls,
    maxInFlight: config.maxConcurrency,
    ...(config.batchSize !== undefined && { maxBatch: config.batchSize }),
    requestsPerSecond: config.requestsPerSecond,
    ...options.transport,
    timeoutMs: options.transport?.timeoutMs ?? config.timeoutMs,
    onConnect: handshake,
  });
  const id = `electrum ${client.endpoint}`;

  const protocolError = (message: string, cause?: unknown): TransportError =>
    new TransportError('PROTOCOL', message, { endpoint: client.endpoint, retryable: false, cause });

  /** Every (re)connection starts with `server.version`: protocol 1.5+ servers close connections that do not. */
  async function handshake(session: LineJsonSession): Promise<void> {
    let result: unknown;
    try {
      result = await session.request('server.version', [ELECTRUM_DEFAULTS.clientName, [PROTOCOL_MIN, PROTOCOL_MAX]]);
    } catch (err) {
      // "server busy" and the like are worth another connection; a refusal is not.
      if (!(err instanceof JsonRpcError) || err.retryable) throw err;
      throw new ElectrumVersionError(`${id} refused Electrum protocol ${PROTOCOL_MIN}–${PROTOCOL_MAX}: ${err.rpcMessage}`, { cause: err });
    }
    let server: { software: string; version: string };
    try {
      server = parseServerVersion(result);
    } catch (err) {
      throw protocolError((err as Error).message, err);
    }
    if (compareVersions(server.version, PROTOCOL_MIN) < 0)
      throw new ElectrumVersionError(`${id} (${server.software}) only speaks Electrum protocol ${server.version}`);
    negotiated = { software: server.software, protocol: server.version };
  }

  /**
   * One method over many addresses, as one batch (the line client splits it at `batchSize`). Any entry that
   * failed after the client's retries, or answered nonsense, fails the whole call: an address we could not read
   * must never pass for unused. Deterministic server errors ("history too large") are not retried.
   */
  async function callEach<T>(
    method: string,
    hashes: readonly string[],
    refs: readonly AddressRef[],
    parse: (result: unknown) => T,
    callOptions: SourceCallOptions,
  ): Promise<T[]> {
    const calls: JsonRpcCall[] = hashes.map((hash) => ({ method, params: [hash] }));
    const settled = await client.batchSettled(calls, callOptions);
    return settled.map((outcome, i) => {
      if (!outcome.ok) {
        const address = refs[i]?.address ?? '';
        const error = unwrapVersionError(outcome.error);
        if (!(error instanceof TransportError)) throw error;
        const reason =
          error instanceof JsonRpcError
            ? `${error.rpcMessage} (JSON-RPC error ${error.rpcCode})`
            : error.shortMessage.replace(` (${client.endpoint})`, '');
        throw new TransportError(error.code, `${method} for ${address} failed: ${reason}`, {
          endpoint: client.endpoint,
          retryable: error.retryable,
          attempts: error.attempts,
          cause: error,
        });
      }
      try {
        return parse(outcome.result);
      } catch (err) {
        if (err instanceof ShapeError) throw protocolError(`${method} for ${refs[i]?.address ?? ''}: ${err.message}`, err);
        throw err;
      }
    });
  }

  /** The scripts at `indexes` only: their hashes and refs, for a follow-up batch. */
  const pick = <T>(items: readonly T[], indexes: readonly number[]): T[] => indexes.map((i) => items[i] as T);

  async function activity(refs: readonly AddressRef[], callOptions: SourceCallOptions = {}): Promise<AddressActivity[]> {
    if (refs.length === 0) return [];
    const hashes = refs.map((ref) => electrumScripthash(requireScript('electrum', ref)));
    const histories = new Map<number, HistoryEntry[]>();
    const balances = new Map<number, ScriptBalance>();
    if (probe === 'history') {
      // The balances are holdings (below): a window's verdict needs the history only.
      const found = await callEach('blockchain.scripthash.get_history', hashes, refs, parseHistory, callOptions);
      found.forEach((history, i) => histories.set(i, history));
    } else {
      // subscribe: a status for every script, then history and balance of the used ones only.
      const statuses = await callEach('blockchain.scripthash.subscribe', hashes, refs, parseStatus, callOptions);
      const used = statuses.flatMap((status, i) => (status !== null ? [i] : []));
      if (used.length > 0) {
        const [usedHashes, usedRefs] = [pick(hashes, used), pick(refs, used)];
        const [found, answers] = await Promise.all([
          callEach('blockchain.scripthash.get_history', usedHashes, usedRefs, parseHistory, callOptions),
          callEach('blockchain.scripthash.get_balance', usedHashes, usedRefs, parseBalance, callOptions),
        ]);
        used.forEach((index, k) => {
          histories.set(index, found[k] as HistoryEntry[]);
          balances.set(index, answers[k] as ScriptBalance);
        });
      }
    }
    return refs.map((ref, i) => {
      const balance = balances.get(i) ?? { confirmed: 0n, unconfirmed: 0n };
      return bitcoinActivity(network, ref, { txCount: histories.get(i)?.length ?? 0, ...balance });
    });
  }

  /**
   * The native holding of each script (`get_balance`, one batch). With the `history` probe this is the part
   * `activity` leaves out: the answer carries no txCount (0), and a script is `used` here only when it holds
   * something; the engine merges it with the activity answer.
   */
  async function balancesOf(refs: readonly AddressRef[], callOptions: SourceCallOptions = {}): Promise<AddressActivity[]> {
    if (refs.length === 0) return [];
    const hashes = refs.map((ref) => electrumScripthash(requireScript('electrum', ref)));
    const answers = await callEach('blockchain.scripthash.get_balance', hashes, refs, parseBalance, callOptions);
    return refs.map((ref, i) => bitcoinActivity(network, ref, { txCount: 0, ...answers[i]! }));
  }

  async function utxos(refs: readonly AddressRef[], callOptions: SourceCallOptions = {}): Promise<AddressUtxos[]> {
    if (refs.length === 0) return [];
    const hashes = refs.map((ref) => electrumScripthash(requireScript('electrum', ref)));
    const answers = await callEach('blockchain.scripthash.listunspent', hashes, refs, parseListUnspent, callOptions);
    return refs.map((ref, i) => ({ address: ref.address, utxos: sortUtxos(answers[i] ?? []) }));
  }

  async function verify(callOptions: SourceCallOptions = {}): Promise<void> {
    let features: ServerFeatures;
    try {
      features = parseFeatures(await client.request('server.features', [], { signal: callOptions.signal }));
    } catch (err) {
      if (err instanceof ShapeError) throw protocolError(err.message, err);
      throw unwrapVersionError(err);
    }
    if (features.hashFunction !== undefined && features.hashFunction !== 'sha256')
      throw new RestoreScanError('PROTOCOL', `${id} makes scripthashes with ${features.hashFunction}, not sha256`);
    if (expectedGenesis !== undefined) checkGenesis(network, id, features.genesisHash, expectedGenesis);
  }

  return Object.freeze({
    id,
    type: 'electrum',
    family: 'bitcoin',
    network,
    requests: () => client.stats.requests,
    server: () => negotiated,
    activity,
    // Bitcoin-likes hold nothing but the native coin: its balance is the whole holding. The subscribe probe
    // asks it with the history of the used scripts already.
    holdings: probe === 'history' ? balancesOf : activity,
    activityIsHoldings: probe === 'subscribe',
    verify,
    utxos,
    close: () => client.close(),
  });
}
