import type { ChainModel } from '../chain-model.js';
import { TxRejected } from '../chain-model.js';
import { coreVerboseTx } from '../chain/core-verbose-tx.js';
import { bytesToHex, hexToBytes } from '../chain/hashes.js';
import { merkleBranchAndRoot } from '../chain/merkle.js';
import type { JsonValue } from '../wire/json-text.js';
import { pythonFloat, pythonStr, pythonThousands } from '../wire/python-values.js';
import { PROTOCOL_MAX, PROTOCOL_MIN, type ProtocolTuple, compareProtocol, protocolString } from './protocol-version.js';
import { RPC_CODES, RpcError } from './rpc-error.js';
import { electrumBalance, electrumHistory, electrumListUnspent, electrumStatus } from './scripthash-queries.js';

/** What a method handler may see and do on its connection. */
export interface MethodContext {
  readonly model: ChainModel;
  readonly serverSoftware: string;
  readonly protocol: ProtocolTuple;
  /** `server.version`: records the negotiation (throws RpcError when refused) and returns the reply. */
  negotiateVersion(clientName: unknown, requested: unknown): JsonValue;
  subscribeHeaders(): void;
  /** Remembers a scripthash subscription: notifications use `alias`, the scripthash exactly as the client sent it. */
  subscribeScript(key: string, alias: string, status: string | null): void;
  unsubscribeScript(key: string): boolean;
}

interface MethodSpec {
  /** Parameter names (for named-argument calls) and how many are required. */
  readonly params: readonly string[];
  readonly required: number;
  /** Protocol range where the method exists: since ≤ negotiated < until. */
  readonly since?: ProtocolTuple;
  readonly until?: ProtocolTuple;
  readonly run: (ctx: MethodContext, args: readonly unknown[]) => JsonValue;
}

const MAX_CHUNK_SIZE = 2016;
const NO_SUCH_TX =
  "daemon error: DaemonError({'code': -5, 'message': 'No such mempool or blockchain transaction. Use gettransaction for wallet transactions.'})";
const ESTIMATEFEE_MODES: readonly unknown[] = [undefined, null, 'CONSERVATIVE', 'ECONOMICAL'];

const scripthashMethod = (run: (ctx: MethodContext, key: string, alias: string, script: string | undefined) => JsonValue): MethodSpec => ({
  params: ['scripthash'],
  required: 1,
  run: (ctx, [scripthash]) => {
    if (typeof scripthash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(scripthash)) {
      throw new RpcError(RPC_CODES.BAD_REQUEST, `${pythonStr(scripthash)} is not a valid script hash`);
    }
    const key = scripthash.toLowerCase();
    return run(ctx, key, scripthash, ctx.model.scriptByScripthash('electrum', key));
  },
});

