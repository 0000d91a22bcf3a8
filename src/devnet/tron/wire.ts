/**
 * TronGrid v1 wire shapes of the world's state (tronprotocol/tron-grid README "TronGrid v3 (TG3)", the
 * developers.tron.network v1 reference): every answer is an envelope `{data: [...], success: true, meta: {at,
 * page_size, fingerprint?, links?: {next}}}`; account fields in snake_case with `41…` hex addresses and sun as JSON
 * numbers (a zero balance is left out, as protobuf JSON does); TRC-20 balances as `[{contract: "amount"}]`.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { tronHex, type TronTransaction, type TronWorld } from './tron-world.js';

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${value} does not fit a JSON number exactly`);
  return Number(value);
}

function word(hex: string): string {
  return hex.padStart(64, '0');
}

export function accountJson(world: TronWorld, address: string): object | undefined {
  const state = world.account(address);
  if (state === undefined) return undefined;
  const account: Record<string, unknown> = {
    address: tronHex(address),
    create_time: state.createTime,
    latest_opration_time: state.latestOperationTime,
    net_window_size: 28_800_000,
    net_window_optimized: true,
    account_resource: { energy_window_size: 28_800_000, energy_window_optimized: true },
    owner_permission: { keys: [{ address: tronHex(address), weight: 1 }], threshold: 1, permission_name: 'owner' },
    frozenV2: [{}, { type: 'ENERGY' }, { type: 'TRON_POWER' }],
  };
  if (state.balance > 0n) account.balance = safeNumber(state.balance);
  const tokens = [...world.tokenBalances(address)].map(([contract, amount]) => ({ [contract]: amount.toString() }));
  if (tokens.length > 0) account.trc20 = tokens;
  return account;
}

/** A `/v1/accounts/{a}/transactions` item (full transaction with `raw_data`). */
export function transactionJson(tx: TronTransaction): object {
  const contract =
    tx.type === 'TransferContract'
      ? {
          parameter: {
            value: { amount: safeNumber(tx.amount), owner_address: tronHex(tx.owner), to_address: tronHex(tx.to) },
            type_url: 'type.googleapis.com/protocol.TransferContract',
          },
          type: 'TransferContract',
        }
      : {
          parameter: {
            value: {
              // transfer(address,uint256)
              data: `a9059cbb${word(tronHex(tx.to).slice(2))}${word(tx.amount.toString(16))}`,
              owner_address: tronHex(tx.owner),
              contract_address: tronHex(tx.contract as string),
            },
            type_url: 'type.googleapis.com/protocol.TriggerSmartContract',
          },
          type: 'TriggerSmartContract',
        };
  const signature = bytesToHex(sha256(new TextEncoder().encode(`sig/${tx.txID}`))).repeat(2) + '1b';
  return {
    ret: [{ contractRet: 'SUCCESS', fee: 0 }],
    signature: [signature],
    txID: tx.txID,
    net_usage: 268,
    raw_data_hex: '0a02' + tx.txID.slice(0, 60),
    net_fee: 0,
    energy_usage: 0,
    blockNumber: tx.blockNumber,
    block_timestamp: tx.timestamp,
    energy_fee: 0,
    energy_usage_total: 0,
    raw_data: {
      contract: [contract],
      ref_block_bytes: tx.blockNumber.toString(16).slice(-4),
      ref_block_hash: tx.txID.slice(0, 16),
      expiration: tx.timestamp + 60_000,
      timestamp: tx.timestamp - 500,
    },
    internal_transactions: [],
  };
}

/** A `/v1/accounts/{a}/transactions/trc20` item. */
export function trc20TransferJson(world: TronWorld, tx: TronTransaction): object {
  const token = world.token(tx.contract as string);
  return {
    transaction_id: tx.txID,
    token_info: { symbol: token?.symbol, address: tx.contract, decimals: token?.decimals, name: token?.name },
    block_timestamp: tx.timestamp,
    from: tx.owner,
    to: tx.to,
    type: 'Transfer',
    value: tx.amount.toString(),
  };
}

export function envelope(world: TronWorld, data: readonly unknown[], paging?: { fingerprint: string; next: string }): object {
  const meta: Record<string, unknown> = { at: world.now, page_size: data.length };
  if (paging !== undefined) {
    meta.fingerprint = paging.fingerprint;
    meta.links = { next: paging.next };
  }
  return { data, success: true, meta };
}

/** TronGrid's v1 error body. */
export function errorBody(statusCode: number, error: string): object {
  return { success: false, error, statusCode };
}
