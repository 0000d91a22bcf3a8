import { formatPath, HARDENED } from '../paths/derivation-path.js';
import type { DecodedExtendedKey } from './extended-key.js';
import type { ExtendedKeyVersion } from './slip132-versions.js';

/** The standard account depth of BIP-44/49/84/86: m / purpose' / coin' / account'. */
const ACCOUNT_DEPTH = 3;

export type AssumedPath = { ok: true; path: number[]; note: string } | { ok: false; reason: string };

/**
 * The account path a key without origin most likely sits at: m/purpose'/coin'/account', account taken from the
 * key's own child number. `purpose` defaults to the version's (zpub → 84); descriptors pass their function's.
 * Returns a reason instead when nothing sensible can be assumed.
 */
export function assumeAccountPath(key: DecodedExtendedKey, purpose = key.version.purpose): AssumedPath {
  const v: ExtendedKeyVersion = key.version;
  if (key.depth === 0) return { ok: true, path: [], note: '' };
  if (v.multisig)
    return { ok: false, reason: `a ${v.prefix} is one cosigner of a BIP-48 multisig wallet whose account cannot be inferred` };
  if (purpose === undefined || v.coinType === undefined)
    return { ok: false, reason: `SLIP-0132 registers no standard path for ${v.prefix} (${v.coin})` };
  if (key.depth !== ACCOUNT_DEPTH)
    return { ok: false, reason: `its depth is ${key.depth}, not the account depth ${ACCOUNT_DEPTH} of m/${purpose}'/${v.coinType}'/account'` };
  if (key.childNumber < HARDENED)
    return { ok: false, reason: `its child number ${key.childNumber} is not hardened, so it is not an account key` };
  const account = key.childNumber - HARDENED;
  const path = [purpose + HARDENED, v.coinType + HARDENED, key.childNumber];
  const others = v.coinType === 0 && v.prefix === 'xpub' ? '; an xpub of another coin (Ethereum m/44\'/60\', Bitcoin Cash m/44\'/145\' …) needs a key origin' : '';
  return {
    ok: true,
    path,
    note: `no key origin: assumed ${formatPath(path)} (${v.prefix}, ${v.coin}, account ${account})${others}`,
  };
}
