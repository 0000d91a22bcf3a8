/**
 * A local Solana world on litesvm: real System, SPL Token, Token-2022 and Associated Token Account
 * programs (all loaded by `new LiteSVM()`), changed only by real signed transactions. litesvm keeps no
 * address → signatures index, so every transaction sent here is recorded (signature, slot, block time,
 * account keys, err, memo) for getSignaturesForAddress.
 *
 * Each transaction gets its own slot and a fresh blockhash (so identical transfers get distinct
 * signatures). One funder key pays every fee and rent, so owners may hold tokens with 0 lamports.
 *
 * Compressed NFTs live in Merkle trees and are visible only through DAS; litesvm has no Bubblegum or
 * account-compression program, so `addCompressedNft` keeps the leaf in this world's DAS-only registry
 * and sends a stand-in transaction that touches the owner and the tree (as Bubblegum's mintV1 does).
 */
import {
  appendTransactionMessageInstructions,
  createTransactionMessage,
  getAddressEncoder,
  getBase58Decoder,
  getCompiledTransactionMessageDecoder,
  getProgramDerivedAddress,
  getSignatureFromTransaction,
  getU64Encoder,
  lamports,
  pipe,
  setTransactionMessageFeePayerSigner,
  signTransactionMessageWithSigners,
  type Address,
  type Instruction,
  type KeyPairSigner,
  type Signature,
} from '@solana/kit';
import { getCreateAccountInstruction, getTransferSolInstruction } from '@solana-program/system';
import {
  AuthorityType,
  findAssociatedTokenPda,
  getCreateAssociatedTokenIdempotentInstruction,
  getFreezeAccountInstruction,
  getInitializeMint2Instruction,
  getMintToInstruction,
  getSetAuthorityInstruction,
  getTransferCheckedInstruction,
} from '@solana-program/token';
import { sha256 } from '@noble/hashes/sha2.js';
import { FailedTransactionMetadata, LiteSVM, type TransactionMetadata } from 'litesvm';
import { RestoreScanError } from '../../errors.js';
import { BUBBLEGUM_PROGRAM, MEMO_PROGRAM, MEMO_V1_PROGRAM, TOKEN_PROGRAMS, type TokenProgramName } from './constants.js';
import { DeterministicSigners } from './deterministic-signers.js';
import { MINT_LENGTH } from './token-layout.js';
import { transactionErrorJson, type TransactionErrorJson } from './transaction-error.js';

/** One account of getProgramAccounts (its data is a copy: callers may keep it). */
export interface ProgramAccount {
  readonly address: Address;
  readonly lamports: bigint;
  readonly data: Uint8Array;
}

export interface ProcessedTransaction {
  readonly signature: Signature;
  readonly slot: bigint;
  readonly blockTime: number;
  /** The message's account keys, fee payer first — what getSignaturesForAddress matches on. */
  readonly accountKeys: readonly Address[];
  readonly err: TransactionErrorJson | null;
  /** As the RPC reports it: `[<byte length>] <text>` per memo instruction, joined by `; `. */
  readonly memo: string | null;
  readonly logs: readonly string[];
}

export interface TokenMetadata {
  readonly name: string;
  readonly symbol: string;
  readonly uri: string;
}

export interface MintRecord {
  readonly address: Address;
  readonly program: Address;
  readonly decimals: number;
  /** Metaplex-style metadata, kept off-chain here (litesvm has no Token Metadata program). */
  readonly metadata: TokenMetadata | null;
  readonly createdSlot: bigint;
}

export type NftInterface = 'V1_NFT' | 'ProgrammableNFT';

export interface NftRecord extends TokenMetadata {
  readonly mint: Address;
  readonly interface: NftInterface;
  readonly updateAuthority: Address;
  readonly createdSlot: bigint;
}

export interface CompressedNftRecord extends TokenMetadata {
  /** Bubblegum asset id: PDA of ["asset", tree, leaf index as u64 LE]. */
  readonly id: Address;
  readonly tree: Address;
  readonly leafId: number;
  readonly owner: Address;
  readonly updateAuthority: Address;
  readonly dataHash: string;
  readonly creatorHash: string;
  readonly assetHash: string;
  readonly seq: number;
  readonly createdSlot: bigint;
}

