import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHex, type Abi, type Hex } from 'viem';
import { RestoreScanError } from '../../errors.js';

/** A compiled contract, as written by fixtures/contracts/compile.mjs. */
export interface ContractArtifact {
  readonly abi: Abi;
  readonly bytecode: Hex;
  readonly deployedBytecode: Hex;
}

export type ContractName = 'TestERC20' | 'TestERC721' | 'TestERC1155';

const ARTIFACTS = join('fixtures', 'contracts', 'artifacts');

/** The artifacts folder, found upwards from this module (so it also works from a compiled copy). */
function artifactsDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; ) {
    const candidate = join(dir, ARTIFACTS);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new RestoreScanError('INTERNAL', `cannot find ${ARTIFACTS} above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

const loaded = new Map<ContractName, ContractArtifact>();

/** Loads and shape-checks one committed artifact (a JSON boundary: narrowed here). */
export function loadArtifact(name: ContractName): ContractArtifact {
  const cached = loaded.get(name);
  if (cached !== undefined) return cached;
  const path = join(artifactsDir(), `${name}.json`);
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (
    typeof json !== 'object' || json === null ||
    !('abi' in json) || !Array.isArray(json.abi) ||
    !('bytecode' in json) || !isHex(json.bytecode) ||
    !('deployedBytecode' in json) || !isHex(json.deployedBytecode)
  ) {
    throw new RestoreScanError('INTERNAL', `${path} is not a {abi, bytecode, deployedBytecode} artifact`);
  }
  const artifact: ContractArtifact = Object.freeze({
    abi: json.abi as Abi,
    bytecode: json.bytecode,
    deployedBytecode: json.deployedBytecode,
  });
  loaded.set(name, artifact);
  return artifact;
}
