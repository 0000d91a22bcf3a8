/**
 * `blockbook`: a ChainSource over Trezor Blockbook's API v2 for Bitcoin-type coins.
 *
 * Discovery asks per address (`GET /api/v2/address/:a?details=basic`): the server learns addresses, one at a
 * time, as with any indexer. The xpub API is a separate, opt-in fast path (`scanXpubAccount`).
 */
import type { IndexerConfig } from '../../../config/indexer-types.js';
import { RestoreScanError } from '../../../errors.js';
import { httpTransport, redactSecrets, TransportError, type HttpTransport, type HttpTransportOptions } from '../../../net/index.js';
import { readApiKey } from '../../../config/api-key.js';
import type { AddressActivity, AddressRef, ChainSource, SourceCallOptions } from '../../source.js';
import type { Network } from '../../types.js';
import { checkGenesis, expectedGenesisOf } from '../electrum/genesis.js';
import { bitcoinActivity, requireBitcoinNetwork } from '../electrum/native-activity.js';
import { sortUtxos, type AddressUtxos } from '../electrum/utxos.js';
import { BlockbookShapeError, parseAddressAnswer, parseBlockIndex, parseUtxoAnswer, parseXpubAnswer, type XpubAccountScan } from './answers.js';

/** Transport knobs tests and benchmarks may override. */
export type BlockbookTransportTuning = Partial<Omit<HttpTransportOptions, 'url' | 'secrets'>>;

export interface BlockbookSourceOptions {
  readonly network: Network;
  readonly config: IndexerConfig;
  /** Genesis hash `verify()` requires; default: the known one of a built-in network, else no check. */
  readonly expectedGenesisHash?: string;
  /** Where `apiKeyEnv` is looked up (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  readonly transport?: BlockbookTransportTuning;
}

export interface BlockbookSource extends ChainSource {
  /**
   * Blockbook's server-side gap scan of one account: its used addresses with paths, transaction counts and
   * confirmed balances, in ONE request. Only when the indexer's config says `"sendXpub": true`.
   *
   * Privacy trade-off (DESIGN rule 4): this hands the account's extended public key to the server, which can then
   * link every past and future address of the account, and tie them to the caller's IP. Per-address queries only
   * reveal the addresses asked about. Hence opt-in per indexer, never the default.
   */
  scanXpubAccount(xpubOrDescriptor: string, gap: number, options?: SourceCallOptions): Promise<XpubAccountScan>;
  /** Unspent outputs per address, in input order: one `GET /api/v2/utxo/:address` each (no batching in the API). */
  utxos(addresses: readonly AddressRef[], options?: SourceCallOptions): Promise<AddressUtxos[]>;
}

/** Blockbook caps `gap` at 10,000 (openapi.yaml). */
const MAX_GAP = 10_000;
/** NOWNodes, the main keyed Blockbook provider, takes the key in this header. */
const API_KEY_HEADER = 'api-key';

