import { getContractAddress, keccak256, parseTransaction, recoverTransactionAddress, size, slice } from 'viem';
import { describe, expect, it } from 'vitest';
import { MULTICALL3_PRESIGNED } from '../../src/devnet/evm/multicall3-presigned.js';

describe('Multicall3 presigned deployment data', () => {
  const tx = parseTransaction(MULTICALL3_PRESIGNED.rawTransaction);

  it('is signed by the published deployer (so the bytes are verbatim)', async () => {
    const signer = await recoverTransactionAddress({ serializedTransaction: MULTICALL3_PRESIGNED.rawTransaction });
    expect(signer).toBe(MULTICALL3_PRESIGNED.deployer);
  });

  it('is a pre-EIP-155 legacy creation with nonce 0 that lands on 0xcA11…CA11', () => {
    expect(tx.type).toBe('legacy');
    expect(tx.chainId).toBeUndefined();
    expect(tx.to ?? null).toBeNull();
    expect(tx.nonce).toBe(0);
    expect(getContractAddress({ from: MULTICALL3_PRESIGNED.deployer, nonce: 0n })).toBe(MULTICALL3_PRESIGNED.address);
    expect((tx.gasPrice ?? 0n) * (tx.gas ?? 0n)).toBe(MULTICALL3_PRESIGNED.deployerFundingWei);
  });

  it('carries the canonical runtime (code hash as on Ethereum mainnet)', () => {
    const data = tx.data ?? '0x';
    expect(slice(data, 0, 32)).toBe(MULTICALL3_PRESIGNED.constructorPrefix);
    const runtime = slice(data, 32);
    expect(size(runtime)).toBe(MULTICALL3_PRESIGNED.runtimeLength);
    expect(keccak256(runtime)).toBe(MULTICALL3_PRESIGNED.runtimeCodeHash);
  });
});
