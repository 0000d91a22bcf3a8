import type { ChainChange, ChainModel } from '../chain-model.js';
import { type JsonValue, PYTHON_JSON, writeJson } from '../wire/json-text.js';
import { pythonStr } from '../wire/python-values.js';
import { type MethodContext, bindArguments, methodFor } from './methods.js';
import { PROTOCOL_MIN, type ProtocolTuple, negotiateProtocol, protocolString } from './protocol-version.js';
import { RPC_CODES, RpcError } from './rpc-error.js';
import { electrumStatus } from './scripthash-queries.js';

/** What one incoming line produced: JSON lines to send (unpadded, no newline) and whether to close afterwards. */
export interface SessionOutput {
  readonly lines: readonly string[];
  readonly close: boolean;
}

type RequestId = number | string | null;

/** A reply to one request object, or nothing (client notifications and stray responses get none). */
interface ItemResult {
  readonly reply: string | undefined;
  readonly close: boolean;
}

/**
 * One Electrum connection's protocol state, transport-free: `server.version` first, negotiated protocol,
 * subscriptions, and JSON-RPC 2.0 framing as aiorpcX does it (error codes and messages as recorded).
 */
export class ElectrumSession implements MethodContext {
  private versionSeen = false;
  private negotiated: ProtocolTuple = PROTOCOL_MIN;
  private headersSubscribed = false;
  private readonly scripts = new Map<string, { alias: string; status: string | null }>();

  constructor(
    readonly model: ChainModel,
    readonly serverSoftware: string,
  ) {}

  get protocol(): ProtocolTuple {
    return this.negotiated;
  }

  handleLine(line: string): SessionOutput {
    let payload: unknown;
    try {
      payload = JSON.parse(line);
    } catch {
      return { lines: [errorReply(RPC_CODES.PARSE_ERROR, 'invalid JSON', null)], close: false };
    }
    if (Array.isArray(payload)) {
      if (payload.length === 0) return { lines: [errorReply(RPC_CODES.INVALID_REQUEST, 'batch is empty', null)], close: false };
      const results = payload.map((item) => this.handleItem(item));
      const replies = results.flatMap((r) => (r.reply === undefined ? [] : [r.reply]));
      // aiorpcX joins batch replies with ", ".
      return { lines: replies.length > 0 ? [`[${replies.join(', ')}]`] : [], close: results.some((r) => r.close) };
    }
    const result = this.handleItem(payload);
    return { lines: result.reply === undefined ? [] : [result.reply], close: result.close };
  }

  /** Notifications owed to this connection after a chain change: the new tip first, then changed script statuses. */
  notificationsFor(change: ChainChange): string[] {
    const lines: string[] = [];
    if (change.kind === 'block' && this.headersSubscribed) {
      const tip = { hex: this.model.tip.header, height: this.model.tipHeight };
      lines.push(notification('blockchain.headers.subscribe', [tip]));
    }
    for (const [key, subscription] of this.scripts) {
      const status = electrumStatus(this.model, this.model.scriptByScripthash('electrum', key));
      if (status === subscription.status) continue;
      subscription.status = status;
      lines.push(notification('blockchain.scripthash.subscribe', [subscription.alias, status]));
    }
    return lines;
  }

  // ---- MethodContext ---------------------------------------------------------------------------------------

  negotiateVersion(_clientName: unknown, requested: unknown): JsonValue {
    if (this.versionSeen) throw new RpcError(RPC_CODES.BAD_REQUEST, 'server.version already sent');
    this.versionSeen = true;
    this.negotiated = negotiateProtocol(requested);
    return [this.serverSoftware, protocolString(this.negotiated)];
  }

  subscribeHeaders(): void {
    this.headersSubscribed = true;
  }

  subscribeScript(key: string, alias: string, status: string | null): void {
    this.scripts.set(key, { alias, status });
  }

  unsubscribeScript(key: string): boolean {
    return this.scripts.delete(key);
  }

  // ---- JSON-RPC --------------------------------------------------------------------------------------------

  private handleItem(item: unknown): ItemResult {
    const none: ItemResult = { reply: undefined, close: false };
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return { reply: errorReply(RPC_CODES.INVALID_REQUEST, 'request object must be a dictionary', null), close: false };
    }
    const request = item as Record<string, unknown>;
    // Without "method" the object is a response; a server has sent no requests, so aiorpcX drops it.
    if (!Object.hasOwn(request, 'method')) return none;
    let id: RequestId = null;
    if (Object.hasOwn(request, 'id')) {
      const raw = request.id;
      if (!(raw === null || typeof raw === 'number' || typeof raw === 'string')) {
        return { reply: errorReply(RPC_CODES.INVALID_REQUEST, `invalid "id": ${pythonStr(raw)}`, null), close: false };
      }
      id = raw;
    }
    if (request.jsonrpc !== '2.0') {
      return { reply: errorReply(RPC_CODES.INVALID_REQUEST, '"jsonrpc" is not "2.0"', id), close: false };
    }
    const params = Object.hasOwn(request, 'params') ? request.params : [];
    if (typeof params !== 'object' || params === null) {
      return { reply: errorReply(RPC_CODES.INVALID_ARGS, `invalid request arguments: ${pythonStr(params)}`, id), close: false };
    }
    // A request whose id is missing or null is a notification; ElectrumX acts on none and answers none.
    if (id === null) return none;
    try {
      return { reply: resultReply(this.dispatch(request.method, params), id), close: false };
    } catch (error) {
      if (!(error instanceof RpcError)) throw error;
      return { reply: errorReply(error.code, error.rpcMessage, id), close: error.disconnect };
    }
  }

  private dispatch(method: unknown, params: object): JsonValue {
    if (!this.versionSeen && method !== 'server.version') {
      throw new RpcError(RPC_CODES.BAD_REQUEST, 'use server.version to identify client', true);
    }
    const spec = methodFor(method, this.negotiated);
    if (spec === undefined) throw new RpcError(RPC_CODES.METHOD_NOT_FOUND, `unknown method "${pythonStr(method)}"`);
    return spec.run(this, bindArguments(method as string, spec, params));
  }
}

function resultReply(result: JsonValue, id: RequestId): string {
  return writeJson({ jsonrpc: '2.0', result, id }, PYTHON_JSON);
}

function errorReply(code: number, message: string, id: RequestId): string {
  return writeJson({ jsonrpc: '2.0', error: { code, message }, id }, PYTHON_JSON);
}

function notification(method: string, params: JsonValue): string {
  return writeJson({ jsonrpc: '2.0', method, params }, PYTHON_JSON);
}
