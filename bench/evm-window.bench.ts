/**
 * The engine-thread CPU of one 20-address evm-rpc window, before (viem's generic ABI coder, eager sightings; the code
 * as it was, kept below as the peer) and after (aggregate3-codec, lazy sightings): building the batch, and decoding
 * a realistic answer (eth_blockNumber, 20 nonces, an aggregate3 of 20 balances, 5 eth_getLogs with a few transfers).
 * Both run the real window code against an in-process JSON-RPC client that answers at once, so only CPU is timed.
 *   npx tsc -p bench && node bench/.out/bench/evm-window.bench.js [--rounds 3]
 */
import { Bench } from 'tinybench';
import { decodeFunctionResult, encodeFunctionData, encodeFunctionResult, type Hex } from 'viem';
import { multicall3Abi } from '../src/chains/evm/abi.js';
import { MULTICALL3_ADDRESS, TOPICS } from '../src/chains/evm/constants.js';
import { addressTopic, lowerAddress, quantity, toQuantity } from '../src/chains/evm/hex.js';
import { decodeAggregate3Result, decodeUint256, encodeAggregate3 } from '../src/chains/evm/rpc/aggregate3-codec.js';
import { createEvmRpcState, type EvmRpcContext } from '../src/chains/evm/rpc/context.js';
import { multicall3CodeCall, noteMulticall3Code } from '../src/chains/evm/rpc/ensure-multicall3.js';
import { transferLogFilters, type TopicFilter } from '../src/chains/evm/rpc/log-filters.js';
import { initialSpans, type BlockSpan } from '../src/chains/evm/rpc/log-range.js';
import { aggregate3Calls, decodeAggregate3, ethBalanceRead, type ContractRead, type ReadOutcome } from '../src/chains/evm/rpc/multicall3.js';
import { protocolError } from '../src/chains/evm/rpc/protocol-error.js';
import { scanWindow, type AddressScan } from '../src/chains/evm/rpc/scan-window.js';
import { collectSightings } from '../src/chains/evm/sightings.js';
import { decodeTransferLog, parseRpcLog, type RpcLog, type TokenTransfer } from '../src/chains/evm/transfer-logs.js';
import { ethereum } from '../src/chains/networks.js';
import type { JsonRpcCall, JsonRpcClient, JsonRpcSettled } from '../src/net/index.js';

// ---------------------------------------------------------------------------------------------------------------
// BEFORE: scanWindow / fetchWindow / multicall3 / collectSightings as they were (git e919759), viem doing the ABI.
// fetchWindow's retry of refused log ranges is left out: these answers never refuse one.

interface OldSightings {
  txHashes: Set<string>;
  erc20: Set<string>;
  erc721: Map<string, Set<string>>;
  erc1155: Map<string, Set<string>>;
}
const oldEmptySightings = (): OldSightings => ({ txHashes: new Set(), erc20: new Set(), erc721: new Map(), erc1155: new Map() });
function oldAddId(map: Map<string, Set<string>>, contract: string, id: bigint): void {
  let ids = map.get(contract);
  if (ids === undefined) map.set(contract, (ids = new Set()));
  ids.add(id.toString());
}
function oldCollectSightings(addresses: readonly string[], transfers: readonly TokenTransfer[]): Map<string, OldSightings> {
  const byAddress = new Map(addresses.map((a) => [a, oldEmptySightings()]));
  for (const t of transfers) {
    const from = byAddress.get(t.from);
    const to = byAddress.get(t.to);
    const operator = t.standard === 'erc1155' ? byAddress.get(t.operator) : undefined;
    for (const s of [from, to, operator]) s?.txHashes.add(t.txHash);
    switch (t.standard) {
      case 'erc20':
        from?.erc20.add(t.contract);
        to?.erc20.add(t.contract);
        break;
      case 'erc721':
        if (to) oldAddId(to.erc721, t.contract, t.tokenId);
        break;
      case 'erc1155':
        if (to) for (const id of t.ids) oldAddId(to.erc1155, t.contract, id);
        break;
    }
  }
  return byAddress;
}

