/**
 * The engine's handle on a bench world running in its own process (world-process.ts): the world's description,
 * the clients to reach it, its proxies' logs on request, and close().
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProxyLogEntry } from '../../devnet/fault-proxy.js';
import type { SourceFactories } from '../../discovery/network-sources.js';
import { RestoreScanError } from '../../errors.js';
import { benchSourceFactories } from './bench-sources.js';
import type { ScanWorldDescription, ScanWorldOptions } from './world.js';
import type { WorldReply, WorldRequest } from './world-process.js';

export interface RemoteScanWorld extends ScanWorldDescription {
  sourceFactories: SourceFactories;
  /** Every provider's proxy log so far, in the order of `providers`. */
  logs(): Promise<ProxyLogEntry[][]>;
  close(): Promise<void>;
}

/** The compiled script: beside this file in dist/, or dist/bench/scan/ when this file runs from sources (vitest). */
function processScript(): string {
  for (const candidate of ['./world-process.js', '../../../dist/bench/scan/world-process.js']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new RestoreScanError('INTERNAL', 'the bench world script is missing', { hint: 'run `npm run build` first' });
}

const WORLD_OPTION_KEYS = Object.freeze([
  'branches', 'indexers', 'latencyMs', 'requestsPerSecond', 'maxConcurrency', 'burst', 'gapLimit', 'evmNetworks', 'evmUsed', 'solanaKeys',
] as const satisfies readonly (keyof ScanWorldOptions)[]);
// Compile-time check that the list names every world option (a new one must be added above).
const everyOptionListed: [Exclude<keyof ScanWorldOptions, (typeof WORLD_OPTION_KEYS)[number]>] extends [never] ? true : never = true;
void everyOptionListed;

export async function startRemoteWorld(options: ScanWorldOptions): Promise<RemoteScanWorld> {
  const child: ChildProcess = fork(processScript(), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting: ((reply: WorldReply) => void)[] = [];
  child.on('message', (reply: WorldReply) => waiting.shift()?.(reply));
  const ask = (request: WorldRequest): Promise<WorldReply> =>
    new Promise<WorldReply>((resolve, reject) => {
      const onExit = () => reject(new RestoreScanError('INTERNAL', 'the bench world process ended unexpectedly'));
      child.once('exit', onExit);
      waiting.push((reply) => {
        child.off('exit', onExit);
        resolve(reply);
      });
      try {
        child.send(request);
      } catch (err) {
        waiting.pop();
        child.off('exit', onExit);
        reject(err);
      }
    });
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.connected) child.send({ kind: 'close' } satisfies WorldRequest);
    await exited;
  };

  // Only the world's own options cross (a caller may pass more, functions included, which cannot be cloned).
  const worldOptions: ScanWorldOptions = Object.fromEntries(WORLD_OPTION_KEYS.flatMap((k) => (options[k] === undefined ? [] : [[k, options[k]]])));
  let reply: WorldReply;
  try {
    reply = await ask({ kind: 'build', options: worldOptions });
  } catch (err) {
    await close();
    throw err;
  }
  if (reply.kind !== 'ready') {
    await close();
    throw new RestoreScanError('INTERNAL', `the bench world could not be built: ${reply.kind === 'error' ? reply.message : reply.kind}`);
  }
  return {
    ...reply.world,
    sourceFactories: benchSourceFactories(reply.world.chains),
    logs: async () => {
      const answer = await ask({ kind: 'logs' });
      if (answer.kind !== 'logs') throw new RestoreScanError('INTERNAL', `the bench world answered ${answer.kind} to logs`);
      return answer.logs;
    },
    close,
  };
}
