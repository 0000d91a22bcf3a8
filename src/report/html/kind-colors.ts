import type { AssetKind } from '../types.js';

/** Colour-blind-safe palette (Okabe–Ito and Tol): every kind is also named in the legend and tables. */
export const KIND_COLORS: Readonly<Record<AssetKind, string>> = Object.freeze({
  native: '#0072B2',
  erc20: '#009E73',
  trc20: '#D55E00',
  spl: '#E69F00',
  'spl-2022': '#CC79A7',
  erc721: '#56B4E9',
  erc1155: '#882255',
  nft: '#332288',
});
