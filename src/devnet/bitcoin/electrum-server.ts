import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import net from 'node:net';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import type { ChainModel } from './chain-model.js';
import { SendScheduler } from './electrum/send-scheduler.js';
import { ElectrumSession } from './electrum/session.js';

export interface ElectrumServerOptions {
  /** Serve TLS (`ssl://`) with the committed test-only self-signed certificate. */
  readonly tls?: boolean;
  /** ElectrumX 1.18+ response padding to ≥1024 bytes / a power of two (on in the recording). Default off. */
  readonly padding?: boolean;
  /** ElectrumX's send hold-back in ms (the recording shows 1000); 0 sends at once. Default 0. */
  readonly delayMs?: number;
  /** What `server.version` / `server.features` report. Default: the recorded `ElectrumX 1.20.0`. */
  readonly serverSoftware?: string;
}

export interface ElectrumServerHandle {
  readonly host: string;
  readonly port: number;
  /** `tcp://127.0.0.1:<port>` or `ssl://127.0.0.1:<port>`, as restore-scan's config takes it. */
  readonly url: string;
  close(): Promise<void>;
}

/** The test-only certificate (PEM) a TLS client must trust to talk to this server. */
/** fixtures/tls of the package, found above this module (sources in src/, or compiled in dist/). */
function fixturesTls(file: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; ) {
    const candidate = join(dir, 'fixtures', 'tls', file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find fixtures/tls/${file} above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
export const TEST_ONLY_TLS_CERT_PATH = fixturesTls('test-only-cert.pem');
const TEST_ONLY_TLS_KEY_PATH = fixturesTls('test-only-key.pem');

const HOST = '127.0.0.1';
/** ElectrumX's MAX_RECV default: a longer request line closes the connection. */
const MAX_LINE_BYTES = 1_000_000;

/**
 * An Electrum protocol server over the chain model: newline-delimited JSON-RPC 2.0 over TCP or TLS, behaving as
 * the recorded ElectrumX 1.20.0 (see README.md for what is recorded, what is assumed, and what differs).
 */
export async function startElectrum(model: ChainModel, options: ElectrumServerOptions = {}): Promise<ElectrumServerHandle> {
  const serverSoftware = options.serverSoftware ?? 'ElectrumX 1.20.0';
  const sendOptions = { padding: options.padding ?? false, delayMs: options.delayMs ?? 0 };
  const connections = new Set<Connection>();

  const onSocket = (socket: net.Socket): void => {
    // As ElectrumX (asyncio sets TCP_NODELAY): a reply is not held back waiting for the previous one's ACK.
    socket.setNoDelay(true);
    const connection = new Connection(socket, new ElectrumSession(model, serverSoftware), sendOptions);
    connections.add(connection);
    socket.on('close', () => {
      connection.dispose();
      connections.delete(connection);
    });
  };
  const server = options.tls
    ? tls.createServer({ key: readFileSync(TEST_ONLY_TLS_KEY_PATH), cert: readFileSync(TEST_ONLY_TLS_CERT_PATH) }, onSocket)
    : net.createServer(onSocket);
  const unsubscribe = model.onChange((change) => {
    for (const connection of connections) connection.notify(change);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    host: HOST,
    port,
    url: `${options.tls ? 'ssl' : 'tcp'}://${HOST}:${port}`,
    close: async () => {
      unsubscribe();
      for (const connection of connections) connection.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One socket: splits incoming bytes into lines, feeds the session, writes its replies through the scheduler. */
class Connection {
  private buffer = '';
  private closing = false;
  private readonly scheduler: SendScheduler;

  constructor(
    private readonly socket: net.Socket,
    private readonly session: ElectrumSession,
    sendOptions: { padding: boolean; delayMs: number },
  ) {
    this.scheduler = new SendScheduler((data) => {
      if (!socket.destroyed) socket.write(data);
    }, sendOptions);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
  }

  notify(change: Parameters<ElectrumSession['notificationsFor']>[0]): void {
    if (this.closing) return;
    for (const line of this.session.notificationsFor(change)) this.scheduler.send(line);
  }

  dispose(): void {
    this.scheduler.cancel();
  }

  destroy(): void {
    this.scheduler.cancel();
    this.socket.destroy();
  }

  private receive(chunk: string): void {
    if (this.closing) return;
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0 && !this.closing) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      const output = this.session.handleLine(line);
      for (const reply of output.lines) this.scheduler.send(reply);
      if (output.close) this.closeAfterReplies();
      newline = this.buffer.indexOf('\n');
    }
    if (Buffer.byteLength(this.buffer) > MAX_LINE_BYTES) this.destroy();
  }

  private closeAfterReplies(): void {
    this.closing = true;
    this.scheduler.whenFlushed(() => this.socket.end());
  }
}
