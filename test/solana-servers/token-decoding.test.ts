/** Byte-level decoding the RPC facade relies on, on hand-built accounts the world never creates. */
import { getAddressEncoder, type Address } from '@solana/kit';
import { describe, expect, test } from 'vitest';
import { parseTokenProgramData } from '../../src/devnet/solana/account-encoding.js';
import { TOKEN_2022_PROGRAM, TOKEN_PROGRAM } from '../../src/devnet/solana/constants.js';
import { toJsonText } from '../../src/devnet/solana/json-text.js';
import { decodeTokenAccount, isMintData, isTokenAccountData } from '../../src/devnet/solana/token-layout.js';
import { uiAmountString, uiTokenAmount } from '../../src/devnet/solana/ui-amount.js';

const MINT = 'So11111111111111111111111111111111111111112' as Address;
const OWNER = 'BwoLxbE9N6MDGmMBrZcf7n1KMdgQx3hyMrD6CzVSNZkk' as Address;
const DELEGATE = '8XZWMQkddzPtU8Ptfy2nAbVHRpCHBGrDNCbTBk24wi6' as Address;
const AUTHORITY = 'FRBxQrZK12j2DUaiHXcLdgryVQD3kTeVZX1yWV4TXFhV' as Address;

class Bytes {
  readonly buffer: Uint8Array;
  readonly view: DataView;
  constructor(length: number) {
    this.buffer = new Uint8Array(length);
    this.view = new DataView(this.buffer.buffer);
  }
  address(offset: number, address: Address): this {
    this.buffer.set(getAddressEncoder().encode(address), offset);
    return this;
  }
  u8(offset: number, value: number): this {
    this.buffer[offset] = value;
    return this;
  }
  u16(offset: number, value: number): this {
    this.view.setUint16(offset, value, true);
    return this;
  }
  u32(offset: number, value: number): this {
    this.view.setUint32(offset, value, true);
    return this;
  }
  u64(offset: number, value: bigint): this {
    this.view.setBigUint64(offset, value, true);
    return this;
  }
  bytes(offset: number, value: Uint8Array): this {
    this.buffer.set(value, offset);
    return this;
  }
}

