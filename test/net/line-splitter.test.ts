import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/net/line-splitter.js';

describe('LineSplitter', () => {
  it('joins pieces, splits several lines per chunk and keeps a UTF-8 character cut between chunks', () => {
    const splitter = new LineSplitter(1024);
    const bytes = Buffer.from('{"a":"é"}\n{"b":2}\n{"c":');
    const cut = bytes.indexOf(0xa9); // second byte of é
    expect(splitter.push(bytes.subarray(0, cut))).toEqual([]);
    expect(splitter.push(bytes.subarray(cut))).toEqual(['{"a":"é"}', '{"b":2}']);
    expect(splitter.pendingBytes).toBe(5);
    expect(splitter.push(Buffer.from('3}   \n'))).toEqual(['{"c":3}   ']);
    expect(splitter.pendingBytes).toBe(0);
  });

  it('refuses a line longer than the limit, whether or not it is finished', () => {
    expect(() => new LineSplitter(8).push(Buffer.from('0123456789'))).toThrow(RangeError);
    const splitter = new LineSplitter(8);
    splitter.push(Buffer.from('01234'));
    expect(() => splitter.push(Buffer.from('56789\n'))).toThrow(RangeError);
  });
});
