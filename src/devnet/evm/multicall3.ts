import { getAddress, keccak256, type Address, type Hash, type Hex } from 'viem';
import { RestoreScanError } from '../../errors.js';
import { confirm, evmClients, type EvmNode } from './clients.js';
import { MULTICALL3_PRESIGNED } from './multicall3-presigned.js';

export const MULTICALL3_ADDRESS: Address = MULTICALL3_PRESIGNED.address;

export interface Multicall3Deployment {
  readonly address: Address;
  /** keccak256 of the deployed runtime; always the canonical one (checked). */
  readonly codeHash: Hex;
  /** The deployment transaction; undefined when Multicall3 was already there. */
  readonly transactionHash: Hash | undefined;
}

async function deployedCodeHash(node: EvmNode): Promise<Hex | undefined> {
  const { publicClient } = await evmClients(node);
  const code = await publicClient.getCode({ address: MULTICALL3_ADDRESS });
  return code === undefined || code === '0x' ? undefined : keccak256(code);
}

function checkHash(node: EvmNode, codeHash: Hex): void {
  if (codeHash !== MULTICALL3_PRESIGNED.runtimeCodeHash) {
    throw new RestoreScanError('INTERNAL', `code at ${MULTICALL3_ADDRESS} on chain ${node.chainId} is not Multicall3`, {
      details: `code hash ${codeHash}, expected ${MULTICALL3_PRESIGNED.runtimeCodeHash}`,
    });
  }
}

/**
 * Deploys the canonical Multicall3 at 0xcA11…CA11 the way public chains got it: the faucet funds the
 * presigned deployer with exactly the 0.1 ETH its transaction may burn, then the presigned transaction is
 * broadcast. Idempotent: an existing canonical deployment is accepted as is.
 */
export async function deployMulticall3(node: EvmNode): Promise<Multicall3Deployment> {
  const existing = await deployedCodeHash(node);
  if (existing !== undefined) {
    checkHash(node, existing);
    return Object.freeze({ address: MULTICALL3_ADDRESS, codeHash: existing, transactionHash: undefined });
  }

  const { publicClient, faucetClient } = await evmClients(node);
  const deployer = MULTICALL3_PRESIGNED.deployer;
  const nonce = await publicClient.getTransactionCount({ address: deployer });
  if (nonce !== 0) {
    throw new RestoreScanError('INTERNAL', `Multicall3 deployer nonce is ${nonce} on chain ${node.chainId}`, {
      hint: 'the presigned transaction needs nonce 0; this chain can no longer get the canonical deployment',
    });
  }
  const balance = await publicClient.getBalance({ address: deployer });
  if (balance < MULTICALL3_PRESIGNED.deployerFundingWei) {
    const funding = await faucetClient.sendTransaction({ to: deployer, value: MULTICALL3_PRESIGNED.deployerFundingWei - balance });
    await confirm(publicClient, funding, 'funding the Multicall3 deployer');
  }

  const transactionHash = await publicClient.sendRawTransaction({ serializedTransaction: MULTICALL3_PRESIGNED.rawTransaction });
  const receipt = await confirm(publicClient, transactionHash, 'the Multicall3 presigned deployment');
  if (receipt.contractAddress == null || getAddress(receipt.contractAddress) !== MULTICALL3_ADDRESS) {
    throw new RestoreScanError('INTERNAL', `Multicall3 deployment created ${String(receipt.contractAddress)}`, {
      details: `expected ${MULTICALL3_ADDRESS}`,
    });
  }
  const codeHash = await deployedCodeHash(node);
  if (codeHash === undefined) throw new RestoreScanError('INTERNAL', `no code at ${MULTICALL3_ADDRESS} after deployment`);
  checkHash(node, codeHash);
  return Object.freeze({ address: MULTICALL3_ADDRESS, codeHash, transactionHash });
}
