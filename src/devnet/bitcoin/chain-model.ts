import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { InputError, RestoreScanError } from '../../errors.js';
import { REGTEST_BITS, headerHash, mineHeader, parseHeader } from './chain/block-header.js';
import { coinbaseDraft } from './chain/coinbase.js';
import { bytesToHex, electrumScripthash, esploraScripthash, hexToBytes, isHex } from './chain/hashes.js';
import { merkleRoot } from './chain/merkle.js';
import type {
  ChainChange, ModelBlock, ModelTx, ModelTxOutput, OutPoint, ScriptOutput, Spender, TxOutputSpec, TxPlacement,
} from './chain/model-types.js';
import type { ServerNetwork } from './chain/networks.js';
import { placeholderUnlock } from './chain/placeholder-unlock.js';
import { type DecodedTx, decodeTx, encodeTx } from './chain/tx-codec.js';

export type * from './chain/model-types.js';

export interface ChainModelOptions {
  readonly network: ServerNetwork;
  /** Time of block 0; each later block is 600 s after its parent. Fixed by default so txids are reproducible. */
  readonly genesisTime?: number;
  /** Fee rate of the transactions `fund()` builds, in base units per vbyte. */
  readonly feeRate?: number;
  /**
   * Start without blocks, to lay down recorded blocks with `importBlock()`; `genesisHash` then names the
   * network's genesis (Electrum `server.features`).
   */
  readonly empty?: { readonly genesisHash: string };
}

export interface FundOptions {
  /** Spend an unconfirmed faucet coin, so the new transaction has an unconfirmed parent (Electrum height -1). */
  readonly unconfirmedParent?: boolean;
  /** Spend exactly this free faucet coin. */
  readonly coin?: OutPoint;
}

/**
 * A recorded transaction: its raw hex, or (when only that was recorded) its txid, the recorded subset of the
 * outpoints it spends, its outputs (null script = not recorded) and its fee if the recording gives it.
 */
export type RecordedTx =
  | { readonly raw: string; readonly fee?: number }
  | {
      readonly txid: string;
      readonly spends: readonly OutPoint[];
      readonly outputs: readonly ModelTxOutput[];
      readonly fee?: number;
    };

/**
 * A transaction the model refuses, with the error text Bitcoin Core 0.21's `sendrawtransaction` gives for it
 * ('TX decode failed', 'Missing inputs', 'txn-mempool-conflict', 'bad-txns-in-belowout', …).
 */
export class TxRejected extends InputError {
  override name = 'TxRejected';
  constructor(where: string, problem: string, readonly reason: string, options: { cause?: unknown } = {}) {
    super(where, problem, options);
  }
}

const DEFAULT_GENESIS_TIME = 1_700_000_000;
const BLOCK_INTERVAL = 600;
const FAUCET_COINS_PER_COINBASE = 8;
/** Margin selected on top of the amount so a fund transaction always has room for its fee and a change output. */
const FEE_RESERVE = 10_000;
const DUST_LIMIT = 546;

/**
 * An in-memory Bitcoin-like chain: blocks, transactions with genuine serializations (bitcoinjs-lib), a mempool,
 * per-script history and spent/unspent state. Every indexer server renders its own protocol from this one model.
 *
 * Coins come from a faucet script that every coinbase pays; `fund()` moves faucet coins to a script, `spend()`
 * spends any outpoints, `mine()` confirms the mempool. Signatures are placeholders (see placeholder-unlock.ts).
 */
export class ChainModel {
  readonly network: ServerNetwork;
  /** P2WPKH script of the model's coin source; every coinbase pays it. */
  readonly faucetScript: string;
  /** Fee rate of the transactions `fund()` builds, base units per vbyte. */
  readonly feeRate: number;
  private readonly genesisTime: number;
  private readonly declaredGenesisHash: string | undefined;
  private readonly blocks = new Map<number, ModelBlock>();
  private readonly blocksByHash = new Map<string, ModelBlock>();
  private tipHeightValue = -1;
  private readonly txs = new Map<string, ModelTx>();
  private readonly confirmed = new Map<string, { readonly block: ModelBlock; readonly position: number }>();
  private readonly mempool = new Map<string, number>();
  private mempoolCounter = 0;
  private readonly spenders = new Map<string, { readonly txid: string; readonly vin: number }>();
  private readonly scriptTxids = new Map<string, Set<string>>();
  private readonly scriptOutpoints = new Map<string, OutPoint[]>();
  private readonly scriptByElectrumHash = new Map<string, string>();
  private readonly scriptByEsploraHash = new Map<string, string>();
  private readonly listeners = new Set<(change: ChainChange) => void>();

