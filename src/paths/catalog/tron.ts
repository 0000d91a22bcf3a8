import type { Scheme } from '../scheme.js';
import { defineScheme } from '../validate-scheme.js';
import { SRC } from './sources.js';

export const TRON_SCHEMES: readonly Scheme[] = Object.freeze([
  // Trust puts the one address at account 0, index 0; Tangem's accounts are the last node (…/0/N).
  // Iterating accounts and gap-scanning the index covers both.
  defineScheme({
    family: 'tron', curve: 'secp256k1', script: 'tron', networks: ['tron'], id: 'tron-bip44', title: 'BIP-44 Tron',
    path: "m/44'/195'/{account}'/{change}/{index}", branches: [0], addressGap: true, accounts: { kind: 'first-unused' },
    usedBy: ['Trust Wallet (wallet-core)', 'Tangem V1–V3 (accounts as address index)'],
    source: `${SRC.walletCore}; ${SRC.tangem}`,
  }),
]);
