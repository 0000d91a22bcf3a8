/**
 * Writes reply and notification lines the way ElectrumX 1.18+ (aiorpcX 0.25) does when its traffic-analysis
 * defences are on, both optional:
 * - padding: spaces before the final `}` or `]` so the line, newline included, is a power of two ≥ 1024 bytes;
 * - delay: once a session has sent 1024 bytes, a small message is held until `delayMs` after the previous send,
 *   and everything held goes out together then (a message ≥ 1024 bytes before padding flushes at once).
 */
export interface SendOptions {
  readonly padding: boolean;
  readonly delayMs: number;
}

const PAD_FLOOR = 1024;

export function padLine(json: string): string {
  const length = Buffer.byteLength(json) + 1;
  let target = PAD_FLOOR;
  while (target < length) target *= 2;
  return `${json.slice(0, -1)}${' '.repeat(target - length)}${json.slice(-1)}`;
}

export class SendScheduler {
  private readonly pending: string[] = [];
  private sentBytes = 0;
  private lastSendAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private afterFlush: (() => void) | undefined;

  constructor(
    private readonly write: (data: string) => void,
    private readonly options: SendOptions,
  ) {}

  send(json: string): void {
    this.pending.push(json);
    const size = Buffer.byteLength(json);
    if (this.options.delayMs <= 0 || this.sentBytes < PAD_FLOOR || size >= PAD_FLOOR) {
      this.flush();
    } else if (this.timer === undefined) {
      const wait = Math.max(0, this.lastSendAt + this.options.delayMs - Date.now());
      this.timer = setTimeout(() => this.flush(), wait);
    }
  }

  /** Runs `callback` once everything queued so far has been written (now, or when the held batch goes out). */
  whenFlushed(callback: () => void): void {
    if (this.pending.length === 0) callback();
    else this.afterFlush = callback;
  }

  /** Drops held messages (the connection is going away). */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.length = 0;
  }

  private flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.pending.splice(0);
    if (lines.length === 0) return;
    for (const json of lines) this.sentBytes += Buffer.byteLength(json);
    this.lastSendAt = Date.now();
    this.write(lines.map((json) => `${this.options.padding ? padLine(json) : json}\n`).join(''));
    const callback = this.afterFlush;
    this.afterFlush = undefined;
    callback?.();
  }
}
