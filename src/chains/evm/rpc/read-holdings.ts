import { decodeFunctionResult, encodeFunctionData, type Hex } from 'viem';
import type { AddressActivity, AddressRef, FoundAsset, SourceCallOptions } from '../../source.js';
import { erc1155ReadAbi, erc20ReadAbi, erc721ReadAbi, tokenNameAbi } from '../abi.js';
import { nativeAsset, sortAssets, tokenAsset } from '../assets.js';
import { decodeAddressWord, decodeDecimals, decodeTokenText, decodeUintWord } from '../token-data.js';
import type { EvmRpcContext, TokenMetadata } from './context.js';
import type { ContractRead, ReadOutcome } from './multicall3.js';
import { readContracts } from './read-contracts.js';
import { isUsedScan, scanTxCount } from './read-activity.js';
import { scanWindow } from './scan-window.js';
import { decodeTokenUri, tokenUriRead } from './token-uri.js';

/**
 * An ERC-721 holding with its `tokenURI`. FoundAsset (source.ts) has no field for it yet, so it rides on the
 * asset as an extra property; clients that cannot read it leave it out.
 */
/** An ERC-721 holding, with its tokenURI when the contract answers one. */
export type Erc721Asset = FoundAsset;

/** A read and what to do with its answer. */
interface PlannedRead {
  read: ContractRead;
  apply: (data: ReadOutcome) => void;
}

const call = (target: string, data: Hex): ContractRead => ({ target, data });

/** Reads of the metadata not cached yet: decimals for ERC-20, name and symbol for every token contract. */
function metadataReads(ctx: EvmRpcContext, erc20: Set<string>, nft: Set<string>, fresh: Map<string, TokenMetadata>): PlannedRead[] {
  const planned: PlannedRead[] = [];
  for (const contract of new Set([...erc20, ...nft])) {
    if (ctx.state.metadata.has(contract)) continue;
    const meta: TokenMetadata = {};
    fresh.set(contract, meta);
    if (erc20.has(contract))
      planned.push({
        read: call(contract, encodeFunctionData({ abi: erc20ReadAbi, functionName: 'decimals' })),
        apply: (data) => void (meta.decimals = decodeDecimals(data)),
      });
    planned.push(
      {
        read: call(contract, encodeFunctionData({ abi: tokenNameAbi, functionName: 'symbol' })),
        apply: (data) => void (meta.symbol = decodeTokenText(data)),
      },
      {
        read: call(contract, encodeFunctionData({ abi: tokenNameAbi, functionName: 'name' })),
        apply: (data) => void (meta.name = decodeTokenText(data)),
      },
    );
  }
  return planned;
}

function withTokenUri(asset: FoundAsset, uri: string | undefined): Erc721Asset {
  return uri === undefined ? asset : { ...asset, uri };
}

function definedFacts(meta: TokenMetadata | undefined): TokenMetadata {
  const facts: TokenMetadata = {};
  if (meta?.decimals !== undefined) facts.decimals = meta.decimals;
  if (meta?.symbol !== undefined) facts.symbol = meta.symbol;
  if (meta?.name !== undefined) facts.name = meta.name;
  return facts;
}

/**
 * Full holdings of (used) addresses: native balance; ERC-20 balanceOf for every contract in their Transfer logs;
 * ERC-721 ownerOf and tokenURI for every token id they received; ERC-1155 balanceOfBatch for every id they received; token
 * metadata read once per contract (bytes32 symbols and reverts tolerated). Zero holdings are dropped.
 * Two JSON-RPC batches: the window scan, then every view call (through Multicall3 aggregate3 where it exists).
 */
export async function readHoldings(
  ctx: EvmRpcContext,
  addresses: readonly AddressRef[],
  options: SourceCallOptions = {},
): Promise<AddressActivity[]> {
  const { signal } = options;
  const scans = await scanWindow(ctx, { addresses: addresses.map((a) => a.address), signal });
  const assets: FoundAsset[][] = scans.map((scan) => (scan.balance > 0n ? [nativeAsset(ctx.network, scan.balance)] : []));
  const erc20Contracts = new Set<string>();
  const nftContracts = new Set<string>();
  /** Token assets found, completed with metadata once every read is back. */
  const pending: { index: number; contract: string; make: (facts: TokenMetadata) => FoundAsset }[] = [];
  const planned: PlannedRead[] = [];

  scans.forEach((scan, index) => {
    const owner = scan.address;
    for (const contract of scan.sightings.erc20) {
      erc20Contracts.add(contract);
      planned.push({
        read: call(contract, encodeFunctionData({ abi: erc20ReadAbi, functionName: 'balanceOf', args: [owner as Hex] })),
        apply: (data) => {
          const amount = decodeUintWord(data);
          if (amount !== undefined && amount > 0n)
            pending.push({ index, contract, make: (facts) => tokenAsset('erc20', contract, amount, facts) });
        },
      });
    }
    for (const [contract, ids] of scan.sightings.erc721) {
      nftContracts.add(contract);
      for (const id of ids) {
        // tokenURI rides in the same Multicall3 batch; `make` runs once every read is back, so it sees the URI.
        let uri: string | undefined;
        planned.push(
          {
            read: call(contract, encodeFunctionData({ abi: erc721ReadAbi, functionName: 'ownerOf', args: [BigInt(id)] })),
            apply: (data) => {
              if (decodeAddressWord(data) === owner)
                pending.push({ index, contract, make: (facts) => withTokenUri(tokenAsset('erc721', contract, 1n, facts, BigInt(id)), uri) });
            },
          },
          { read: tokenUriRead(contract, BigInt(id)), apply: (data) => void (uri = decodeTokenUri(data)) },
        );
      }
    }
    for (const [contract, idSet] of scan.sightings.erc1155) {
      nftContracts.add(contract);
      const ids = [...idSet].map(BigInt);
      planned.push({
        read: call(
          contract,
          encodeFunctionData({
            abi: erc1155ReadAbi,
            functionName: 'balanceOfBatch',
            args: [ids.map(() => owner as Hex), ids],
          }),
        ),
        apply: (data) => {
          if (data === undefined) return;
          let amounts: readonly bigint[];
          try {
            amounts = decodeFunctionResult({ abi: erc1155ReadAbi, functionName: 'balanceOfBatch', data });
          } catch {
            return; // not an ERC-1155 after all: no holding we can state
          }
          ids.forEach((id, k) => {
            const amount = amounts[k];
            if (amount !== undefined && amount > 0n)
              pending.push({ index, contract, make: (facts) => tokenAsset('erc1155', contract, amount, facts, id) });
          });
        },
      });
    }
  });

  const fresh = new Map<string, TokenMetadata>();
  planned.push(...metadataReads(ctx, erc20Contracts, nftContracts, fresh));
  const outcomes = await readContracts(ctx, { reads: planned.map((p) => p.read), signal });
  planned.forEach((p, i) => p.apply(outcomes[i]));
  for (const [contract, meta] of fresh) ctx.state.metadata.set(contract, meta);

  for (const { index, contract, make } of pending) (assets[index] as FoundAsset[]).push(make(definedFacts(ctx.state.metadata.get(contract))));
  return scans.map((scan, i) => ({
    address: (addresses[i] as AddressRef).address,
    used: isUsedScan(scan),
    txCount: scanTxCount(scan),
    assets: sortAssets(assets[i] as FoundAsset[]),
  }));
}
