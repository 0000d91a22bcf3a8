/** Citations shared by catalog entries: the research doc section and the upstream reference it quotes. */
export const SRC = Object.freeze({
  ledger: 'wallet-conventions.md §1.1 (LedgerHQ/ledger-live libs/coin-framework/src/derivation.ts @01ed5fcd)',
  ledgerInvalid: 'wallet-conventions.md §1.1 (ledger-live-common docs/derivation.md: older "invalid path" recovery modes)',
  trezor: 'wallet-conventions.md §2.1 (trezor/trezor-suite networksConfig.ts @7ce9c0af); vectors trezor_suite_account_types',
  electrum: 'wallet-conventions.md §3.1 (spesmilo/electrum electrum/bip39_wallet_formats.json @92357801)',
  sparrow: 'wallet-conventions.md §4.2 (sparrowwallet/sparrow MnemonicWalletKeystoreImportPane.discoverWallet @e7ae9cca)',
  recovery: 'walletsrecovery_table.md; wallet-conventions.md §8 (nvk/walletsrecovery.org walletsrecovery.json @f76bb63c)',
  tangem: 'tangem_derivations.md (tangem/blockchain-sdk-kotlin DerivationConfigV1/V2/V3.kt @59daaa6c); wallet-conventions.md §5.2',
  walletCore: 'vectors walletcore_default_paths (trustwallet/wallet-core registry.json @5295dc4f)',
  solana: 'wallet-conventions.md §6 (Phantom help 12988493966227; project-serum/spl-token-wallet wallet-seed.js)',
  evm: 'wallet-conventions.md §7.1',
});
