import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type Address,
  type Chain,
  type Hash,
  type PublicClient,
  type Transport,
  type WalletClient,
  type Account,
  type TransactionReceipt,
} from 'viem';
import { RestoreScanError } from '../../errors.js';
import { MULTICALL3_PRESIGNED } from './multicall3-presigned.js';

/** Any EVM JSON-RPC node the harness can build a world on (an AnvilNode is one). */
export interface EvmNode {
  readonly url: string;
  readonly chainId: number;
}

export interface EvmClients {
  readonly chain: Chain;
  readonly publicClient: PublicClient<Transport, Chain>;
  /** Sends from the node's first unlocked dev account (anvil's funded accounts): the faucet. */
  readonly faucetClient: WalletClient<Transport, Chain, Account>;
  readonly faucet: Address;
}

/** Local nodes mine at once; viem's default 4 s polling would dominate every test. */
const POLLING_MS = 20;

/** A viem chain for a local node; Multicall3 is declared at its canonical address (deploy it first). */
export function localChain(node: EvmNode): Chain {
  return defineChain({
    id: node.chainId,
    name: `local-${node.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [node.url] } },
    contracts: { multicall3: { address: MULTICALL3_PRESIGNED.address } },
  });
}

const cache = new WeakMap<EvmNode, Promise<EvmClients>>();

async function createClients(node: EvmNode): Promise<EvmClients> {
  const chain = localChain(node);
  const transport = http(node.url);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: POLLING_MS });
  const [faucet] = await createWalletClient({ chain, transport }).getAddresses();
  if (faucet === undefined) {
    throw new RestoreScanError('INTERNAL', `node ${node.url} has no unlocked dev account to use as faucet`);
  }
  const faucetClient = createWalletClient({ chain, transport, account: faucet, pollingInterval: POLLING_MS });
  return Object.freeze({ chain, publicClient, faucetClient, faucet });
}

/** viem clients for a node, created once per node object. */
export function evmClients(node: EvmNode): Promise<EvmClients> {
  let clients = cache.get(node);
  if (clients === undefined) {
    clients = createClients(node);
    cache.set(node, clients);
    clients.catch(() => cache.delete(node)); // a node that was not up yet may be retried
  }
  return clients;
}

/** Waits for the receipt and insists the transaction succeeded. `what` names it in errors. */
export async function confirm(publicClient: PublicClient, hash: Hash, what: string): Promise<TransactionReceipt> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: POLLING_MS, timeout: 30_000 });
  if (receipt.status !== 'success') {
    throw new RestoreScanError('INTERNAL', `${what} reverted`, { details: `transaction ${hash}` });
  }
  return receipt;
}
