import {
  decodeEventLog,
  decodeFunctionResult,
  encodeFunctionData,
  erc1155Abi,
  erc20Abi,
  erc721Abi,
  keccak256,
  multicall3Abi,
  pad,
  parseAbi,
  parseEther,
  toHex,
  type Address,
  type Hex,
  type Log,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { startAnvilNetworks, type AnvilNetwork, type AnvilNetworks } from '../../src/devnet/evm/anvil.js';
import { evmClients } from '../../src/devnet/evm/clients.js';
import { deployMulticall3, MULTICALL3_ADDRESS, type Multicall3Deployment } from '../../src/devnet/evm/multicall3.js';
import { MULTICALL3_PRESIGNED } from '../../src/devnet/evm/multicall3-presigned.js';
import {
  deployTokens,
  fund,
  mint1155,
  mint1155Batch,
  mintErc20,
  mintNft,
  sendErc20,
  transferOut,
  type TokenContracts,
} from '../../src/devnet/evm/world.js';
import { processGone } from './process-gone.js';

const erc165Abi = parseAbi(['function supportsInterface(bytes4 interfaceId) view returns (bool)']);

// Event topics, computed from the standard signatures (not copied from the contracts).
const TRANSFER = keccak256(toHex('Transfer(address,address,uint256)'));
const TRANSFER_SINGLE = keccak256(toHex('TransferSingle(address,address,address,uint256,uint256)'));
const TRANSFER_BATCH = keccak256(toHex('TransferBatch(address,address,address,uint256[],uint256[])'));

// Derived-address stand-ins: keys known to the test only, so they can send things away.
const aliceKey = keccak256(toHex('restore-scan evm-servers alice'));
const bobKey = keccak256(toHex('restore-scan evm-servers bob'));
const alice = privateKeyToAccount(aliceKey).address;
const bob = privateKeyToAccount(bobKey).address; // ends with zero balances but has history

const SPECS = [
  { name: 'l1', chainId: 1337, decimals: 18, symbol: 'L1T' },
  { name: 'l2-a', chainId: 4201, decimals: 6, symbol: 'L2A' },
  { name: 'l2-b', chainId: 4202, decimals: 8, symbol: 'L2B' },
] as const;
const BASE_URI = 'https://nft.invalid/kittens/';
const ITEM_URI = 'https://nft.invalid/items/{id}.json';

interface ChainWorld {
  readonly network: AnvilNetwork;
  readonly spec: (typeof SPECS)[number];
  readonly multicall: Multicall3Deployment;
  readonly tokens: TokenContracts;
  readonly sweptToAlice: bigint;
}

/** The same story on every chain: alice collects, bob receives, sends everything to alice and ends empty. */
async function buildWorld(network: AnvilNetwork, spec: (typeof SPECS)[number]): Promise<ChainWorld> {
  const multicall = await deployMulticall3(network);
  const tokens = await deployTokens(network, {
    erc20: { name: `Token ${spec.symbol}`, symbol: spec.symbol, decimals: spec.decimals },
    erc721: { name: 'Kittens', symbol: 'KIT', baseURI: BASE_URI },
    erc1155: { uri: ITEM_URI },
  });
  await fund(network, alice, parseEther('1'));
  await mintErc20(network, tokens.erc20, alice, 1_000_000n);
  await sendErc20(network, tokens.erc20, alice, 250_000n);
  await mintNft(network, tokens.erc721, alice, 7n);
  await mint1155(network, tokens.erc1155, alice, 3n, 5n);
  await mint1155Batch(network, tokens.erc1155, alice, [1n, 2n], [10n, 20n]);

  await fund(network, bob, parseEther('0.01'));
  await sendErc20(network, tokens.erc20, bob, 100n);
  await mintNft(network, tokens.erc721, bob, 8n);
  await mint1155(network, tokens.erc1155, bob, 4n, 2n);
  await transferOut(network, { privateKey: bobKey, to: alice, asset: { kind: 'erc20', token: tokens.erc20, amount: 100n } });
  await transferOut(network, { privateKey: bobKey, to: alice, asset: { kind: 'erc721', token: tokens.erc721, tokenId: 8n } });
  await transferOut(network, { privateKey: bobKey, to: alice, asset: { kind: 'erc1155', token: tokens.erc1155, id: 4n, amount: 2n } });
  const sweep = await transferOut(network, { privateKey: bobKey, to: alice, asset: { kind: 'native', amount: 'all' } });
  const { publicClient } = await evmClients(network);
  const sweptToAlice = (await publicClient.getTransaction({ hash: sweep.hash })).value;
  return { network, spec, multicall, tokens, sweptToAlice };
}

async function getLogs(network: AnvilNetwork, topics: readonly (Hex | Hex[] | null)[]): Promise<Log[]> {
  const { publicClient } = await evmClients(network);
  // Plain eth_getLogs, as an indexer-less scanner would send it.
  return publicClient.request({ method: 'eth_getLogs', params: [{ fromBlock: '0x0', toBlock: 'latest', topics: [...topics] }] });
}

let networks: AnvilNetworks;
let worlds: ChainWorld[];

beforeAll(async () => {
  networks = await startAnvilNetworks(SPECS.map(({ name, chainId }) => ({ name, chainId })));
  worlds = await Promise.all(SPECS.map((spec) => buildWorld(networks.get(spec.name), spec)));
});

afterAll(async () => {
  await networks?.stop();
});

describe('three local EVM networks built by real transactions', () => {
  it('are distinct chains on distinct ports', async () => {
    const ids = await Promise.all(worlds.map(async (w) => (await evmClients(w.network)).publicClient.getChainId()));
    expect(ids).toEqual(SPECS.map((s) => s.chainId));
    expect(new Set(worlds.map((w) => w.network.port)).size).toBe(3);
  });

  it('have the canonical Multicall3 (deployed by the presigned transaction)', async () => {
    for (const { network, multicall } of worlds) {
      expect(multicall.address).toBe(MULTICALL3_ADDRESS);
      expect(multicall.codeHash).toBe(MULTICALL3_PRESIGNED.runtimeCodeHash);
      expect(multicall.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
      const { publicClient } = await evmClients(network);
      const receipt = await publicClient.getTransactionReceipt({ hash: multicall.transactionHash! });
      expect(receipt.from.toLowerCase()).toBe(MULTICALL3_PRESIGNED.deployer.toLowerCase());
      // A second call finds it and does not try again.
      expect((await deployMulticall3(network)).transactionHash).toBeUndefined();
    }
  });

  it('hold the expected native and ERC-20 balances; bob ends empty but with history', async () => {
    for (const { network, spec, tokens, sweptToAlice } of worlds) {
      const { publicClient } = await evmClients(network);
      expect(await publicClient.getBalance({ address: alice })).toBe(parseEther('1') + sweptToAlice);
      expect(sweptToAlice).toBeGreaterThan(0n);
      expect(await publicClient.getBalance({ address: bob })).toBe(0n);
      expect(await publicClient.getTransactionCount({ address: bob })).toBe(4);
      const read = (address: Address) =>
        publicClient.readContract({ address: tokens.erc20, abi: erc20Abi, functionName: 'balanceOf', args: [address] });
      expect(await read(alice)).toBe(1_250_100n);
      expect(await read(bob)).toBe(0n);
      expect(await publicClient.readContract({ address: tokens.erc20, abi: erc20Abi, functionName: 'decimals' })).toBe(spec.decimals);
      expect(await publicClient.readContract({ address: tokens.erc20, abi: erc20Abi, functionName: 'symbol' })).toBe(spec.symbol);
      expect(await publicClient.readContract({ address: tokens.erc20, abi: erc20Abi, functionName: 'totalSupply' })).toBe(1_250_100n);
    }
  });

  it('answer aggregate3 with getEthBalance and token calls (an EOA target gives success with empty data)', async () => {
    for (const { network, tokens } of worlds) {
      const { publicClient } = await evmClients(network);
      const ethBalance = (address: Address) => ({
        target: MULTICALL3_ADDRESS,
        allowFailure: true,
        callData: encodeFunctionData({ abi: multicall3Abi, functionName: 'getEthBalance', args: [address] }),
      });
      const erc20Balance = encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [alice] });
      const results = await publicClient.readContract({
        address: MULTICALL3_ADDRESS,
        abi: multicall3Abi,
        functionName: 'aggregate3',
        args: [
          [
            ethBalance(alice),
            ethBalance(bob),
            { target: tokens.erc20, allowFailure: true, callData: erc20Balance },
            { target: alice, allowFailure: true, callData: erc20Balance }, // an EOA
          ],
        ],
      });
      const [aliceEth, bobEth, aliceErc20, eoa] = results;
      const decodeBalance = (returnData: Hex) =>
        decodeFunctionResult({ abi: multicall3Abi, functionName: 'getEthBalance', data: returnData });
      expect(aliceEth?.success).toBe(true);
      expect(decodeBalance(aliceEth!.returnData)).toBe(await publicClient.getBalance({ address: alice }));
      expect(decodeBalance(bobEth!.returnData)).toBe(0n);
      expect(decodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', data: aliceErc20!.returnData })).toBe(1_250_100n);
      expect(eoa).toEqual({ success: true, returnData: '0x' });
    }
  });

  it('return Transfer logs filtered by an address in topic2 (incoming) and topic1 (outgoing)', async () => {
    for (const { network, tokens } of worlds) {
      const incoming = await getLogs(network, [TRANSFER, null, pad(alice.toLowerCase() as Hex)]);
      const erc20In = incoming.filter((log) => log.address.toLowerCase() === tokens.erc20.toLowerCase());
      const erc721In = incoming.filter((log) => log.address.toLowerCase() === tokens.erc721.toLowerCase());
      expect(incoming).toHaveLength(5); // ERC-20 mint, faucet transfer, from bob; ERC-721 mint 7, from bob 8
      expect(erc20In.map((log) => log.topics.length)).toEqual([3, 3, 3]);
      const erc20Values = erc20In.map((log) => decodeEventLog({ abi: erc20Abi, ...log, eventName: 'Transfer' }).args);
      expect(erc20Values.map((a) => [a.from, a.value])).toEqual([
        ['0x0000000000000000000000000000000000000000', 1_000_000n],
        [(await evmClients(network)).faucet, 250_000n],
        [bob, 100n],
      ]);
      expect(erc721In.map((log) => [log.topics.length, log.data])).toEqual([
        [4, '0x'],
        [4, '0x'],
      ]);
      expect(erc721In.map((log) => BigInt(log.topics[3]!))).toEqual([7n, 8n]);

      const outgoing = await getLogs(network, [TRANSFER, pad(bob.toLowerCase() as Hex)]);
      expect(outgoing.map((log) => log.address.toLowerCase())).toEqual([tokens.erc20.toLowerCase(), tokens.erc721.toLowerCase()]);
    }
  });

  it('return TransferSingle and TransferBatch logs filtered by an address in topic3 (to) and topic2 (from)', async () => {
    for (const { network } of worlds) {
      const incoming = await getLogs(network, [[TRANSFER_SINGLE, TRANSFER_BATCH], null, null, pad(alice.toLowerCase() as Hex)]);
      const decoded = incoming.map((log) => decodeEventLog({ abi: erc1155Abi, data: log.data, topics: log.topics }));
      expect(decoded.map((d) => d.eventName)).toEqual(['TransferSingle', 'TransferBatch', 'TransferSingle']);
      expect(decoded[0]!.args).toMatchObject({ from: '0x0000000000000000000000000000000000000000', to: alice, id: 3n, value: 5n });
      expect(decoded[1]!.args).toMatchObject({ to: alice, ids: [1n, 2n], values: [10n, 20n] });
      expect(decoded[2]!.args).toMatchObject({ operator: bob, from: bob, to: alice, id: 4n, value: 2n });

      const outgoing = await getLogs(network, [[TRANSFER_SINGLE, TRANSFER_BATCH], null, pad(bob.toLowerCase() as Hex)]);
      expect(outgoing).toHaveLength(1);
    }
  });

  it('answer ERC-721 ownerOf, tokenURI, balanceOf and supportsInterface', async () => {
    for (const { network, tokens } of worlds) {
      const { publicClient } = await evmClients(network);
      const nft = { address: tokens.erc721, abi: erc721Abi } as const;
      expect(await publicClient.readContract({ ...nft, functionName: 'ownerOf', args: [7n] })).toBe(alice);
      expect(await publicClient.readContract({ ...nft, functionName: 'ownerOf', args: [8n] })).toBe(alice);
      expect(await publicClient.readContract({ ...nft, functionName: 'tokenURI', args: [7n] })).toBe(`${BASE_URI}7`);
      expect(await publicClient.readContract({ ...nft, functionName: 'balanceOf', args: [alice] })).toBe(2n);
      expect(await publicClient.readContract({ ...nft, functionName: 'balanceOf', args: [bob] })).toBe(0n);
      await expect(publicClient.readContract({ ...nft, functionName: 'ownerOf', args: [9n] })).rejects.toThrow();
      const supports = (id: Hex) =>
        publicClient.readContract({ address: tokens.erc721, abi: erc165Abi, functionName: 'supportsInterface', args: [id] });
      const interfaces: Hex[] = ['0x01ffc9a7', '0x80ac58cd', '0x5b5e139f', '0xffffffff'];
      const answers = await Promise.all(interfaces.map(supports));
      expect(answers).toEqual([true, true, true, false]); // ERC-165, ERC-721, metadata, the reserved invalid id
    }
  });

  it('answer ERC-1155 balanceOf, balanceOfBatch, uri and supportsInterface', async () => {
    for (const { network, tokens } of worlds) {
      const { publicClient } = await evmClients(network);
      const items = { address: tokens.erc1155, abi: erc1155Abi } as const;
      const balances = await publicClient.readContract({
        ...items,
        functionName: 'balanceOfBatch',
        args: [
          [alice, alice, alice, alice, bob],
          [1n, 2n, 3n, 4n, 4n],
        ],
      });
      expect(balances).toEqual([10n, 20n, 5n, 2n, 0n]);
      expect(await publicClient.readContract({ ...items, functionName: 'balanceOf', args: [alice, 3n] })).toBe(5n);
      expect(await publicClient.readContract({ ...items, functionName: 'uri', args: [1n] })).toBe(ITEM_URI);
      expect(await publicClient.readContract({ ...items, functionName: 'supportsInterface', args: ['0xd9b67a26'] })).toBe(true);
      expect(await publicClient.readContract({ ...items, functionName: 'supportsInterface', args: ['0x0e89341c'] })).toBe(true);
      expect(await publicClient.readContract({ ...items, functionName: 'supportsInterface', args: ['0x80ac58cd'] })).toBe(false);
    }
  });

  it('queues parallel faucet sends, batch-transfers out, and refuses bad input without echoing keys', async () => {
    const { network, tokens } = worlds[2]!;
    const { publicClient } = await evmClients(network);
    const carolKey = keccak256(toHex('restore-scan evm-servers carol'));
    const carol = privateKeyToAccount(carolKey).address;
    const funded = await Promise.all([1n, 2n, 3n, 4n, 5n].map((wei) => fund(network, carol, wei * 10n ** 15n)));
    expect(new Set(funded.map((tx) => tx.hash)).size).toBe(5);
    expect(await publicClient.getBalance({ address: carol })).toBe(15n * 10n ** 15n);

    await mint1155Batch(network, tokens.erc1155, carol, [5n, 6n], [1n, 2n]);
    const batch = { kind: 'erc1155-batch', token: tokens.erc1155, ids: [5n, 6n], amounts: [1n, 2n] } as const;
    const sent = await transferOut(network, { privateKey: carolKey, to: alice, asset: batch });
    const [log] = await getLogs(network, [TRANSFER_BATCH, null, pad(carol.toLowerCase() as Hex), pad(alice.toLowerCase() as Hex)]);
    expect(log?.transactionHash).toBe(sent.hash);

    const badKey = '0x1234abcd' as Hex;
    const refusal = transferOut(network, { privateKey: badKey, to: alice, asset: { kind: 'native', amount: 1n } });
    await expect(refusal).rejects.toThrow(InputError);
    await expect(refusal).rejects.not.toThrow(/1234abcd/);
    await expect(fund(network, '0xnot-an-address' as Address, 1n)).rejects.toThrow(/not an EVM address/);
  });

  it('stop() leaves no anvil process behind', async () => {
    const pids = networks.networks.map((network) => network.pid);
    expect(pids.every((pid) => !processGone(pid))).toBe(true);
    await networks.stop();
    expect(pids.filter((pid) => !processGone(pid))).toEqual([]);
  });
});
