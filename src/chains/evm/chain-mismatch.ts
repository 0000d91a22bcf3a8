import { RestoreScanError } from '../../errors.js';
import type { EvmNetwork } from '../types.js';

/** The error for an endpoint serving another chain (CONTRACT §3): both ids and the scrubbed endpoint. */
export function chainMismatchError(network: EvmNetwork, reported: bigint, endpoint: string, type: string): RestoreScanError {
  return new RestoreScanError(
    'CHAIN_MISMATCH',
    `${type} endpoint ${endpoint} serves chain id ${reported}, but network "${network.id}" is chain id ${network.chainId}`,
    { hint: `check the URL configured for ${network.id}, or the network's chainId` },
  );
}