function oldAggregate3Calls(reads: readonly ContractRead[]): JsonRpcCall[] {
  const calls: JsonRpcCall[] = [];
  for (let i = 0; i < reads.length; i += 250) {
    const data = encodeFunctionData({
      abi: multicall3Abi,
      functionName: 'aggregate3',
      args: [reads.slice(i, i + 250).map((r) => ({ target: r.target as Hex, allowFailure: true, callData: r.data }))],
    });
    calls.push({ method: 'eth_call', params: [{ to: MULTICALL3_ADDRESS, data }, 'latest'] });
  }
  return calls;
}
function oldDecodeAggregate3(ctx: EvmRpcContext, readCount: number, settled: readonly JsonRpcSettled[]): ReadOutcome[] {
  const out: ReadOutcome[] = [];
  for (const outcome of settled) {
    if (!outcome.ok) throw outcome.error;
    if (typeof outcome.result !== 'string' || outcome.result === '0x') throw protocolError(ctx, 'Multicall3 aggregate3 returned no data');
    let results: readonly { success: boolean; returnData: Hex }[];
    try {
      results = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data: outcome.result as Hex });
    } catch (cause) {
      throw protocolError(ctx, 'Multicall3 aggregate3 returned undecodable data', String(cause));
    }
    for (const r of results) out.push(r.success && r.returnData !== '0x' ? r.returnData : undefined);
  }
  if (out.length !== readCount) throw protocolError(ctx, `Multicall3 answered ${out.length} results for ${readCount} calls`);
  return out;
}
const oldEthBalanceRead = (address: string): ContractRead => ({
  target: MULTICALL3_ADDRESS,
  data: encodeFunctionData({ abi: multicall3Abi, functionName: 'getEthBalance', args: [address as Hex] }),
});

interface LogTask {
  filter: TopicFilter;
  span: BlockSpan;
}
const getLogsCall = (task: LogTask): JsonRpcCall => ({
  method: 'eth_getLogs',
  params: [{ fromBlock: toQuantity(task.span.from), toBlock: task.span.to === 'latest' ? 'latest' : toQuantity(task.span.to), topics: task.filter }],
});
async function oldFetchWindow(ctx: EvmRpcContext, calls: readonly JsonRpcCall[], filters: readonly TopicFilter[]) {
  const { state } = ctx;
  const tasks: LogTask[] = filters.flatMap((filter) => initialSpans(ctx.logsFromBlock, state.head, state.maxLogSpan).map((span) => ({ filter, span })));
  const first = await ctx.rpc.batchSettled([{ method: 'eth_blockNumber' }, ...calls, ...tasks.map(getLogsCall)]);
  const headOutcome = first[0] as JsonRpcSettled;
  if (!headOutcome.ok) throw headOutcome.error;
  const head = quantity(headOutcome.result, 'eth_blockNumber');
  if (state.head === undefined || head > state.head) state.head = head;
  const results = first.slice(1, 1 + calls.length);
  const seen = new Set<string>();
  const logs: RpcLog[] = [];
  const outcomes = first.slice(1 + calls.length);
  tasks.forEach((_task, i) => {
    const outcome = outcomes[i] as JsonRpcSettled;
    if (!outcome.ok) throw outcome.error;
    if (!Array.isArray(outcome.result)) throw protocolError(ctx, 'eth_getLogs answered something else than a list', outcome.result);
    for (const entry of outcome.result) {
      const log = parseRpcLog(entry);
      if (log === undefined) continue;
      const key = `${log.transactionHash.toLowerCase()}:${log.logIndex}`;
      if (!seen.has(key)) {
        seen.add(key);
        logs.push(log);
      }
    }
  });
  return { results, logs, head };
}
function oldQuantities(ctx: EvmRpcContext, settled: readonly JsonRpcSettled[], what: string): bigint[] {
  return settled.map((outcome) => {
    if (!outcome.ok) throw outcome.error;
    try {
      return quantity(outcome.result, what);
    } catch {
      throw protocolError(ctx, `${what} answered a non-quantity`, outcome.result);
    }
  });
}
const getBalanceCall = (address: string): JsonRpcCall => ({ method: 'eth_getBalance', params: [address, 'latest'] });
async function oldScanWindow(ctx: EvmRpcContext, input: readonly string[]) {
  const addresses = input.map(lowerAddress);
  const n = addresses.length;
  const probing = ctx.state.multicall3 === undefined;
  const viaMulticall = ctx.state.multicall3 !== false;
  const balanceCalls = viaMulticall ? oldAggregate3Calls(addresses.map(oldEthBalanceRead)) : addresses.map(getBalanceCall);
  const calls: JsonRpcCall[] = [
    ...addresses.map((a): JsonRpcCall => ({ method: 'eth_getTransactionCount', params: [a, 'latest'] })),
    ...balanceCalls,
    ...(probing ? [multicall3CodeCall] : []),
  ];
  const { results, logs } = await oldFetchWindow(ctx, calls, transferLogFilters(addresses));
  const nonces = oldQuantities(ctx, results.slice(0, n), 'eth_getTransactionCount');
  const balanceResults = results.slice(n, n + balanceCalls.length);
  // (The plain eth_getBalance fallback for chains without Multicall3 is left out: these contexts know it exists.)
  if (probing) noteMulticall3Code(ctx, results[n + balanceCalls.length] as JsonRpcSettled);
  const balances = oldDecodeAggregate3(ctx, n, balanceResults).map((data) => {
    if (data === undefined) throw protocolError(ctx, 'Multicall3 getEthBalance returned no value');
    try {
      return decodeFunctionResult({ abi: multicall3Abi, functionName: 'getEthBalance', data });
    } catch {
      throw protocolError(ctx, 'Multicall3 getEthBalance returned undecodable data', data);
    }
  });
  const transfers = logs.map(decodeTransferLog).filter((t): t is TokenTransfer => t !== undefined);
  const sightings = oldCollectSightings(addresses, transfers);
  return addresses.map((address, i) => ({ address, nonce: nonces[i] as bigint, balance: balances[i] as bigint, sightings: sightings.get(address) as OldSightings }));
}