  constructor(options: ChainModelOptions) {
    this.network = options.network;
    this.feeRate = options.feeRate ?? 2;
    this.genesisTime = options.genesisTime ?? DEFAULT_GENESIS_TIME;
    this.faucetScript = `0014${bytesToHex(ripemd160(sha256(new TextEncoder().encode('restore-scan faucet'))))}`;
    if (options.empty !== undefined) {
      if (!isHex(options.empty.genesisHash, 32)) throw new InputError('ChainModel genesisHash', 'must be 32 bytes of hex');
      this.declaredGenesisHash = options.empty.genesisHash.toLowerCase();
    } else {
      this.declaredGenesisHash = undefined;
      this.mine();
    }
  }

  // ---- queries ---------------------------------------------------------------------------------------------

  get genesisHash(): string {
    return this.declaredGenesisHash ?? this.requireBlock(0).hash;
  }

  get tipHeight(): number {
    if (this.tipHeightValue < 0) throw new RestoreScanError('INTERNAL', 'the chain model has no blocks yet');
    return this.tipHeightValue;
  }

  get tip(): ModelBlock {
    return this.requireBlock(this.tipHeight);
  }

  blockAt(height: number): ModelBlock | undefined {
    return this.blocks.get(height);
  }

  blockByHash(hash: string): ModelBlock | undefined {
    return this.blocksByHash.get(hash.toLowerCase());
  }

  tx(txid: string): ModelTx | undefined {
    return this.txs.get(txid.toLowerCase());
  }

  placement(txid: string): TxPlacement | undefined {
    txid = txid.toLowerCase();
    const confirmed = this.confirmed.get(txid);
    if (confirmed !== undefined) return { confirmed: true, ...confirmed };
    const order = this.mempool.get(txid);
    return order === undefined ? undefined : { confirmed: false, order };
  }

  mempoolTxids(): string[] {
    return [...this.mempool.keys()];
  }

  /** True when a mempool transaction spends an output of another mempool transaction. */
  hasUnconfirmedParent(txid: string): boolean {
    const tx = this.txs.get(txid.toLowerCase());
    return tx !== undefined && tx.prevouts.some((p) => p !== null && this.mempool.has(p.txid));
  }

  output(outpoint: OutPoint): ModelTxOutput | undefined {
    return this.txs.get(outpoint.txid.toLowerCase())?.outputs[outpoint.vout];
  }

  spenderOf(outpoint: OutPoint): Spender | undefined {
    const spender = this.spenders.get(key(outpoint));
    if (spender === undefined) return undefined;
    return { ...spender, placement: this.requirePlacement(spender.txid) };
  }

  scriptByScripthash(kind: 'electrum' | 'esplora', scripthash: string): string | undefined {
    return (kind === 'electrum' ? this.scriptByElectrumHash : this.scriptByEsploraHash).get(scripthash.toLowerCase());
  }

  /** Transactions touching `script` (paying it or spending from it): confirmed in chain order, then the mempool. */
  history(scriptPubKey: string): { readonly txid: string; readonly placement: TxPlacement }[] {
    const txids = this.scriptTxids.get(scriptPubKey.toLowerCase()) ?? new Set<string>();
    return [...txids].map((txid) => ({ txid, placement: this.requirePlacement(txid) })).sort((a, b) => comparePlacement(a.placement, b.placement));
  }

  /** Every output ever paid to `script`, in chain order, with its spender if any. */
  outputsOf(scriptPubKey: string): ScriptOutput[] {
    const outpoints = this.scriptOutpoints.get(scriptPubKey.toLowerCase()) ?? [];
    return outpoints
      .map((outpoint) => {
        const tx = this.txs.get(outpoint.txid)!;
        return {
          outpoint,
          value: tx.outputs[outpoint.vout]!.value,
          placement: this.requirePlacement(outpoint.txid),
          coinbase: tx.prevouts.length === 1 && tx.prevouts[0] === null,
          spentBy: this.spenderOf(outpoint),
        };
      })
      .sort((a, b) => comparePlacement(a.placement, b.placement) || a.outpoint.vout - b.outpoint.vout);
  }

