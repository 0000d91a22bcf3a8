/**
 * Malformed and forbidden inputs, as data: each must make readInputs throw an InputError (exit code 2 in the
 * CLI) whose message matches `message`, whose `where` names the file and line / JSON pointer (`where` when
 * given: exactly), and which never quotes `secret`.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { HDKey } from '@scure/bip32';
import { encodeBase58Check } from '../../src/keys/base58check.js';
import { V, hexToBytes } from './vectors.js';

export interface MalformedCase {
  name: string;
  files: { name: string; text: string }[];
  message: RegExp;
  /** Exact `InputError.where` expected. */
  where?: string;
  /** Private material in the input that no message may quote (nor any 8-character piece of it). */
  secret?: string;
}

const ABANDON_WORDS = V.abandon_about.mnemonic;
const MNEMONIC_24 = 'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title';
const ZPUB = V.abandon_about.btc.bip84.accountZpub.value;
const XPUB84 = V.abandon_about.btc.bip84.accountXpubForm.value;
const XPUB86 = V.abandon_about.btc.bip86.accountXpub.value;
const PUB33 = '03a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd';
const PUB65 = Buffer.from(secp256k1.Point.fromBytes(hexToBytes(PUB33)).toBytes(false)).toString('hex');
const XONLY = PUB33.slice(2);
const TV1 = V.bip32.vectors[0]!;
const TV2 = V.bip32.vectors[1]!;
const TV5 = V.bip32.vectors[4]!.invalid!;
const tv5 = (reason: string, nth = 0): string => TV5.filter((k) => k.reason === reason)[nth]!.key;
const XPRV = TV1.chains![0]!.xprv;

const seed = hexToBytes(TV1.seedHex!);
const privateForm = (pub: number, prv: number, path: string): string =>
  HDKey.fromMasterSeed(seed, { public: pub, private: prv }).derive(path).privateExtendedKey;
const TPRV = privateForm(0x043587cf, 0x04358394, "m/84'/1'/0'");
const ZPRV = privateForm(0x04b24746, 0x04b2430c, "m/84'/0'/0'");
const LTPV = privateForm(0x019da462, 0x019d9cfe, "m/44'/2'/0'");

/** WIF of the private key 0c28fca3… (the Bitcoin wiki's example key, public knowledge). */
const PRIV = hexToBytes('0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d');
const wif = (prefix: number, compressed: boolean): string =>
  encodeBase58Check(Uint8Array.from([prefix, ...PRIV, ...(compressed ? [1] : [])]));
const WIF_UNCOMPRESSED = wif(0x80, false);
const WIF_COMPRESSED = wif(0x80, true);
const WIF_TESTNET = wif(0xef, true);

/** A payload with unknown version bytes 0x01020304 but a valid checksum. */
const UNKNOWN_VERSION = (() => {
  const k = HDKey.fromExtendedKey(XPUB84);
  const payload = new Uint8Array(78);
  const view = new DataView(payload.buffer);
  view.setUint32(0, 0x01020304);
  payload[4] = k.depth;
  view.setUint32(5, k.parentFingerprint);
  view.setUint32(9, k.index);
  payload.set(k.chainCode!, 13);
  payload.set(k.publicKey!, 45);
  return encodeBase58Check(payload);
})();

const flipLast = (s: string): string => s.slice(0, -1) + (s.endsWith('a') ? 'b' : 'a');
const txt = (name: string, ...lines: string[]): { name: string; text: string } => ({ name, text: lines.join('\n') + '\n' });

const cardKey = { curve: 'secp256k1', path: "m/84'/0'/0'", publicKey: '02707a62fdacc26ea9b63b1c197906f56ee0180d0bcf1966e1a2da34f5f3a09a9b', chainCode: '4a53a0ab21b9dc95869c4e92a161194e03c0ef3ff5014ac692f433c4765490fc' };
const solKey = { curve: 'ed25519', path: "m/44'/501'/0'/0'", publicKey: 'f036276246a75b9de3349ed42b15e232f6518fc20f5fcd4f1d64e81f9bd258f7' };
const card = (keys: unknown[], extra: Record<string, unknown> = {}): { name: string; text: string } => ({
  name: 'card.json',
  text: JSON.stringify({ format: 'restore-scan.keys/1', source: { kind: 'card' }, keys, ...extra }, null, 2),
});
const withKey = (patch: Record<string, unknown>): { name: string; text: string } => card([{ ...cardKey, ...patch }]);

