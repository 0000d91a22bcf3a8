import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { litecoinRegtest } from '../../src/devnet/bitcoin/chain/networks.js';
import { decodeTx } from '../../src/devnet/bitcoin/chain/tx-codec.js';

/**
 * Loads the recorded ElectrumX 1.20.0 traffic (copied from /work/shared/recorded into ./recorded, see its
 * README.md) and rebuilds the recorded Litecoin-regtest chain in a ChainModel.
 */
const RECORDED_DIR = fileURLToPath(new URL('./recorded/', import.meta.url));

export interface RecordedLine {
  readonly raw: string;
  readonly json: unknown;
}

export interface RecordedStep {
  readonly request: RecordedLine;
  readonly response: (RecordedLine & { readonly bytes: number }) | null;
  readonly connection_closed?: boolean;
}

export interface RecordedExchange extends RecordedStep {
  readonly file: string;
  readonly connection: string;
  readonly protocol: string | null;
  readonly case: string;
  readonly handshake?: RecordedStep | null;
  readonly followup_ping?: RecordedStep | null;
}

export type NotificationEvent =
  | { readonly dir: 'send' | 'recv'; readonly raw: string; readonly t_ms: number }
  | { readonly dir: 'action'; readonly command: string; readonly result: unknown; readonly t_ms: number }
  | { readonly dir: 'close'; readonly t_ms: number };

interface ChainJson {
  readonly genesis_hash: string;
  readonly tip_during_state_recordings: { readonly height: number; readonly hash: string };
  readonly block_hashes: Readonly<Record<string, string>>;
  readonly transactions: readonly { readonly txid: string; readonly height: number | null }[];
  readonly mempool_at_end: readonly string[];
  readonly mempool_entry_fees_sat: Readonly<Record<string, number>>;
}

interface ScriptsJson {
  readonly account_tpubs: Readonly<Record<string, string>>;
  readonly scripts: readonly {
    readonly role: string;
    readonly address: string;
    readonly scriptPubKey: string;
    readonly electrum_scripthash: string;
    readonly esplora_scripthash: string;
  }[];
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(`${RECORDED_DIR}${name}`, 'utf8')) as T;
const readLines = (name: string): unknown[] =>
  readFileSync(`${RECORDED_DIR}${name}`, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);

export const recordedChain = (): ChainJson => readJson<ChainJson>('chain.json');
export const recordedScripts = (): ScriptsJson['scripts'] => readJson<ScriptsJson>('scripts.json').scripts;
/** Account tpubs of the abandon…about mnemonic by path, e.g. `m/84'/1'/0'`. */
export const recordedAccountTpubs = (): ScriptsJson['account_tpubs'] => readJson<ScriptsJson>('scripts.json').account_tpubs;

/** Every request/response exchange file (all `.ndjson` but the notification event stream). */
export function exchangeFiles(): string[] {
  return readdirSync(RECORDED_DIR).filter((f) => f.endsWith('.ndjson') && f !== 'notifications.ndjson').sort();
}

export function loadExchanges(file: string): RecordedExchange[] {
  return readLines(file).map((line) => ({ ...(line as Omit<RecordedExchange, 'file'>), file }));
}

export function loadNotificationEvents(): NotificationEvent[] {
  return readLines('notifications.ndjson') as NotificationEvent[];
}

export function scriptOfRole(role: string): string {
  const entry = recordedScripts().find((s) => s.role === role);
  if (entry === undefined) throw new Error(`scripts.json has no role ${role}`);
  return entry.scriptPubKey;
}

/** Transaction ids of chain.json by the start of their txid (chain.json's descriptions use prefixes too). */
function txidStarting(prefix: string): string {
  const tx = recordedChain().transactions.find((t) => t.txid.startsWith(prefix));
  if (tx === undefined) throw new Error(`chain.json has no tx ${prefix}…`);
  return tx.txid;
}

/** A result recorded for `method` with `params` under protocol 1.4, found by content. */
function recordedResult(file: string, method: string, params: unknown[]): unknown {
  const exchange = loadExchanges(file).find((e) => {
    const request = e.request.json as { method?: string; params?: unknown } | null;
    return request?.method === method && JSON.stringify(request.params) === JSON.stringify(params) && e.protocol === '1.4';
  });
  const response = exchange?.response?.json as { result?: unknown } | undefined;
  if (response?.result === undefined) throw new Error(`${file} has no 1.4 result of ${method}`);
  return response.result;
}

