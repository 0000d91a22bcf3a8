/**
 * `startSolanaRpc(world)`: the Solana JSON-RPC methods restore-scan uses, answered from the litesvm
 * world in the wire shapes of agave's RPC (`{context: {slot, apiVersion}, value}` wrappers, u64 as
 * JSON numbers, agave's error codes and texts). Sources: solana.com/docs/rpc/http/* and agave
 * rpc/src/rpc.rs — see README.md in this directory.
 */
import type { Address } from '@solana/kit';
import {
  ACCOUNT_ENCODINGS,
  checkBase58Length,
  checkSliceWithJsonParsed,
  encodeAccount,
  unsupportedEncoding,
  type AccountBytes,
  type AccountEncoding,
  type DataSlice,
  type MintDecimalsLookup,
} from './account-encoding.js';
import { BLOCKHASH_VALID_BLOCKS, NODE_VERSION } from './constants.js';
import { startJsonRpcHttpServer, type JsonRpcHandler, type RunningServer } from './json-rpc-http.js';
import {
  checkMinContextSlot,
  commitmentParam,
  configParam,
  enumParam,
  invalidParams,
  invalidType,
  positional,
  pubkeyParam,
  signatureParam,
  unsignedParam,
} from './rpc-params.js';
import type { SvmWorld } from './svm-world.js';
import { isTokenProgram, readMint, tokenAccountsOwnedBy } from './token-accounts.js';
import { decodeMint } from './token-layout.js';

/** agave `MAX_MULTIPLE_ACCOUNTS` and `MAX_GET_CONFIRMED_SIGNATURES_FOR_ADDRESS2_LIMIT`. */
const MAX_MULTIPLE_ACCOUNTS = 100;
const MAX_SIGNATURES_LIMIT = 1000;
/** mainnet-beta's genesis hash: the demo world stands in for mainnet. */
const MAINNET_GENESIS_HASH = '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d';

export interface SolanaRpcOptions {
  readonly genesisHash?: string;
}

function context(world: SvmWorld): { slot: bigint; apiVersion: string } {
  return { slot: world.slot, apiVersion: NODE_VERSION.solanaCore };
}

function accountBytes(world: SvmWorld, address: Address): AccountBytes | undefined {
  const account = world.svm.getAccount(address);
  if (!account.exists) return undefined;
  return {
    lamports: BigInt(account.lamports),
    owner: account.programAddress,
    executable: account.executable,
    data: new Uint8Array(account.data),
  };
}

function mintDecimalsLookup(world: SvmWorld): MintDecimalsLookup {
  return (mint) => readMint(world.svm, mint)?.mint.decimals;
}

interface AccountConfig {
  readonly encoding: AccountEncoding;
  readonly slice: DataSlice | undefined;
}

function accountConfig(config: Readonly<Record<string, unknown>>, world: SvmWorld): AccountConfig {
  commitmentParam(config.commitment);
  checkMinContextSlot(config, world.slot);
  const encodingName =
    config.encoding === undefined || config.encoding === null ? 'binary' : enumParam<string>(config.encoding, ACCOUNT_ENCODINGS);
  if (encodingName === 'base64+zstd') throw unsupportedEncoding(encodingName);
  let slice: DataSlice | undefined;
  if (config.dataSlice !== undefined && config.dataSlice !== null) {
    const raw = configParam(config.dataSlice, 'UiDataSliceConfig');
    if (raw.offset === undefined) throw invalidParams('Invalid params: missing field `offset`.');
    if (raw.length === undefined) throw invalidParams('Invalid params: missing field `length`.');
    slice = { offset: unsignedParam(raw.offset, 'usize'), length: unsignedParam(raw.length, 'usize') };
  }
  return { encoding: encodingName as AccountEncoding, slice };
}

function renderAccount(world: SvmWorld, account: AccountBytes, config: AccountConfig): object {
  checkBase58Length(config.encoding, account.data.length, config.slice);
  return encodeAccount(account, config.encoding, config.slice, mintDecimalsLookup(world));
}