// ---------------------------------------------------------------------------------------------------------------
// The window and its answer.

const WINDOW = 20;
/** Mixed-case input, as derived addresses arrive (EIP-55 is not checked on this path, only the shape). */
const addresses = Array.from({ length: WINDOW }, (_, i) => `0xAbCd${(0x1000 + i).toString(16)}${'9'.repeat(28)}${(i * 7).toString(16).padStart(4, '0')}`);
const lower = addresses.map((a) => a.toLowerCase());
const TOKEN = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const NFT = '0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d';
const STRANGER = '0x28c6c06298d514db089934071355e5743bf21d60';

const rpcLog = (contract: string, topics: string[], data: string, tx: number, index: number) => ({
  address: contract,
  topics,
  data,
  transactionHash: `0x${tx.toString(16).padStart(64, '0')}`,
  logIndex: toQuantity(index),
  blockNumber: '0x1300000',
  blockHash: `0x${'ab'.repeat(32)}`,
  transactionIndex: '0x3',
  removed: false,
});
const amount = `0x${(123_456_789n).toString(16).padStart(64, '0')}`;
/** Address 0 received and sent USDC, address 1 received an NFT; the rest of the window is unused. */
const incoming = [
  rpcLog(TOKEN, [TOPICS.transfer, addressTopic(STRANGER), addressTopic(lower[0]!)], amount, 1, 7),
  rpcLog(NFT, [TOPICS.transfer, addressTopic(STRANGER), addressTopic(lower[1]!), `0x${'0'.repeat(62)}2a`], '0x', 2, 3),
];
const outgoing = [rpcLog(TOKEN, [TOPICS.transfer, addressTopic(lower[0]!), addressTopic(STRANGER)], amount, 3, 1)];
const balancesAnswer = encodeFunctionResult({
  abi: multicall3Abi,
  functionName: 'aggregate3',
  result: lower.map((_, i) => ({
    success: true,
    returnData: encodeFunctionResult({ abi: multicall3Abi, functionName: 'getEthBalance', result: i < 3 ? 10n ** 17n * BigInt(i + 1) : 0n }),
  })),
});

