import {
  createWalletClient,
  getAddress,
  http,
  isAddress,
  numberToHex,
  type Address,
  type Hash,
  type Hex,
  type TransactionReceipt,
} from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { InputError, RestoreScanError } from '../../errors.js';
import { loadArtifact } from './artifacts.js';
import { confirm, evmClients, type EvmNode } from './clients.js';
import { jsonRpc } from './json-rpc.js';
import { testErc1155Abi, testErc20Abi, testErc721Abi } from './token-abis.js';

// Scenario building by real transactions: the faucet (the node's first funded dev account) deploys, funds and
// mints; addresses whose keys the test supplies send things away. Every helper waits for its receipt.

export interface TokenContracts {
  readonly erc20: Address;
  readonly erc721: Address;
  readonly erc1155: Address;
}

export interface TokenOptions {
  readonly erc20?: { readonly name: string; readonly symbol: string; readonly decimals: number };
  readonly erc721?: { readonly name: string; readonly symbol: string; readonly baseURI: string };
  readonly erc1155?: { readonly uri: string };
}

export const DEFAULT_TOKENS = Object.freeze({
  erc20: Object.freeze({ name: 'Test Dollar', symbol: 'TUSD', decimals: 6 }),
  erc721: Object.freeze({ name: 'Test Kittens', symbol: 'TKIT', baseURI: 'https://nft.invalid/kittens/' }),
  erc1155: Object.freeze({ uri: 'https://nft.invalid/items/{id}.json' }),
});

export interface TxResult {
  readonly hash: Hash;
  readonly blockNumber: bigint;
  /** What the sender paid for gas (gasUsed × effectiveGasPrice), to compute expected balances. */
  readonly fee: bigint;
}

/** Something an address with a known key sends away (so it can have history and end empty). */
export type OutgoingAsset =
  | { readonly kind: 'native'; readonly amount: bigint | 'all' }
  | { readonly kind: 'erc20'; readonly token: Address; readonly amount: bigint }
  | { readonly kind: 'erc721'; readonly token: Address; readonly tokenId: bigint }
  | { readonly kind: 'erc1155'; readonly token: Address; readonly id: bigint; readonly amount: bigint }
  | { readonly kind: 'erc1155-batch'; readonly token: Address; readonly ids: readonly bigint[]; readonly amounts: readonly bigint[] };

export interface TransferOutRequest {
  /** Key of the sending (derived) address. Test/demo data only; never logged or put in an error. */
  readonly privateKey: Hex;
  readonly to: Address;
  readonly asset: OutgoingAsset;
}

// Work queued under one key runs one call at a time: a sender's transactions on one node are sent in order
// (nonces), while waiting for their confirmations may overlap.
const sendQueues = new Map<string, Promise<unknown>>();

async function inTurn<T>(key: string, send: () => Promise<T>): Promise<T> {
  const previous = sendQueues.get(key) ?? Promise.resolve();
  const mine = previous.then(send, send);
  const tail = mine.catch(() => undefined);
  sendQueues.set(key, tail);
  void tail.then(() => {
    if (sendQueues.get(key) === tail) sendQueues.delete(key);
  });
  return mine;
}

function result(receipt: TransactionReceipt): TxResult {
  return Object.freeze({
    hash: receipt.transactionHash,
    blockNumber: receipt.blockNumber,
    fee: receipt.gasUsed * receipt.effectiveGasPrice,
  });
}

function checkAddress(where: string, value: string): Address {
  if (!isAddress(value, { strict: false })) throw new InputError(where, `not an EVM address: ${value}`);
  return getAddress(value);
}

function checkAmount(where: string, name: string, value: bigint): void {
  if (value < 0n) throw new InputError(where, `${name} must not be negative, got ${value}`);
}

/** Sends one faucet transaction (queued per node) and waits for it to succeed. */
async function fromFaucet(node: EvmNode, what: string, send: () => Promise<Hash>): Promise<TransactionReceipt> {
  const { publicClient, faucet } = await evmClients(node);
  const hash = await inTurn(`${node.url}|${faucet}`, send);
  return confirm(publicClient, hash, what);
}

async function deployContract(node: EvmNode, what: string, send: () => Promise<Hash>): Promise<Address> {
  const receipt = await fromFaucet(node, `deploying ${what}`, send);
  if (receipt.contractAddress == null) throw new RestoreScanError('INTERNAL', `deploying ${what} created no contract`);
  return getAddress(receipt.contractAddress);
}