export interface WorldOptions {
  /** Seeds every key the world makes (funder, mints, trees). */
  readonly seed?: string;
  readonly startSlot?: bigint;
  readonly startUnixTime?: bigint;
  readonly funderLamports?: bigint;
}

export interface CreateMintOptions {
  readonly decimals: number;
  readonly program?: TokenProgramName;
  readonly metadata?: TokenMetadata;
}

export interface CreateNftOptions extends TokenMetadata {
  /** A pNFT: the holder's token account is frozen, as Token Metadata does for programmable NFTs. */
  readonly programmable?: boolean;
}

const DEFAULT_SEED = 'restore-scan/solana-world';
const DEFAULT_START_UNIX_TIME = 1_750_000_000n;
const DEFAULT_FUNDER_LAMPORTS = 1_000_000_000_000n;
/** Slots are 400 ms apart. */
const SLOT_MILLISECONDS = 400n;

function memoOf(instructions: readonly Instruction[]): string | null {
  const memos = instructions
    .filter((ix) => ix.programAddress === MEMO_PROGRAM || ix.programAddress === MEMO_V1_PROGRAM)
    .map((ix) => {
      const data = Uint8Array.from(ix.data ?? []);
      return `[${data.length}] ${new TextDecoder().decode(data)}`;
    });
  return memos.length === 0 ? null : memos.join('; ');
}

function failure(message: string, details?: string): RestoreScanError {
  return new RestoreScanError('INTERNAL', `solana world: ${message}`, details === undefined ? {} : { details });
}

export class SvmWorld {
  readonly svm: LiteSVM;
  readonly funder: KeyPairSigner;
  readonly startSlot: bigint;
  readonly #startUnixTime: bigint;
  readonly #signers: DeterministicSigners;
  readonly #transactions: ProcessedTransaction[] = [];
  readonly #bySignature = new Map<string, number>();
  readonly #byAddress = new Map<Address, number[]>();
  readonly #mints = new Map<Address, MintRecord>();
  readonly #nfts = new Map<Address, NftRecord>();
  readonly #compressed: CompressedNftRecord[] = [];
  #tree: Address | undefined;
  /** getProgramAccounts answers since the last transaction (litesvm scans every account and base58-encodes). */
  readonly #programAccounts = new Map<Address, readonly ProgramAccount[]>();

  private constructor(svm: LiteSVM, funder: KeyPairSigner, signers: DeterministicSigners, startUnixTime: bigint) {
    this.svm = svm;
    this.funder = funder;
    this.#signers = signers;
    this.startSlot = svm.getClock().slot;
    this.#startUnixTime = startUnixTime;
  }

  static async create(options: WorldOptions = {}): Promise<SvmWorld> {
    const svm = new LiteSVM();
    const signers = new DeterministicSigners(options.seed ?? DEFAULT_SEED);
    const funder = await signers.signer('funder');
    const clock = svm.getClock();
    if (options.startSlot !== undefined) clock.slot = options.startSlot;
    clock.unixTimestamp = options.startUnixTime ?? DEFAULT_START_UNIX_TIME;
    svm.setClock(clock);
    // Genesis-style funding of the world's own fee payer; not indexed (its keys are litesvm internals).
    const airdrop = svm.airdrop(funder.address, lamports(options.funderLamports ?? DEFAULT_FUNDER_LAMPORTS));
    if (airdrop === null || airdrop instanceof FailedTransactionMetadata)
      throw failure('litesvm refused to fund the world funder');
    return new SvmWorld(svm, funder, signers, clock.unixTimestamp);
  }

  get slot(): bigint {
    return this.svm.getClock().slot;
  }

  get blockTime(): number {
    return Number(this.svm.getClock().unixTimestamp);
  }

  /**
   * The accounts `program` owns, as litesvm's getProgramAccounts gives them, kept until the next transaction:
   * every token query (getTokenAccountsByOwner, DAS getAssetsByOwner) starts with one, and litesvm's walks all
   * accounts of the world (~0.3 ms each; a scan's first burst makes dozens). Only send() changes state.
   */
  programAccounts(program: Address): readonly ProgramAccount[] {
    let accounts = this.#programAccounts.get(program);
    if (accounts === undefined) {
      accounts = Object.freeze(this.svm.getProgramAccounts(program).map((a) => Object.freeze({ address: a.address, lamports: BigInt(a.lamports), data: new Uint8Array(a.data) })));
      this.#programAccounts.set(program, accounts);
    }
    return accounts;
  }