export function createBlockbookSource(options: BlockbookSourceOptions): BlockbookSource {
  const { config } = options;
  const network = requireBitcoinNetwork(options.network, 'blockbook');
  if (config.type !== 'blockbook') throw new RestoreScanError('CONFIG', `expected a blockbook indexer config, got ${config.type}`);
  const expectedGenesis = expectedGenesisOf(network, options.expectedGenesisHash);
  const apiKey = readApiKey(config, options.env);
  const transport: HttpTransport = httpTransport({
    ...options.transport,
    url: config.url,
    secrets: apiKey === undefined ? [] : [apiKey],
    headers: { ...options.transport?.headers, ...(apiKey !== undefined && { [API_KEY_HEADER]: apiKey }) },
    ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
    ...(config.maxConcurrency !== undefined && { maxConcurrency: config.maxConcurrency }),
    ...(config.requestsPerSecond !== undefined && { requestsPerSecond: config.requestsPerSecond }),
  });
  const id = `blockbook ${transport.endpoint}`;

  /** GET and parse; an answer of the wrong shape is a PROTOCOL error naming `what`. */
  async function get<T>(path: string, query: Record<string, string | number>, what: string, parse: (json: unknown) => T, signal?: AbortSignal): Promise<T> {
    const { json } = await transport.request({ path, query, signal });
    try {
      return parse(json);
    } catch (err) {
      if (err instanceof BlockbookShapeError)
        throw new TransportError('PROTOCOL', `${what}: ${err.message}`, { endpoint: transport.endpoint, retryable: false, cause: err });
      throw err;
    }
  }

  /** Runs `fn` for every address at once (the transport keeps to the endpoint's limits); first failure in input order. */
  async function eachAddress<T>(refs: readonly AddressRef[], fn: (ref: AddressRef) => Promise<T>): Promise<T[]> {
    const settled = await Promise.allSettled(refs.map(fn));
    return settled.map((outcome) => {
      if (outcome.status === 'rejected') throw outcome.reason;
      return outcome.value;
    });
  }

  async function activity(refs: readonly AddressRef[], callOptions: SourceCallOptions = {}): Promise<AddressActivity[]> {
    const { signal } = callOptions;
    return eachAddress(refs, async (ref) => {
      const summary = await get(`api/v2/address/${encodeURIComponent(ref.address)}`, { details: 'basic' }, ref.address, parseAddressAnswer, signal);
      return bitcoinActivity(network, ref, summary);
    });
  }

  async function utxos(refs: readonly AddressRef[], callOptions: SourceCallOptions = {}): Promise<AddressUtxos[]> {
    const { signal } = callOptions;
    return eachAddress(refs, async (ref) => {
      const found = await get(`api/v2/utxo/${encodeURIComponent(ref.address)}`, {}, ref.address, parseUtxoAnswer, signal);
      return { address: ref.address, utxos: sortUtxos(found) };
    });
  }

  async function scanXpubAccount(xpubOrDescriptor: string, gap: number, callOptions: SourceCallOptions = {}): Promise<XpubAccountScan> {
    if (config.sendXpub !== true)
      throw new RestoreScanError('CONFIG', `${id}: the xpub API sends the account's extended public key to the server`, {
        hint: 'set "sendXpub": true on this blockbook indexer to allow it (the server can then link all of the account\'s addresses)',
      });
    if (!Number.isInteger(gap) || gap < 1 || gap > MAX_GAP) throw new RangeError(`gap must be an integer within 1..${MAX_GAP}, got ${gap}`);
    const encoded = encodeURIComponent(xpubOrDescriptor);
    try {
      // tokenBalances, not tokens: only that level carries each address's balance.
      return await get(`api/v2/xpub/${encoded}`, { details: 'tokenBalances', tokens: 'used', gap }, 'the xpub scan', parseXpubAnswer, callOptions.signal);
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      // The account key would let anyone reading a log link all of its addresses: keep it out of messages (and
      // out of the cause chain, whose messages name the request path).
      const hide = (text: string): string => redactSecrets(text, [xpubOrDescriptor, encoded]);
      throw new TransportError(err.code, hide(err.shortMessage.replace(` (${transport.endpoint})`, '')), {
        endpoint: transport.endpoint,
        status: err.status,
        retryable: err.retryable,
        attempts: err.attempts,
        details: err.details === undefined ? undefined : hide(err.details),
      });
    }
  }

  async function verify(callOptions: SourceCallOptions = {}): Promise<void> {
    if (expectedGenesis === undefined) return;
    const reported = await get('api/v2/block-index/0', {}, 'block 0', parseBlockIndex, callOptions.signal);
    checkGenesis(network, id, reported, expectedGenesis);
  }

  return Object.freeze({
    id,
    type: 'blockbook',
    family: 'bitcoin',
    network,
    requests: () => transport.stats.requests,
    activity,
    // balance + unconfirmedBalance is the whole native holding: Bitcoin-likes hold nothing else.
    holdings: activity,
    activityIsHoldings: true,
    verify,
    scanXpubAccount,
    utxos,
  });
}
