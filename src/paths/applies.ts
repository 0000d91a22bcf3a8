import { NETWORKS } from '../chains/networks.js';
import type { Network } from '../chains/types.js';
import type { Scheme } from './scheme.js';

/** The built-in network a network stands for: the one with its id (built-in ids are reserved), or with its chain id. */
function builtInTwin(network: Network): Network | undefined {
  const byId = NETWORKS[network.id];
  if (byId) return byId;
  if (network.family !== 'evm') return undefined;
  return Object.values(NETWORKS).find((n) => n.family === 'evm' && n.chainId === network.chainId);
}

/**
 * Whether a scheme is used on a network. Built-in networks are matched by id; a config-defined network by the
 * built-in network with its chain id, else by the scheme's `chainIds`, else by `anyNetworkOfFamily`.
 */
export function schemeAppliesTo(scheme: Scheme, network: Network): boolean {
  if (scheme.family !== network.family) return false;
  const twin = builtInTwin(network);
  if (twin) return scheme.networks.includes(twin.id);
  if (network.family === 'evm' && scheme.chainIds?.includes(network.chainId)) return true;
  return scheme.anyNetworkOfFamily === true;
}
