/**
 * `esplora`: a ChainSource over the Esplora REST API (Blockstream electrs, mempool.space).
 *
 * Esplora has no batching: one `GET /scripthash/:hash` per address, all of a window at once, kept within the
 * endpoint's limits by the transport (concurrency cap, token bucket, retries with backoff on 429/5xx, whatever the
 * 429 body is). Servers without scripthash routes (404) are detected on the first request and asked by address
 * from then on.
 */
import type { IndexerConfig } from '../../../config/indexer-types.js';
import { RestoreScanError } from '../../../errors.js';
import { httpTransport, TransportError, withRetry, type HttpTransport, type HttpTransportOptions } from '../../../net/index.js';
import type { AddressActivity, AddressRef, ChainSource, SourceCallOptions } from '../../source.js';
import type { Network } from '../../types.js';
import { checkGenesis, expectedGenesisOf } from '../electrum/genesis.js';
import { bitcoinActivity, requireBitcoinNetwork } from '../electrum/native-activity.js';
import { mempoolTxids, pageChainTxids, type ScriptGet } from './history.js';
import { esploraScripthash } from './scripthash.js';
import { sortUtxos, type AddressUtxos } from '../electrum/utxos.js';
import { EsploraShapeError, parseScriptStats, parseUtxos } from './stats.js';

/** Transport knobs tests and benchmarks may override. */
export type EsploraTransportTuning = Partial<Omit<HttpTransportOptions, 'url' | 'secrets'>>;

export interface EsploraSourceOptions {
  readonly network: Network;
  readonly config: IndexerConfig;
  /** Genesis hash `verify()` requires; default: the known one of a built-in network, else no check. */
  readonly expectedGenesisHash?: string;
  readonly transport?: EsploraTransportTuning;
}

export interface EsploraSource extends ChainSource {
  /** Every confirmed txid of the address, newest first (paged 25 at a time). */
  chainTxids(ref: AddressRef, options?: SourceCallOptions): Promise<string[]>;
  /** Its unconfirmed txids, newest first (Esplora returns at most 50). */
  mempoolTxids(ref: AddressRef, options?: SourceCallOptions): Promise<string[]>;
  /** How this server is asked: by scripthash, or by address (no scripthash routes); undefined until known. */
  readonly route: () => EsploraRoute | undefined;
  /** Unspent outputs per address, in input order: one `GET …/utxo` each (Esplora has no batching). */
  utxos(addresses: readonly AddressRef[], options?: SourceCallOptions): Promise<AddressUtxos[]>;
}

export type EsploraRoute = 'scripthash' | 'address';

/**
 * Malformed `/block-height/0` answers (a cut or HTML body with status 200) get this many more tries. Network
 * failures get only the transport's own retries: retrying those here too kept a scan waiting ~8 s on a dead backup
 * endpoint that it never needed (the scan reports only once every endpoint's check has ended).
 */
const VERIFY_RETRIES = 3;
const isMalformedAnswer = (err: unknown): boolean => err instanceof TransportError && err.code === 'PROTOCOL';