function answer(call: JsonRpcCall): JsonRpcSettled {
  const params = call.params as readonly unknown[] | undefined;
  switch (call.method) {
    case 'eth_blockNumber':
      return { ok: true, result: '0x1312d00' };
    case 'eth_getTransactionCount':
      return { ok: true, result: lower.indexOf(params![0] as string) < 2 ? '0x4' : '0x0' };
    case 'eth_call':
      return { ok: true, result: balancesAnswer };
    case 'eth_getLogs': {
      const topics = (params![0] as { topics: TopicFilter }).topics;
      const transferIn = topics[0] === TOPICS.transfer && topics.length === 3;
      const transferOut = topics[0] === TOPICS.transfer && topics.length === 2;
      return { ok: true, result: transferIn ? incoming : transferOut ? outgoing : [] };
    }
    default:
      throw new Error(`unexpected ${call.method}`);
  }
}

/** A JSON-RPC client that answers from memory at once, or (`buildOnly`) rejects at once, after the batch is built. */
function inMemoryContext(buildOnly: boolean, seenBatches: JsonRpcCall[][] = []): EvmRpcContext {
  let canned: JsonRpcSettled[] | undefined;
  const batchSettled = (calls: readonly JsonRpcCall[]): Promise<JsonRpcSettled[]> => {
    if (seenBatches.length < 2) seenBatches.push([...calls]);
    if (buildOnly) return Promise.reject(BUILT);
    canned ??= calls.map(answer); // every window asks the same, so the answer is made once
    return Promise.resolve(canned);
  };
  const state = createEvmRpcState();
  state.multicall3 = true; // known after the first window of an endpoint
  return {
    rpc: { batchSettled } as unknown as JsonRpcClient,
    endpoint: 'http://127.0.0.1:8545',
    secrets: [],
    network: ethereum,
    logsFromBlock: 0n,
    state,
  };
}
const BUILT = Object.freeze({ built: true }); // no Error: a stack trace would dominate the build-only timing

// ---------------------------------------------------------------------------------------------------------------
// Same requests, same answers, before anything is timed.

type Scan = Pick<AddressScan, 'address' | 'nonce' | 'balance'> & { sightings: { txHashes: ReadonlySet<string>; erc20: ReadonlySet<string>; erc721: ReadonlyMap<string, ReadonlySet<string>>; erc1155: ReadonlyMap<string, ReadonlySet<string>> } };
const normalized = (scans: readonly Scan[]) =>
  JSON.stringify(
    scans.map((s) => ({
      ...s,
      sightings: {
        txHashes: [...s.sightings.txHashes],
        erc20: [...s.sightings.erc20],
        erc721: [...s.sightings.erc721].map(([c, ids]) => [c, [...ids]]),
        erc1155: [...s.sightings.erc1155].map(([c, ids]) => [c, [...ids]]),
      },
    })),
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
  );
{
  const beforeBatches: JsonRpcCall[][] = [];
  const afterBatches: JsonRpcCall[][] = [];
  const before = await oldScanWindow(inMemoryContext(false, beforeBatches), addresses);
  const after = await scanWindow(inMemoryContext(false, afterBatches), { addresses });
  if (JSON.stringify(beforeBatches) !== JSON.stringify(afterBatches)) throw new Error('before and after ask different batches');
  if (normalized(before) !== normalized(after)) throw new Error('before and after read the answer differently');
  const used = after.filter((s) => s.nonce > 0n || s.balance > 0n || s.sightings.txHashes.size > 0).length;
  if (used !== 3 || after[1]?.sightings.erc721.get(NFT)?.has('42') !== true) throw new Error('the answer does not say what it should');
}

// ---------------------------------------------------------------------------------------------------------------

const buildBefore = inMemoryContext(true);
const buildAfter = inMemoryContext(true);
const fullBefore = inMemoryContext(false);
const fullAfter = inMemoryContext(false);
const ignore = () => undefined;
const balanceReads = lower.map(ethBalanceRead);
const sightingTransfers = [...incoming, ...outgoing].map((l) => decodeTransferLog(parseRpcLog(l)!)!);

