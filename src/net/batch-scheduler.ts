export interface BatchSchedulerOptions<T> {
  /** How long the first queued item waits for company (0 = until the current tick's other calls are in). */
  waitMs: number;
  /** A full batch goes out at once. */
  maxSize: number;
  onFlush: (items: T[]) => void;
}

export interface BatchScheduler<T> {
  add(item: T): void;
  /** Sends what is queued now. */
  flush(): void;
}

/** Collects items issued close together into batches: up to `maxSize`, or whatever arrived within `waitMs`. */
export function createBatchScheduler<T>(options: BatchSchedulerOptions<T>): BatchScheduler<T> {
  if (!Number.isFinite(options.waitMs) || options.waitMs < 0)
    throw new RangeError(`batchWaitMs must be ≥ 0, got ${options.waitMs}`);
  if (!Number.isInteger(options.maxSize) || options.maxSize < 1)
    throw new RangeError(`batchSize must be an integer ≥ 1, got ${options.maxSize}`);
  let queue: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    options.onFlush(items);
  }

  function add(item: T): void {
    queue.push(item);
    if (queue.length >= options.maxSize) flush();
    else timer ??= setTimeout(flush, options.waitMs);
  }

  return Object.freeze({ add, flush });
}
