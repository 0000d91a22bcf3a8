import { InputError } from '../errors.js';
import { formatPath } from '../paths/derivation-path.js';
import { bytesEqual, toHex } from './hex.js';
import type { KeySetPart } from './key-set-part.js';
import type { DescriptorWallet, ExportedKey, KeySet } from './types.js';
import { formatOrigin } from './where.js';

const identity = (k: ExportedKey): string => `${k.curve}|${formatPath(k.path)}|${toHex(k.publicKey)}`;
const claim = (k: ExportedKey): string | undefined =>
  k.masterFingerprint === undefined ? undefined : `${k.curve}|${formatPath(k.path)}|${k.masterFingerprint}`;
const place = (k: ExportedKey): string => formatOrigin(k.origins[0]!);

/**
 * Merges the parts of every input into one KeySet: the same key (curve, path, public key) read twice keeps
 * one entry with both origins; two different keys claiming the same path under the same master fingerprint
 * are an error naming both places. Keys whose path was only assumed give way to the same key with a stated
 * path.
 */
export class KeySetBuilder {
  private readonly keys: ExportedKey[] = [];
  private readonly byIdentity = new Map<string, ExportedKey>();
  private readonly byClaim = new Map<string, ExportedKey>();
  private readonly descriptors: DescriptorWallet[] = [];
  private readonly descriptorTexts = new Set<string>();
  private readonly notes: string[] = [];

  add(part: KeySetPart): this {
    for (const k of part.keys) this.addKey(k);
    for (const d of part.descriptors) {
      if (this.descriptorTexts.has(d.descriptor)) continue;
      this.descriptorTexts.add(d.descriptor);
      this.descriptors.push(d);
    }
    this.notes.push(...part.notes);
    return this;
  }

  private addKey(k: ExportedKey): void {
    const existing = this.byIdentity.get(identity(k));
    if (existing) return this.merge(existing, k);
    const c = claim(k);
    const rival = c === undefined ? undefined : this.byClaim.get(c);
    if (rival)
      throw new InputError(
        place(k),
        `a different ${k.curve} key than ${place(rival)} for path ${formatPath(k.path)} of master ${k.masterFingerprint}`,
      );
    const copy: ExportedKey = { ...k, origins: [...k.origins] };
    this.keys.push(copy);
    this.byIdentity.set(identity(k), copy);
    if (c !== undefined) this.byClaim.set(c, copy);
  }

  private merge(into: ExportedKey, k: ExportedKey): void {
    const conflict = (what: string): never => {
      throw new InputError(place(k), `same key and path as ${place(into)} but a different ${what}`);
    };
    if (into.chainCode && k.chainCode && !bytesEqual(into.chainCode, k.chainCode)) conflict('chain code');
    if (into.masterFingerprint && k.masterFingerprint && into.masterFingerprint !== k.masterFingerprint) conflict('master fingerprint');
    into.chainCode ??= k.chainCode;
    if (!into.masterFingerprint && k.masterFingerprint) {
      const rival = this.byClaim.get(claim(k)!);
      if (rival) throw new InputError(place(k), `a different ${k.curve} key than ${place(rival)} for path ${formatPath(k.path)} of master ${k.masterFingerprint}`);
      into.masterFingerprint = k.masterFingerprint;
      this.byClaim.set(claim(into)!, into);
    }
    if (into.scriptHint && k.scriptHint && into.scriptHint !== k.scriptHint)
      this.notes.push(`${place(k)}: same key as ${place(into)}, read as ${k.scriptHint} there as ${into.scriptHint}; both origins kept`);
    into.scriptHint ??= k.scriptHint;
    into.multisig ??= k.multisig;
    into.testnet ??= k.testnet;
    if (into.pathAssumed && !k.pathAssumed) delete into.pathAssumed;
    into.origins.push(...k.origins);
    for (const f of ['chainCode', 'masterFingerprint', 'scriptHint', 'multisig', 'testnet'] as const) if (into[f] === undefined) delete into[f];
  }

  build(): KeySet {
    const stated = this.keys.filter((k) => !k.pathAssumed);
    const keys = this.keys.filter((k) => {
      if (!k.pathAssumed) return true;
      const same = stated.find((s) => s.curve === k.curve && bytesEqual(s.publicKey, k.publicKey));
      if (!same) return true;
      same.origins.push(...k.origins);
      this.notes.push(`${place(k)}: the assumed path ${formatPath(k.path)} is dropped: ${place(same)} states this key's path as ${formatPath(same.path)}`);
      return false;
    });
    return { keys, descriptors: this.descriptors, notes: [...new Set(this.notes)] };
  }
}
