import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError, RestoreScanError } from '../../errors.js';
import { trackChild } from './child-registry.js';
import { jsonRpc } from './json-rpc.js';
import { listeningPorts } from './listening-ports.js';

export interface AnvilOptions {
  /** Reported by eth_chainId; also what EIP-155 signatures must carry. */
  readonly chainId: number;
  /** Interval mining in seconds (fractions allowed); without it every transaction is mined at once. */
  readonly blockTime?: number;
  /** Number of funded dev accounts (anvil's default: 10). */
  readonly accounts?: number;
  /** Give up starting after this long (default 15 s: two shared cores, several nodes at once). */
  readonly startTimeoutMs?: number;
}

/** A running anvil. `url` is http://127.0.0.1:<port>. */
export interface AnvilNode {
  readonly url: string;
  readonly chainId: number;
  readonly port: number;
  readonly pid: number;
  /** Terminates the process and resolves once it has exited (idempotent). */
  stop(): Promise<void>;
}

const POLL_MS = 10;
const STOP_GRACE_MS = 3_000;
const STDERR_KEEP = 2_000;

/** Path of the anvil binary shipped by the npm package @foundry-rs/anvil-linux-amd64. */
export function anvilBinary(): string {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('@foundry-rs/anvil-linux-amd64/package.json');
  } catch (cause) {
    throw new RestoreScanError('INTERNAL', 'anvil is not installed', {
      hint: 'it is the optional dependency @foundry-rs/anvil-linux-amd64 (Linux x64 only); run npm ci on Linux x64',
      cause,
    });
  }
  const binary = join(dirname(packageJson), 'bin', 'anvil');
  if (!existsSync(binary)) throw new RestoreScanError('INTERNAL', `anvil binary missing at ${binary}`);
  return binary;
}

function validate(options: AnvilOptions): void {
  const where = 'startAnvil';
  if (!Number.isSafeInteger(options.chainId) || options.chainId <= 0) {
    throw new InputError(where, `chainId must be a positive integer, got ${String(options.chainId)}`);
  }
  if (options.blockTime !== undefined && !(Number.isFinite(options.blockTime) && options.blockTime > 0)) {
    throw new InputError(where, `blockTime must be a positive number of seconds, got ${String(options.blockTime)}`);
  }
  if (options.accounts !== undefined && !(Number.isSafeInteger(options.accounts) && options.accounts > 0)) {
    throw new InputError(where, `accounts must be a positive integer, got ${String(options.accounts)}`);
  }
}

function anvilArguments(options: AnvilOptions): string[] {
  // --port 0: the OS picks a free port atomically at bind time; we read it back from /proc.
  const args = ['--host', '127.0.0.1', '--port', '0', '--chain-id', String(options.chainId), '--silent'];
  if (options.blockTime !== undefined) args.push('--block-time', String(options.blockTime));
  if (options.accounts !== undefined) args.push('--accounts', String(options.accounts));
  return args;
}

/** Resolves once the child has exited; safe to call many times. */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function stopper(child: ChildProcess): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (child.pid === undefined) return; // never spawned: nothing to stop
      const done = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await done;
      clearTimeout(timer);
    })();
    return stopping;
  };
}

/**
 * Starts anvil on 127.0.0.1 and waits until eth_chainId answers with `chainId`. The process is killed by
 * `stop()`, and also when this Node process exits or gets SIGINT/SIGTERM/SIGHUP (no orphans).
 */
export async function startAnvil(options: AnvilOptions): Promise<AnvilNode> {
  validate(options);
  const child = spawn(anvilBinary(), anvilArguments(options), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  let spawnError: Error | undefined;
  child.once('error', (err) => {
    spawnError = err;
  });
  // The harness must not keep the event loop alive by itself; the exit hook reaps the child instead.
  child.unref();
  (child.stderr as Socket | null)?.unref();

  const stop = stopper(child);
  const failure = (problem: string, cause?: unknown): RestoreScanError =>
    new RestoreScanError('INTERNAL', `anvil (chain id ${options.chainId}) ${problem}`, {
      details: stderr.trim() || undefined,
      cause: spawnError ?? cause,
    });

  try {
    if (child.pid === undefined) {
      await sleep(0); // let the 'error' event arrive
      throw failure('could not be spawned');
    }
    const pid = child.pid;
    trackChild(child);
    const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
    const isGone = () => child.exitCode !== null || child.signalCode !== null || spawnError !== undefined;

    let port: number | undefined;
    while (port === undefined) {
      if (isGone()) throw failure(`exited before listening (code ${child.exitCode}, signal ${child.signalCode})`);
      if (Date.now() > deadline) throw failure('did not start listening in time');
      const ports = await listeningPorts(pid).catch(() => []);
      if (ports.length > 1) throw failure(`listens on several ports (${ports.join(', ')}); expected one`);
      port = ports[0];
      if (port === undefined) await sleep(POLL_MS);
    }

    const url = `http://127.0.0.1:${port}`;
    let reported: unknown;
    for (;;) {
      if (isGone()) throw failure(`exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`);
      try {
        reported = await jsonRpc(url, 'eth_chainId', [], 2_000);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw failure('did not answer eth_chainId in time', err);
        await sleep(POLL_MS);
      }
    }
    if (typeof reported !== 'string' || BigInt(reported) !== BigInt(options.chainId)) {
      throw failure(`reports chain id ${String(reported)}`);
    }
    return Object.freeze({ url, chainId: options.chainId, port, pid, stop });
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface AnvilNetworkSpec extends AnvilOptions {
  /** A label for the network, e.g. "l1", "optimism-like". */
  readonly name: string;
}

export interface AnvilNetwork extends AnvilNode {
  readonly name: string;
}

export interface AnvilNetworks {
  /** In the order of the specs. */
  readonly networks: readonly AnvilNetwork[];
  /** The network with this name; throws for an unknown one. */
  get(name: string): AnvilNetwork;
  /** Stops every node (in parallel); resolves when all have exited. */
  stop(): Promise<void>;
}

/**
 * Starts one anvil per spec, in parallel (an L1 and L2s). Names and chain ids must be distinct.
 * If any node fails to start, the others are stopped and the first error is thrown.
 */
export async function startAnvilNetworks(specs: readonly AnvilNetworkSpec[]): Promise<AnvilNetworks> {
  const where = 'startAnvilNetworks';
  if (specs.length === 0) throw new InputError(where, 'at least one network is needed');
  const names = new Set<string>();
  const chainIds = new Set<number>();
  for (const spec of specs) {
    if (spec.name === '') throw new InputError(where, 'a network name is empty');
    if (names.has(spec.name)) throw new InputError(where, `network name "${spec.name}" is used twice`);
    if (chainIds.has(spec.chainId)) throw new InputError(where, `chain id ${spec.chainId} is used twice`);
    names.add(spec.name);
    chainIds.add(spec.chainId);
  }

  const settled = await Promise.allSettled(specs.map((spec) => startAnvil(spec)));
  const started = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(started.map((node) => node.stop()));
    throw failed.reason;
  }

  const networks = started.map((node, i): AnvilNetwork => Object.freeze({ ...node, name: specs[i]!.name }));
  const byName = new Map(networks.map((network) => [network.name, network]));
  return Object.freeze({
    networks: Object.freeze(networks),
    get(name: string): AnvilNetwork {
      const network = byName.get(name);
      if (network === undefined) throw new InputError(where, `no network named "${name}" (have ${[...byName.keys()].join(', ')})`);
      return network;
    },
    async stop(): Promise<void> {
      await Promise.all(networks.map((network) => network.stop()));
    },
  });
}
