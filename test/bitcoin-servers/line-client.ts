import net from 'node:net';
import tls from 'node:tls';

/**
 * A minimal hand-written newline-delimited JSON client over TCP or TLS: writes raw lines, hands back every
 * received line exactly as sent (padding and trailing newline included), and notices when the server closes.
 */
export class LineClient {
  private buffer = '';
  private readonly lines: string[] = [];
  private readonly waiters: ((line: string | undefined) => void)[] = [];
  private ended = false;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline = this.buffer.indexOf('\n');
      while (newline >= 0) {
        this.deliver(this.buffer.slice(0, newline + 1));
        this.buffer = this.buffer.slice(newline + 1);
        newline = this.buffer.indexOf('\n');
      }
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.ended = true;
        for (const waiter of this.waiters.splice(0)) waiter(undefined);
        resolve();
      });
    });
    socket.on('error', () => socket.destroy());
  }

  /** Connects to `tcp://host:port` or `ssl://host:port`; for TLS, `ca` is the certificate to trust. */
  static connect(url: string, options: { ca?: string | Buffer } = {}): Promise<LineClient> {
    const match = /^(tcp|ssl):\/\/([^:/]+):(\d+)$/.exec(url);
    if (match === null) throw new Error(`not an electrum URL: ${url}`);
    const [, scheme, host, port] = match as unknown as [string, string, string, string];
    return new Promise((resolve, reject) => {
      const socket =
        scheme === 'ssl'
          ? tls.connect({ host, port: Number(port), ca: options.ca }, () => resolve(new LineClient(socket)))
          : net.connect({ host, port: Number(port) }, () => resolve(new LineClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Writes `raw` as is (it should end with a newline). */
  send(raw: string): void {
    this.socket.write(raw);
  }

  /** Sends one JSON-RPC 2.0 request and returns the parsed reply line. */
  async call(id: number | string, method: string, params: unknown[] | Record<string, unknown> = []): Promise<unknown> {
    this.send(`${JSON.stringify({ jsonrpc: '2.0', method, id, params })}\n`);
    const line = await this.nextLine();
    if (line === undefined) throw new Error(`connection closed before the reply to ${method}`);
    return JSON.parse(line);
  }

  /** The next received line (with its newline), or undefined when the connection closed first. */
  nextLine(timeoutMs = 5_000): Promise<string | undefined> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  }

  /** Whether the server has closed the connection (the socket's end has been seen). */
  get isClosed(): boolean {
    return this.ended;
  }

  close(): void {
    this.socket.destroy();
  }

  private deliver(line: string): void {
    const waiter = this.waiters.shift();
    if (waiter !== undefined) waiter(line);
    else this.lines.push(line);
  }
}
