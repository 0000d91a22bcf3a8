/**
 * Splits a byte stream into `\n`-terminated lines. Bytes are decoded only once a line is whole, so a UTF-8
 * character cut between two chunks survives. A line longer than `maxLineBytes` is refused (a runaway peer).
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** The complete lines in `chunk` (without the `\n`), in order. Throws RangeError past `maxLineBytes`. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      const line = this.size === 0 ? piece : Buffer.concat([...this.parts, piece]);
      this.parts = [];
      this.size = 0;
      if (line.length > this.maxLineBytes) throw new RangeError(`a line exceeds ${this.maxLineBytes} bytes`);
      lines.push(line.toString('utf8'));
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.parts.push(rest);
      this.size += rest.length;
      if (this.size > this.maxLineBytes) throw new RangeError(`a line exceeds ${this.maxLineBytes} bytes`);
    }
    return lines;
  }

  /** Bytes held for an unfinished line. */
  get pendingBytes(): number {
    return this.size;
  }
}
