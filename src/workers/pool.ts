/**
 * A pool of derivation workers (piscina). Requests are split into chunks so that every worker gets a
 * share; each chunk comes back as one transferred buffer. `workers: 0` derives in-process.
 *
 * The worker script is always compiled JavaScript: next to this file when running from dist/, and
 * dist/workers/derive-worker.js when this file runs from TypeScript sources (vitest), because Node 20
 * worker threads cannot load .ts and a TS loader inside every worker would cost start-up time and a
 * dependency. `npm test` builds before running vitest.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Piscina } from 'piscina';
import { RestoreScanError } from '../errors.js';
import { deriveMany as deriveManyHere, type DeriveResult, type DeriveTask } from './derive-task.js';
import { checkRequest } from './secp/derive-kernel.js';
import { PAYLOAD_WIDTH } from '../chains/address.js';

export interface DerivePoolOptions {
  /** Worker threads; 0 derives in-process, on the calling thread. */
  workers: number;
  /** Indices per chunk handed to a worker (default DEFAULT_CHUNK, chosen by measurement). */
  chunkSize?: number;
}

export interface DeriveOptions {
  signal?: AbortSignal;
}

export interface DerivePool {
  readonly workers: number;
  /** Time spent deriving on the calling thread (`workers: 0`), where it blocks everything else. */
  readonly inThreadMs: number;
  /** Same result as deriveBatch(task); the request is split into chunks across the workers. */
  derive(task: DeriveTask, options?: DeriveOptions): Promise<DeriveResult>;
  /**
   * Same results as deriveBatch of each task. Small tasks are packed together, up to a chunk of indices per
   * worker message, and share the kernel's batches; large ones are split into chunks across the workers.
   */
  deriveMany(tasks: readonly DeriveTask[], options?: DeriveOptions): Promise<DeriveResult[]>;
  /** Stops the workers; pending requests reject. */
  destroy(): Promise<void>;
}

/** Indices per chunk: ~1,000–2,000 keeps both cores busy without uneven tails (bench/README.md). */
export const DEFAULT_CHUNK = 1024;

/**
 * A worker's live data is its curve tables (typed arrays, outside the JS heap) and one batch: a young generation
 * of V8's default 16 MB semi-spaces only holds garbage, ~30 MB of RSS per worker (measured: 4 MB cuts a worker's
 * RSS by ~15 MB on a 20,000-address run, at no measurable cost in derivation speed).
 */
const WORKER_HEAP_LIMITS = Object.freeze({ maxYoungGenerationSizeMb: 4 });

export function createDerivePool(options: DerivePoolOptions): DerivePool {
  const { workers, chunkSize = DEFAULT_CHUNK } = options;
  if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`workers must be an integer ≥ 0, got ${workers}`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be an integer ≥ 1, got ${chunkSize}`);
  // Two tasks in flight per worker: the next chunk is already queued in the worker when one finishes,
  // instead of waiting for a result → dispatch round trip between threads (~1 ms per chunk measured).
  const piscina =
    workers === 0
      ? undefined
      : new Piscina<DeriveTask | DeriveTask[], DeriveResult | DeriveResult[]>({
          filename: workerFile(),
          minThreads: workers,
          maxThreads: workers,
          concurrentTasksPerWorker: 2,
          resourceLimits: WORKER_HEAP_LIMITS,
        });
  // Task errors reach their callers through run(). The pool-level 'error' event only reports stray answers
  // (a late reply to an aborted task); unheard, Node would turn it into a crash of the whole scan.
  piscina?.on('error', () => {});
  let destroyed = false;
  let inThreadMs = 0;

  const runGroup = async (group: DeriveTask[], signal: AbortSignal | undefined): Promise<DeriveResult[]> => {
    if (!piscina) {
      await yieldToEventLoop(); // lets an abort or other work in between in-process chunks
      signal?.throwIfAborted();
      const started = performance.now();
      try {
        return deriveManyHere(group);
      } finally {
        inThreadMs += performance.now() - started;
      }
    }
    return (await piscina.run(group, { name: 'deriveManyInWorker', signal: signal ?? null })) as DeriveResult[];
  };

  async function deriveMany(tasks: readonly DeriveTask[], { signal }: DeriveOptions = {}): Promise<DeriveResult[]> {
    if (destroyed) throw new RestoreScanError('INTERNAL', 'derive pool used after destroy()');
    // Each task in chunks of at most chunkSize indices; chunks are then packed into groups of at most chunkSize
    // indices, one worker message each. Branch keys (steps) are derived where the chunk is, and kept there: the
    // engine's thread then never builds the curve tables nor does any curve arithmetic.
    const pieces: { task: number; chunk: DeriveTask }[] = [];
    const scripts = tasks.map((task, t) => {
      const script = checkRequest(task);
      const { publicKey, chainCode, steps } = task;
      for (let from = task.from; from < task.from + task.count; from += chunkSize)
        pieces.push({ task: t, chunk: { publicKey, chainCode, ...(steps?.length && { steps }), script, from, count: Math.min(chunkSize, task.from + task.count - from) } });
      return script;
    });
    const groups: (typeof pieces)[] = [];
    let size = 0;
    for (const piece of pieces) {
      if (groups.length === 0 || size + piece.chunk.count > chunkSize) {
        groups.push([]);
        size = 0;
      }
      groups.at(-1)!.push(piece);
      size += piece.chunk.count;
    }
    let answers: DeriveResult[][];
    try {
      signal?.throwIfAborted();
      answers = await Promise.all(groups.map((group) => runGroup(group.map((p) => p.chunk), signal)));
    } catch (err) {
      if (signal?.aborted) throw new RestoreScanError('ABORTED', 'derivation aborted', { cause: err });
      throw err;
    }
    const parts: DeriveResult[][] = tasks.map(() => []);
    groups.forEach((group, g) => group.forEach((piece, k) => parts[piece.task]!.push(answers[g]![k]!)));
    return tasks.map((task, t) => merge({ ...task, script: scripts[t]! }, parts[t]!));
  }

  return {
    workers,
    get inThreadMs() {
      return inThreadMs;
    },
    async derive(task, options) {
      return (await deriveMany([task], options))[0]!;
    },
    deriveMany,
    async destroy() {
      destroyed = true;
      await piscina?.destroy();
    },
  };
}

function merge(task: DeriveTask, parts: DeriveResult[]): DeriveResult {
  const width = PAYLOAD_WIDTH[task.script];
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 0) return { script: task.script, from: task.from, count: 0, width, payloads: new Uint8Array(0), skipped: [] };
  const payloads = new Uint8Array(task.count * width);
  const skipped: number[] = [];
  for (const part of parts) {
    payloads.set(part.payloads, (part.from - task.from) * width);
    skipped.push(...part.skipped);
  }
  return { script: task.script, from: task.from, count: task.count, width, payloads, skipped };
}

function workerFile(): string {
  const beside = fileURLToPath(new URL('./derive-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../dist/workers/derive-worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new RestoreScanError('INTERNAL', 'the derive worker script is missing', {
    details: `looked for ${beside} and ${built}`,
    hint: 'run `npm run build` (worker threads load the compiled JavaScript)',
  });
}