/** The methods of ElectrumX 1.20 this server implements, with their Python signatures. */
const METHODS: Readonly<Record<string, MethodSpec>> = Object.freeze({
  'server.version': {
    params: ['client_name', 'protocol_version'],
    required: 0,
    run: (ctx, [clientName, requested]) => ctx.negotiateVersion(clientName, requested),
  },
  'server.features': {
    params: [],
    required: 0,
    run: (ctx) => ({
      hosts: {},
      pruning: null,
      server_version: ctx.serverSoftware,
      protocol_min: protocolString(PROTOCOL_MIN),
      protocol_max: protocolString(PROTOCOL_MAX),
      genesis_hash: ctx.model.genesisHash,
      hash_function: 'sha256',
      services: [],
    }),
  },
  'server.ping': { params: [], required: 0, run: () => null },
  'server.banner': { params: [], required: 0, run: (ctx) => `You are connected to an ${ctx.serverSoftware} server.` },
  'server.donation_address': { params: [], required: 0, run: () => '' },
  'server.peers.subscribe': { params: [], required: 0, run: () => [] },
  'blockchain.headers.subscribe': {
    params: [],
    required: 0,
    run: (ctx) => {
      ctx.subscribeHeaders();
      return { hex: ctx.model.tip.header, height: ctx.model.tipHeight };
    },
  },
  'blockchain.block.header': {
    params: ['height', 'cp_height'],
    required: 1,
    run: (ctx, [rawHeight, rawCp]) => {
      const height = nonNegativeInteger(rawHeight);
      const cpHeight = nonNegativeInteger(rawCp ?? 0);
      const header = rawHeader(ctx.model, height);
      if (cpHeight === 0) return header;
      return { header, ...headerProof(ctx.model, cpHeight, height) };
    },
  },
  'blockchain.block.headers': {
    params: ['start_height', 'count', 'cp_height'],
    required: 2,
    run: (ctx, [rawStart, rawCount, rawCp]) => {
      const start = nonNegativeInteger(rawStart);
      const requested = Math.min(nonNegativeInteger(rawCount), MAX_CHUNK_SIZE);
      const cpHeight = nonNegativeInteger(rawCp ?? 0);
      const count = Math.max(0, Math.min(requested, ctx.model.tipHeight - start + 1));
      const headers = Array.from({ length: count }, (_, i) => rawHeader(ctx.model, start + i));
      const result: { [key: string]: JsonValue } =
        compareProtocol(ctx.protocol, [1, 6]) >= 0
          ? { count, max: MAX_CHUNK_SIZE, headers }
          : { hex: headers.join(''), count, max: MAX_CHUNK_SIZE };
      return count > 0 && cpHeight > 0 ? { ...result, ...headerProof(ctx.model, cpHeight, start + count - 1) } : result;
    },
  },
  'blockchain.estimatefee': {
    params: ['number', 'mode'],
    required: 1,
    run: (ctx, [number, mode]) => {
      nonNegativeInteger(number);
      if (!ESTIMATEFEE_MODES.includes(mode)) {
        throw new RpcError(RPC_CODES.BAD_REQUEST, `unknown estimatefee mode: ${pythonStr(mode)}`);
      }
      // Bitcoin Core's estimatesmartfee has no data on a fresh regtest chain; ElectrumX then answers -1.
      if (ctx.model.network.chain === 'regtest') return -1;
      return pythonFloat((ctx.model.feeRate * 1000) / 1e8);
    },
  },
  'blockchain.relayfee': {
    params: [],
    required: 0,
    until: [1, 6],
    run: (ctx) => pythonFloat(ctx.model.network.relayFeePerKb),
  },
  'blockchain.scripthash.get_balance': scripthashMethod((ctx, _key, _alias, script) => electrumBalance(ctx.model, script)),
  'blockchain.scripthash.get_history': scripthashMethod((ctx, _key, _alias, script) => electrumHistory(ctx.model, script)),
  'blockchain.scripthash.get_mempool': scripthashMethod((ctx, _key, _alias, script) =>
    electrumHistory(ctx.model, script).filter((item) => item.height <= 0),
  ),
  'blockchain.scripthash.listunspent': scripthashMethod((ctx, _key, _alias, script) => electrumListUnspent(ctx.model, script)),
  'blockchain.scripthash.subscribe': scripthashMethod((ctx, key, alias, script) => {
    const status = electrumStatus(ctx.model, script);
    ctx.subscribeScript(key, alias, status);
    return status;
  }),
  'blockchain.scripthash.unsubscribe': {
    ...scripthashMethod((ctx, key) => ctx.unsubscribeScript(key)),
    since: [1, 4, 2],
  },
  'blockchain.transaction.get': {
    params: ['tx_hash', 'verbose'],
    required: 1,
    run: (ctx, [txHash, verbose]) => {
      if (!(verbose === undefined || verbose === true || verbose === false || verbose === 0 || verbose === 1)) {
        throw new RpcError(RPC_CODES.BAD_REQUEST, '"verbose" must be a boolean');
      }
      if (typeof txHash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(txHash)) {
        throw new RpcError(RPC_CODES.BAD_REQUEST, `${pythonStr(txHash)} should be a transaction hash`);
      }
      const tx = ctx.model.tx(txHash);
      if (tx === undefined) throw new RpcError(RPC_CODES.DAEMON_ERROR, NO_SUCH_TX);
      if (tx.body === null) {
        throw new RpcError(RPC_CODES.DAEMON_ERROR, `daemon error: the raw bytes of ${tx.txid} were not recorded`);
      }
      return verbose === true || verbose === 1 ? coreVerboseTx(ctx.model, tx, 'python-float') : tx.body.raw;
    },
  },
  'blockchain.transaction.broadcast': {
    params: ['raw_tx'],
    required: 1,
    run: (ctx, [rawTx]) => {
      try {
        return ctx.model.addRawTransaction(pythonStr(rawTx));
      } catch (error) {
        if (!(error instanceof TxRejected)) throw error;
        throw new RpcError(
          RPC_CODES.BAD_REQUEST,
          `the transaction was rejected by network rules.\n\n${error.reason}\n[${pythonStr(rawTx)}]`,
        );
      }
    },
  },
});

