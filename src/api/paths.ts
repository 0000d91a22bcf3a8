import { readInputFiles, readInputs, type InputFile } from '../keys/index.js';
import type { KeySet } from '../keys/types.js';
import { CATALOG, planCoverage, type Coverage } from '../paths/index.js';

export interface PathsReport {
  format: 'restore-scan.paths/1';
  networks: readonly string[];
  coverage: Pick<Coverage, 'scanned' | 'missing' | 'uncheckable'>;
  exportPlan: Coverage['exportPlan'];
  unmatchedKeys: Coverage['unmatchedKeys'];
  notes: string[];
}

export interface PathsOptions {
  /** Network ids to consider (default: every network the input reaches). */
  networks?: readonly string[];
}

/** Input: file paths to read, in-memory files, or an already-read KeySet. */
export type KeyInput = readonly string[] | { files: readonly InputFile[] } | { keySet: KeySet };

export async function loadKeySet(input: KeyInput): Promise<KeySet> {
  if ('keySet' in input) return input.keySet;
  if ('files' in input) return readInputs(input.files);
  return readInputFiles(input as readonly string[]);
}

/**
 * Offline coverage (CONTRACT §1 `paths`): which schemes the input covers, which accounts are missing and what
 * to export from the card, which schemes no public key can check.
 */
export async function paths(input: KeyInput, options: PathsOptions = {}): Promise<PathsReport> {
  const keySet = await loadKeySet(input);
  const coverage = planCoverage(keySet, options.networks ? { networks: options.networks } : {});
  return {
    format: 'restore-scan.paths/1',
    networks: coverage.networks,
    coverage: { scanned: coverage.scanned, missing: coverage.missing, uncheckable: coverage.uncheckable },
    exportPlan: coverage.exportPlan,
    unmatchedKeys: coverage.unmatchedKeys,
    notes: keySet.notes,
  };
}

/** usedBy of a scheme id, for human output. */
export function usedByOf(schemeId: string): readonly string[] {
  return CATALOG.find((s) => s.id === schemeId)?.usedBy ?? [];
}
