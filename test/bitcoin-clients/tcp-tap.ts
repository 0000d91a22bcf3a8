/** A TCP pass-through that records every line in both directions exactly as sent (padding and newline kept). */
import net from 'node:net';

export interface TappedLine {
  readonly connection: number;
  readonly dir: 'client' | 'server';
  readonly raw: string;
}

export interface TcpTap {
  readonly url: string;
  readonly lines: TappedLine[];
  close(): Promise<void>;
}

export async function startTcpTap(target: { host: string; port: number }): Promise<TcpTap> {
  const lines: TappedLine[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const record = (connection: number, dir: TappedLine['dir'], socket: net.Socket, onward: net.Socket): void => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      onward.write(chunk);
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        lines.push({ connection, dir, raw: buffer.slice(0, nl + 1) });
        buffer = buffer.slice(nl + 1);
      }
    });
  };
  const server = net.createServer((client) => {
    const connection = ++connections;
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    record(connection, 'client', client, upstream);
    record(connection, 'server', upstream, client);
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('close', closeBoth);
      socket.on('error', closeBoth);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `tcp://127.0.0.1:${port}`,
    lines,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