  /** The UTXO set of `script`: outputs spent by no transaction, confirmed or in the mempool; chain order. */
  utxos(scriptPubKey: string): ScriptOutput[] {
    return this.outputsOf(scriptPubKey).filter((o) => o.spentBy === undefined);
  }

  /**
   * Balance of `script` the way wallets and Electrum count it: `confirmed` = outputs created and not spent in the
   * chain; `unconfirmed` = what the mempool adds (new outputs) minus what it spends (may be negative).
   */
  balance(scriptPubKey: string): { confirmed: number; unconfirmed: number } {
    let confirmed = 0;
    let unconfirmed = 0;
    for (const output of this.outputsOf(scriptPubKey)) {
      if (output.placement.confirmed && output.spentBy?.placement.confirmed !== true) confirmed += output.value;
      if (!output.placement.confirmed) unconfirmed += output.value;
      if (output.spentBy !== undefined && !output.spentBy.placement.confirmed) unconfirmed -= output.value;
    }
    return { confirmed, unconfirmed };
  }

  /** Free (unspent, not even in the mempool) outputs of the faucet script, confirmed first. */
  faucetCoins(): ScriptOutput[] {
    const free = this.utxos(this.faucetScript);
    return [...free.filter((o) => o.placement.confirmed), ...free.filter((o) => !o.placement.confirmed)];
  }