function borshString(text: string): Uint8Array {
  const utf8 = new TextEncoder().encode(text);
  const out = new Uint8Array(4 + utf8.length);
  new DataView(out.buffer).setUint32(0, utf8.length, true);
  out.set(utf8, 4);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

describe('ui amounts (agave real_number_string_trimmed)', () => {
  test.each([
    [1_500_000n, 6, '1.5', 1.5],
    [0n, 6, '0', 0],
    [5n, 0, '5', 5],
    [1n, 9, '0.000000001', 1e-9],
    [1_234_500_000n, 9, '1.2345', 1.2345],
    [18446744073709551615n, 0, '18446744073709551615', 18446744073709551615],
  ])('%s with %i decimals', (amount, decimals, text, ui) => {
    expect(uiAmountString(amount, decimals)).toBe(text);
    expect(uiTokenAmount(amount, decimals)).toEqual({ amount: amount.toString(), decimals, uiAmount: ui, uiAmountString: text });
  });
});

describe('SPL token account layout', () => {
  test('delegate, wrapped-SOL reserve, close authority and frozen state', () => {
    const data = new Bytes(165)
      .address(0, MINT)
      .address(32, OWNER)
      .u64(64, 3_000_000_000n)
      .u32(72, 1)
      .address(76, DELEGATE)
      .u8(108, 2)
      .u32(109, 1)
      .u64(113, 2_039_280n)
      .u64(121, 1_000_000_000n)
      .u32(129, 1)
      .address(133, AUTHORITY).buffer;
    expect(decodeTokenAccount(data)).toEqual({
      mint: MINT,
      owner: OWNER,
      amount: 3_000_000_000n,
      delegate: DELEGATE,
      state: 'frozen',
      isNative: 2_039_280n,
      delegatedAmount: 1_000_000_000n,
      closeAuthority: AUTHORITY,
      extensions: [],
    });
    const parsed = parseTokenProgramData({ lamports: 1n, owner: TOKEN_PROGRAM, executable: false, data }, () => 9) as { parsed: { info: object } };
    expect(parsed.parsed.info).toEqual({
      isNative: true,
      mint: MINT,
      owner: OWNER,
      state: 'frozen',
      tokenAmount: uiTokenAmount(3_000_000_000n, 9),
      delegate: DELEGATE,
      delegatedAmount: uiTokenAmount(1_000_000_000n, 9),
      rentExemptReserve: uiTokenAmount(2_039_280n, 9),
      closeAuthority: AUTHORITY,
    });
  });

  test('an uninitialized account, an unknown mint and a multisig-sized account are not parsed', () => {
    const uninitialized = new Bytes(165).address(0, MINT).address(32, OWNER).buffer;
    expect(decodeTokenAccount(uninitialized)).toBeUndefined();
    const initialized = new Bytes(165).address(0, MINT).address(32, OWNER).u8(108, 1).buffer;
    expect(parseTokenProgramData({ lamports: 1n, owner: TOKEN_PROGRAM, executable: false, data: initialized }, () => undefined)).toBeUndefined();
    expect(isTokenAccountData(new Uint8Array(355))).toBe(false);
    expect(isMintData(new Uint8Array(355))).toBe(false);
  });
});

describe('Token-2022 mint with TLV extensions', () => {
  const metadata = concat(
    getAddressEncoder().encode(AUTHORITY) as Uint8Array,
    getAddressEncoder().encode(MINT) as Uint8Array,
    borshString('Local Token'),
    borshString('LOC'),
    borshString('https://example.test/loc.json'),
    new Uint8Array([1, 0, 0, 0]),
    borshString('color'),
    borshString('blue'),
  );
  const tlv = concat(
    new Bytes(4 + 32).u16(0, 3).u16(2, 32).address(4, AUTHORITY).buffer,
    new Bytes(4).u16(0, 19).u16(2, metadata.length).buffer,
    metadata,
    new Bytes(4 + 2).u16(0, 99).u16(2, 2).buffer,
    new Uint8Array(8), // zero padding after an Uninitialized entry: ignored
  );
  const data = concat(
    new Bytes(166).u32(0, 1).address(4, AUTHORITY).u64(36, 42n).u8(44, 4).u8(45, 1).u8(165, 1).buffer,
    tlv,
  );

  test('renders agave UiExtension objects, unknown types as unparseableExtension', () => {
    const parsed = parseTokenProgramData({ lamports: 1n, owner: TOKEN_2022_PROGRAM, executable: false, data }, () => undefined);
    expect(parsed).toEqual({
      program: 'spl-token-2022',
      parsed: {
        type: 'mint',
        info: {
          decimals: 4,
          freezeAuthority: null,
          isInitialized: true,
          mintAuthority: AUTHORITY,
          supply: '42',
          extensions: [
            { extension: 'mintCloseAuthority', state: { closeAuthority: AUTHORITY } },
            {
              extension: 'tokenMetadata',
              state: {
                updateAuthority: AUTHORITY,
                mint: MINT,
                name: 'Local Token',
                symbol: 'LOC',
                uri: 'https://example.test/loc.json',
                additionalMetadata: [['color', 'blue']],
              },
            },
            { extension: 'unparseableExtension' },
          ],
        },
      },
      space: data.length,
    });
  });
});

describe('JSON text', () => {
  test('bigints are written as exact integers', () => {
    expect(toJsonText({ rentEpoch: 18446744073709551615n, list: [1n, -2n], text: 'bigint:5' })).toBe(
      '{"rentEpoch":18446744073709551615,"list":[1,-2],"text":"bigint:5"}',
    );
  });
});