  /** Every recorded transaction, oldest first. */
  get transactions(): readonly ProcessedTransaction[] {
    return this.#transactions;
  }

  /** A deterministic signer for tests and the demo (e.g. an owner that later sends tokens). */
  signer(label: string): Promise<KeyPairSigner> {
    return this.#signers.signer(`user/${label}`);
  }

  /** Transactions whose account keys include `address`, newest first. */
  signaturesFor(address: Address): ProcessedTransaction[] {
    const positions = this.#byAddress.get(address) ?? [];
    return positions.map((i) => this.#transactions[i] as ProcessedTransaction).reverse();
  }

  /** Position of a signature in the world's history (oldest = 0), or undefined if never seen. */
  historyPosition(signature: string): number | undefined {
    return this.#bySignature.get(signature);
  }

  mintRecord(mint: Address): MintRecord | undefined {
    return this.#mints.get(mint);
  }

  nft(mint: Address): NftRecord | undefined {
    return this.#nfts.get(mint);
  }

  get nfts(): readonly NftRecord[] {
    return [...this.#nfts.values()];
  }

  get compressedNfts(): readonly CompressedNftRecord[] {
    return this.#compressed;
  }

  /**
   * Sends one transaction (fee payer: the funder) and records it if it landed — including when it
   * failed on-chain, as a real ledger does (the fee is charged, `err` is set). Throws when litesvm
   * rejected it before execution (bad blockhash, unfunded fee payer …): such transactions never land.
   */
  async send(instructions: readonly Instruction[]): Promise<ProcessedTransaction> {
    this.#advanceSlot();
    const message = pipe(
      createTransactionMessage({ version: 0 }),
      (m) => setTransactionMessageFeePayerSigner(this.funder, m),
      (m) => this.svm.setTransactionMessageLifetimeUsingLatestBlockhash(m),
      (m) => appendTransactionMessageInstructions(instructions, m),
    );
    const transaction = await signTransactionMessageWithSigners(message);
    const signature = getSignatureFromTransaction(transaction);
    const feePayerBefore = this.svm.getBalance(this.funder.address) ?? 0n;
    const result = this.svm.sendTransaction(transaction);
    this.#programAccounts.clear();
    const failed = result instanceof FailedTransactionMetadata ? result : undefined;
    const landed = failed === undefined || (this.svm.getBalance(this.funder.address) ?? 0n) < feePayerBefore;
    if (!landed)
      throw failure('litesvm rejected a transaction before execution', JSON.stringify(transactionErrorJson(failed)));
    const compiled = getCompiledTransactionMessageDecoder().decode(transaction.messageBytes);
    const record: ProcessedTransaction = Object.freeze({
      signature,
      slot: this.slot,
      blockTime: this.blockTime,
      accountKeys: Object.freeze([...compiled.staticAccounts]),
      err: failed === undefined ? null : transactionErrorJson(failed),
      memo: memoOf(instructions),
      logs: Object.freeze((failed === undefined ? (result as TransactionMetadata) : failed.meta()).logs()),
    });
    this.#record(record);
    // A new blockhash per transaction keeps signatures unique even for identical instructions.
    this.svm.expireBlockhash();
    return record;
  }

  /** Creates a mint (authority and freeze authority: the funder) by createAccount + InitializeMint2. */
  async createMint(options: CreateMintOptions): Promise<Address> {
    const program = TOKEN_PROGRAMS[options.program ?? 'token'];
    const mint = await this.#signers.next('mint');
    await this.#sendOrThrow(this.#createMintInstructions(mint, program, options.decimals), 'create mint');
    this.#mints.set(mint.address, {
      address: mint.address,
      program,
      decimals: options.decimals,
      metadata: options.metadata ?? null,
      createdSlot: this.slot,
    });
    return mint.address;
  }

