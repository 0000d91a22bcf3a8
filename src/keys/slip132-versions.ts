import type { ScriptType } from '../chains/types.js';
import type { MultisigScript } from './types.js';

/**
 * One pair of BIP-32 serialization version bytes (SLIP-0132 "Registered HD version bytes", plus Dogecoin's
 * dgub/dgpv from Trust Wallet Core, which SLIP-0132 does not list). Data only: parsers look entries up by the
 * 4 version bytes, never by the base58 prefix (Nexa's "xpub" really starts with "F6iY").
 */
export interface ExtendedKeyVersion {
  /** Nominal prefix of the public form, as SLIP-0132 names it. */
  readonly prefix: string;
  readonly privatePrefix: string;
  readonly public: number;
  readonly private: number;
  /** The coin SLIP-0132 registers these bytes for first; `alsoUsedBy` lists coins sharing them. */
  readonly coin: string;
  readonly alsoUsedBy: readonly string[];
  /** SLIP-44 coin type of the standard account path, when SLIP-0132 states one. */
  readonly coinType: number | undefined;
  readonly testnet: boolean;
  /** BIP-43 purpose of the standard account path (44, 49, 84, 48), when there is one. */
  readonly purpose: number | undefined;
  /** Single-sig script the version implies. */
  readonly scriptHint: ScriptType | undefined;
  /** Multisig wrapping the version implies (Ypub/Zpub family): keys are one cosigner of a BIP-48 wallet. */
  readonly multisig: MultisigScript | undefined;
  /**
   * xpub/tpub are what descriptors, Coldcard and most non-Bitcoin wallets (Ethereum m/44'/60'…) use for every
   * script type, so their SLIP-0132 hint says little: readers do not put it on the ExportedKey.
   */
  readonly generic: boolean;
}

type VersionRow = Omit<ExtendedKeyVersion, 'alsoUsedBy' | 'multisig' | 'testnet' | 'generic'> &
  Partial<Pick<ExtendedKeyVersion, 'alsoUsedBy' | 'multisig' | 'testnet' | 'generic'>>;

const row = (r: VersionRow): ExtendedKeyVersion =>
  Object.freeze({ multisig: undefined, testnet: false, generic: false, ...r, alsoUsedBy: Object.freeze(r.alsoUsedBy ?? []) });

