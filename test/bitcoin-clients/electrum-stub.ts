/**
 * A scriptable line-JSON server for the Electrum behaviours the chain-model server does not produce: old protocol
 * versions, per-entry errors such as "history too large", the 1.5 dict-shaped history, other hash functions.
 * Every answer comes from `answer(method, params)`; batches are answered as one array line.
 */
import net from 'node:net';

export type StubAnswer = { result: unknown } | { error: { code: number; message: string } };

export interface StubServer {
  readonly url: string;
  /** Request methods received, line by line (a batch line lists all of its methods). */
  readonly lines: string[][];
  close(): Promise<void>;
}

interface Request {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

export async function startElectrumStub(answer: (method: string, params: unknown) => StubAnswer): Promise<StubServer> {
  const lines: string[][] = [];
  const sockets = new Set<net.Socket>();
  const reply = (request: Request): unknown => ({
    jsonrpc: '2.0',
    ...answer(typeof request.method === 'string' ? request.method : '', request.params),
    id: request.id ?? null,
  });
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const parsed = JSON.parse(buffer.slice(0, nl)) as Request | Request[];
        buffer = buffer.slice(nl + 1);
        const requests = Array.isArray(parsed) ? parsed : [parsed];
        lines.push(requests.map((r) => String(r.method)));
        socket.write(`${JSON.stringify(Array.isArray(parsed) ? requests.map(reply) : reply(parsed))}\n`);
      }
    });
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