/** Peers side by side: `what: before-peer` and `what: after-peer`. */
const tasks: [string, () => unknown][] = [
  ['window build: before', () => oldScanWindow(buildBefore, addresses).then(ignore, ignore)],
  ['window build: after', () => scanWindow(buildAfter, { addresses }).then(ignore, ignore)],
  ['window build + decode: before', () => oldScanWindow(fullBefore, addresses).then(ignore)],
  ['window build + decode: after', () => scanWindow(fullAfter, { addresses }).then(ignore)],
  ['20 getEthBalance + aggregate3 calldata: viem', () => oldAggregate3Calls(lower.map(oldEthBalanceRead))],
  ['20 getEthBalance + aggregate3 calldata: codec', () => aggregate3Calls(lower.map(ethBalanceRead))],
  ['aggregate3 calldata of 20 prepared reads: viem', () => oldAggregate3Calls(balanceReads)],
  ['aggregate3 calldata of 20 prepared reads: codec', () => encodeAggregate3(balanceReads)],
  ['aggregate3 result of 20 balances: viem', () => decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data: balancesAnswer })],
  ['aggregate3 result of 20 balances: codec', () => decodeAggregate3Result(balancesAnswer)],
  [
    'decodeAggregate3 + 20 uint256: before',
    () =>
      oldDecodeAggregate3(fullBefore, WINDOW, [{ ok: true, result: balancesAnswer }]).map((d) =>
        decodeFunctionResult({ abi: multicall3Abi, functionName: 'getEthBalance', data: d! }),
      ),
  ],
  ['decodeAggregate3 + 20 uint256: after', () => decodeAggregate3(fullAfter, WINDOW, [{ ok: true, result: balancesAnswer }]).map((d) => decodeUint256(d!))],
  ['sightings of 20 addresses, 3 transfers: eager (before)', () => oldCollectSightings(lower, sightingTransfers)],
  ['sightings of 20 addresses, 3 transfers: lazy (after)', () => collectSightings(lower, sightingTransfers)],
];

// Rounds in alternating order, so that load from elsewhere on the machine drifts over both peers alike.
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;
const medians = new Map<string, number[]>(tasks.map(([name]) => [name, []]));
for (let round = 0; round < rounds; round++) {
  const bench = new Bench({ time: 1000 });
  for (const [name, fn] of round % 2 ? [...tasks].reverse() : tasks) bench.add(name, fn);
  await bench.run();
  for (const task of bench.tasks) {
    const r = task.result;
    if (r.state !== 'completed') throw new Error(`${task.name} did not complete`);
    medians.get(task.name)!.push(r.latency.p50 * 1000);
  }
}
const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
/** Median and fastest round: other work on a shared machine only ever slows a round down. */
const stats = (name: string): [number, number] => [median(medians.get(name)!), Math.min(...medians.get(name)!)];
const rows: [string, [number, number], [number, number]][] = [];
for (let i = 0; i < tasks.length; i += 2) {
  const [beforeName] = tasks[i]!;
  const [afterName] = tasks[i + 1]!;
  rows.push([beforeName.slice(0, beforeName.lastIndexOf(': ')), stats(beforeName), stats(afterName)]);
}
const [build, full] = rows;
const minus = (a: [number, number], b: [number, number]): [number, number] => [a[0] - b[0], a[1] - b[1]];
rows.splice(2, 0, ['window decode (build + decode − build)', minus(full![1], build![1]), minus(full![2], build![2])]);
console.log(`Node ${process.version}, µs per call (each round: its median call); ${rounds} rounds: median round, fastest round\n`);
console.log('| what | before | after | before / after | fastest before | fastest after | before / after |\n|---|---:|---:|---:|---:|---:|---:|');
const f = (x: number) => x.toFixed(1);
for (const [what, [b, bBest], [a, aBest]] of rows)
  console.log(`| ${what} | ${f(b)} | ${f(a)} | ${f(b / a)}× | ${f(bBest)} | ${f(aBest)} | ${f(bBest / aBest)}× |`);
