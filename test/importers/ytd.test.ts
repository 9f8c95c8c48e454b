import { describe, it, expect } from 'vitest';
import { readYtdPart, YtdSplitter } from '../../src/importers/ytd.js';
import type { TOO_LARGE } from '../../src/importers/ytd.js';

async function* chunksOf(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function parse(text: string, size = 1 << 16) {
  const elements: unknown[] = [];
  const counts = await readYtdPart('data/x.js', chunksOf(text, size), (el) => {
    elements.push(el);
    return typeof el === 'object' && el !== null && !('unusable' in el);
  });
  return { elements, counts };
}

const TRICKY =
  'window.YTD.tweets.part0 = [ {"a": "x]}, \\"y\\" [{", "b": "\\\\"}, ' +
  '{"c": [1, 2, {"d": "é😀 — 東京"}], "e": {}} ,{"f":"],["} ]\n';

describe('the YTD part reader', () => {
  it('splits elements whatever the chunk boundaries, through strings, escapes and multi-byte characters', async () => {
    const whole = await parse(TRICKY);
    expect(whole.elements).toEqual([
      { a: 'x]}, "y" [{', b: '\\' },
      { c: [1, 2, { d: 'é😀 — 東京' }], e: {} },
      { f: '],[' },
    ]);
    for (const size of [1, 2, 3, 5, 7, 13]) {
      expect((await parse(TRICKY, size)).elements, `chunks of ${size} bytes`).toEqual(whole.elements);
    }
    expect(whole.counts).toEqual({ elements: 3, invalid: 0, unusable: 0, tooLarge: 0, broken: null });
  });

  it('reads empty lists', async () => {
    expect((await parse('window.YTD.block.part0 = []')).counts.elements).toBe(0);
    expect((await parse('window.YTD.block.part0 = [ \n ];', 1)).counts.elements).toBe(0);
  });

  it('counts elements that are not JSON or lack what is needed, and keeps the rest', async () => {
    const { elements, counts } = await parse('x = [ {"a": 1}, {oops}, {"unusable": true}, , {"b": 2} ]', 4);
    expect(elements).toEqual([{ a: 1 }, { unusable: true }, { b: 2 }]);
    expect(counts).toMatchObject({ elements: 5, invalid: 2, unusable: 1, broken: null });
  });

  it('reports a part cut short, after using the elements before the break', async () => {
    const { elements, counts } = await parse('window.YTD.tweets.part0 = [ {"a": 1}, {"b": [2, 3', 3);
    expect(elements).toEqual([{ a: 1 }]);
    expect(counts.broken?.message).toBe(
      'data/x.js could not be read: the list never ends (no closing "]"); the file is cut short',
    );
  });

  it('reports a part that is not an assignment of a list', async () => {
    expect((await parse('')).counts.broken?.reason).toBe('the file is empty');
    expect((await parse('[{"a": 1}]')).counts.broken?.reason).toBe(
      'it does not start with "window.YTD.<type>.part<N> ="',
    );
    expect((await parse('window.YTD.x.part0 = {"a": 1}')).counts.broken?.reason).toBe(
      'a list ("[") should follow "=", found "{"',
    );
    expect((await parse('window.YTD.x.part0 =   ')).counts.broken?.reason).toBe(
      'nothing follows "="; the file is cut short',
    );
  });

  it('hands out element text without parsing it, for callers that want to', () => {
    const texts: (string | null | typeof TOO_LARGE)[] = [];
    const splitter = new YtdSplitter('f', (t) => texts.push(t));
    splitter.push(Buffer.from('a = [1, "two",'));
    splitter.push(Buffer.from(' {"three": 3}]'));
    splitter.finish();
    expect(texts.map((t) => (typeof t === 'string' ? t.trim() : t))).toEqual(['1', '"two"', '{"three": 3}']);
  });

  it('passes over an element larger than the cap without keeping it, whatever the chunk size, and goes on', async () => {
    const big = `{"t": "${'a'.repeat(5000)}", "u": "]},[{"}`;
    const text = `window.YTD.tweets.part0 = [ {"n": 1}, ${big}, {"n": 2} ]`;
    for (const size of [7, 100, 1 << 16]) {
      const elements: unknown[] = [];
      const counts = await readYtdPart(
        'data/x.js',
        chunksOf(text, size),
        (el) => elements.push(el) > 0,
        undefined,
        1000,
      );
      expect(counts).toEqual({ elements: 3, invalid: 0, unusable: 0, tooLarge: 1, broken: null });
      expect(elements).toEqual([{ n: 1 }, { n: 2 }]);
    }
  });
});
