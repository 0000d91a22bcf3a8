import { ed25519 } from '@noble/curves/ed25519.js';
import { base58 } from '@scure/base';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { InputError } from '../errors.js';
import { decodeBase58Check } from './base58check.js';
import { inspectExtendedKey } from './extended-key.js';
import { bytesEqual } from './hex.js';

/** What was found: messages describe it, never quote it. */
export interface PrivateFinding {
  problem: string;
}

const ENGLISH = new Set(wordlist);
/** Shortest WIF (uncompressed, 51 chars); base58 runs shorter than this cannot hold a private key. */
const BASE58_RUN = /[1-9A-HJ-NP-Za-km-z]{50,}/g;

/** A base58 run that is a private key in some encoding. */
function classifyBase58(run: string): PrivateFinding | undefined {
  const decoded = decodeBase58Check(run);
  if (!decoded.ok && decoded.reason !== 'checksum') return undefined;
  const { payload } = decoded;
  if (payload.length === 78) {
    const inspected = inspectExtendedKey(run);
    return !inspected.ok && inspected.code === 'PRIVATE_MATERIAL' ? { problem: inspected.problem } : undefined;
  }
  if (!decoded.ok) return isSolanaKeypair(base58.decode(run)) ? solanaKeypair : undefined;
  if (payload.length === 33 || (payload.length === 34 && payload[33] === 0x01))
    return { problem: `WIF private key (${payload.length === 34 ? 'compressed' : 'uncompressed'}) refused: only public keys are accepted` };
  if (payload.length === 39 && payload[0] === 0x01 && (payload[1] === 0x42 || payload[1] === 0x43))
    return { problem: 'BIP-38 encrypted private key refused: only public keys are accepted' };
  return undefined;
}

/**
 * Solana wallets export `secret(32) || publicKey(32)` in plain base58. Checking that the second half is the
 * public key of the first keeps hex strings made only of base58 digits (e.g. "1111…") from matching.
 */
function isSolanaKeypair(bytes: Uint8Array): boolean {
  if (bytes.length !== 64) return false;
  try {
    return bytesEqual(ed25519.getPublicKey(bytes.subarray(0, 32)), bytes.subarray(32));
  } catch {
    return false;
  }
}

const solanaKeypair: PrivateFinding = {
  problem: 'a 64-byte base58 secret (Solana keypair export) refused: only public keys are accepted',
};

/** Lowercased alphabetic words of a text, without list numbering ("1.", "2)") or punctuation around them. */
function words(text: string): { words: string[]; allWords: boolean } {
  const tokens = text.split(/[\s,;]+/).filter((t) => t !== '' && !/^#+$/.test(t) && !/^\d{1,2}[.):]?$/.test(t));
  const out = tokens.map((t) => t.replace(/^[#"'(]+|["'),.]+$/g, '').toLowerCase());
  return { words: out, allWords: out.every((w) => /^[a-z]+$/.test(w)) };
}

/**
 * True when `text` reads like a BIP-39 mnemonic: at least 12 words, three quarters of them in the English list
 * (a mistyped word must not turn a seed phrase into "unknown input"; prose fails on its stopwords).
 */
export function looksLikeMnemonic(text: string, requireOnlyWords = false): boolean {
  const { words: ws, allWords } = words(text);
  if (ws.length < 12 || (requireOnlyWords && !allWords)) return false;
  const known = ws.filter((w) => ENGLISH.has(w)).length;
  return known / ws.length >= 0.75;
}

const mnemonicFinding: PrivateFinding = {
  problem: 'BIP-39 mnemonic (seed words) refused: only public keys are accepted; a mnemonic is read only through --mnemonic-stdin, for demos and tests',
};

/** The first private key, WIF, xprv or mnemonic in a piece of text (one line or one JSON string). */
export function findPrivateMaterial(text: string): PrivateFinding | undefined {
  for (const m of text.matchAll(BASE58_RUN)) {
    const found = classifyBase58(m[0]);
    if (found) return found;
  }
  return looksLikeMnemonic(text) ? mnemonicFinding : undefined;
}

export function privateMaterialError(where: string, finding: PrivateFinding): InputError {
  return new InputError(where, finding.problem, { code: 'PRIVATE_MATERIAL' });
}

/**
 * Scans every line of a text input (comments too), then the file as a whole for a mnemonic written one
 * word per line. Throws PRIVATE_MATERIAL naming the line.
 */
export function assertNoPrivateMaterialInLines(lines: readonly string[], whereOfLine: (line: number) => string): void {
  for (const [i, line] of lines.entries()) {
    const found = findPrivateMaterial(line);
    if (found) throw privateMaterialError(whereOfLine(i + 1), found);
  }
  if (looksLikeMnemonic(lines.join('\n'), true)) {
    const first = lines.findIndex((l) => words(l).words.some((w) => ENGLISH.has(w)));
    throw privateMaterialError(whereOfLine(first + 1), mnemonicFinding);
  }
}

/** Card-export / JSON field names that can only hold secrets (compared lowercased, without `_` and `-`). */
const PRIVATE_FIELD_NAMES = new Set([
  'privatekey', 'private', 'privkey', 'prv', 'xprv', 'xpriv', 'tprv', 'wif', 'secret', 'secretkey', 'seed', 'seedhex',
  'mnemonic', 'seedphrase', 'phrase', 'entropy', 'passphrase', 'extendedprivatekey',
]);

export const isPrivateFieldName = (name: string): boolean => PRIVATE_FIELD_NAMES.has(name.toLowerCase().replace(/[_-]/g, ''));
