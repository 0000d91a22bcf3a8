/**
 * The official clients as shape oracles: @solana/web3.js 1.x validates every RPC response with
 * superstruct schemas and throws on a wrong shape; @solana/kit parses u64 values as bigint.
 */
import { createSolanaRpc, type Address } from '@solana/kit';
import { Connection, PublicKey } from '@solana/web3.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TOKEN_2022_PROGRAM, TOKEN_PROGRAM } from '../../src/devnet/solana/constants.js';
import type { RunningServer } from '../../src/devnet/solana/json-rpc-http.js';
import { startSolanaRpc } from '../../src/devnet/solana/rpc-server.js';
import { buildScenario, SOL_HOLDER_TRANSFERS, type Scenario } from './scenario.js';

let s: Scenario;
let rpc: RunningServer;
let connection: Connection;

beforeAll(async () => {
  s = await buildScenario();
  rpc = await startSolanaRpc(s.world);
  connection = new Connection(rpc.url, { commitment: 'confirmed', disableRetryOnRateLimit: true });
});

afterAll(async () => {
  await rpc?.close();
});

const pk = (address: Address) => new PublicKey(address);

describe('@solana/web3.js Connection accepts every response', () => {
  test('balance, slot, version, blockhash, rent', async () => {
    expect(await connection.getBalance(pk(s.solHolder))).toBe(Number(s.solHolderLamports));
    expect(await connection.getSlot()).toBe(Number(s.world.slot));
    expect((await connection.getVersion())['solana-core']).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await connection.getLatestBlockhash()).blockhash).toBe(s.world.svm.latestBlockhash());
    expect(await connection.getMinimumBalanceForRentExemption(82)).toBe(Number(s.world.svm.minimumBalanceForRentExemption(82n)));
    expect(await connection.getGenesisHash()).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
  });

  test('account info, raw and parsed, single and multiple', async () => {
    const ata = await s.world.associatedTokenAddress(s.token2022Owner.address, s.token2022Mint);
    const raw = await connection.getAccountInfo(pk(ata));
    expect(raw?.owner.toBase58()).toBe(TOKEN_2022_PROGRAM);
    expect(raw?.data.length).toBe(170);
    const parsed = await connection.getParsedAccountInfo(pk(ata));
    expect(parsed.value?.data).toMatchObject({ program: 'spl-token-2022', parsed: { type: 'account' } });
    expect(await connection.getAccountInfo(pk(s.unused))).toBeNull();
    const many = await connection.getMultipleAccountsInfo([pk(s.solHolder), pk(s.unused), pk(s.splMint)]);
    expect(many.map((a) => a?.lamports ?? null)).toEqual([
      Number(s.solHolderLamports),
      null,
      Number(s.world.svm.getBalance(s.splMint)),
    ]);
    const parsedMany = await connection.getMultipleParsedAccounts([pk(s.splMint)]);
    expect(parsedMany.value[0]?.data).toMatchObject({ program: 'spl-token', parsed: { type: 'mint' } });
  });

  test('signatures with paging', async () => {
    const first = await connection.getSignaturesForAddress(pk(s.solHolder), { limit: 4 });
    const rest = await connection.getSignaturesForAddress(pk(s.solHolder), { limit: 4, before: first.at(-1)!.signature });
    expect(first.length + rest.length).toBe(SOL_HOLDER_TRANSFERS);
    expect(first[0]).toMatchObject({ signature: s.solHolderHistory.at(-1)!.signature, err: null, confirmationStatus: 'finalized' });
    const failed = await connection.getSignaturesForAddress(pk(s.broke));
    expect(failed[0]?.err).toEqual({ InstructionError: [0, { Custom: 1 }] });
  });

  test('token accounts by owner: parsed by program, raw by mint', async () => {
    const parsed = await connection.getParsedTokenAccountsByOwner(pk(s.token2022Owner.address), { programId: pk(TOKEN_2022_PROGRAM) });
    expect(parsed.value[0]?.account.data.parsed.info.tokenAmount.uiAmountString).toBe('1.5');
    const raw = await connection.getTokenAccountsByOwner(pk(s.splOwner), { mint: pk(s.splMint) });
    expect(raw.value[0]?.account.data.length).toBe(165);
    expect(raw.value[0]?.account.owner.toBase58()).toBe(TOKEN_PROGRAM);
  });
});

describe('@solana/kit RPC', () => {
  test('bigint lamports and parsed token accounts', async () => {
    const kit = createSolanaRpc(rpc.url);
    const balance = await kit.getBalance(s.solHolder).send();
    expect(balance.value).toBe(s.solHolderLamports);
    const accounts = await kit.getTokenAccountsByOwner(s.splOwner, { mint: s.splMint }, { encoding: 'jsonParsed' }).send();
    expect(accounts.value[0]?.account.data.parsed.info.tokenAmount.amount).toBe('1234500000');
    expect(accounts.value[0]?.account.space).toBe(165n);
    const signatures = await kit.getSignaturesForAddress(s.solHolder, { limit: 2 }).send();
    expect(signatures.map((e) => e.signature)).toEqual(s.solHolderHistory.slice(-2).reverse().map((t) => t.signature));
  });
});
