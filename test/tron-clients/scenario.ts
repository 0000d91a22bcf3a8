/** The Tron client scenario: a TRX + USDT holder, a history-only account, a never-activated USDT holder, a busy account. */
import { TronWorld, USDT_CONTRACT } from '../../src/devnet/tron/index.js';

export const BUSY_TRANSFERS = 450;

export interface TronScenario {
  readonly world: TronWorld;
  readonly holder: string;
  readonly localToken: string;
  /** Activated, then emptied: an account with history and nothing else. */
  readonly historyOnly: string;
  /** Never activated: it only received USDT. */
  readonly usdtOnly: string;
  readonly busy: string;
  readonly unused: string;
}

export function buildTronScenario(): TronScenario {
  const world = new TronWorld({ seed: 'restore-scan/tron-clients' });
  world.addToken({ contract: USDT_CONTRACT, symbol: 'USDT', name: 'Tether USD', decimals: 6, supply: 10n ** 15n });
  const localToken = world.addToken({ symbol: 'LTK', name: 'Local Token', decimals: 8, supply: 10n ** 18n });

  const holder = world.address('holder');
  world.transferTrx(holder, 25_000_000n);
  world.transferTrc20(USDT_CONTRACT, holder, 1_500_000n);
  world.transferTrc20(localToken, holder, 42n * 10n ** 8n);

  const historyOnly = world.address('history-only');
  world.transferTrx(historyOnly, 5_000_000n);
  world.transferTrx(world.treasury, 5_000_000n, { from: historyOnly });

  const usdtOnly = world.address('usdt-only');
  world.transferTrc20(USDT_CONTRACT, usdtOnly, 7_000_000n);

  const busy = world.address('busy');
  for (let i = 1; i <= BUSY_TRANSFERS; i++) world.transferTrx(busy, BigInt(i));

  return { world, holder, localToken, historyOnly, usdtOnly, busy, unused: world.address('never-used') };
}
