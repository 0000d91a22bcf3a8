/**
 * A tiny JSON-RPC proxy that refuses eth_getLogs spans wider than `limit` blocks the way providers do, and
 * forwards everything else to the node. Records every eth_getLogs span it saw, so tests can check what was asked.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RefusalStyle =
  /** Infura's live API: -32602 "range N exceeds limit of L" (names the limit). */
  | 'infura'
  /** The documented -32005 "query returned more than 10000 results" (names no span: the client must bisect). */
  | 'results';

export interface RangeLimitedRpc {
  url: string;
  /** Spans (inclusive block counts) of eth_getLogs calls forwarded. */
  accepted: number[];
  /** Spans refused. */
  refused: number[];
  close(): Promise<void>;
}

interface RpcMessage {
  jsonrpc?: string;
  id?: unknown;
  method?: string;
  params?: unknown[];
}

async function post(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.json();
}

export async function startRangeLimitedRpc(target: string, limit: number, style: RefusalStyle): Promise<RangeLimitedRpc> {
  const accepted: number[] = [];
  const refused: number[] = [];

  async function answer(messages: RpcMessage[]): Promise<unknown[]> {
    let head: number | undefined;
    const blockOf = async (tag: unknown): Promise<number> => {
      if (typeof tag === 'string' && tag.startsWith('0x')) return Number(tag);
      head ??= Number(((await post(target, { jsonrpc: '2.0', id: 0, method: 'eth_blockNumber', params: [] })) as { result: string }).result);
      return head;
    };
    const refusals = new Map<unknown, unknown>();
    const forwarded: RpcMessage[] = [];
    for (const message of messages) {
      if (message.method === 'eth_getLogs') {
        const filter = (message.params?.[0] ?? {}) as { fromBlock?: unknown; toBlock?: unknown };
        const span = (await blockOf(filter.toBlock ?? 'latest')) - (await blockOf(filter.fromBlock ?? 'latest')) + 1;
        if (span > limit) {
          refused.push(span);
          refusals.set(message.id, {
            jsonrpc: '2.0',
            id: message.id,
            error:
              style === 'infura'
                ? { code: -32602, message: `range ${span} exceeds limit of ${limit}` }
                : { code: -32005, message: 'query returned more than 10000 results' },
          });
          continue;
        }
        accepted.push(span);
      }
      forwarded.push(message);
    }
    const replies = forwarded.length === 0 ? [] : ((await post(target, forwarded)) as unknown[]);
    return [...replies, ...refusals.values()];
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RpcMessage | RpcMessage[];
      const batch = Array.isArray(parsed);
      answer(batch ? parsed : [parsed]).then(
        (replies) => {
          const text = JSON.stringify(batch ? replies : replies[0]);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(text);
        },
        () => {
          res.writeHead(502);
          res.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    refused,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