function getAccountInfo(world: SvmWorld, params: unknown): object {
  const [key, rawConfig] = positional(params, 1, 2);
  const address = pubkeyParam(key);
  const config = accountConfig(configParam(rawConfig, 'RpcAccountInfoConfig'), world);
  const account = accountBytes(world, address);
  return { context: context(world), value: account === undefined ? null : renderAccount(world, account, config) };
}

function getMultipleAccounts(world: SvmWorld, params: unknown): object {
  const [keys, rawConfig] = positional(params, 1, 2);
  if (!Array.isArray(keys)) throw invalidType(keys, 'a sequence');
  if (keys.length > MAX_MULTIPLE_ACCOUNTS) throw invalidParams(`Too many inputs provided; max ${MAX_MULTIPLE_ACCOUNTS}`);
  const addresses = keys.map(pubkeyParam);
  const config = accountConfig(configParam(rawConfig, 'RpcAccountInfoConfig'), world);
  const value = addresses.map((address) => {
    const account = accountBytes(world, address);
    return account === undefined ? null : renderAccount(world, account, config);
  });
  return { context: context(world), value };
}

function getBalance(world: SvmWorld, params: unknown): object {
  const [key, rawConfig] = positional(params, 1, 2);
  const address = pubkeyParam(key);
  const config = configParam(rawConfig, 'RpcContextConfig');
  commitmentParam(config.commitment);
  checkMinContextSlot(config, world.slot);
  return { context: context(world), value: world.svm.getBalance(address) ?? 0n };
}

function getSignaturesForAddress(world: SvmWorld, params: unknown): object[] {
  const [key, rawConfig] = positional(params, 1, 2);
  const address = pubkeyParam(key);
  const config = configParam(rawConfig, 'RpcSignaturesForAddressConfig');
  const before = config.before === undefined || config.before === null ? undefined : signatureParam(config.before);
  const until = config.until === undefined || config.until === null ? undefined : signatureParam(config.until);
  const limit = config.limit === undefined || config.limit === null ? MAX_SIGNATURES_LIMIT : unsignedParam(config.limit, 'usize');
  if (limit === 0 || limit > MAX_SIGNATURES_LIMIT) throw invalidParams(`Invalid limit; max ${MAX_SIGNATURES_LIMIT}`);
  if (commitmentParam(config.commitment) === 'processed')
    throw invalidParams('Method does not support commitment below `confirmed`');
  checkMinContextSlot(config, world.slot);
  // agave: an unknown `before` gives an empty list; an unknown `until` puts no lower bound.
  const beforePosition = before === undefined ? Number.POSITIVE_INFINITY : world.historyPosition(before);
  if (beforePosition === undefined) return [];
  const untilPosition = (until === undefined ? undefined : world.historyPosition(until)) ?? Number.NEGATIVE_INFINITY;
  return world
    .signaturesFor(address)
    .filter((tx) => {
      const position = world.historyPosition(tx.signature) as number;
      return position < beforePosition && position > untilPosition;
    })
    .slice(0, limit)
    .map((tx) => ({
      signature: tx.signature,
      slot: tx.slot,
      err: tx.err,
      memo: tx.memo,
      blockTime: tx.blockTime,
      confirmationStatus: 'finalized',
    }));
}

/** agave `get_token_program_id_and_mint`: `{mint}` or `{programId}`, exactly one. */
function tokenFilter(world: SvmWorld, value: unknown): { program: Address; mint: Address | undefined } {
  const filter = configParam(value, 'RpcTokenAccountsFilter');
  const keys = Object.keys(filter);
  if (keys.length !== 1) throw invalidParams('Invalid params: expected map with a single key.');
  const [variant] = keys as [string];
  if (variant === 'programId') {
    const program = pubkeyParam(filter.programId);
    if (!isTokenProgram(program)) throw invalidParams('Invalid param: unrecognized Token program id');
    return { program, mint: undefined };
  }
  if (variant === 'mint') {
    const mint = pubkeyParam(filter.mint);
    const account = world.svm.getAccount(mint);
    if (!account.exists) throw invalidParams('Invalid param: could not find mint');
    if (decodeMint(new Uint8Array(account.data)) === undefined)
      throw invalidParams('Invalid param: Token mint could not be unpacked');
    if (!isTokenProgram(account.programAddress)) throw invalidParams('Invalid param: not a Token mint');
    return { program: account.programAddress, mint };
  }
  throw invalidParams(`Invalid params: unknown variant \`${variant}\`, expected \`mint\` or \`programId\`.`);
}

