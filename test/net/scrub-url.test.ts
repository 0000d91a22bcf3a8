import { describe, expect, it } from 'vitest';
import { redactSecrets, scrubText, scrubUrl } from '../../src/net/scrub-url.js';
import { TransportError } from '../../src/net/errors.js';

describe('scrubUrl', () => {
  const cases: [string, string][] = [
    ['http://user:hunter2@127.0.0.1:8332/', 'http://127.0.0.1:8332/'],
    ['https://api.etherscan.io/v2/api?chainid=1&module=account&apikey=ABCDEF123', 'https://api.etherscan.io/v2/api?chainid=1&module=account&apikey=***'],
    ['https://mainnet.helius-rpc.com/?api-key=1234-5678', 'https://mainnet.helius-rpc.com/?api-key=***'],
    ['https://x.io/rpc?access_token=t0k&Token=u&secret=s&auth=a&page=2', 'https://x.io/rpc?access_token=***&Token=***&secret=***&auth=***&page=2'],
    ['https://eth-mainnet.g.alchemy.com/v2/Kx9_aB3dEfGhIjKlMnOpQrStUvWxYz01', 'https://eth-mainnet.g.alchemy.com/v2/***'],
    ['https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef', 'https://mainnet.infura.io/v3/***'],
    ['https://rpc.ankr.com/eth/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'https://rpc.ankr.com/eth/***'],
    ['https://billowing-x.quiknode.pro/0123456789abcdef0123456789abcdef01234567/', 'https://billowing-x.quiknode.pro/***/'],
    ['https://eth-mainnet.g.alchemy.com/nft/v3/Kx9_aB3dEfGhIjKlMnOpQrStUvWxYz01/getNFTsForOwner?owner=0xabc', 'https://eth-mainnet.g.alchemy.com/nft/v3/***/getNFTsForOwner?owner=0xabc'],
    // A self-hosted gateway with the key as first segment.
    ['https://rpc.example.org/8f14e45f-ceea-467a-9575-2d5b0c1f3e11', 'https://rpc.example.org/***'],
    ['ssl://electrum:pw@electrum.example.org:50002', 'ssl://electrum.example.org:50002'],
    ['tcp://127.0.0.1:50001', 'tcp://127.0.0.1:50001'],
    // Public identifiers in request paths stay readable where no key goes.
    [
      'https://blockstream.info/api/address/bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      'https://blockstream.info/api/address/bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    ],
    [
      'https://eth.blockscout.com/api/v2/addresses/0x1111111111111111111111111111111111111111/tokens',
      'https://eth.blockscout.com/api/v2/addresses/0x1111111111111111111111111111111111111111/tokens',
    ],
    ['https://x.io/path#fragment-with-secret', 'https://x.io/path'],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(scrubUrl(input)).toBe(expected);
  });

  it('falls back on unparsable URLs', () => {
    expect(scrubUrl('//user:pw@host/x?apikey=zzz')).not.toContain('zzz');
    expect(scrubUrl('not a url ?apikey=zzz&x=1')).toBe('not a url ?apikey=***&x=1');
  });
});

describe('scrubText / redactSecrets', () => {
  it('scrubs URLs inside messages and credential pairs', () => {
    const text = 'GET https://u:p@api.x.io/v2/api?apikey=SEKRET failed; retry with token=abc';
    const out = scrubText(text);
    expect(out).not.toMatch(/SEKRET|u:p@|abc/);
    expect(out).toContain('https://api.x.io/v2/api?apikey=***');
  });

  it('redacts given secrets whatever their shape', () => {
    expect(redactSecrets('key is abc-123-xyz here', ['abc-123-xyz'])).toBe('key is *** here');
    expect(scrubText('Bearer MY-KEY-VALUE', ['MY-KEY-VALUE'])).toBe('Bearer ***');
  });

  it('TransportError scrubs endpoint, message and details', () => {
    const err = new TransportError('NETWORK', 'GET https://a:b@x.io/?apikey=K1 failed', {
      endpoint: 'https://eth-mainnet.g.alchemy.com/v2/Kx9_aB3dEfGhIjKlMnOpQrStUvWxYz01',
      retryable: true,
      details: 'body echoed MYSECRETVALUE',
      secrets: ['MYSECRETVALUE'],
    });
    const everything = `${err.message} ${err.endpoint} ${err.shortMessage} ${err.details}`;
    expect(everything).not.toMatch(/Kx9_aB3|a:b@|K1|MYSECRETVALUE/);
    expect(err.endpoint).toBe('https://eth-mainnet.g.alchemy.com/v2/***');
    expect(err.code).toBe('NETWORK');
  });
});
