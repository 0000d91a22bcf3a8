import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAbiItem } from 'viem/utils';
import type { Abi, AbiParameter } from 'viem';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, compileContracts, staleArtifacts } from '../../fixtures/contracts/compile.mjs';
import { loadArtifact, type ContractName } from '../../src/devnet/evm/artifacts.js';
import { testErc1155Abi, testErc20Abi, testErc721Abi } from '../../src/devnet/evm/token-abis.js';

// Signature of an ABI item, independent of parameter names (constructor/event/function).
function signature(item: Abi[number]): string {
  const types = (params: readonly AbiParameter[]) => params.map((p) => p.type).join(',');
  switch (item.type) {
    case 'function':
      return `function ${item.name}(${types(item.inputs)})->(${types(item.outputs)})`;
    case 'event':
      return `event ${item.name}(${item.inputs.map((p) => `${p.type}${p.indexed ? ' indexed' : ''}`).join(',')})`;
    case 'constructor':
      return `constructor(${types(item.inputs)})`;
    default:
      return formatAbiItem(item);
  }
}

describe('fixture contract artifacts', () => {
  const compiled = compileContracts(); // solcjs, once for the file (~2-4 s)

  it('compiles exactly the three fixture tokens', () => {
    expect(Object.keys(compiled)).toEqual(['TestERC1155', 'TestERC20', 'TestERC721']);
  });

  it('committed artifacts are current (same abi and bytecode as a fresh compile)', () => {
    for (const [name, fresh] of Object.entries(compiled)) {
      const committed: unknown = JSON.parse(readFileSync(join(ARTIFACTS_DIR, `${name}.json`), 'utf8'));
      expect(committed, name).toEqual(fresh);
    }
    expect(staleArtifacts(compiled)).toEqual([]);
  });

  it('every item the harness calls exists in the compiled ABI', () => {
    const used: Record<ContractName, Abi> = { TestERC20: testErc20Abi, TestERC721: testErc721Abi, TestERC1155: testErc1155Abi };
    for (const [name, abi] of Object.entries(used) as [ContractName, Abi][]) {
      const available = new Set(loadArtifact(name).abi.map(signature));
      for (const item of abi) expect(available, `${name}: ${signature(item)}`).toContain(signature(item));
    }
  });
});
