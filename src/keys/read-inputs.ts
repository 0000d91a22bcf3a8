import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { parseJsonStrict } from './json-strict.js';
import type { KeySetPart } from './key-set-part.js';
import { KeySetBuilder } from './merge-keys.js';
import { readJsonInput } from './read-json-input.js';
import { readTextLines } from './read-text-lines.js';
import type { KeySet } from './types.js';
import { lineWhere } from './where.js';

export interface InputFile {
  /** Shown in messages and origins (usually the path as the user gave it). */
  name: string;
  text: string;
}

/** Detects the format of one file by its content (never its extension) and reads it. */
export function readInput(file: InputFile): KeySetPart {
  const text = file.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new InputError(lineWhere(file.name, 1), 'empty file: expected a card export, extended public keys, descriptors or a Coldcard export');
  if (text.includes('\0')) throw new InputError(lineWhere(file.name, 1), 'binary file: expected a text or JSON key export (unknown input format)');
  return looksLikeJson(text) ? readJsonInput(file.name, text) : readTextLines(file.name, text);
}

/** `{…}` is JSON; `[…]` only when it parses, since a text line may start with a key origin `[73c5da0a/…]`. */
function looksLikeJson(text: string): boolean {
  const start = text.trimStart();
  if (start.startsWith('{')) return true;
  if (!start.startsWith('[')) return false;
  try {
    parseJsonStrict(text, '');
    return true;
  } catch {
    return false;
  }
}

/**
 * Every input format (CONTRACT §2) into one KeySet; several files and kinds mix in one call. Pure and
 * synchronous. Throws InputError (BAD_INPUT or PRIVATE_MATERIAL) naming the file and line or JSON pointer.
 */
export function readInputs(files: readonly InputFile[]): KeySet {
  if (files.length === 0) throw new InputError('inputs', 'no input files given');
  const builder = new KeySetBuilder();
  for (const f of files) builder.add(readInput(f));
  return builder.build();
}

/** Reads the files (UTF-8) and passes them to readInputs. */
export async function readInputFiles(paths: readonly string[]): Promise<KeySet> {
  const files = await Promise.all(
    paths.map(async (name) => {
      try {
        return { name, text: await readFile(name, 'utf8') };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(name, code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read the file (${code ?? 'error'})`, { cause: e });
      }
    }),
  );
  return readInputs(files);
}
