import { InputError } from '../errors.js';
import { NETWORKS } from '../chains/networks.js';
import type { Network } from '../chains/types.js';

/** Built-in networks, then the config-defined ones (whose ids must not shadow a built-in one). */
export function knownNetworks(custom: readonly Network[] = []): Network[] {
  const out: Network[] = Object.values(NETWORKS);
  const seen = new Set(out.map((n) => n.id));
  for (const n of custom) {
    const builtIn = NETWORKS[n.id];
    if (builtIn) {
      if (builtIn !== n) throw new InputError('config', `network id ${JSON.stringify(n.id)} is built in and cannot be redefined`);
      continue;
    }
    if (seen.has(n.id)) throw new InputError('config', `network ${JSON.stringify(n.id)} is defined twice`);
    seen.add(n.id);
    out.push(n);
  }
  return out;
}

/** The networks named by `--networks`, in the order of `known`. */
export function selectNetworks(ids: readonly string[], known: readonly Network[]): Network[] {
  const byId = new Map(known.map((n) => [n.id, n]));
  for (const id of ids)
    if (!byId.has(id))
      throw new InputError('--networks', `unknown network ${JSON.stringify(id)}; known: ${known.map((n) => n.id).join(', ')}`);
  const wanted = new Set(ids);
  return known.filter((n) => wanted.has(n.id));
}