  /** Calls `listener` after every mempool entry and every block, synchronously. Returns the unsubscribe function. */
  onChange(listener: (change: ChainChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- scenario building -----------------------------------------------------------------------------------

  /** Pays `value` to `scriptPubKey` from the faucet in a new mempool transaction; returns the new outpoint. */
  fund(scriptPubKey: string, value: number, options: FundOptions = {}): OutPoint {
    assertScript(scriptPubKey, 'fund scriptPubKey');
    assertAmount(value, 'fund value');
    const coins =
      options.coin !== undefined
        ? [this.freeFaucetCoin(options.coin)]
        : options.unconfirmedParent === true
          ? [this.unconfirmedFaucetCoin(value)]
          : this.selectFaucetCoins(value);
    const inputTotal = coins.reduce((sum, c) => sum + c.value, 0);
    const draft = (change: number | undefined) => ({
      version: 2,
      locktime: this.tipHeight,
      prevouts: coins.map((c) => c.outpoint),
      unlocks: coins.map(() => placeholderUnlock(this.faucetScript)),
      outputs: [
        { scriptPubKey: scriptPubKey.toLowerCase(), value },
        ...(change === undefined ? [] : [{ scriptPubKey: this.faucetScript, value: change }]),
      ],
    });
    const feeFor = (change: number | undefined): number => Math.ceil(encodeTx(draft(change)).body.vsize * this.feeRate);
    const change = inputTotal - value - feeFor(0);
    // A change output below the dust limit is left to the fee, as wallets do.
    const withChange = change >= DUST_LIMIT;
    if (!withChange && inputTotal - value < feeFor(undefined)) {
      throw new InputError('fund value', `${value} plus its fee exceeds the ${inputTotal} of the chosen faucet coins`);
    }
    const txid = this.accept(encodeTx(draft(withChange ? change : undefined)), { allowUnknownPrevouts: false });
    return { txid, vout: 0 };
  }

  /** Spends `outpoints` (anyone's: nothing is signed) to `outputs`; the remainder is the fee. Returns the txid. */
  spend(outpoints: readonly OutPoint[], outputs: readonly TxOutputSpec[]): string {
    if (outpoints.length === 0) throw new InputError('spend outpoints', 'must name at least one outpoint');
    outputs.forEach((o, i) => {
      assertScript(o.scriptPubKey, `spend outputs[${i}].scriptPubKey`);
      assertAmount(o.value, `spend outputs[${i}].value`, true);
    });
    const unlocks = outpoints.map((outpoint, i) => {
      const spent = this.output(outpoint);
      if (spent === undefined) throw new InputError(`spend outpoints[${i}]`, `${outpoint.txid}:${outpoint.vout} is not in the chain model`);
      if (spent.scriptPubKey === null) throw new InputError(`spend outpoints[${i}]`, 'its script was not recorded');
      return placeholderUnlock(spent.scriptPubKey);
    });
    const decoded = encodeTx({
      version: 2,
      locktime: this.tipHeight,
      prevouts: outpoints,
      unlocks,
      outputs: outputs.map((o) => ({ scriptPubKey: o.scriptPubKey.toLowerCase(), value: o.value })),
    });
    return this.accept(decoded, { allowUnknownPrevouts: false });
  }

  /**
   * Accepts a raw transaction into the mempool, as Bitcoin Core 0.21's `sendrawtransaction` does: every spent
   * coin must be known and unspent; a transaction already in the mempool is accepted again (its txid comes back);
   * one already mined is refused.
   */
  addRawTransaction(rawHex: string): string {
    let decoded: DecodedTx;
    try {
      decoded = decodeTx(rawHex);
    } catch (cause) {
      throw new TxRejected('raw transaction', 'is not a valid serialized transaction', 'TX decode failed', { cause });
    }
    if (this.mempool.has(decoded.txid)) return decoded.txid;
    if (this.confirmed.has(decoded.txid)) {
      throw new TxRejected(`transaction ${decoded.txid}`, 'is already mined', 'Transaction already in block chain');
    }
    return this.accept(decoded, { allowUnknownPrevouts: false });
  }

  /** Mines the mempool (or the given mempool txids, parents first) into a new block paying the faucet. */
  mine(options: { readonly txids?: readonly string[] } = {}): ModelBlock {
    const included = this.blockCandidates(options.txids);
    const height = this.tipHeightValue + 1;
    const prev = this.blocks.get(this.tipHeightValue);
    const fees = included.reduce((sum, txid) => sum + (this.txs.get(txid)!.fee ?? 0), 0);
    const withWitness = included.filter((txid) => this.txs.get(txid)!.body?.unlocks.some((u) => u.witness.length > 0));
    const coinbase = encodeTx(
      coinbaseDraft(
        height,
        splitPayout(this.network.subsidy + fees, this.faucetScript),
        withWitness.length > 0 ? included.map((txid) => this.txs.get(txid)!.body?.wtxid ?? txid) : undefined,
      ),
    );
    const txids = [coinbase.txid, ...included];
    const time = prev === undefined ? this.genesisTime : prev.time + BLOCK_INTERVAL;
    const { header, hash } = mineHeader({
      version: 0x20000000,
      prevHash: prev?.hash ?? '00'.repeat(32),
      merkleRoot: bytesToHex(merkleRoot(txids.map((t) => hexToBytes(t).reverse())).reverse()),
      time,
      bits: REGTEST_BITS,
    });
    const block: ModelBlock = { height, hash, header: bytesToHex(header), time, txids };
    this.store(coinbase, null, block.time);
    this.connect(block);
    return block;
  }

  // ---- recorded data ---------------------------------------------------------------------------------------

  /** Puts a recorded transaction into the mempool; spent coins unknown to the model are allowed. */
  importTx(recorded: RecordedTx): string {
    if ('raw' in recorded) return this.accept(decodeTx(recorded.raw), { allowUnknownPrevouts: true, fee: recorded.fee });
    if (!isHex(recorded.txid, 32)) throw new InputError('recorded txid', 'must be 32 bytes of hex');
    const decoded = { txid: recorded.txid.toLowerCase(), prevouts: recorded.spends, outputs: recorded.outputs, body: null };
    return this.accept(decoded, { allowUnknownPrevouts: true, fee: recorded.fee });
  }

  /**
   * Appends a recorded block: its 80-byte header and its recorded (mempool) transactions, coinbase excluded.
   * The first imported block also needs its `height`; later ones must extend the tip.
   */
  importBlock(recorded: { readonly header: string; readonly txids: readonly string[]; readonly height?: number }): ModelBlock {
    const fields = parseHeader(recorded.header);
    const hash = headerHash(hexToBytes(recorded.header));
    let height: number;
    if (this.tipHeightValue < 0) {
      if (recorded.height === undefined) throw new InputError('importBlock height', 'is required for the first block');
      height = recorded.height;
    } else {
      if (fields.prevHash !== this.tip.hash) {
        throw new InputError(`importBlock ${hash}`, `does not extend the tip ${this.tip.hash}`);
      }
      height = this.tipHeightValue + 1;
    }
    const included = this.blockCandidates(recorded.txids);
    // Position 0 belongs to the coinbase, which the recording does not hold.
    const block: ModelBlock = { height, hash, header: recorded.header.toLowerCase(), time: fields.time, txids: included };
    this.connect(block, 1);
    return block;
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private accept(decoded: Pick<DecodedTx, 'txid' | 'prevouts' | 'outputs'> & { body: DecodedTx['body'] | null }, opts: {
    readonly allowUnknownPrevouts: boolean;
    readonly fee?: number | undefined;
  }): string {
    const where = `transaction ${decoded.txid}`;
    if (this.txs.has(decoded.txid)) throw new TxRejected(where, 'is already in the chain model', 'txn-already-known');
    let inputTotal: number | null = 0;
    decoded.prevouts.forEach((prevout, vin) => {
      if (prevout === null) throw new TxRejected(where, 'is a coinbase; only mine() creates coinbases', 'coinbase');
      const spender = this.spenders.get(key(prevout));
      if (spender !== undefined) {
        const reason = this.mempool.has(spender.txid) ? 'txn-mempool-conflict' : 'Missing inputs';
        throw new TxRejected(where, `input ${vin} spends ${key(prevout)}, already spent by ${spender.txid}`, reason);
      }
      const spent = this.output(prevout);
      if (spent === undefined) {
        if (!opts.allowUnknownPrevouts) {
          throw new TxRejected(where, `input ${vin} spends unknown output ${key(prevout)}`, 'Missing inputs');
        }
        inputTotal = null;
      } else if (inputTotal !== null) {
        inputTotal += spent.value;
      }
    });
    const outputTotal = decoded.outputs.reduce((sum, o) => sum + o.value, 0);
    // Without the raw bytes the recorded inputs may be incomplete, so only a recorded fee is trusted.
    const fee = inputTotal === null || decoded.body === null ? (opts.fee ?? null) : inputTotal - outputTotal;
    if (fee !== null && fee < 0) throw new TxRejected(where, `spends ${inputTotal} but pays out ${outputTotal}`, 'bad-txns-in-belowout');
    if (fee !== null && opts.fee !== undefined && fee !== opts.fee) {
      throw new InputError(where, `has fee ${fee}, the recording says ${opts.fee}`);
    }
    const firstSeen = (this.blocks.get(this.tipHeightValue)?.time ?? this.genesisTime) + 1 + this.mempool.size;
    this.store(decoded, fee, firstSeen);
    this.mempool.set(decoded.txid, this.mempoolCounter++);
    this.emit({ kind: 'mempool', txids: [decoded.txid] });
    return decoded.txid;
  }

  /** Records a transaction and indexes its scripts (outputs, and the scripts of the coins it spends). */
  private store(decoded: Pick<DecodedTx, 'txid' | 'prevouts' | 'outputs'> & { body: DecodedTx['body'] | null }, fee: number | null, firstSeen: number): void {
    const tx: ModelTx = {
      txid: decoded.txid,
      prevouts: decoded.prevouts,
      outputs: decoded.outputs,
      fee: decoded.prevouts[0] === null ? 0 : fee,
      firstSeen,
      body: decoded.body,
    };
    this.txs.set(tx.txid, tx);
    tx.prevouts.forEach((prevout, vin) => {
      if (prevout === null) return;
      this.spenders.set(key(prevout), { txid: tx.txid, vin });
      const script = this.output(prevout)?.scriptPubKey;
      if (script !== undefined && script !== null) this.indexScript(script, tx.txid);
    });
    tx.outputs.forEach((output, vout) => {
      if (output.scriptPubKey === null) return;
      this.indexScript(output.scriptPubKey, tx.txid);
      const outpoints = this.scriptOutpoints.get(output.scriptPubKey) ?? [];
      outpoints.push({ txid: tx.txid, vout });
      this.scriptOutpoints.set(output.scriptPubKey, outpoints);
    });
  }

  private indexScript(script: string, txid: string): void {
    let txids = this.scriptTxids.get(script);
    if (txids === undefined) {
      txids = new Set();
      this.scriptTxids.set(script, txids);
      this.scriptByElectrumHash.set(electrumScripthash(script), script);
      this.scriptByEsploraHash.set(esploraScripthash(script), script);
    }
    txids.add(txid);
  }

  /** Validates a block's mempool transactions: each present, parents confirmed or earlier in the list. */
  private blockCandidates(txids: readonly string[] | undefined): string[] {
    const wanted = txids === undefined ? this.mempoolTxids() : txids.map((t) => t.toLowerCase());
    const ordered = [...wanted].sort((a, b) => (this.mempool.get(a) ?? -1) - (this.mempool.get(b) ?? -1));
    const included = new Set<string>();
    for (const txid of ordered) {
      if (!this.mempool.has(txid)) throw new InputError(`block transaction ${txid}`, 'is not in the mempool');
      for (const prevout of this.txs.get(txid)!.prevouts) {
        if (prevout !== null && this.mempool.has(prevout.txid) && !included.has(prevout.txid)) {
          throw new InputError(`block transaction ${txid}`, `needs its unconfirmed parent ${prevout.txid} in the same block`);
        }
      }
      included.add(txid);
    }
    return ordered;
  }

  private connect(block: ModelBlock, firstPosition = 0): void {
    this.blocks.set(block.height, block);
    this.blocksByHash.set(block.hash, block);
    this.tipHeightValue = block.height;
    block.txids.forEach((txid, i) => {
      this.mempool.delete(txid);
      this.confirmed.set(txid, { block, position: firstPosition + i });
    });
    this.emit({ kind: 'block', txids: block.txids });
  }

  private emit(change: ChainChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  private selectFaucetCoins(value: number): { outpoint: OutPoint; value: number }[] {
    // Confirmed coins first, so a funding transaction has no unconfirmed parent unless the faucet runs dry.
    const ranked = this.faucetCoins();
    const chosen: { outpoint: OutPoint; value: number }[] = [];
    let total = 0;
    for (const coin of ranked) {
      if (total >= value + FEE_RESERVE) break;
      chosen.push(coin);
      total += coin.value;
    }
    if (total < value + FEE_RESERVE) {
      throw new InputError('fund value', `${value} exceeds the faucet's ${total} available; mine() to mint more`);
    }
    return chosen;
  }

  private freeFaucetCoin(outpoint: OutPoint): { outpoint: OutPoint; value: number } {
    const coin = this.faucetCoins().find((c) => c.outpoint.txid === outpoint.txid.toLowerCase() && c.outpoint.vout === outpoint.vout);
    if (coin === undefined) throw new InputError('fund coin', `${key(outpoint)} is not a free faucet coin`);
    return coin;
  }

  /** A mempool faucet coin; when there is none, a faucet-to-faucet mempool transaction creates one. */
  private unconfirmedFaucetCoin(value: number): { outpoint: OutPoint; value: number } {
    const free = this.outputsOf(this.faucetScript).filter((o) => o.spentBy === undefined && !o.placement.confirmed);
    const coin = free.find((o) => o.value >= value + FEE_RESERVE);
    if (coin !== undefined) return coin;
    const parent = this.fund(this.faucetScript, value + FEE_RESERVE);
    return { outpoint: parent, value: value + FEE_RESERVE };
  }

  private requireBlock(height: number): ModelBlock {
    const block = this.blocks.get(height);
    if (block === undefined) throw new RestoreScanError('INTERNAL', `the chain model has no block at height ${height}`);
    return block;
  }

  private requirePlacement(txid: string): TxPlacement {
    const placement = this.placement(txid);
    if (placement === undefined) throw new RestoreScanError('INTERNAL', `transaction ${txid} has no place in the chain model`);
    return placement;
  }
}

function key(outpoint: OutPoint): string {
  return `${outpoint.txid.toLowerCase()}:${outpoint.vout}`;
}

/** Chain order: confirmed by height then position, mempool after all confirmed, by entry order. */
export function comparePlacement(a: TxPlacement, b: TxPlacement): number {
  if (a.confirmed && b.confirmed) return a.block.height - b.block.height || a.position - b.position;
  if (a.confirmed) return -1;
  if (b.confirmed) return 1;
  return a.order - b.order;
}

function splitPayout(total: number, script: string): TxOutputSpec[] {
  const share = Math.floor(total / FAUCET_COINS_PER_COINBASE);
  return Array.from({ length: FAUCET_COINS_PER_COINBASE }, (_, i) => ({
    scriptPubKey: script,
    value: i === FAUCET_COINS_PER_COINBASE - 1 ? total - share * (FAUCET_COINS_PER_COINBASE - 1) : share,
  }));
}

function assertScript(script: string, where: string): void {
  if (!isHex(script) || script.length === 0) throw new InputError(where, 'must be a non-empty hex scriptPubKey');
}

function assertAmount(value: number, where: string, allowZero = false): void {
  if (!Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new InputError(where, `must be a ${allowZero ? 'non-negative' : 'positive'} integer amount in base units`);
  }
}