/** The recorded raw hex of a transaction (transaction-get.ndjson, verbose=false). */
function recordedRawTx(txid: string): string {
  return recordedResult('transaction-get.ndjson', 'blockchain.transaction.get', [txid, false]) as string;
}

/** Recorded 80-byte headers of heights 111–113 (misc.ndjson, `blockchain.block.headers` 111 3 under 1.4). */
function recordedHeaders111to113(): string[] {
  const { hex } = recordedResult('misc.ndjson', 'blockchain.block.headers', [111, 3]) as { hex: string };
  return [0, 1, 2].map((i) => hex.slice(i * 160, (i + 1) * 160));
}

/** Header of block 114, from the headers notification of the notification recording. */
export function recordedHeader114(): string {
  for (const event of loadNotificationEvents()) {
    if (event.dir !== 'recv') continue;
    const message = JSON.parse(event.raw) as { method?: string; params?: [{ hex: string; height: number }] };
    if (message.method === 'blockchain.headers.subscribe' && message.params?.[0].height === 114) return message.params[0].hex;
  }
  throw new Error('notifications.ndjson has no header of block 114');
}

/** The notify transaction (raw bytes not recorded): 0.7 LTC to the notify script; vout 0 is assumed. */
export function notifyTx(): { txid: string; spends: []; outputs: { scriptPubKey: string; value: number }[] } {
  return { txid: txidStarting('f670e5d9'), spends: [], outputs: [{ scriptPubKey: scriptOfRole('notify'), value: 70_000_000 }] };
}

/**
 * The chain as it stood during the state recordings: tip 113, two mempool transactions.
 * What the recording lacks is filled only where no recorded answer can observe it (see the servers' README):
 * scripts of miner outputs are unknown (null), and the value of 11ddb316…:0 follows from the recorded fee of
 * ceb80b46… (which spends it).
 */
export function buildRecordedChainModel(): ChainModel {
  const chain = recordedChain();
  const model = new ChainModel({ network: litecoinRegtest, empty: { genesisHash: chain.genesis_hash } });
  const [h111, h112, h113] = recordedHeaders111to113() as [string, string, string];
  const F1 = txidStarting('cecb4bc1');
  const T112 = txidStarting('11ddb316');
  const SPEND = txidStarting('085b7777');
  const M1 = txidStarting('ceb80b46');
  const M2 = txidStarting('1566d13a');
  const m1Fee = chain.mempool_entry_fees_sat[M1]!;
  const m1Raw = recordedRawTx(M1);

  model.importTx({ raw: recordedRawTx(F1) });
  model.importBlock({ header: h111, txids: [F1], height: 111 });

  // ceb80b46 spends 11ddb316:0 and pays out the rest minus its recorded fee, so that coin's value is known.
  const m1Outputs = decodeTx(m1Raw).outputs;
  const t112Change = m1Outputs.reduce((sum, o) => sum + o.value, 0) + m1Fee;
  model.importTx({
    txid: T112,
    spends: [],
    outputs: [{ scriptPubKey: null, value: t112Change }, { scriptPubKey: scriptOfRole('spent'), value: 25_000_000 }],
  });
  model.importBlock({ header: h112, txids: [T112] });

  model.importTx({ txid: SPEND, spends: [{ txid: F1, vout: 2 }], outputs: [{ scriptPubKey: null, value: 49_990_000 }], fee: 10_000 });
  model.importBlock({ header: h113, txids: [SPEND] });

  model.importTx({ raw: m1Raw, fee: m1Fee });
  const m2Fee = chain.mempool_entry_fees_sat[M2]!;
  const m1Change = m1Outputs[0]!.value;
  model.importTx({
    txid: M2,
    spends: [{ txid: M1, vout: 0 }],
    outputs: [
      { scriptPubKey: scriptOfRole('mempool-unconfirmed-parent'), value: 5_000_000 },
      { scriptPubKey: null, value: m1Change - 5_000_000 - m2Fee },
    ],
    fee: m2Fee,
  });
  return model;
}
