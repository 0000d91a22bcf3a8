import type { Scheme } from '../scheme.js';
import { defineScheme } from '../validate-scheme.js';
import { SRC } from './sources.js';

// SLIP-0010 ed25519 has no public derivation: every account of every family below needs its own card export.
const solana = { family: 'solana', curve: 'ed25519', script: 'solana', networks: ['solana'], addressGap: false } as const;

export const SOLANA_SCHEMES: readonly Scheme[] = Object.freeze([
  defineScheme({
    ...solana, id: 'solana-bip44-change', title: "Solana bip44Change m/44'/501'/i'/0'",
    path: "m/44'/501'/{account}'/0'", accounts: { kind: 'first-unused' },
    usedBy: ['Phantom (default)', 'Solflare', 'Backpack', 'Trezor Suite (normal)', 'Sollet (bip44Change)',
      'Trust Wallet (alternative "solana" path)'],
    source: `${SRC.solana}; ${SRC.trezor}; ${SRC.walletCore}`,
  }),
  defineScheme({
    ...solana, id: 'solana-bip44', title: "Solana bip44 m/44'/501'/i'",
    path: "m/44'/501'/{account}'", accounts: { kind: 'first-unused' },
    usedBy: ['Ledger Live (solanaSub)', 'Trezor Suite ("ledger" account type)', "Tangem (accounts m/44'/501'/N')",
      'Trust Wallet (default)', 'Solflare', 'Sollet (bip44)', 'Phantom (bip44 group)'],
    source: `${SRC.solana}; ${SRC.ledger}; ${SRC.trezor}; ${SRC.tangem}; ${SRC.walletCore}`,
  }),
  defineScheme({
    ...solana, id: 'solana-bip44-root', title: "Solana root m/44'/501' (one address)",
    path: "m/44'/501'", accounts: { kind: 'single' },
    usedBy: ['Ledger Live (solanaMain)', 'Trezor Suite ("root" account type)', 'Phantom (Ledger bip44Root)', 'Sollet (bip44Root, Ledger only)'],
    source: `${SRC.solana}; ${SRC.ledger}; wallet-conventions.md §9 item 2 (trezor-suite#32253, PR #29485)`,
  }),
  // Sollet's "deprecated" path: a secp256k1 BIP-32 child private key used as the ed25519 seed. The curve here is
  // that of the derivation path; no public key of either curve leads to the Solana address.
  defineScheme({
    family: 'solana', script: 'solana', networks: ['solana'], curve: 'secp256k1', id: 'sollet-deprecated',
    title: "Sollet deprecated m/501'/i'/0/j (secp256k1-derived ed25519 seed)",
    path: "m/501'/{account}'/{change}/{index}", branches: [0], addressGap: true, accounts: { kind: 'first-unused' },
    uncheckable: 'needs-private-key',
    usedBy: ['Sollet (deprecated)', 'Solflare (deprecated)', "Phantom (deprecated m/501'/i'/0/0)"],
    source: SRC.solana,
  }),
]);