/** The handler of `method` under the negotiated protocol, if it exists there. */
export function methodFor(method: unknown, protocol: ProtocolTuple): MethodSpec | undefined {
  if (typeof method !== 'string' || !Object.hasOwn(METHODS, method)) return undefined;
  const spec = METHODS[method]!;
  if (spec.since !== undefined && compareProtocol(protocol, spec.since) < 0) return undefined;
  if (spec.until !== undefined && compareProtocol(protocol, spec.until) >= 0) return undefined;
  return spec;
}

/** aiorpcX `handler_invocation`: checks positional or named arguments against the signature, in its words. */
export function bindArguments(method: string, spec: MethodSpec, params: unknown): unknown[] {
  if (Array.isArray(params)) {
    const n = params.length;
    const s = n === 1 ? '' : 's';
    if (n < spec.required) {
      throw new RpcError(RPC_CODES.INVALID_ARGS, `${n} argument${s} passed to method "${method}" but it requires ${spec.required}`);
    }
    if (n > spec.params.length) {
      throw new RpcError(RPC_CODES.INVALID_ARGS, `${n} argument${s} passed to method ${method} taking at most ${spec.params.length}`);
    }
    return params;
  }
  const named = params as Record<string, unknown>;
  const missing = spec.params.slice(0, spec.required).filter((name) => !Object.hasOwn(named, name));
  if (missing.length > 0) {
    throw new RpcError(RPC_CODES.INVALID_ARGS, `method "${method}" requires argument${missing.length === 1 ? '' : 's'} ${quoteList(missing)}`);
  }
  const excess = Object.keys(named).filter((name) => !spec.params.includes(name));
  if (excess.length > 0) {
    throw new RpcError(RPC_CODES.INVALID_ARGS, `invalid argument${excess.length === 1 ? '' : 's'} ${quoteList(excess)} for method "${method}"`);
  }
  return spec.params.map((name) => named[name]);
}

const quoteList = (names: readonly string[]): string => [...names].sort().map((n) => `"${n}"`).join(', ');

/** ElectrumX `non_negative_integer`: Python `int(value)` must work and be ≥ 0. */
function nonNegativeInteger(value: unknown): number {
  let n: number | undefined;
  if (typeof value === 'boolean') n = value ? 1 : 0;
  else if (typeof value === 'number' && Number.isFinite(value)) n = Math.trunc(value);
  else if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) n = Number(value.trim());
  if (n !== undefined && n >= 0) return n;
  throw new RpcError(RPC_CODES.BAD_REQUEST, `${n === undefined ? pythonStr(value) : n} should be a non-negative integer`);
}

function rawHeader(model: ChainModel, height: number): string {
  const block = height <= model.tipHeight ? model.blockAt(height) : undefined;
  if (block === undefined) throw new RpcError(RPC_CODES.BAD_REQUEST, `height ${pythonThousands(height)} out of range`);
  return block.header;
}

/** Checkpoint proof: branch and root of the merkle tree over block hashes 0..cp_height. */
function headerProof(model: ChainModel, cpHeight: number, height: number): { branch: string[]; root: string } {
  const tip = model.tipHeight;
  if (!(height <= cpHeight && cpHeight <= tip)) {
    throw new RpcError(
      RPC_CODES.BAD_REQUEST,
      `require header height ${pythonThousands(height)} <= cp_height ${pythonThousands(cpHeight)} <= chain height ${pythonThousands(tip)}`,
    );
  }
  const leaves = Array.from({ length: cpHeight + 1 }, (_, h) => {
    const block = model.blockAt(h);
    if (block === undefined) throw new RpcError(RPC_CODES.INTERNAL_ERROR, `internal error: header ${h} was not recorded`);
    return hexToBytes(block.hash).reverse();
  });
  const { branch, root } = merkleBranchAndRoot(leaves, height);
  const display = (hash: Uint8Array): string => bytesToHex(Uint8Array.from(hash).reverse());
  return { branch: branch.map(display), root: display(root) };
}