  /** The associated token account of `owner` for `mint` (derived, not necessarily created). */
  async associatedTokenAddress(owner: Address, mint: Address): Promise<Address> {
    const [ata] = await findAssociatedTokenPda({ owner, mint, tokenProgram: this.#mintProgram(mint) });
    return ata;
  }

  /** Creates `owner`'s associated token account; the funder pays the rent, so the owner needs no SOL. */
  async createAta(owner: Address, mint: Address): Promise<Address> {
    const ata = await this.associatedTokenAddress(owner, mint);
    await this.#sendOrThrow([this.#createAtaInstruction(owner, mint, ata)], 'create associated token account');
    return ata;
  }

  /** Mints `amount` base units into `owner`'s associated token account (created if missing). */
  async mintTo(mint: Address, owner: Address, amount: bigint): Promise<{ ata: Address; transaction: ProcessedTransaction }> {
    const program = this.#mintProgram(mint);
    const ata = await this.associatedTokenAddress(owner, mint);
    const transaction = await this.#sendOrThrow(
      [
        this.#createAtaInstruction(owner, mint, ata),
        getMintToInstruction({ mint, token: ata, mintAuthority: this.funder, amount }, { programAddress: program }),
      ],
      'mint tokens',
    );
    return { ata, transaction };
  }

  /** A System transfer from `from` (default: the funder), optionally with an SPL memo. */
  async transferSol(
    to: Address,
    amount: bigint,
    options: { readonly from?: KeyPairSigner; readonly memo?: string } = {},
  ): Promise<ProcessedTransaction> {
    const instructions: Instruction[] = [
      getTransferSolInstruction({ source: options.from ?? this.funder, destination: to, amount: lamports(amount) }),
    ];
    if (options.memo !== undefined)
      instructions.push({ programAddress: MEMO_PROGRAM, accounts: [], data: new TextEncoder().encode(options.memo) });
    return this.#sendOrThrow(instructions, 'transfer SOL');
  }

  /** TransferChecked between associated token accounts; `from` signs, the funder pays fee and rent. */
  async transferTokens(mint: Address, from: KeyPairSigner, to: Address, amount: bigint): Promise<ProcessedTransaction> {
    const program = this.#mintProgram(mint);
    const record = this.#mints.get(mint);
    if (record === undefined) throw failure(`transferTokens: ${mint} is not a mint of this world`);
    const source = await this.associatedTokenAddress(from.address, mint);
    const destination = await this.associatedTokenAddress(to, mint);
    return this.#sendOrThrow(
      [
        this.#createAtaInstruction(to, mint, destination),
        getTransferCheckedInstruction(
          { source, mint, destination, authority: from, amount, decimals: record.decimals },
          { programAddress: program },
        ),
      ],
      'transfer tokens',
    );
  }

