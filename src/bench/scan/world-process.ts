/**
 * Runs a bench world (world.ts) in a process of its own, as providers are on other machines: its servers and
 * proxies then never share the engine's event loop, and the engine's figures (wall time, derive wait, RSS) are
 * its own. Started by remote-world.ts with `fork`; speaks over the IPC channel:
 *   parent → { kind: 'build', options } | { kind: 'logs' } | { kind: 'close' }
 *   child  → { kind: 'ready', world } | { kind: 'logs', logs } | { kind: 'error', message }
 * The world closes when the parent asks, or when the parent goes away (the channel disconnects).
 */
import { buildScanWorld, type ScanWorld, type ScanWorldDescription, type ScanWorldOptions } from './world.js';

export type WorldRequest = { kind: 'build'; options: ScanWorldOptions } | { kind: 'logs' } | { kind: 'close' };
export type WorldReply =
  | { kind: 'ready'; world: ScanWorldDescription }
  | { kind: 'logs'; logs: ScanWorld['providers'][number]['proxy']['log'][] }
  | { kind: 'error'; message: string };

let world: ScanWorld | undefined;
const send = (reply: WorldReply): void => {
  process.send?.(reply);
};

let shuttingDown = false;
async function shutdown(): Promise<void> {
  // Both a 'close' request and the channel's disconnect lead here; the parent may be gone already.
  if (shuttingDown) return;
  shuttingDown = true;
  const closing = world;
  world = undefined;
  await closing?.close();
  if (process.connected) process.disconnect();
  process.exit(0);
}

process.on('message', (request: WorldRequest) => {
  if (request.kind === 'build') {
    buildScanWorld(request.options).then(
      (built) => {
        world = built;
        const { close: _close, providers, ...description } = built;
        send({ kind: 'ready', world: { ...description, providers: providers.map(({ proxy: _proxy, ...p }) => p) } });
      },
      (err: unknown) => send({ kind: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  } else if (request.kind === 'logs') {
    send({ kind: 'logs', logs: (world?.providers ?? []).map((p) => p.proxy.log) });
  } else if (request.kind === 'close') void shutdown();
});
process.on('disconnect', () => void shutdown());
