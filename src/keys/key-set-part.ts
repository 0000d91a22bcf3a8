import type { DescriptorWallet, ExportedKey } from './types.js';

/** What one input file contributes to the KeySet, before merging. */
export interface KeySetPart {
  keys: ExportedKey[];
  descriptors: DescriptorWallet[];
  notes: string[];
}

export const emptyPart = (): KeySetPart => ({ keys: [], descriptors: [], notes: [] });

/** Builds an ExportedKey without `undefined`-valued optional fields (plain data, stable equality). */
export function exportedKey(k: ExportedKey): ExportedKey {
  return Object.fromEntries(Object.entries(k).filter(([, v]) => v !== undefined && v !== false)) as unknown as ExportedKey;
}
