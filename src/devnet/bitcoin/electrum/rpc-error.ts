/** JSON-RPC error codes as ElectrumX (aiorpcX) uses them. */
export const RPC_CODES = Object.freeze({
  BAD_REQUEST: 1,
  DAEMON_ERROR: 2,
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_ARGS: -32602,
  INTERNAL_ERROR: -32603,
});

/** An error reply; `disconnect` closes the connection after sending it (aiorpcX's ReplyAndDisconnect). */
export class RpcError extends Error {
  override name = 'RpcError';
  constructor(
    readonly code: number,
    readonly rpcMessage: string,
    readonly disconnect = false,
  ) {
    super(`${code}: ${rpcMessage}`);
  }
}