export const EXTENDED_KEY_VERSIONS: readonly ExtendedKeyVersion[] = Object.freeze([
  row({ prefix: 'xpub', privatePrefix: 'xprv', public: 0x0488b21e, private: 0x0488ade4, coin: 'Bitcoin',
    alsoUsedBy: ['Groestlcoin', 'Vertcoin (vtcp/vtcv)', 'most BIP-32 coins'], coinType: 0, purpose: 44, scriptHint: 'p2pkh', generic: true }),
  row({ prefix: 'ypub', privatePrefix: 'yprv', public: 0x049d7cb2, private: 0x049d7878, coin: 'Bitcoin',
    alsoUsedBy: ['Groestlcoin'], coinType: 0, purpose: 49, scriptHint: 'p2sh-p2wpkh' }),
  row({ prefix: 'zpub', privatePrefix: 'zprv', public: 0x04b24746, private: 0x04b2430c, coin: 'Bitcoin',
    alsoUsedBy: ['Groestlcoin', 'Syscoin', 'Litecoin (wallet-core, m/84\'/2\')'], coinType: 0, purpose: 84, scriptHint: 'p2wpkh' }),
  row({ prefix: 'Ypub', privatePrefix: 'Yprv', public: 0x0295b43f, private: 0x0295b005, coin: 'Bitcoin',
    alsoUsedBy: ['Groestlcoin'], coinType: 0, purpose: 48, scriptHint: undefined, multisig: 'p2sh-p2wsh' }),
  row({ prefix: 'Zpub', privatePrefix: 'Zprv', public: 0x02aa7ed3, private: 0x02aa7a99, coin: 'Bitcoin',
    alsoUsedBy: ['Groestlcoin', 'Syscoin'], coinType: 0, purpose: 48, scriptHint: undefined, multisig: 'p2wsh' }),
  row({ prefix: 'tpub', privatePrefix: 'tprv', public: 0x043587cf, private: 0x04358394, coin: 'Bitcoin Testnet',
    alsoUsedBy: ['Groestlcoin Testnet', 'Nexa Testnet'], coinType: 1, testnet: true, purpose: 44, scriptHint: 'p2pkh', generic: true }),
  row({ prefix: 'upub', privatePrefix: 'uprv', public: 0x044a5262, private: 0x044a4e28, coin: 'Bitcoin Testnet',
    alsoUsedBy: ['Groestlcoin Testnet'], coinType: 1, testnet: true, purpose: 49, scriptHint: 'p2sh-p2wpkh' }),
  row({ prefix: 'vpub', privatePrefix: 'vprv', public: 0x045f1cf6, private: 0x045f18bc, coin: 'Bitcoin Testnet',
    alsoUsedBy: ['Groestlcoin Testnet', 'Kylacoin Testnet (P2PKH)'], coinType: 1, testnet: true, purpose: 84, scriptHint: 'p2wpkh' }),
  row({ prefix: 'Upub', privatePrefix: 'Uprv', public: 0x024289ef, private: 0x024285b5, coin: 'Bitcoin Testnet',
    alsoUsedBy: ['Groestlcoin Testnet'], coinType: 1, testnet: true, purpose: 48, scriptHint: undefined, multisig: 'p2sh-p2wsh' }),
  row({ prefix: 'Vpub', privatePrefix: 'Vprv', public: 0x02575483, private: 0x02575048, coin: 'Bitcoin Testnet',
    alsoUsedBy: ['Groestlcoin Testnet'], coinType: 1, testnet: true, purpose: 48, scriptHint: undefined, multisig: 'p2wsh' }),
  row({ prefix: 'kpub', privatePrefix: 'kprv', public: 0x038f332e, private: 0x038f2ef4, coin: 'Kylacoin',
    coinType: undefined, purpose: undefined, scriptHint: 'p2pkh' }),
  row({ prefix: 'Ltub', privatePrefix: 'Ltpv', public: 0x019da462, private: 0x019d9cfe, coin: 'Litecoin',
    coinType: 2, purpose: 44, scriptHint: 'p2pkh' }),
  row({ prefix: 'Mtub', privatePrefix: 'Mtpv', public: 0x01b26ef6, private: 0x01b26792, coin: 'Litecoin',
    coinType: 2, purpose: 49, scriptHint: 'p2sh-p2wpkh' }),
  row({ prefix: 'ttub', privatePrefix: 'ttpv', public: 0x0436f6e1, private: 0x0436ef7d, coin: 'Litecoin Testnet',
    coinType: 1, testnet: true, purpose: 44, scriptHint: 'p2pkh' }),
  row({ prefix: 'Lpub', privatePrefix: 'Lprv', public: 0x019c354f, private: 0x019c3115, coin: 'Lyncoin',
    coinType: undefined, purpose: undefined, scriptHint: 'p2pkh' }),
  row({ prefix: 'Tpub', privatePrefix: 'Tprv', public: 0x022dbf5b, private: 0x022dbb21, coin: 'Lyncoin Testnet',
    coinType: undefined, testnet: true, purpose: undefined, scriptHint: 'p2pkh' }),
  row({ prefix: 'xpub', privatePrefix: 'xprv', public: 0x42696720, private: 0x426c6b73, coin: 'Nexa',
    coinType: 29223, purpose: 44, scriptHint: 'p2pkh' }),
  row({ prefix: 'vtcp', privatePrefix: 'vtcv', public: 0x0488b21e, private: 0x0488ade4, coin: 'Vertcoin',
    coinType: 28, purpose: 44, scriptHint: 'p2pkh' }),
  row({ prefix: 'ppub', privatePrefix: 'pprv', public: 0x03e25d7e, private: 0x03e25945, coin: 'Polis',
    coinType: 1997, purpose: 44, scriptHint: 'p2pkh' }),
  row({ prefix: 'rxpu', privatePrefix: 'rxpr', public: 0x040ec961, private: 0x040ec94c, coin: 'Record X-core Blockchain',
    coinType: 8327, purpose: 44, scriptHint: 'p2pkh' }),
  row({ prefix: 'dgub', privatePrefix: 'dgpv', public: 0x02facafd, private: 0x02fac398, coin: 'Dogecoin',
    coinType: 3, purpose: 44, scriptHint: 'p2pkh' }),
]);

/** First registration wins: the byte values shared by several coins resolve to the first row (Bitcoin's). */
function indexBy(field: 'public' | 'private'): ReadonlyMap<number, ExtendedKeyVersion> {
  const map = new Map<number, ExtendedKeyVersion>();
  for (const v of EXTENDED_KEY_VERSIONS) if (!map.has(v[field])) map.set(v[field], v);
  return map;
}
const BY_PUBLIC = indexBy('public');
const BY_PRIVATE = indexBy('private');

export const versionByPublicBytes = (version: number): ExtendedKeyVersion | undefined => BY_PUBLIC.get(version >>> 0);
export const versionByPrivateBytes = (version: number): ExtendedKeyVersion | undefined => BY_PRIVATE.get(version >>> 0);

/** `0x0488b21e` */
export const versionHex = (version: number): string => '0x' + (version >>> 0).toString(16).padStart(8, '0');
