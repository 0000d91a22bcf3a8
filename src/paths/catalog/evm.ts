import { networksOf } from '../../chains/networks.js';
import type { Scheme } from '../scheme.js';
import { defineScheme } from '../validate-scheme.js';
import { SRC } from './sources.js';

const EVERY_EVM = networksOf('evm').map((n) => n.id);
const evm = { family: 'evm', curve: 'secp256k1', script: 'evm' } as const;
/** MetaMask-style: one account key, addresses gap-scanned on branch 0. */
const indexed = { ...evm, branches: [0], addressGap: true, accounts: { kind: 'single' } } as const;

const TANGEM_V1 = 'Tangem V1 (card batches AC01, AC02, CB95)';
const TANGEM_V1_SOURCE = `${SRC.tangem}; ${SRC.evm} (historical SLIP-44 coin types)`;

/**
 * Tangem V1 put each EVM chain on its own SLIP-44 coin type; accounts are the last node (AccountNodeRecognizer:
 * m/44'/c'/0'/0/N), so the single V1 address is index 0 of a gap-scanned branch.
 */
function tangemV1(chain: string, coinType: number, where: { networks: string[] } | { chainIds: number[] }): Scheme {
  return defineScheme({
    ...indexed,
    id: `tangem-v1-${chain}`,
    title: `Tangem V1 ${chain} on coin type ${coinType}`,
    path: `m/44'/${coinType}'/0'/{change}/{index}`,
    networks: 'networks' in where ? where.networks : [],
    ...('chainIds' in where && { chainIds: where.chainIds }),
    usedBy: [TANGEM_V1],
    source: TANGEM_V1_SOURCE,
  });
}

export const EVM_SCHEMES: readonly Scheme[] = Object.freeze([
  defineScheme({
    ...indexed, id: 'bip44-evm', title: 'BIP-44 Ethereum, accounts as address index (MetaMask)',
    path: "m/44'/60'/0'/{change}/{index}", networks: EVERY_EVM, anyNetworkOfFamily: true,
    usedBy: ['MetaMask', 'Trezor Suite (normal)', 'Trust Wallet (every EVM chain)', 'Tangem V2/V3 (every EVM chain, ETC in V2)',
      'Tangem V1 (Ethereum, Base, zkSync, Linea…)', 'Phantom (ETH, bip44Change group)'],
    source: `${SRC.evm}; ${SRC.trezor}; ${SRC.tangem}; ${SRC.walletCore}; ${SRC.solana}`,
  }),
  defineScheme({
    ...indexed, id: 'bip44-etc', title: 'BIP-44 Ethereum Classic on coin type 61',
    path: "m/44'/61'/0'/{change}/{index}", networks: ['ethereum-classic'],
    usedBy: ['Trezor Suite (ETC)', 'Trust Wallet (classic)', 'Tangem V1/V3 (ETC)'],
    source: `${SRC.trezor}; ${SRC.evm}; ${SRC.tangem}`,
  }),
  // {coin} is 60 on every EVM network but Ethereum Classic (61), as Ledger Live's currencies have it.
  defineScheme({
    ...evm, id: 'ledger-live-evm', title: 'Ledger Live: one address per hardened account',
    path: "m/44'/{coin}'/{account}'/0/0", accounts: { kind: 'first-unused' }, addressGap: false,
    networks: EVERY_EVM, anyNetworkOfFamily: true,
    usedBy: ['Ledger Live (default EVM mode; ETC on coin 61)', 'Trezor Suite ("ledger" account type)'],
    source: `${SRC.ledger}; ${SRC.trezor}; wallet-conventions.md §9 item 3 (trezor-suite#8591)`,
  }),
  defineScheme({
    ...evm, id: 'ledger-live-mew', title: "Ledger Live ethM: MEW / Ledger Chrome legacy m/44'/60'/0'/i",
    path: "m/44'/60'/0'/{account}", accounts: { kind: 'skip-empty', max: 10 }, addressGap: false,
    networks: ['ethereum', 'ethereum-classic'],
    usedBy: ['MyEtherWallet (Ledger legacy path)', 'Ledger Chrome app', 'Ledger Live (ethM)', 'Trezor Suite ("legacy" account type)'],
    source: `${SRC.ledger}; ${SRC.trezor}; wallet-conventions.md §9 item 7 (MyEtherWallet#1161)`,
  }),
  defineScheme({
    ...evm, id: 'ledger-live-metamask', title: 'Ledger Live ethMM: MetaMask-style accounts, one address each',
    path: "m/44'/60'/0'/0/{account}", accounts: { kind: 'first-unused' }, addressGap: false, skipAccountZero: true,
    networks: ['ethereum', 'ethereum-classic'],
    usedBy: ['Ledger Live (ethMM)'],
    source: SRC.ledger,
  }),
  defineScheme({
    ...evm, id: 'ledger-live-etc-mew', title: "Ledger Live etcM: MEW's Ledger ETC path",
    path: "m/44'/60'/160720'/0'/{account}", accounts: { kind: 'skip-empty', max: 10 }, addressGap: false,
    networks: ['ethereum-classic'],
    usedBy: ['MyEtherWallet (Ledger ETC path)', 'Ledger Live (etcM)'],
    source: `${SRC.ledger}; ${SRC.evm}`,
  }),
  defineScheme({
    ...indexed, id: 'phantom-evm-bip44-group', title: "Phantom EVM addresses of the bip44 account group (m/44'/60'/1')",
    path: "m/44'/60'/1'/{change}/{index}", networks: ['ethereum', 'base', 'polygon'],
    usedBy: ["Phantom (grouped with Solana m/44'/501'/i')"], source: SRC.solana,
  }),
  defineScheme({
    ...indexed, id: 'phantom-evm-deprecated-group', title: "Phantom EVM addresses of the deprecated account group (m/44'/60'/2')",
    path: "m/44'/60'/2'/{change}/{index}", networks: ['ethereum', 'base', 'polygon'],
    usedBy: ["Phantom (grouped with Solana m/501'/i'/0/0)"], source: SRC.solana,
  }),

  // Tangem V1 per-chain coin types on the built-in networks…
  tangemV1('polygon', 966, { networks: ['polygon'] }),
  tangemV1('bsc', 9006, { networks: ['bsc'] }),
  tangemV1('avalanche', 9000, { networks: ['avalanche'] }),
  tangemV1('arbitrum', 9001, { networks: ['arbitrum'] }),
  tangemV1('optimism', 614, { networks: ['optimism'] }),
  tangemV1('gnosis', 700, { networks: ['gnosis'] }),
  tangemV1('fantom', 1007, { networks: ['fantom'] }),
  tangemV1('scroll', 534352, { networks: ['scroll'] }),
  // …and on chains a config may add (matched by chain id).
  tangemV1('rsk', 137, { chainIds: [30] }),
  tangemV1('cronos', 10000025, { chainIds: [25] }),
  tangemV1('kava', 459, { chainIds: [2222] }),
  tangemV1('moonbeam', 1284, { chainIds: [1284] }),
  tangemV1('moonriver', 1285, { chainIds: [1285] }),
  tangemV1('telos', 977, { chainIds: [40] }),
  tangemV1('core', 1116, { chainIds: [1116] }),
  tangemV1('sonic', 10007, { chainIds: [146] }),
  tangemV1('energy-web', 246, { chainIds: [246] }),
  tangemV1('sei-evm', 19000118, { chainIds: [1329] }),
]);
