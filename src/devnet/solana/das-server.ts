/**
 * `startDas(world)`: a Metaplex DAS JSON-RPC endpoint (`getAssetsByOwner`, `getAsset`) over the world.
 * Parameters, pagination rules and error texts follow metaplex-foundation/digital-asset-rpc-infrastructure
 * (das_api/src/api/mod.rs, api_impl.rs `validate_pagination`, error.rs); `showFungible` /
 * `showNativeBalance` / `showGrandTotal` follow Helius' extension. See README.md here.
 *
 * As in the reference implementation, `total` is the number of items on THIS page, not the grand total.
 */
import { base58 } from '@scure/base';
import type { Address } from '@solana/kit';
import { assetById, assetsOwnedBy, type OwnedAsset } from './das-assets.js';
import { INVALID_PARAMS, JsonRpcError, startJsonRpcHttpServer, type JsonRpcHandler, type RunningServer } from './json-rpc-http.js';
import { describe } from './rpc-params.js';
import type { SvmWorld } from './svm-world.js';

/** jsonrpsee `CallError::from_std_error` → CALL_EXECUTION_FAILED_CODE, message = the DasApiError text. */
const CALL_FAILED = -32000;
const MAX_LIMIT = 1000;

const OWNER_FIELDS = Object.freeze(['ownerAddress', 'sortBy', 'limit', 'page', 'before', 'after', 'options', 'displayOptions', 'cursor']);
const ASSET_FIELDS = Object.freeze(['id', 'options', 'displayOptions']);
const OPTION_FIELDS = Object.freeze([
  'showUnverifiedCollections',
  'showCollectionMetadata',
  'showGrandTotal',
  'showRawData',
  'showFungible',
  'requireFullIndex',
  'showSystemMetadata',
  'showZeroBalance',
  'showClosedAccounts',
  'showNativeBalance',
  'showInscription',
] as const);
const SORT_BY = Object.freeze(['id', 'created', 'updated', 'recent_action', 'none']);
const SORT_DIRECTIONS = Object.freeze(['asc', 'desc']);

type Options = Readonly<Record<(typeof OPTION_FIELDS)[number], boolean>>;
const OPTION_NAMES: readonly string[] = OPTION_FIELDS;

function dasError(message: string): JsonRpcError {
  return new JsonRpcError(CALL_FAILED, message);
}

/** serde failures surface through jsonrpsee as -32602 "Invalid params" with the serde text in `data`. */
function serdeError(detail: string): JsonRpcError {
  return new JsonRpcError(INVALID_PARAMS, 'Invalid params', detail);
}

function fieldList(fields: readonly string[]): string {
  return fields.map((f) => `\`${f}\``).join(', ');
}

function namedParams(params: unknown, fields: readonly string[], structName: string): Readonly<Record<string, unknown>> {
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw serdeError(`invalid type: ${describe(params ?? null)}, expected struct ${structName}`);
  for (const key of Object.keys(params))
    if (!fields.includes(key)) throw serdeError(`unknown field \`${key}\`, expected one of ${fieldList(fields)}`);
  return params as Record<string, unknown>;
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serdeError(`invalid type: ${describe(value)}, expected a string`);
  return value;
}

function requiredString(params: Readonly<Record<string, unknown>>, field: string): string {
  const value = params[field];
  if (value === undefined) throw serdeError(`missing field \`${field}\``);
  if (typeof value !== 'string') throw serdeError(`invalid type: ${describe(value)}, expected a string`);
  return value;
}

function optionalU32(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff)
    throw serdeError(`invalid type: ${describe(value)}, expected u32`);
  return value;
}

function enumValue(value: unknown, variants: readonly string[]): string {
  if (typeof value !== 'string') throw serdeError(`invalid type: ${describe(value)}, expected a string`);
  if (!variants.includes(value)) throw serdeError(`unknown variant \`${value}\`, expected one of ${fieldList(variants)}`);
  return value;
}

function parseOptions(params: Readonly<Record<string, unknown>>): Options {
  const raw = params.options ?? params.displayOptions;
  const record = raw === undefined || raw === null ? {} : namedParams(raw, OPTION_NAMES, 'Options');
  const options: Record<string, boolean> = {};
  for (const field of OPTION_FIELDS) {
    const value = record[field] ?? false;
    if (typeof value !== 'boolean') throw serdeError(`invalid type: ${describe(value)}, expected a boolean`);
    options[field] = value;
  }
  return options as Options;
}

/** metaplex `validate_pubkey`. */
function pubkey(value: string): Address {
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(value);
  } catch {
    throw dasError(`Pubkey Validation Err: ${value} is invalid`);
  }
  if (bytes.length !== 32) throw dasError(`Pubkey Validation Err: ${value} is invalid`);
  return value as Address;
}

function compareIds(a: string, b: string): number {
  return Buffer.compare(Buffer.from(base58.decode(a)), Buffer.from(base58.decode(b)));
}