export function createEsploraSource(options: EsploraSourceOptions): EsploraSource {
  const { config } = options;
  const network = requireBitcoinNetwork(options.network, 'esplora');
  if (config.type !== 'esplora') throw new RestoreScanError('CONFIG', `expected an esplora indexer config, got ${config.type}`);
  if (config.apiKeyEnv !== undefined)
    throw new RestoreScanError('CONFIG', 'esplora indexers take no API key (apiKeyEnv)', { hint: 'remove "apiKeyEnv" from this indexer' });
  const expectedGenesis = expectedGenesisOf(network, options.expectedGenesisHash);
  const transport: HttpTransport = httpTransport({
    ...options.transport,
    url: config.url,
    ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
    ...(config.maxConcurrency !== undefined && { maxConcurrency: config.maxConcurrency }),
    ...(config.requestsPerSecond !== undefined && { requestsPerSecond: config.requestsPerSecond }),
  });
  const id = `esplora ${transport.endpoint}`;
  let route: EsploraRoute | undefined;
  let probing: Promise<unknown> | undefined;

  const protocolError = (message: string, cause: unknown): TransportError =>
    new TransportError('PROTOCOL', message, { endpoint: transport.endpoint, retryable: false, cause });

  const getJson = async (path: string, signal: AbortSignal | undefined): Promise<unknown> =>
    (await transport.request({ path, signal })).json;

  const isMissingRoute = (err: unknown): boolean => err instanceof TransportError && err.status === 404;

  /**
   * GET `suffix` below the script's base path. The first scripthash request decides the route for the source's
   * lifetime (others wait for it): a 404 means the server has no scripthash routes, so it is asked by address.
   */
  async function scriptGet(ref: AddressRef, suffix: string, signal: AbortSignal | undefined): Promise<unknown> {
    const script = ref.script;
    if (script === undefined || script.length === 0 || route === 'address')
      return getJson(`address/${encodeURIComponent(ref.address)}${suffix}`, signal);
    const path = `scripthash/${esploraScripthash(script)}${suffix}`;
    if (route === 'scripthash') return getJson(path, signal);
    if (probing !== undefined) {
      // The probe's failure (other than a missing route) is this request's too: one dead server must not be
      // probed again by every queued request in turn.
      await probing.catch((err: unknown) => {
        if (!isMissingRoute(err)) throw err;
      });
      return scriptGet(ref, suffix, signal);
    }
    const attempt = getJson(path, signal);
    probing = attempt;
    try {
      const json = await attempt;
      route = 'scripthash';
      return json;
    } catch (err) {
      if (!isMissingRoute(err)) throw err;
      route = 'address';
      return scriptGet(ref, suffix, signal);
    } finally {
      probing = undefined;
    }
  }

  /**
   * Runs `fn` for every address at once (the transport queues them); rejects as soon as one fails, since the
   * window's answer is then a failure anyway (the caller cancels the rest through its signal).
   */
  async function eachAddress<T>(refs: readonly AddressRef[], fn: (ref: AddressRef) => Promise<T>): Promise<T[]> {
    return Promise.all(refs.map(fn));
  }

  /** Runs `fn` with the address's GET; an answer of the wrong shape is a PROTOCOL error naming the address. */
  async function forAddress<T>(ref: AddressRef, signal: AbortSignal | undefined, fn: (get: ScriptGet) => Promise<T>): Promise<T> {
    try {
      return await fn((suffix) => scriptGet(ref, suffix, signal));
    } catch (err) {
      if (err instanceof EsploraShapeError) throw protocolError(`${ref.address}: ${err.message}`, err);
      throw err;
    }
  }

  async function activity(refs: readonly AddressRef[], callOptions: SourceCallOptions = {}): Promise<AddressActivity[]> {
    const { signal } = callOptions;
    return eachAddress(refs, (ref) =>
      forAddress(ref, signal, async (get) => bitcoinActivity(network, ref, parseScriptStats(await get('')))),
    );
  }

  async function utxos(refs: readonly AddressRef[], callOptions: SourceCallOptions = {}): Promise<AddressUtxos[]> {
    const { signal } = callOptions;
    return eachAddress(refs, (ref) =>
      forAddress(ref, signal, async (get) => ({ address: ref.address, utxos: sortUtxos(parseUtxos(await get('/utxo'))) })),
    );
  }

  async function verify(callOptions: SourceCallOptions = {}): Promise<void> {
    if (expectedGenesis === undefined) return;
    const { signal } = callOptions;
    // A text answer cannot be checked by JSON parsing: a cut or HTML body must not pass for a foreign genesis.
    const reported = await withRetry(
      async () => {
        const text = (await transport.request({ path: 'block-height/0', responseType: 'text', signal })).text.trim();
        if (!/^[0-9a-fA-F]{64}$/.test(text))
          throw new TransportError('PROTOCOL', 'GET /block-height/0: the answer is not a block hash', {
            endpoint: transport.endpoint,
            retryable: true,
            details: text.slice(0, 200),
          });
        return text;
      },
      { retries: VERIFY_RETRIES, isRetryable: isMalformedAnswer, signal, clock: options.transport?.clock, random: options.transport?.random },
    );
    checkGenesis(network, id, reported, expectedGenesis);
  }

  return Object.freeze({
    id,
    type: 'esplora',
    family: 'bitcoin',
    network,
    requests: () => transport.stats.requests,
    route: () => route,
    activity,
    // The stats already give the whole native balance: Bitcoin-likes hold nothing else.
    holdings: activity,
    activityIsHoldings: true,
    verify,
    utxos,
    chainTxids: (ref: AddressRef, callOptions: SourceCallOptions = {}) => forAddress(ref, callOptions.signal, pageChainTxids),
    mempoolTxids: (ref: AddressRef, callOptions: SourceCallOptions = {}) => forAddress(ref, callOptions.signal, mempoolTxids),
  });
}