  /**
   * A Metaplex-style NFT in one transaction: a 0-decimals SPL Token mint, 1 token into the owner's
   * associated account, then the mint authority removed so the supply stays 1.
   */
  async createNft(owner: Address, options: CreateNftOptions): Promise<Address> {
    const program = TOKEN_PROGRAMS.token;
    const mint = await this.#signers.next('mint');
    const [ata] = await findAssociatedTokenPda({ owner, mint: mint.address, tokenProgram: program });
    const instructions: Instruction[] = [
      ...this.#createMintInstructions(mint, program, 0),
      getCreateAssociatedTokenIdempotentInstruction({ payer: this.funder, ata, owner, mint: mint.address, tokenProgram: program }),
      getMintToInstruction({ mint: mint.address, token: ata, mintAuthority: this.funder, amount: 1n }),
      getSetAuthorityInstruction({
        owned: mint.address,
        owner: this.funder,
        authorityType: AuthorityType.MintTokens,
        newAuthority: null,
      }),
    ];
    if (options.programmable === true)
      instructions.push(getFreezeAccountInstruction({ account: ata, mint: mint.address, owner: this.funder }));
    await this.#sendOrThrow(instructions, 'create NFT');
    const metadata: TokenMetadata = { name: options.name, symbol: options.symbol, uri: options.uri };
    this.#mints.set(mint.address, { address: mint.address, program, decimals: 0, metadata, createdSlot: this.slot });
    this.#nfts.set(mint.address, {
      ...metadata,
      mint: mint.address,
      interface: options.programmable === true ? 'ProgrammableNFT' : 'V1_NFT',
      updateAuthority: this.funder.address,
      createdSlot: this.slot,
    });
    return mint.address;
  }

  /** A compressed NFT leaf for `owner` (DAS-only state; see the module comment). */
  async addCompressedNft(owner: Address, metadata: TokenMetadata): Promise<CompressedNftRecord> {
    const tree = await this.#merkleTree();
    const leafId = this.#compressed.filter((leaf) => leaf.tree === tree).length;
    const [id] = await getProgramDerivedAddress({
      programAddress: BUBBLEGUM_PROGRAM,
      seeds: ['asset', getAddressEncoder().encode(tree), getU64Encoder().encode(BigInt(leafId))],
    });
    // Stand-in for Bubblegum mintV1: a real transaction whose account keys hold the leaf owner and the tree.
    await this.#sendOrThrow(
      [
        getTransferSolInstruction({ source: this.funder, destination: owner, amount: lamports(0n) }),
        getTransferSolInstruction({ source: this.funder, destination: tree, amount: lamports(0n) }),
      ],
      'mint compressed NFT',
    );
    // Modelled hashes: Bubblegum uses keccak over its leaf schema; only their shape (base58, 32 bytes) matters here.
    const hash = (part: string): string =>
      getBase58Decoder().decode(sha256(new TextEncoder().encode(`${part}/${tree}/${leafId}/${owner}/${metadata.uri}`)));
    const record: CompressedNftRecord = Object.freeze({
      ...metadata,
      id,
      tree,
      leafId,
      owner,
      updateAuthority: this.funder.address,
      dataHash: hash('data'),
      creatorHash: hash('creators'),
      assetHash: hash('asset'),
      seq: leafId + 1,
      createdSlot: this.slot,
    });
    this.#compressed.push(record);
    return record;
  }

  async #merkleTree(): Promise<Address> {
    this.#tree ??= (await this.#signers.signer('merkle-tree/0')).address;
    return this.#tree;
  }

  async #sendOrThrow(instructions: readonly Instruction[], what: string): Promise<ProcessedTransaction> {
    const record = await this.send(instructions);
    if (record.err !== null) throw failure(`${what} failed on-chain`, `${JSON.stringify(record.err)}\n${record.logs.join('\n')}`);
    return record;
  }

  #createMintInstructions(mint: KeyPairSigner, program: Address, decimals: number): Instruction[] {
    const space = BigInt(MINT_LENGTH);
    return [
      getCreateAccountInstruction({
        payer: this.funder,
        newAccount: mint,
        lamports: lamports(this.svm.minimumBalanceForRentExemption(space)),
        space,
        programAddress: program,
      }),
      getInitializeMint2Instruction(
        { mint: mint.address, decimals, mintAuthority: this.funder.address, freezeAuthority: this.funder.address },
        { programAddress: program },
      ),
    ];
  }

  #createAtaInstruction(owner: Address, mint: Address, ata: Address): Instruction {
    return getCreateAssociatedTokenIdempotentInstruction({
      payer: this.funder,
      ata,
      owner,
      mint,
      tokenProgram: this.#mintProgram(mint),
    });
  }

  #mintProgram(mint: Address): Address {
    const account = this.svm.getAccount(mint);
    if (!account.exists) throw failure(`${mint} is not an existing mint`);
    return account.programAddress;
  }

  #advanceSlot(): void {
    const clock = this.svm.getClock();
    clock.slot += 1n;
    clock.unixTimestamp = this.#startUnixTime + ((clock.slot - this.startSlot) * SLOT_MILLISECONDS) / 1000n;
    this.svm.setClock(clock);
  }

  #record(record: ProcessedTransaction): void {
    const position = this.#transactions.length;
    this.#transactions.push(record);
    this.#bySignature.set(record.signature, position);
    for (const key of new Set(record.accountKeys)) {
      let positions = this.#byAddress.get(key);
      if (positions === undefined) this.#byAddress.set(key, (positions = []));
      positions.push(position);
    }
  }
}