/** Deploys the fixture ERC-20, ERC-721 and ERC-1155 (from fixtures/contracts/artifacts) from the faucet. */
export async function deployTokens(node: EvmNode, options: TokenOptions = {}): Promise<TokenContracts> {
  const erc20 = options.erc20 ?? DEFAULT_TOKENS.erc20;
  const erc721 = options.erc721 ?? DEFAULT_TOKENS.erc721;
  const erc1155 = options.erc1155 ?? DEFAULT_TOKENS.erc1155;
  if (!Number.isInteger(erc20.decimals) || erc20.decimals < 0 || erc20.decimals > 255) {
    throw new InputError('deployTokens', `erc20.decimals must be an integer 0…255, got ${erc20.decimals}`);
  }
  const { faucetClient } = await evmClients(node);
  const deploy = (name: 'TestERC20' | 'TestERC721' | 'TestERC1155', args: readonly unknown[]) => {
    const { abi, bytecode } = loadArtifact(name);
    return deployContract(node, name, () => faucetClient.deployContract({ abi, bytecode, args: [...args] }));
  };
  // One after another: the faucet's nonces are assigned in order anyway.
  return Object.freeze({
    erc20: await deploy('TestERC20', [erc20.name, erc20.symbol, erc20.decimals]),
    erc721: await deploy('TestERC721', [erc721.name, erc721.symbol, erc721.baseURI]),
    erc1155: await deploy('TestERC1155', [erc1155.uri]),
  });
}

/** Sends `wei` of the native coin from the faucet to `to` (a plain value transfer). */
export async function fund(node: EvmNode, to: Address, wei: bigint): Promise<TxResult> {
  const recipient = checkAddress('fund', to);
  checkAmount('fund', 'wei', wei);
  const { faucetClient } = await evmClients(node);
  return result(await fromFaucet(node, `funding ${recipient}`, () => faucetClient.sendTransaction({ to: recipient, value: wei })));
}

/** Mints ERC-20 to `to`: a Transfer log from the zero address. */
export async function mintErc20(node: EvmNode, token: Address, to: Address, amount: bigint): Promise<TxResult> {
  const recipient = checkAddress('mintErc20', to);
  checkAmount('mintErc20', 'amount', amount);
  const { faucetClient } = await evmClients(node);
  return result(
    await fromFaucet(node, `minting ERC-20 to ${recipient}`, () =>
      faucetClient.writeContract({ address: token, abi: testErc20Abi, functionName: 'mint', args: [recipient, amount] }),
    ),
  );
}

/** Transfers ERC-20 from the faucet to `to` (a Transfer log from the faucet), minting to the faucet first if short. */
export async function sendErc20(node: EvmNode, token: Address, to: Address, amount: bigint): Promise<TxResult> {
  const recipient = checkAddress('sendErc20', to);
  checkAmount('sendErc20', 'amount', amount);
  const { publicClient, faucetClient, faucet } = await evmClients(node);
  // Whole check-mint-transfer in turn, so parallel calls cannot both count on the same faucet balance.
  return inTurn(`${node.url}|${token}|sendErc20`, async () => {
    const held = await publicClient.readContract({ address: token, abi: testErc20Abi, functionName: 'balanceOf', args: [faucet] });
    if (held < amount) await mintErc20(node, token, faucet, amount - held);
    return result(
      await fromFaucet(node, `sending ERC-20 to ${recipient}`, () =>
        faucetClient.writeContract({ address: token, abi: testErc20Abi, functionName: 'transfer', args: [recipient, amount] }),
      ),
    );
  });
}

/** Mints ERC-721 token `tokenId` to `to`. */
export async function mintNft(node: EvmNode, nft: Address, to: Address, tokenId: bigint): Promise<TxResult> {
  const recipient = checkAddress('mintNft', to);
  checkAmount('mintNft', 'tokenId', tokenId);
  const { faucetClient } = await evmClients(node);
  return result(
    await fromFaucet(node, `minting NFT ${tokenId} to ${recipient}`, () =>
      faucetClient.writeContract({ address: nft, abi: testErc721Abi, functionName: 'mint', args: [recipient, tokenId] }),
    ),
  );
}

/** Mints `amount` of ERC-1155 id `id` to `to`: a TransferSingle log. */
export async function mint1155(node: EvmNode, token: Address, to: Address, id: bigint, amount: bigint): Promise<TxResult> {
  const recipient = checkAddress('mint1155', to);
  checkAmount('mint1155', 'id', id);
  checkAmount('mint1155', 'amount', amount);
  const { faucetClient } = await evmClients(node);
  return result(
    await fromFaucet(node, `minting ERC-1155 id ${id} to ${recipient}`, () =>
      faucetClient.writeContract({ address: token, abi: testErc1155Abi, functionName: 'mint', args: [recipient, id, amount] }),
    ),
  );
}

