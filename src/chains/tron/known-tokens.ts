/**
 * TRC-20 tokens whose decimals and symbol are known without asking: TronGrid's account answer gives only
 * `{contract: amount}`. Other contracts get theirs from the `token_info` of their transfers (holdings()).
 */
export interface Trc20Info {
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
}

export const KNOWN_TRC20: Readonly<Record<string, Trc20Info>> = Object.freeze({
  TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t: Object.freeze({ symbol: 'USDT', name: 'Tether USD', decimals: 6 }),
  TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8: Object.freeze({ symbol: 'USDC', name: 'USD Coin', decimals: 6 }),
});