function sortAssets(assets: OwnedAsset[], sortBy: string, direction: string): OwnedAsset[] {
  if (sortBy === 'none') return assets;
  // No updates are tracked in the world: updated / recent_action order as created.
  const byKey =
    sortBy === 'id'
      ? (a: OwnedAsset, b: OwnedAsset) => compareIds(a.id, b.id)
      : (a: OwnedAsset, b: OwnedAsset) => (a.createdSlot === b.createdSlot ? compareIds(a.id, b.id) : a.createdSlot < b.createdSlot ? -1 : 1);
  const sorted = [...assets].sort(byKey);
  return direction === 'asc' ? sorted : sorted.reverse();
}

function getAssetsByOwner(world: SvmWorld, params: unknown): object {
  const p = namedParams(params, OWNER_FIELDS, 'GetAssetsByOwner');
  const ownerText = requiredString(p, 'ownerAddress');
  const limitParam = optionalU32(p.limit);
  const page = optionalU32(p.page);
  // metaplex treats empty before/after strings as absent.
  const before = optionalString(p.before) || undefined;
  const after = optionalString(p.after) || undefined;
  const cursor = optionalString(p.cursor);
  const sortRecord = p.sortBy === undefined || p.sortBy === null ? {} : namedParams(p.sortBy, ['sortBy', 'sortDirection'], 'AssetSorting');
  const sortBy = sortRecord.sortBy === undefined ? 'id' : enumValue(sortRecord.sortBy, SORT_BY);
  const direction =
    sortRecord.sortDirection === undefined || sortRecord.sortDirection === null ? 'desc' : enumValue(sortRecord.sortDirection, SORT_DIRECTIONS);
  const options = parseOptions(p);
  const owner = pubkey(ownerText);

  // metaplex api_impl.rs validate_pagination, in its order.
  if (limitParam !== undefined && limitParam > MAX_LIMIT) throw dasError('Pagination Error. Limit should not be greater than 1000.');
  if (page !== undefined) {
    if (page === 0) throw dasError('Pagination Error. No Pagination Method Selected');
    if (before !== undefined || after !== undefined || cursor !== undefined)
      throw dasError('Pagination Error. Only one pagination parameter supported per query.');
  }
  for (const bound of [before, after]) {
    if (bound === undefined) continue;
    if (cursor !== undefined) throw dasError('Pagination Error. Only one pagination parameter supported per query.');
    if (sortBy !== 'id') throw dasError('Pagination Sorting Error. Only sorting based on id is supported for this pagination option.');
    pubkey(bound);
  }
  const limit = limitParam ?? MAX_LIMIT;
  const cursorMode = page === undefined && before === undefined && after === undefined;
  if (cursorMode && sortBy !== 'id')
    throw dasError('Pagination Sorting Error. Only sorting based on id is supported for this pagination option.');
  if (cursor !== undefined) {
    try {
      base58.decode(cursor);
    } catch {
      throw dasError(`Cursor Validation Err: ${cursor} is invalid`);
    }
  }

  const all = assetsOwnedBy(world, owner, { showFungible: options.showFungible, showZeroBalance: options.showZeroBalance });
  let items: OwnedAsset[];
  const result: Record<string, unknown> = {};
  if (page !== undefined) {
    items = sortAssets(all, sortBy, direction).slice((page - 1) * limit, page * limit);
  } else if (before !== undefined) {
    items = sortAssets(all, 'id', 'desc').filter((a) => compareIds(a.id, before) < 0).slice(0, limit);
  } else if (after !== undefined) {
    items = sortAssets(all, 'id', 'asc').filter((a) => compareIds(a.id, after) > 0).slice(0, limit);
  } else {
    items = sortAssets(all, 'id', 'asc')
      .filter((a) => cursor === undefined || compareIds(a.id, cursor) > 0)
      .slice(0, limit);
  }
  result.total = items.length;
  result.limit = limit;
  if (page !== undefined) result.page = page;
  if (before !== undefined) result.before = before;
  if (after !== undefined) result.after = after;
  const last = items.at(-1);
  if (cursorMode && last !== undefined) result.cursor = last.id;
  if (options.showGrandTotal) result.grand_total = all.length;
  result.items = items.map((a) => a.asset);
  // Helius extension; there is no price feed on a local network.
  if (options.showNativeBalance)
    result.nativeBalance = { lamports: world.svm.getBalance(owner) ?? 0n, price_per_sol: 0, total_price: 0 };
  return result;
}

function getAsset(world: SvmWorld, params: unknown): object {
  const p = namedParams(params, ASSET_FIELDS, 'GetAsset');
  const id = pubkey(requiredString(p, 'id'));
  const options = parseOptions(p);
  const found = assetById(world, id, { showFungible: options.showFungible });
  if (found === undefined) throw dasError('Database Error: RecordNotFound Error: Asset Not Found');
  return found.asset;
}

export function dasMethods(world: SvmWorld): Readonly<Record<string, JsonRpcHandler>> {
  return Object.freeze({
    getAssetsByOwner: (params: unknown) => getAssetsByOwner(world, params),
    getAsset: (params: unknown) => getAsset(world, params),
  });
}

export function startDas(world: SvmWorld): Promise<RunningServer> {
  return startJsonRpcHttpServer({ methods: dasMethods(world) });
}
