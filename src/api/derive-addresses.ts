import { NETWORKS } from '../chains/networks.js';
import { encodeAddress, payloadFromPublicKey, scriptFitsNetwork } from '../chains/address.js';
import type { Network, ScriptType } from '../chains/types.js';
import { InputError } from '../errors.js';
import type { ExportedKey, KeySet } from '../keys/types.js';
import { formatPath, HARDENED, isHardened, parsePath, startsWith } from '../paths/derivation-path.js';
import { getScheme, groupBySeed, planAccount, schemeAppliesTo } from '../paths/index.js';
import { derive, type DerivedAddress } from '../workers/derive.js';
import type { DerivePool } from '../workers/pool.js';
import { applySteps } from '../workers/derive-task.js';

export interface DeriveAddressesOptions {
  network: string;
  /** A catalog scheme (with `account` and `change`), or… */
  scheme?: string;
  account?: number;
  change?: number;
  /** …a path below an exported key (`m/84'/0'/0'/0`): addresses are path/from … path/from+count−1. */
  path?: string;
  /** Script type for `path` (default: from the purpose, the key's SLIP-0132 version, or the network). */
  script?: ScriptType;
  from?: number;
  count?: number;
  pool?: DerivePool;
  signal?: AbortSignal;
}

const PURPOSE_SCRIPT: Readonly<Record<number, ScriptType>> = { 44: 'p2pkh', 49: 'p2sh-p2wpkh', 84: 'p2wpkh', 86: 'p2tr' };

function defaultScript(network: Network, path: readonly number[], key: ExportedKey): ScriptType {
  if (network.family === 'evm') return 'evm';
  if (network.family === 'tron') return 'tron';
  if (network.family === 'solana') return 'solana';
  const purpose = path[0] !== undefined && isHardened(path[0]) ? PURPOSE_SCRIPT[path[0] - HARDENED] : undefined;
  return purpose ?? key.scriptHint ?? 'p2pkh';
}

/**
 * Addresses of an input (CONTRACT §1 `derive`): by scheme (the catalog says the path and script) or by path.
 * A key for the path must be in the input; a hardened step below it is an error naming what to export.
 */
export async function deriveAddresses(keySet: KeySet, o: DeriveAddressesOptions): Promise<DerivedAddress[]> {
  const network = NETWORKS[o.network];
  if (!network) throw new InputError('--network', `unknown network ${JSON.stringify(o.network)}`, { hint: `known networks: ${Object.keys(NETWORKS).join(', ')}` });
  const from = o.from ?? 0;
  const count = o.count ?? 20;
  if ((o.scheme === undefined) === (o.path === undefined)) throw new InputError('derive', 'give exactly one of --scheme or --path', { code: 'USAGE' });

  if (o.scheme !== undefined) {
    const scheme = getScheme(o.scheme);
    if (!schemeAppliesTo(scheme, network)) throw new InputError('--scheme', `${scheme.id} is not used on ${network.id} (its networks: ${scheme.networks.join(', ')})`);
    if (scheme.uncheckable) throw new InputError('--scheme', `${scheme.id} cannot be derived from public keys (${scheme.uncheckable})`);
    const account = o.account ?? 0;
    let plan: ReturnType<typeof planAccount> | undefined;
    for (const keys of groupBySeed(keySet.keys).values()) {
      const p = planAccount(keys, scheme, network, account);
      if (p.complete) {
        plan = p;
        break;
      }
      plan ??= p;
    }
    const target = plan?.targets.find((t) => !t.partial) ?? plan?.targets[0];
    if (!plan || !target)
      throw new InputError('--scheme', `the input has no key for ${scheme.id} account ${account} on ${network.id}`, { hint: `export ${plan?.accountPath ?? 'its account path'} from the card` });
    const branch = target.branches ? (o.change ?? target.branches[0]!) : undefined;
    if (branch !== undefined && !target.branches!.includes(branch)) throw new InputError('--change', `${scheme.id} has branches ${target.branches!.join(', ')}`);
    const steps = [...target.derivationFromKey, ...(branch === undefined ? [] : [branch])];
    if (target.addressIndex !== 'gap') return [single(target.key, network, target.script, target.addressIndex === null ? steps : [...steps, target.addressIndex])];
    if (!target.key.chainCode) throw new InputError('--scheme', `the key at ${formatPath(target.key.path)} has no chain code`);
    return derive({ key: { publicKey: target.key.publicKey, chainCode: target.key.chainCode, path: target.key.path }, path: steps, script: target.script, network, from, count, ...(o.pool && { pool: o.pool }), ...(o.signal && { signal: o.signal }) });
  }

  const path = parsePath(o.path!, '--path');
  const keys = keySet.keys.filter((k) => startsWith(path, k.path));
  const exact = keys.find((k) => k.path.length === path.length);
  if (network.family === 'solana') {
    if (!exact || exact.curve !== 'ed25519') throw new InputError('--path', `no ed25519 key at ${formatPath(path)} in the input (Solana keys cannot be derived below an export)`);
    return [single(exact, network, 'solana', [])];
  }
  const usable = keys.filter((k) => k.curve === 'secp256k1' && k.chainCode && path.slice(k.path.length).every((n) => !isHardened(n)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!usable) {
    const firstHardened = path.findLastIndex((n) => isHardened(n));
    throw new InputError('--path', `no exported key reaches ${formatPath(path)}`, { hint: `export ${formatPath(path.slice(0, firstHardened + 1))} from the card` });
  }
  const script = o.script ?? defaultScript(network, path, usable);
  if (!scriptFitsNetwork(script, network)) throw new InputError('--script', `${script} addresses do not exist on ${network.id}`);
  return derive({ key: { publicKey: usable.publicKey, chainCode: usable.chainCode!, path: usable.path }, path: path.slice(usable.path.length), script, network, from, count, ...(o.pool && { pool: o.pool }), ...(o.signal && { signal: o.signal }) });
}

function single(key: ExportedKey, network: Network, script: ScriptType, steps: readonly number[]): DerivedAddress {
  let publicKey = key.publicKey;
  if (steps.length > 0) {
    if (!key.chainCode) throw new InputError('derive', `the key at ${formatPath(key.path)} has no chain code to derive ${formatPath([...key.path, ...steps])}`);
    // One address: a slow path is fine.
    publicKey = derivedPublicKey(key, steps);
  }
  return { index: steps.at(-1) ?? 0, path: formatPath([...key.path, ...steps]), address: encodeAddress(network, script, payloadFromPublicKey(script, publicKey)) };
}

const derivedPublicKey = (key: ExportedKey, steps: readonly number[]) => applySteps({ publicKey: key.publicKey, chainCode: key.chainCode! }, steps).publicKey;