const coldcard = (patch: (doc: Record<string, Record<string, unknown>>) => void): { name: string; text: string } => {
  const doc = structuredClone(V.wallet_exports.coldcard_generic_json.sample) as unknown as Record<string, Record<string, unknown>>;
  patch(doc);
  return { name: 'coldcard.json', text: JSON.stringify(doc, null, 2) };
};

export const MALFORMED_CASES: MalformedCase[] = [
  // ── files and formats ──
  { name: 'empty file', files: [{ name: 'empty.txt', text: '' }], message: /empty file/, where: 'empty.txt:1' },
  { name: 'whitespace-only file', files: [{ name: 'blank.txt', text: '  \n\t\n' }], message: /empty file/, where: 'blank.txt:1' },
  { name: 'comments only', files: [txt('c.txt', '# nothing here', '')], message: /only blank lines and # comments/, where: 'c.txt:1' },
  { name: 'unknown text format', files: [txt('notes.txt', '# keys', 'hello world, this is not a key')], message: /unknown input format/, where: 'notes.txt:2' },
  { name: 'bare hex public key line', files: [txt('hex.txt', PUB33)], message: /bare hex public key needs a descriptor/, where: 'hex.txt:1' },
  { name: 'address line', files: [txt('addr.txt', 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu')], message: /addresses are accepted inside addr/, where: 'addr.txt:1' },
  { name: 'binary file', files: [{ name: 'blob.bin', text: 'ab\0cd' }], message: /binary file/, where: 'blob.bin:1' },

  // ── extended public keys ──
  { name: 'xpub with bad checksum', files: [txt('x.txt', '# acct', flipLast(ZPUB))], message: /invalid base58check checksum/, where: 'x.txt:2' },
  { name: 'xpub truncated (wrong length)', files: [txt('x.txt', ZPUB.slice(0, -6))], message: /wrong length: decodes to \d+ bytes/, where: 'x.txt:1' },
  { name: 'non-base58 character in key', files: [txt('x.txt', `[73c5da0a/84'/0'/0']${ZPUB.slice(0, 50)}0${ZPUB.slice(51)}`)], message: /character 51 is not a base58 character/, where: 'x.txt:1' },
  { name: 'unknown version bytes', files: [txt('x.txt', UNKNOWN_VERSION)], message: /unknown extended key version bytes 0x01020304/, where: 'x.txt:1' },
  { name: 'invalid public key prefix 04 (BIP-32 TV5)', files: [txt('x.txt', tv5('invalid pubkey prefix 04'))], message: /invalid public key prefix 04/, where: 'x.txt:1' },
  { name: 'public key not on the curve (BIP-32 TV5)', files: [txt('x.txt', tv5('invalid pubkey 020000000000000000000000000000000000000000000000000000000000000007'))], message: /not a point on the secp256k1 curve/, where: 'x.txt:1' },
  { name: 'depth 0 with parent fingerprint (BIP-32 TV5)', files: [txt('x.txt', tv5('zero depth with non-zero parent fingerprint', 1))], message: /zero depth \(master key\) with non-zero parent fingerprint/, where: 'x.txt:1' },
  { name: 'depth 0 with child number (BIP-32 TV5)', files: [txt('x.txt', tv5('zero depth with non-zero index', 1))], message: /zero depth \(master key\) with non-zero child number/, where: 'x.txt:1' },
  { name: 'origin path shorter than depth', files: [txt('x.txt', `[73c5da0a/84'/0']${ZPUB}`)], message: /key depth 3 does not match the origin path m\/84'\/0' \(2 steps\)/, where: 'x.txt:1' },
  { name: 'origin last step is not the child number', files: [txt('x.txt', `[73c5da0a/84'/0'/1']${ZPUB}`)], message: /ends in 1' but the key's child number is 0'/, where: 'x.txt:1' },
  { name: 'origin fingerprint of 7 hex digits', files: [txt('x.txt', `[73c5da0/84'/0'/0']${ZPUB}`)], message: /8-hex-digit master fingerprint/, where: 'x.txt:1' },
  { name: 'bad path step in origin', files: [txt('x.txt', `[73c5da0a/84x/0'/0']${ZPUB}`)], message: /bad step "84x"/, where: 'x.txt:1' },
  { name: 'unclosed key origin', files: [txt('x.txt', `[73c5da0a/84'/0'/0'${ZPUB}`)], message: /not closed by '\]'/, where: 'x.txt:1' },
  { name: 'no origin and not an account depth', files: [txt('x.txt', TV1.chains![2]!.xpub)], message: /cannot be assumed: its depth is 2/, where: 'x.txt:1' },
  { name: 'no origin and non-hardened account', files: [txt('x.txt', TV2.chains![3]!.xpub)], message: /child number 1 is not hardened/, where: 'x.txt:1' },
  { name: 'derivation steps after a bare extended key', files: [txt('x.txt', `[73c5da0a/84'/0'/0']${XPUB84}/0/*`)], message: /need an output descriptor/, where: 'x.txt:1' },
  { name: 'multisig Zpub without origin', files: [txt('x.txt', V.wallet_exports.coldcard_generic_json.sample.bip48_2._pub)], message: /cosigner of a BIP-48 multisig/, where: 'x.txt:1' },

  // ── private material in text ──
  { name: 'xprv (BIP-32 TV1 master)', files: [txt('keys.txt', '# mine', XPRV)], message: /private extended key \(xprv, Bitcoin\) refused/, where: 'keys.txt:2', secret: XPRV },
  { name: 'tprv', files: [txt('keys.txt', TPRV)], message: /private extended key \(tprv, Bitcoin Testnet\) refused/, where: 'keys.txt:1', secret: TPRV },
  { name: 'zprv with origin', files: [txt('keys.txt', `[3442193e/84'/0'/0']${ZPRV}`)], message: /private extended key \(zprv, Bitcoin\) refused/, where: 'keys.txt:1', secret: ZPRV },
  { name: 'Ltpv', files: [txt('keys.txt', LTPV)], message: /private extended key \(Ltpv, Litecoin\) refused/, where: 'keys.txt:1', secret: LTPV },
  { name: 'xprv with a bad checksum', files: [txt('keys.txt', flipLast(XPRV))], message: /invalid base58check checksum, and it is a private extended key \(xprv\)/, where: 'keys.txt:1', secret: XPRV },
  { name: 'xpub version carrying a private key (BIP-32 TV5)', files: [txt('keys.txt', tv5('pubkey version / prvkey mismatch'))], message: /public version bytes \(xpub\) but the key data is a private key/, where: 'keys.txt:1', secret: tv5('pubkey version / prvkey mismatch') },
  { name: 'WIF mainnet uncompressed', files: [txt('k.txt', WIF_UNCOMPRESSED)], message: /WIF private key \(uncompressed\) refused/, where: 'k.txt:1', secret: WIF_UNCOMPRESSED },
  { name: 'WIF mainnet compressed', files: [txt('k.txt', '', WIF_COMPRESSED)], message: /WIF private key \(compressed\) refused/, where: 'k.txt:2', secret: WIF_COMPRESSED },
  { name: 'WIF testnet compressed', files: [txt('k.txt', WIF_TESTNET)], message: /WIF private key \(compressed\) refused/, where: 'k.txt:1', secret: WIF_TESTNET },
  { name: '12-word mnemonic on one line', files: [txt('seed.txt', ABANDON_WORDS)], message: /BIP-39 mnemonic \(seed words\) refused/, where: 'seed.txt:1', secret: ABANDON_WORDS },
  { name: '24-word mnemonic one word per line', files: [txt('seed.txt', '# backup', ...MNEMONIC_24.split(' '))], message: /BIP-39 mnemonic \(seed words\) refused/, where: 'seed.txt:2', secret: MNEMONIC_24 },
  { name: 'numbered mnemonic', files: [txt('seed.txt', MNEMONIC_24.split(' ').map((w, i) => `${i + 1}. ${w}`).join(' '))], message: /BIP-39 mnemonic \(seed words\) refused/, where: 'seed.txt:1', secret: MNEMONIC_24 },
  { name: 'mnemonic hidden in a comment', files: [txt('keys.txt', ZPUB, `# seed: ${ABANDON_WORDS}`)], message: /BIP-39 mnemonic \(seed words\) refused/, where: 'keys.txt:2', secret: ABANDON_WORDS },

  // ── descriptors ──
  { name: 'descriptor checksum mismatch', files: [txt('d.txt', `wpkh([73c5da0a/84'/0'/0']${XPUB84}/0/*)#wc3n3vaa`)], message: /checksum mismatch/, where: 'd.txt:1' },
  { name: 'descriptor checksum too short', files: [txt('d.txt', 'raw(deadbeef)#89f8spx')], message: /checksum must be 8 characters, got 7/, where: 'd.txt:1' },
  { name: 'descriptor checksum missing after #', files: [txt('d.txt', 'raw(deadbeef)#')], message: /missing checksum after '#'/, where: 'd.txt:1' },
  { name: 'descriptor character outside the charset', files: [txt('d.txt', 'raw(\u00dc)#00000000')], message: /column 5: character not allowed/, where: 'd.txt:1' },
  { name: 'unknown descriptor function', files: [txt('d.txt', `foo(${PUB33})`)], message: /unknown script function 'foo'/, where: 'd.txt:1' },
  { name: 'unclosed descriptor', files: [txt('d.txt', `wpkh(${PUB33}`)], message: /expected '\)' to close 'wpkh\('/, where: 'd.txt:1' },
  { name: 'hardened wildcard', files: [txt('d.txt', `wpkh(${XPUB84}/0/*')`)], message: /hardened wildcard .* needs the private key/, where: 'd.txt:1' },
  { name: 'hardened step after an xpub', files: [txt('d.txt', `wpkh(${XPUB84}/0h/*)`)], message: /hardened derivation after an xpub needs the private key/, where: 'd.txt:1' },
  { name: 'tr() with a script tree', files: [txt('d.txt', `tr(${XPUB86}/0/*,pk(${XONLY}))`)], message: /script tree is not supported/, where: 'd.txt:1' },
  { name: 'x-only key outside tr()', files: [txt('d.txt', `wpkh(${XONLY})`)], message: /x-only .* only allowed in tr\(\)/, where: 'd.txt:1' },
  { name: 'uncompressed key in wpkh()', files: [txt('d.txt', `wpkh(${PUB65})`)], message: /uncompressed public keys are not allowed in segwit/, where: 'd.txt:1' },
  { name: 'multi() threshold above n', files: [txt('d.txt', `wsh(multi(3,${PUB33},${XPUB84}/0/*))`)], message: /threshold 3 must be between 1 and the number of keys \(2\)/, where: 'd.txt:1' },
  { name: 'sh() nested in wsh()', files: [txt('d.txt', `wsh(sh(pkh(${PUB33})))`)], message: /sh\(\) is only allowed at the top level/, where: 'd.txt:1' },
  { name: 'multipath lengths differ', files: [txt('d.txt', `wsh(multi(1,${XPUB84}/<0;1>/*,${XPUB86}/<0;1;2>/*))`)], message: /same number of paths/, where: 'd.txt:1' },
  { name: 'addr() with a bad address checksum', files: [txt('d.txt', 'addr(bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyv)')], message: /addr\(\): .*checksum/, where: 'd.txt:1' },
  { name: 'raw() with odd-length hex', files: [txt('d.txt', 'raw(deadbee)')], message: /odd number of hex digits/, where: 'd.txt:1' },
  { name: 'xprv inside a descriptor', files: [txt('d.txt', `wpkh([73c5da0a/84'/0'/0']${XPRV}/0/*)`)], message: /private extended key \(xprv, Bitcoin\) refused/, where: 'd.txt:1', secret: XPRV },
  { name: 'WIF inside a descriptor', files: [txt('d.txt', `pkh(${WIF_COMPRESSED})`)], message: /WIF private key/, where: 'd.txt:1', secret: WIF_COMPRESSED },

  // ── card export ──
  { name: 'invalid JSON: trailing comma', files: [{ name: 'card.json', text: '{\n  "format": "restore-scan.keys/1",\n  "keys": [],\n}' }], message: /invalid JSON at line 4, column 1: expected a double-quoted property name/, where: 'card.json:4:1' },
  { name: 'invalid JSON: unterminated string', files: [{ name: 'card.json', text: '{ "format": "restore-scan.keys/1 }' }], message: /invalid JSON at line 1, column 13: unterminated string/, where: 'card.json:1:13' },
  { name: 'invalid JSON: duplicate property', files: [{ name: 'card.json', text: '{ "keys": [], "keys": [] }' }], message: /duplicate property name "keys"/, where: 'card.json:1:15' },
  { name: 'card: unknown top-level field', files: [card([cardKey], { version: 2 })], message: /unknown field "version"/, where: 'card.json: /version' },
  { name: 'card: unknown key field', files: [withKey({ label: 'savings' })], message: /unknown field "label"/, where: 'card.json: /keys/0/label' },
  { name: 'card: privateKey field', files: [withKey({ privateKey: '0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d' })], message: /field "privateKey" holds private material/, where: 'card.json: /keys/0/privateKey', secret: '0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d' },
  { name: 'card: mnemonic field', files: [card([cardKey], { mnemonic: ABANDON_WORDS })], message: /field "mnemonic" holds private material/, where: 'card.json: /mnemonic', secret: ABANDON_WORDS },
  { name: 'card: seed field', files: [withKey({ seed: V.abandon_about.seedHex.value })], message: /field "seed" holds private material/, where: 'card.json: /keys/0/seed', secret: V.abandon_about.seedHex.value },
  { name: 'card: xprv as publicKey', files: [withKey({ publicKey: XPRV })], message: /private extended key/, where: 'card.json: /keys/0/publicKey', secret: XPRV },
  { name: 'card: mnemonic as label', files: [card([cardKey], { source: { kind: 'card', label: ABANDON_WORDS } })], message: /BIP-39 mnemonic \(seed words\) refused/, where: 'card.json: /source/label', secret: ABANDON_WORDS },
  { name: 'card: publicKey not hex', files: [withKey({ publicKey: 'zz' + cardKey.publicKey.slice(2) })], message: /publicKey is not hex: character 1/, where: 'card.json: /keys/0/publicKey' },
  { name: 'card: publicKey odd-length hex', files: [withKey({ publicKey: cardKey.publicKey.slice(0, -1) })], message: /odd number of hex digits \(65\)/, where: 'card.json: /keys/0/publicKey' },
  { name: 'card: secp256k1 publicKey of 32 bytes', files: [withKey({ publicKey: cardKey.publicKey.slice(2) })], message: /must be 33 bytes \(66 hex digits, compressed\), got 32 bytes/, where: 'card.json: /keys/0/publicKey' },
  { name: 'card: secp256k1 point not on the curve', files: [withKey({ publicKey: '02' + '00'.repeat(31) + '07' })], message: /not a point on the secp256k1 curve/, where: 'card.json: /keys/0/publicKey' },
  { name: 'card: compressed key with prefix 04', files: [withKey({ publicKey: '04' + cardKey.publicKey.slice(2) })], message: /starts with 02 or 03/, where: 'card.json: /keys/0/publicKey' },
  { name: 'card: uncompressed secp256k1 key', files: [withKey({ publicKey: PUB65 })], message: /uncompressed \(65-byte\)/, where: 'card.json: /keys/0/publicKey' },
  { name: 'card: chainCode of 31 bytes', files: [withKey({ chainCode: cardKey.chainCode.slice(2) })], message: /chainCode must be 32 bytes/, where: 'card.json: /keys/0/chainCode' },
  { name: 'card: bad path step', files: [withKey({ path: "m/84'/0'/x" })], message: /bad step "x"/, where: 'card.json: /keys/0/path' },
  { name: 'card: path step out of range', files: [withKey({ path: "m/84'/0'/2147483648" })], message: /out of range/, where: 'card.json: /keys/0/path' },
  { name: 'card: unknown curve', files: [withKey({ curve: 'p256' })], message: /unknown curve "p256"/, where: 'card.json: /keys/0/curve' },
  { name: 'card: missing publicKey', files: [card([{ curve: 'secp256k1', path: "m/84'/0'/0'" }])], message: /missing "publicKey"/, where: 'card.json: /keys/0' },
  { name: 'card: empty keys', files: [card([])], message: /"keys" is empty/, where: 'card.json: /keys' },
  { name: 'card: masterFingerprint not 8 hex', files: [withKey({ masterFingerprint: '73c5da0' })], message: /masterFingerprint must be 8 hex digits/, where: 'card.json: /keys/0/masterFingerprint' },
  { name: 'card: ed25519 non-hardened step', files: [card([{ ...solKey, path: "m/44'/501'/0'/0" }])], message: /non-hardened step at position 4: SLIP-0010 ed25519 derives hardened children only/, where: 'card.json: /keys/0/path' },
  { name: 'card: ed25519 33 bytes not starting 00', files: [card([{ ...solKey, publicKey: '01' + solKey.publicKey }])], message: /must start with the SLIP-0010 00 byte/, where: 'card.json: /keys/0/publicKey' },
  { name: 'card: ed25519 not a point', files: [card([{ ...solKey, publicKey: 'ff'.repeat(32) }])], message: /not a valid ed25519 point/, where: 'card.json: /keys/0/publicKey' },
  { name: 'card: unsupported format version', files: [{ name: 'card.json', text: JSON.stringify({ format: 'restore-scan.keys/2', keys: [cardKey] }) }], message: /unsupported format "restore-scan.keys\/2"/, where: 'card.json: /format' },
  { name: 'unknown JSON object', files: [{ name: 'wallet.json', text: '{ "wallet": "electrum", "addresses": [] }' }], message: /unknown JSON input/, where: 'wallet.json: /' },
  { name: 'JSON nested too deeply', files: [{ name: 'deep.json', text: '{"a":'.repeat(100000) }], message: /nested more than 64 levels deep/, where: 'deep.json:1:321' },
  { name: 'JSON array', files: [{ name: 'keys.json', text: '[1, 2]' }], message: /must be an object/, where: 'keys.json: /' },

  // ── Coldcard export ──
  { name: 'coldcard: first address does not match', files: [coldcard((d) => { d.bip84!.first = V.abandon_about.btc.bip84.receive0.value; })], message: /first address is not address 0\/0/, where: 'coldcard.json: /bip84/first' },
  { name: 'coldcard: section xfp does not match', files: [coldcard((d) => { d.bip44!.xfp = '00000000'; })], message: /section xfp is not the fingerprint 5f898064/, where: 'coldcard.json: /bip44/xfp' },
  { name: 'coldcard: deriv does not match the xpub', files: [coldcard((d) => { d.bip49!.deriv = "m/49h/0h/124h"; })], message: /ends in 124' but the key's child number is 123'/, where: 'coldcard.json: /bip49/deriv' },
  { name: 'coldcard: _pub is another key', files: [coldcard((d) => { d.bip84!._pub = ZPUB; })], message: /_pub is not the same key as xpub/, where: 'coldcard.json: /bip84/_pub' },
  { name: 'coldcard: top-level xfp is not the master fingerprint', files: [coldcard((d) => { (d as unknown as Record<string, unknown>).xfp = '73C5DA0A'; })], message: /xfp 73c5da0a is not the fingerprint 0f056943/, where: 'coldcard.json: /xfp' },

  // ── across files ──
  {
    name: 'two different keys for one path and fingerprint',
    files: [
      txt('a.txt', `[73c5da0a/84'/0'/0']${XPUB84}`),
      txt('b.txt', '# other', `[73c5da0a/84'/0'/0']${V.wallet_exports.coldcard_generic_json.sample.bip84._pub}`.replace("84'/0'/0'", "84'/0'/123'")),
      { name: 'c.json', text: JSON.stringify({ format: 'restore-scan.keys/1', keys: [{ ...cardKey, path: "m/84'/0'/0'", publicKey: PUB33, masterFingerprint: '73c5da0a' }] }) },
    ],
    message: /a different secp256k1 key than a\.txt:1 for path m\/84'\/0'\/0' of master 73c5da0a/,
    where: 'c.json: /keys/0',
  },
];
