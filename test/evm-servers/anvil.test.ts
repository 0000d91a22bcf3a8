import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { startAnvil, startAnvilNetworks, type AnvilNode } from '../../src/devnet/evm/anvil.js';
import { killTrackedChildren, trackedChildPids } from '../../src/devnet/evm/child-registry.js';
import { jsonRpc } from '../../src/devnet/evm/json-rpc.js';
import { fund } from '../../src/devnet/evm/world.js';
import { processGone } from './process-gone.js';

const started: AnvilNode[] = [];
afterAll(async () => {
  await Promise.all(started.map((node) => node.stop()));
});

describe('startAnvil', () => {
  it('starts on an OS-chosen port with the chain id, and stop() leaves no process', async () => {
    const node = await startAnvil({ chainId: 4242 });
    started.push(node);
    expect(node.url).toBe(`http://127.0.0.1:${node.port}`);
    expect(node.port).toBeGreaterThan(0);
    expect(await jsonRpc(node.url, 'eth_chainId')).toBe('0x1092');
    expect(processGone(node.pid)).toBe(false);
    expect(trackedChildPids()).toContain(node.pid);

    await node.stop();
    expect(processGone(node.pid)).toBe(true);
    expect(trackedChildPids()).not.toContain(node.pid);
    await expect(node.stop()).resolves.toBeUndefined(); // idempotent
    await expect(jsonRpc(node.url, 'eth_chainId', [], 500)).rejects.toThrow();
  });

  it('passes accounts and blockTime (interval mining) to anvil', async () => {
    const node = await startAnvil({ chainId: 777, accounts: 3, blockTime: 0.2 });
    started.push(node);
    const accounts = await jsonRpc(node.url, 'eth_accounts');
    expect(accounts).toHaveLength(3);
    // With interval mining a transaction waits for the next block; fund() still returns once it is mined.
    const receipt = await fund(node, '0x00000000000000000000000000000000000000aa', 5n);
    expect(receipt.blockNumber).toBeGreaterThan(0n);
    expect(await jsonRpc(node.url, 'eth_getBalance', ['0x00000000000000000000000000000000000000aa', 'latest'])).toBe('0x5');
    await node.stop();
    expect(processGone(node.pid)).toBe(true);
  });

  it('the exit hook kills every tracked anvil synchronously', async () => {
    const node = await startAnvil({ chainId: 5151 });
    started.push(node);
    expect(killTrackedChildren()).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 200 && !processGone(node.pid); i++) await sleep(10);
    expect(processGone(node.pid)).toBe(true);
    await expect(node.stop()).resolves.toBeUndefined();
  });

  it('rejects bad options before spawning anything', async () => {
    await expect(startAnvil({ chainId: 0 })).rejects.toThrow(InputError);
    await expect(startAnvil({ chainId: 1, blockTime: -1 })).rejects.toThrow(/blockTime/);
    await expect(startAnvil({ chainId: 1, accounts: 1.5 })).rejects.toThrow(/accounts/);
    await expect(startAnvilNetworks([])).rejects.toThrow(/at least one/);
    await expect(
      startAnvilNetworks([
        { name: 'a', chainId: 10 },
        { name: 'b', chainId: 10 },
      ]),
    ).rejects.toThrow(/chain id 10 is used twice/);
    await expect(
      startAnvilNetworks([
        { name: 'a', chainId: 10 },
        { name: 'a', chainId: 11 },
      ]),
    ).rejects.toThrow(/"a" is used twice/);
    expect(trackedChildPids()).toEqual([]);
  });
});
