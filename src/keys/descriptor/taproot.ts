// The tweak lives with the other Bitcoin script knowledge; descriptors use the same code as derivation.
export { taprootOutputKey, xOnly } from '../../chains/bitcoin/taproot.js';