function getTokenAccountsByOwner(world: SvmWorld, params: unknown): object {
  const [key, rawFilter, rawConfig] = positional(params, 2, 3);
  const owner = pubkeyParam(key);
  const { program, mint } = tokenFilter(world, rawFilter);
  const config = accountConfig(configParam(rawConfig, 'RpcAccountInfoConfig'), world);
  checkSliceWithJsonParsed(config.encoding, config.slice);
  const accounts = tokenAccountsOwnedBy(world, owner, program).filter((a) => mint === undefined || a.token.mint === mint);
  const value = accounts.map((a) => ({
    pubkey: a.address,
    account: renderAccount(world, { lamports: a.lamports, owner: a.program, executable: false, data: a.data }, config),
  }));
  return { context: context(world), value };
}

function getLatestBlockhash(world: SvmWorld, params: unknown): object {
  const [rawConfig] = positional(params, 0, 1);
  const config = configParam(rawConfig, 'RpcContextConfig');
  commitmentParam(config.commitment);
  checkMinContextSlot(config, world.slot);
  // One block per slot in this world, so block height = slot.
  return {
    context: context(world),
    value: { blockhash: world.svm.latestBlockhash(), lastValidBlockHeight: world.slot + BigInt(BLOCKHASH_VALID_BLOCKS) },
  };
}

function getMinimumBalanceForRentExemption(world: SvmWorld, params: unknown): bigint {
  const [length, rawConfig] = positional(params, 1, 2);
  const dataLength = unsignedParam(length, 'usize');
  commitmentParam(configParam(rawConfig, 'CommitmentConfig').commitment);
  return world.svm.minimumBalanceForRentExemption(BigInt(dataLength));
}

function getSlot(world: SvmWorld, params: unknown): bigint {
  const [rawConfig] = positional(params, 0, 1);
  const config = configParam(rawConfig, 'RpcContextConfig');
  commitmentParam(config.commitment);
  checkMinContextSlot(config, world.slot);
  return world.slot;
}

function noParams<T>(answer: () => T): JsonRpcHandler {
  return (params: unknown) => {
    positional(params, 0, 0);
    return answer();
  };
}

export function solanaRpcMethods(world: SvmWorld, options: SolanaRpcOptions = {}): Readonly<Record<string, JsonRpcHandler>> {
  return Object.freeze({
    getHealth: noParams(() => 'ok'),
    getVersion: noParams(() => ({ 'solana-core': NODE_VERSION.solanaCore, 'feature-set': NODE_VERSION.featureSet })),
    getGenesisHash: noParams(() => options.genesisHash ?? MAINNET_GENESIS_HASH),
    getSlot: (params: unknown) => getSlot(world, params),
    getBalance: (params: unknown) => getBalance(world, params),
    getAccountInfo: (params: unknown) => getAccountInfo(world, params),
    getMultipleAccounts: (params: unknown) => getMultipleAccounts(world, params),
    getSignaturesForAddress: (params: unknown) => getSignaturesForAddress(world, params),
    getTokenAccountsByOwner: (params: unknown) => getTokenAccountsByOwner(world, params),
    getLatestBlockhash: (params: unknown) => getLatestBlockhash(world, params),
    getMinimumBalanceForRentExemption: (params: unknown) => getMinimumBalanceForRentExemption(world, params),
  });
}

/** Starts the RPC on 127.0.0.1 with an OS-chosen port; `GET /health` answers `ok` as agave's does. */
export function startSolanaRpc(world: SvmWorld, options: SolanaRpcOptions = {}): Promise<RunningServer> {
  return startJsonRpcHttpServer({ methods: solanaRpcMethods(world, options), getRoutes: { '/health': () => 'ok' } });
}
