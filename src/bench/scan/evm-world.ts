/**
 * The EVM part of the scan benchmark's world: one anvil node, funded by real transactions at chosen indices of
 * m/44'/60'/0'/0 of the "abandon … about" seed, standing in for several EVM network ids (each reaches it through
 * its own proxy, see world.ts). Every network therefore shows the same used addresses.
 */
import type { HDKey } from '@scure/bip32';
import { bytesToHex } from '@noble/hashes/utils.js';
import { privateKeyToAccount } from 'viem/accounts';
import { NETWORKS } from '../../chains/networks.js';
import { startAnvil } from '../../devnet/evm/anvil.js';
import { evmClients } from '../../devnet/evm/clients.js';
import { deployMulticall3 } from '../../devnet/evm/multicall3.js';
import { fund, transferOut } from '../../devnet/evm/world.js';

export const EVM_ACCOUNT_PATH = "m/44'/60'/0'";
/** Used indices on m/44'/60'/0'/0 unless told otherwise: the last one needs two dependent windows past the first. */
export const DEFAULT_EVM_USED: readonly number[] = Object.freeze([0, 7, 25]);

/** The default layout, or for a gap too small for it the same shape squeezed: 0, gap − 1, 2·(gap − 1). */
export const defaultEvmUsed = (gapLimit: number): readonly number[] =>
  gapLimit >= 19 ? DEFAULT_EVM_USED : [0, gapLimit - 1, 2 * (gapLimit - 1)];

/** The used addresses of the EVM branch m/44'/60'/0'/0. */
export interface EvmLayout {
  used: readonly number[];
  /** The largest used index (what the lower bound's chain term needs). */
  lastUsed: number;
}

export interface EvmWorld {
  url: string;
  chainId: number;
  layout: EvmLayout;
  close(): Promise<void>;
}

const WEI_PER_ETHER = 10n ** 18n;

/** Sorted, distinct, and no run of unused indices as long as the gap (which would end the branch early). */
export function evmLayout(used: readonly number[], gapLimit: number): EvmLayout {
  const sorted = [...new Set(used)].sort((a, b) => a - b);
  if (sorted.length === 0) throw new RangeError('evmUsed must list at least one index');
  let previous = -1;
  for (const index of sorted) {
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`evmUsed: ${index} is not an address index`);
    if (index - previous - 1 >= gapLimit)
      throw new RangeError(`evmUsed: ${index - previous - 1} unused addresses before index ${index} would end the branch (gap ${gapLimit})`);
    previous = index;
  }
  return Object.freeze({ used: Object.freeze(sorted), lastUsed: previous });
}

export async function buildEvmWorld(root: HDKey, options: { networks: readonly string[]; used?: readonly number[] | undefined; gapLimit: number }): Promise<EvmWorld> {
  const layout = evmLayout(options.used ?? defaultEvmUsed(options.gapLimit), options.gapLimit);
  const first = NETWORKS[options.networks[0] ?? ''];
  if (first?.family !== 'evm') throw new RangeError('buildEvmWorld needs at least one EVM network id');
  // The node carries the first network's chain id, so that one network runs the full eth_chainId check.
  const node = await startAnvil({ chainId: first.chainId });
  try {
    await deployMulticall3(node);
    const { faucet } = await evmClients(node);
    // Sent one after another: they all come from the faucet (nonces).
    for (const [k, index] of layout.used.entries()) {
      const key = root.derive(`${EVM_ACCOUNT_PATH}/0/${index}`).privateKey;
      if (!key) throw new RangeError('the bench seed must derive private keys');
      const privateKey = `0x${bytesToHex(key)}` as const;
      await fund(node, privateKeyToAccount(privateKey).address, WEI_PER_ETHER / 10n + BigInt(index));
      // Every third address sends everything back: history (a nonce), no balance.
      if (k % 3 === 2) await transferOut(node, { privateKey, to: faucet, asset: { kind: 'native', amount: 'all' } });
    }
  } catch (err) {
    await node.stop();
    throw err;
  }
  return { url: node.url, chainId: node.chainId, layout, close: () => node.stop() };
}
