import type { Scheme } from '../scheme.js';
import { defineScheme } from '../validate-scheme.js';
import { SRC } from './sources.js';

// Multisig conventions (BIP-45/48, Casa, Unchained) are not here: they need every cosigner's key, so they are
// scanned from output descriptors, not from the catalog.

const FIRST_UNUSED = { kind: 'first-unused' } as const;
const SINGLE = { kind: 'single' } as const;
const RECEIVE_CHANGE = [0, 1];
const BTC = ['bitcoin', 'bitcoin-testnet'];
const SEGWIT_CHAINS = ['bitcoin', 'bitcoin-testnet', 'litecoin'];

/** `m/<purpose>'/{coin}'/{account}'/{change}/{index}` */
const account = (purpose: number): string => `m/${purpose}'/{coin}'/{account}'/{change}/{index}`;
/** A fixed (non-iterated) account on the Bitcoin coin type. */
const fixed = (purpose: number, acct: number): string => `m/${purpose}'/{coin}'/${acct}'/{change}/{index}`;

const gapScanned = { family: 'bitcoin', curve: 'secp256k1', branches: RECEIVE_CHANGE, addressGap: true } as const;

export const BITCOIN_SCHEMES: readonly Scheme[] = Object.freeze([
  // ── The four standards ────────────────────────────────────────────────────────────────────────────
  defineScheme({
    ...gapScanned, id: 'bip44', title: 'BIP-44 legacy (P2PKH)', script: 'p2pkh', path: account(44), accounts: FIRST_UNUSED,
    networks: ['bitcoin', 'bitcoin-testnet', 'litecoin', 'dogecoin', 'bitcoin-cash'],
    usedBy: ['Trezor Suite (legacy)', 'Ledger Live (legacy)', 'Electrum (bip39)', 'Sparrow', 'Coldcard', 'BitBox01', 'KeepKey',
      'Mycelium', 'Samourai (deposit)', "Blockchain.com (m/44'/0'/n')", 'Trust Wallet', 'Tangem V1–V3 (BCH, DOGE; BTC/LTC legacy address in V1/V2)'],
    source: `${SRC.ledger}; ${SRC.trezor}; ${SRC.electrum}; ${SRC.recovery}; ${SRC.tangem}; ${SRC.walletCore}`,
  }),
  defineScheme({
    ...gapScanned, id: 'bip49', title: 'BIP-49 nested segwit (P2SH-P2WPKH)', script: 'p2sh-p2wpkh', path: account(49), accounts: FIRST_UNUSED,
    networks: SEGWIT_CHAINS,
    usedBy: ['Trezor Suite (segwit)', 'Ledger Live (segwit)', 'Electrum (bip39)', 'Sparrow', 'BitBox02', 'Jade', 'CoboVault',
      'Mycelium', 'Samourai (deposit)', 'Eclair Mobile'],
    source: `${SRC.ledger}; ${SRC.trezor}; ${SRC.electrum}; ${SRC.recovery}`,
  }),
  defineScheme({
    ...gapScanned, id: 'bip84', title: 'BIP-84 native segwit (P2WPKH)', script: 'p2wpkh', path: account(84), accounts: FIRST_UNUSED,
    networks: SEGWIT_CHAINS,
    usedBy: ['Trezor Suite (normal)', 'Ledger Live (native segwit)', 'Electrum (bip39)', 'Sparrow', 'Coldcard', 'Passport', 'Wasabi',
      'Samourai (deposit)', 'Trust Wallet', 'Tangem V3 (BTC, LTC; accounts at the account step)', 'Phantom (BTC, accounts as address index)'],
    source: `${SRC.ledger}; ${SRC.trezor}; ${SRC.electrum}; ${SRC.recovery}; ${SRC.tangem}; ${SRC.walletCore}; ${SRC.solana}`,
  }),
  defineScheme({
    ...gapScanned, id: 'bip86', title: 'BIP-86 taproot (P2TR)', script: 'p2tr', path: account(86), accounts: FIRST_UNUSED,
    networks: BTC,
    usedBy: ['Trezor Suite (taproot)', 'Ledger Live (taproot)', 'Sparrow', 'Wasabi', 'Coldcard Mk3+', 'Trust Wallet', 'Phantom (BTC)',
      'Mutiny', 'Zeus'],
    source: `${SRC.ledger}; ${SRC.trezor}; ${SRC.recovery}; ${SRC.walletCore}; ${SRC.solana}`,
  }),

  // ── Forks: Bitcoin Cash on the pre-fork coin type, and the reverse ─────────────────────────────────
  defineScheme({
    ...gapScanned, id: 'bip44-bch-unsplit', title: "Bitcoin Cash on Bitcoin's coin type (unsplit)", script: 'p2pkh',
    path: "m/44'/0'/{account}'/{change}/{index}", accounts: FIRST_UNUSED, networks: ['bitcoin-cash'],
    usedBy: ['Ledger Live (unsplit mode)', 'BCH wallets restored from a pre-fork Bitcoin seed'],
    source: SRC.ledger,
  }),
  defineScheme({
    ...gapScanned, id: 'btc-on-bch-path', title: "Bitcoin on Bitcoin Cash's coin type (P2PKH)", script: 'p2pkh',
    path: "m/44'/145'/{account}'/{change}/{index}", accounts: FIRST_UNUSED, networks: ['bitcoin'],
    usedBy: ['Ledger Live (older legacy_on_bch recovery mode)'],
    source: SRC.ledgerInvalid,
  }),

  // ── Electrum's bip39 recovery formats beyond the standards ────────────────────────────────────────
  // m/0' is iterated by Electrum as m/0', m/1', …: the account is the first step. No coin type, so mainnet only.
  defineScheme({
    ...gapScanned, id: 'electrum-p2pkh-on-m0h', title: "BIP-32 m/0' legacy (BRD style)", script: 'p2pkh',
    path: "m/{account}'/{change}/{index}", accounts: FIRST_UNUSED, networks: ['bitcoin'],
    usedBy: ['BRD (Bread)', 'Arculus', 'BTC.com app', 'SBW / OBW (Lightning)', 'Electrum bip39 recovery (non-standard legacy)', 'Sparrow discovery'],
    source: `${SRC.electrum}; ${SRC.recovery}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'electrum-p2sh-p2wpkh-on-m0h', title: "BIP-32 m/0' nested segwit", script: 'p2sh-p2wpkh',
    path: "m/{account}'/{change}/{index}", accounts: FIRST_UNUSED, networks: ['bitcoin'],
    usedBy: ['Electrum bip39 recovery (non-standard compatibility segwit)', 'Sparrow discovery'],
    source: `${SRC.electrum}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'electrum-p2wpkh-on-m0h', title: "BIP-32 m/0' native segwit (BRD segwit)", script: 'p2wpkh',
    path: "m/{account}'/{change}/{index}", accounts: FIRST_UNUSED, networks: ['bitcoin'],
    usedBy: ['BRD (segwit addresses; electrum#6390)', 'Electrum bip39 recovery (non-standard native segwit)', 'Sparrow discovery'],
    source: `${SRC.electrum}; wallet-conventions.md §9 item 9 (spesmilo/electrum#6390, #6702); ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'electrum-p2pkh-on-bip49', title: "Legacy (P2PKH) on the BIP-49 path", script: 'p2pkh', path: account(49),
    accounts: FIRST_UNUSED, networks: SEGWIT_CHAINS,
    usedBy: ['Electrum bip39 recovery (PR #8615)', 'Ledger Live (older legacy_on_segwit recovery mode)', 'Sparrow discovery'],
    source: `${SRC.electrum}; ${SRC.ledgerInvalid}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'electrum-p2wpkh-on-bip49', title: 'Native segwit (P2WPKH) on the BIP-49 path', script: 'p2wpkh', path: account(49),
    accounts: FIRST_UNUSED, networks: SEGWIT_CHAINS,
    usedBy: ['Electrum bip39 recovery (PR #8615)', 'Sparrow discovery'],
    source: `${SRC.electrum}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'electrum-p2pkh-on-bip84', title: 'Legacy (P2PKH) on the BIP-84 path', script: 'p2pkh', path: account(84),
    accounts: FIRST_UNUSED, networks: SEGWIT_CHAINS,
    usedBy: ['Electrum bip39 recovery (PR #8615)', 'Ledger Live (older legacy_on_native_segwit recovery mode)', 'Sparrow discovery'],
    source: `${SRC.electrum}; ${SRC.ledgerInvalid}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'electrum-p2sh-p2wpkh-on-bip84', title: 'Nested segwit (P2SH-P2WPKH) on the BIP-84 path', script: 'p2sh-p2wpkh',
    path: account(84), accounts: FIRST_UNUSED, networks: SEGWIT_CHAINS,
    usedBy: ['Electrum bip39 recovery (PR #8615)', 'Sparrow discovery'],
    source: `${SRC.electrum}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'copay-p2wpkh-on-bip44', title: 'Native segwit (P2WPKH) on the BIP-44 path', script: 'p2wpkh', path: account(44),
    accounts: FIRST_UNUSED, networks: SEGWIT_CHAINS,
    usedBy: ['Copay / BitPay (native segwit)', 'Tangem V1/V2 (default BTC/LTC address: segwit on the 44\' path)', 'Stakenet DEX',
      'Electrum bip39 recovery', 'Sparrow discovery'],
    source: `${SRC.electrum}; ${SRC.tangem}; ${SRC.recovery}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'coolwallet-p2sh-p2wpkh-on-bip44', title: 'Nested segwit (P2SH-P2WPKH) on the BIP-44 path', script: 'p2sh-p2wpkh',
    path: account(44), accounts: FIRST_UNUSED, networks: SEGWIT_CHAINS,
    usedBy: ['CoolWallet S', 'Ledger Live (older segwit_on_legacy recovery mode)', 'Electrum bip39 recovery', 'Sparrow discovery'],
    source: `${SRC.electrum}; ${SRC.ledgerInvalid}; ${SRC.recovery}; ${SRC.sparrow}`,
  }),

  // ── Samourai / Whirlpool fixed accounts (not iterated) ──────────────────────────────────────────
  defineScheme({
    ...gapScanned, id: 'samourai-bad-bank', title: 'Samourai Bad Bank (toxic change)', script: 'p2wpkh', path: fixed(84, 2147483644),
    accounts: SINGLE, networks: BTC, usedBy: ['Samourai Wallet', 'Sparrow (Whirlpool)', 'Electrum bip39 recovery'],
    source: `${SRC.electrum}; ${SRC.recovery}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'samourai-premix', title: 'Samourai Whirlpool premix', script: 'p2wpkh', path: fixed(84, 2147483645),
    accounts: SINGLE, networks: BTC, usedBy: ['Samourai Wallet', 'Sparrow (Whirlpool)', 'Electrum bip39 recovery'],
    source: `${SRC.electrum}; ${SRC.recovery}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'samourai-postmix', title: 'Samourai Whirlpool postmix', script: 'p2wpkh', path: fixed(84, 2147483646),
    accounts: SINGLE, networks: BTC, usedBy: ['Samourai Wallet', 'Sparrow (Whirlpool)', 'Passport (postmix)', 'Electrum bip39 recovery'],
    source: `${SRC.electrum}; ${SRC.recovery}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'samourai-ricochet-p2pkh', title: 'Samourai Ricochet (legacy)', script: 'p2pkh', path: fixed(44, 2147483647),
    accounts: SINGLE, networks: BTC, usedBy: ['Samourai Wallet (Ricochet)', 'Electrum bip39 recovery'],
    source: `${SRC.electrum}; ${SRC.recovery}`,
  }),
  defineScheme({
    ...gapScanned, id: 'samourai-ricochet-p2sh-p2wpkh', title: 'Samourai Ricochet (nested segwit)', script: 'p2sh-p2wpkh',
    path: fixed(49, 2147483647), accounts: SINGLE, networks: BTC, usedBy: ['Samourai Wallet (Ricochet)', 'Electrum bip39 recovery'],
    source: `${SRC.electrum}; ${SRC.recovery}`,
  }),
  defineScheme({
    ...gapScanned, id: 'samourai-ricochet-p2wpkh', title: 'Samourai Ricochet (native segwit)', script: 'p2wpkh', path: fixed(84, 2147483647),
    accounts: SINGLE, networks: BTC, usedBy: ['Samourai Wallet (Ricochet)', 'Electrum bip39 recovery'],
    source: `${SRC.electrum}; ${SRC.recovery}`,
  }),

  // ── Sparrow's discovery: every script type × {each default path, m/0', m/44'/0'/1'} ──────────────
  // (the combinations not already listed above)
  defineScheme({
    ...gapScanned, id: 'sparrow-p2tr-on-bip44', title: 'Taproot (P2TR) on the BIP-44 path', script: 'p2tr', path: account(44),
    accounts: FIRST_UNUSED, networks: BTC, usedBy: ['Sparrow discovery (script/path mix-up)'], source: SRC.sparrow,
  }),
  defineScheme({
    ...gapScanned, id: 'sparrow-p2tr-on-bip49', title: 'Taproot (P2TR) on the BIP-49 path', script: 'p2tr', path: account(49),
    accounts: FIRST_UNUSED, networks: BTC, usedBy: ['Sparrow discovery (script/path mix-up)'], source: SRC.sparrow,
  }),
  defineScheme({
    ...gapScanned, id: 'sparrow-p2tr-on-bip84', title: 'Taproot (P2TR) on the BIP-84 path', script: 'p2tr', path: account(84),
    accounts: FIRST_UNUSED, networks: BTC, usedBy: ['Sparrow discovery (script/path mix-up)'], source: SRC.sparrow,
  }),
  defineScheme({
    ...gapScanned, id: 'sparrow-p2pkh-on-bip86', title: 'Legacy (P2PKH) on the BIP-86 path', script: 'p2pkh', path: account(86),
    accounts: FIRST_UNUSED, networks: BTC, usedBy: ['Sparrow discovery (script/path mix-up)'], source: SRC.sparrow,
  }),
  defineScheme({
    ...gapScanned, id: 'sparrow-p2sh-p2wpkh-on-bip86', title: 'Nested segwit (P2SH-P2WPKH) on the BIP-86 path', script: 'p2sh-p2wpkh',
    path: account(86), accounts: FIRST_UNUSED, networks: BTC, usedBy: ['Sparrow discovery (script/path mix-up)'], source: SRC.sparrow,
  }),
  defineScheme({
    ...gapScanned, id: 'sparrow-p2wpkh-on-bip86', title: 'Native segwit (P2WPKH) on the BIP-86 path', script: 'p2wpkh', path: account(86),
    accounts: FIRST_UNUSED, networks: BTC, usedBy: ['Sparrow discovery (script/path mix-up)'], source: SRC.sparrow,
  }),
  defineScheme({
    ...gapScanned, id: 'sparrow-p2tr-on-m0h', title: "Taproot (P2TR) on BIP-32 m/0'", script: 'p2tr', path: "m/0'/{change}/{index}",
    accounts: SINGLE, networks: ['bitcoin'], usedBy: ['Sparrow discovery (script/path mix-up)'], source: SRC.sparrow,
  }),
  defineScheme({
    ...gapScanned, id: 'koinkeep-bip44-account1', title: "Legacy (P2PKH) on m/44'/0'/1' only", script: 'p2pkh',
    path: "m/44'/0'/1'/{change}/{index}", accounts: SINGLE, networks: ['bitcoin'],
    usedBy: ['KoinKeep (account 1 only)', 'Sparrow discovery'], source: `${SRC.recovery}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'bisq-p2wpkh-on-bip44-account1', title: "Native segwit (P2WPKH) on m/44'/0'/1' (Bisq misderivation)", script: 'p2wpkh',
    path: "m/44'/0'/1'/{change}/{index}", accounts: SINGLE, networks: ['bitcoin'],
    usedBy: ['Bisq (BTC wallet)', 'Sparrow discovery'], source: `${SRC.recovery}; ${SRC.sparrow}`,
  }),
  defineScheme({
    ...gapScanned, id: 'sparrow-p2sh-p2wpkh-on-bip44-account1', title: "Nested segwit (P2SH-P2WPKH) on m/44'/0'/1'", script: 'p2sh-p2wpkh',
    path: "m/44'/0'/1'/{change}/{index}", accounts: SINGLE, networks: ['bitcoin'],
    usedBy: ['Sparrow discovery (script/path mix-up)'], source: SRC.sparrow,
  }),
  defineScheme({
    ...gapScanned, id: 'sparrow-p2tr-on-bip44-account1', title: "Taproot (P2TR) on m/44'/0'/1'", script: 'p2tr',
    path: "m/44'/0'/1'/{change}/{index}", accounts: SINGLE, networks: ['bitcoin'],
    usedBy: ['Sparrow discovery (script/path mix-up)'], source: SRC.sparrow,
  }),

  // ── Other wallets ────────────────────────────────────────────────────────────────────────────────
  defineScheme({
    family: 'bitcoin', curve: 'secp256k1', id: 'atomic-single-address', title: 'BIP-44 first address only (single-address wallet)',
    script: 'p2pkh', path: "m/44'/{coin}'/0'/0/0", accounts: SINGLE, addressGap: false,
    networks: ['bitcoin', 'litecoin', 'dogecoin', 'bitcoin-cash'], usedBy: ['Atomic Wallet (single address)'], source: SRC.recovery,
  }),
  // SLIP-25: script_type 1' is P2TR key-path with the BIP-86 tweak, a standard encoding, so a key exported at
  // m/10025'/0'/i'/1' makes it checkable like any taproot account.
  defineScheme({
    ...gapScanned, id: 'trezor-coinjoin', title: 'Trezor coinjoin account (SLIP-25, P2TR)', script: 'p2tr',
    path: "m/10025'/{coin}'/{account}'/1'/{change}/{index}", accounts: FIRST_UNUSED, networks: BTC,
    usedBy: ['Trezor Suite (coinjoin accounts)'], source: `${SRC.trezor}; SLIP-0025`,
  }),

  // ── Not checkable from public keys ────────────────────────────────────────────────────────────────
  // Bitcoin Core's pre-descriptor HD wallets harden every step (m/0'/0'/k' receive, m/0'/1'/k' change).
  defineScheme({
    ...gapScanned, id: 'bitcoin-core-hd-p2pkh', title: 'Bitcoin Core legacy HD wallet (P2PKH)', script: 'p2pkh',
    path: "m/0'/{change}'/{index}'", accounts: SINGLE, networks: ['bitcoin'], uncheckable: 'hardened-addresses',
    usedBy: ['Bitcoin Core 0.13–0.15 (legacy HD wallets)'],
    source: `${SRC.recovery} (m/0'/0'; hardened change/index from Bitcoin Core's CHDChain, not in the research docs)`,
  }),
  defineScheme({
    ...gapScanned, id: 'bitcoin-core-hd-p2sh-p2wpkh', title: 'Bitcoin Core legacy HD wallet (P2SH-P2WPKH)', script: 'p2sh-p2wpkh',
    path: "m/0'/{change}'/{index}'", accounts: SINGLE, networks: ['bitcoin'], uncheckable: 'hardened-addresses',
    usedBy: ['Bitcoin Core 0.16+ legacy wallets (default p2sh-segwit)'],
    source: `${SRC.recovery} (m/0'/0'; hardened change/index from Bitcoin Core's CHDChain, not in the research docs)`,
  }),
  defineScheme({
    ...gapScanned, id: 'bitcoin-core-hd-p2wpkh', title: 'Bitcoin Core legacy HD wallet (P2WPKH)', script: 'p2wpkh',
    path: "m/0'/{change}'/{index}'", accounts: SINGLE, networks: ['bitcoin'], uncheckable: 'hardened-addresses',
    usedBy: ['Bitcoin Core 0.16+ legacy wallets (bech32 addresses)'],
    source: `${SRC.recovery} (m/0'/0'; hardened change/index from Bitcoin Core's CHDChain, not in the research docs)`,
  }),
  // BIP-47 incoming payments are derived by ECDH with the receiver's private key b_i.
  defineScheme({
    family: 'bitcoin', curve: 'secp256k1', id: 'bip47-payment-code', title: 'BIP-47 payment code (PayNym) receive addresses',
    script: 'p2pkh', path: "m/47'/{coin}'/{account}'/{index}", accounts: FIRST_UNUSED, addressGap: true, networks: BTC,
    uncheckable: 'needs-private-key', usedBy: ['Samourai Wallet (PayNym)', 'Sparrow (PayNym)'], source: SRC.recovery,
  }),
]);
