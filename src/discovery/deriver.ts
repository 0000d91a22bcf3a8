import type { ScriptType } from '../chains/types.js';

/** Script types derived from secp256k1 keys (every one but solana). */
export type SecpScript = Exclude<ScriptType, 'solana'>;

/** Payloads of children from … from+count−1 of one parent key (see src/chains/address.ts for payloads). */
export interface DeriveRequest {
  publicKey: Uint8Array;
  chainCode: Uint8Array;
  /** Non-hardened steps from this key to the parent of the indices (a branch: [0] or [1]), derived first. */
  steps?: readonly number[];
  script: SecpScript;
  from: number;
  count: number;
}

export interface DeriveResponse {
  /** count × PAYLOAD_WIDTH[script] bytes, zero where skipped. */
  payloads: Uint8Array;
  /** Indices with no valid child key (BIP-32), ascending. */
  skipped: number[];
}

/** Derivation as the engine sees it: the worker pool, or the kernel in-process. */
export interface Deriver {
  (request: DeriveRequest, signal?: AbortSignal): Promise<DeriveResponse>;
  /**
   * Optional: starts deriving what was asked so far now. A deriver may gather the requests of one event-loop
   * turn and derive them together at its end (createDeriver does); the engine calls this after asking for its
   * first windows, so that their derivation runs while it sets up its branches and sends its first queries.
   */
  flush?(): void;
}