/** Mints several ERC-1155 ids to `to` in one call: a TransferBatch log. */
export async function mint1155Batch(
  node: EvmNode,
  token: Address,
  to: Address,
  ids: readonly bigint[],
  amounts: readonly bigint[],
): Promise<TxResult> {
  const recipient = checkAddress('mint1155Batch', to);
  if (ids.length !== amounts.length) throw new InputError('mint1155Batch', `${ids.length} ids but ${amounts.length} amounts`);
  for (const value of [...ids, ...amounts]) checkAmount('mint1155Batch', 'ids and amounts', value);
  const { faucetClient } = await evmClients(node);
  return result(
    await fromFaucet(node, `minting an ERC-1155 batch to ${recipient}`, () =>
      faucetClient.writeContract({
        address: token,
        abi: testErc1155Abi,
        functionName: 'mintBatch',
        args: [recipient, [...ids], [...amounts]],
      }),
    ),
  );
}

/**
 * Sends an asset away from an address whose private key the test supplies (a derived address), by a signed
 * transaction. `{ kind: 'native', amount: 'all' }` sweeps the whole balance (a legacy transaction, so the fee
 * is exactly 21000 × gasPrice) and checks the address ends at zero: send it last, after the others settled.
 */
export async function transferOut(node: EvmNode, request: TransferOutRequest): Promise<TxResult> {
  const where = 'transferOut';
  const to = checkAddress(where, request.to);
  let account: PrivateKeyAccount;
  try {
    account = privateKeyToAccount(request.privateKey);
  } catch {
    throw new InputError(where, 'privateKey is not a 32-byte hex private key'); // never echo it
  }
  const { chain, publicClient } = await evmClients(node);
  const wallet = createWalletClient({ chain, transport: http(node.url), account });
  const from = account.address;
  const asset = request.asset;
  const send = async (): Promise<Hash> => {
    switch (asset.kind) {
      case 'native': {
        if (asset.amount !== 'all') {
          checkAmount(where, 'amount', asset.amount);
          return wallet.sendTransaction({ to, value: asset.amount });
        }
        const [balance, gasPrice] = await Promise.all([publicClient.getBalance({ address: from }), publicClient.getGasPrice()]);
        const fee = 21_000n * gasPrice;
        if (balance <= fee) throw new RestoreScanError('INTERNAL', `${from} holds ${balance} wei, not more than the ${fee} wei fee`);
        return wallet.sendTransaction({ to, value: balance - fee, gas: 21_000n, gasPrice, type: 'legacy' });
      }
      case 'erc20':
        checkAmount(where, 'amount', asset.amount);
        return wallet.writeContract({ address: asset.token, abi: testErc20Abi, functionName: 'transfer', args: [to, asset.amount] });
      case 'erc721':
        return wallet.writeContract({
          address: asset.token,
          abi: testErc721Abi,
          functionName: 'safeTransferFrom',
          args: [from, to, asset.tokenId],
        });
      case 'erc1155':
        checkAmount(where, 'amount', asset.amount);
        return wallet.writeContract({
          address: asset.token,
          abi: testErc1155Abi,
          functionName: 'safeTransferFrom',
          args: [from, to, asset.id, asset.amount, '0x'],
        });
      case 'erc1155-batch':
        if (asset.ids.length !== asset.amounts.length) {
          throw new InputError(where, `${asset.ids.length} ids but ${asset.amounts.length} amounts`);
        }
        return wallet.writeContract({
          address: asset.token,
          abi: testErc1155Abi,
          functionName: 'safeBatchTransferFrom',
          args: [from, to, [...asset.ids], [...asset.amounts], '0x'],
        });
    }
  };
  const hash = await inTurn(`${node.url}|${from}`, send);
  const receipt = await confirm(publicClient, hash, `${asset.kind} transfer out of ${from}`);
  if (asset.kind === 'native' && asset.amount === 'all') {
    const left = await publicClient.getBalance({ address: from });
    if (left !== 0n) throw new RestoreScanError('INTERNAL', `sweeping ${from} left ${left} wei`);
  }
  return result(receipt);
}

/** Mines `blocks` empty blocks at once (anvil_mine), e.g. to spread activity over a block range. */
export async function mine(node: EvmNode, blocks = 1): Promise<void> {
  if (!Number.isSafeInteger(blocks) || blocks < 1) throw new InputError('mine', `blocks must be a positive integer, got ${blocks}`);
  await jsonRpc(node.url, 'anvil_mine', [numberToHex(blocks)]);
}
