import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { formatBaseUnits } from '../../src/report/index.js';
import { amountText, assetDecimals, decimalAmount } from '../../src/report/format/asset-info.js';
import type { Asset } from '../../src/report/types.js';

describe('formatBaseUnits', () => {
  it('prints 0-decimal amounts as they are', () => {
    expect(formatBaseUnits('0', 0)).toBe('0');
    expect(formatBaseUnits('42', 0)).toBe('42');
    expect(formatBaseUnits('1234567', 0, { grouping: true })).toBe('1,234,567');
  });

  it('places the point for 18 decimals, exactly', () => {
    expect(formatBaseUnits('1250000000000000000', 18)).toBe('1.25');
    expect(formatBaseUnits('1', 18)).toBe('0.000000000000000001');
    expect(formatBaseUnits('1000000000000000000', 18)).toBe('1');
    expect(formatBaseUnits('123456789012345678901', 18)).toBe('123.456789012345678901');
    expect(formatBaseUnits('0', 18)).toBe('0');
  });

  it('keeps every digit of huge values (no floating point)', () => {
    const max = (2n ** 256n - 1n).toString();
    expect(formatBaseUnits(max, 0)).toBe(max);
    expect(formatBaseUnits(max, 18)).toBe(`${max.slice(0, -18)}.${max.slice(-18)}`);
    expect(formatBaseUnits(max, 18, { grouping: true }))
      .toBe('115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457.584007913129639935');
    // Where a float would already have lost digits:
    expect(formatBaseUnits('9007199254740993', 8)).toBe('90071992.54740993');
  });

  it('drops trailing zeros of the fraction and handles negative (mempool) amounts', () => {
    expect(formatBaseUnits('1500000', 6)).toBe('1.5');
    expect(formatBaseUnits('-10000', 8)).toBe('-0.0001');
    expect(formatBaseUnits('-1', 0)).toBe('-1');
  });

  it('refuses what is not an integer in base units, naming it', () => {
    for (const bad of ['', '1.5', '0x10', '01', ' 1', '1e3', '--1'])
      expect(() => formatBaseUnits(bad, 2)).toThrow(InputError);
    expect(() => formatBaseUnits('1.5', 2)).toThrow(/"1\.5" is not an integer in base units/);
    expect(() => formatBaseUnits('1', 256)).toThrow(/decimals 256/);
    expect(() => formatBaseUnits('1', -1)).toThrow(InputError);
  });
});

describe('asset amounts', () => {
  const base = { network: 'ethereum', address: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94', path: "m/44'/60'/0'/0/0" };

  it('uses the network decimals and symbol for native coins', () => {
    const eth: Asset = { ...base, kind: 'native', amount: '1250000000000000000' };
    expect(assetDecimals(eth)).toBe(18);
    expect(amountText(eth)).toBe('1.25 ETH');
    const sats: Asset = { ...base, network: 'bitcoin', kind: 'native', amount: '150000' };
    expect(amountText(sats)).toBe('0.0015 BTC');
  });

  it('counts NFTs and says "base units" when a token hides its decimals', () => {
    expect(decimalAmount({ ...base, kind: 'erc1155', contract: '0x1', tokenId: '7', amount: '3' })).toBe('3');
    const unknown: Asset = { ...base, kind: 'erc20', contract: '0x1', amount: '1500000', symbol: 'XYZ' };
    expect(decimalAmount(unknown)).toBeUndefined();
    expect(amountText(unknown)).toBe('1500000 base units of XYZ');
    expect(amountText({ ...unknown, decimals: 0 })).toBe('1500000 XYZ');
  });

  it('leaves a config-defined network native coin in base units', () => {
    expect(amountText({ ...base, network: 'my-devnet', kind: 'native', amount: '5' })).toBe('5 base units');
  });
});
