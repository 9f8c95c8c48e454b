/**
 * Parsing ahead of the scan (ytd.ts, `readAhead`) must hand out exactly what the scan and JSON.parse
 * would: the same values in the same order, the same unreadable, empty and oversized elements, the same
 * break. fast-check writes parts the way X lays them out and otherwise (any JSON value, garbage between
 * elements, other indentation), spoils some of their bytes and cuts them into chunks of any size; each is
 * read both ways. Seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xJson } from '../../scripts/lib/x-archive-writer.js';
import { PartError, readYtdPart, TOO_LARGE, YtdSplitter } from '../../src/importers/ytd.js';

const SEED = 20_261_204;

type Seen = { value: unknown } | 'invalid' | 'empty' | 'too large';

function fromText(text: string | null | typeof TOO_LARGE): Seen {
  if (text === TOO_LARGE) return 'too large';
  if (text === null) return 'empty';
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return 'invalid';
  }
}

/** What one part gives, read with parsing ahead or with the scan alone. */
function read(bytes: Buffer, sizes: number[], ahead: boolean, max?: number) {
  const seen: Seen[] = [];
  const splitter = new YtdSplitter(
    'data/tweets.js',
    (text) => seen.push(fromText(text)),
    max,
    null,
    ahead ? (value) => seen.push({ value }) : null,
  );
  let broken: string | null = null;
  try {
    let at = 0;
    for (let k = 0; at < bytes.length; k++) {
      const size = sizes[k % sizes.length]!;
      splitter.push(bytes.subarray(at, at + size));
      at += size;
    }
    splitter.finish();
  } catch (error) {
    if (!(error instanceof PartError)) throw error;
    broken = error.message;
  }
  return { seen, broken };
}

const element = fc.oneof(
  { weight: 8, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => xJson(v, '  ')) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v, null, 1)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
  // Near misses of X's closing line, and elements that are not JSON.
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{\n  }',
      '{ "a" : {\n  }\n  }',
      '{ "a" : [\n  ]\n  }',
      '{oops\n  }',
      '',
      ' ',
      '{ "s" : "\\\n  }"\n  }',
      '"\n  }"',
      '{ "a" : 1\n  } x',
      '{ "a" : 1 }\n  }',
    ),
  },
);

const part = fc
  .record({
    elements: fc.array(element, { maxLength: 25, size: 'medium' }),
    separator: fc.constantFrom(',\n  ', ', ', ',', ' ,\n  '),
    end: fc.constantFrom('\n]', ' ]', ']', '\n]\n', '', ',\n]', ', ]'),
  })
  .map(({ elements, separator, end }) => `window.YTD.tweets.part0 = [\n  ${elements.join(separator)}${end}`);

const spoils = fc.array(
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat(6),
    insert: fc.oneof(
      fc.uint8Array({ maxLength: 4 }),
      fc.constantFrom('\n  }', '\n  },', '"', '\\', '\n  }\n]').map((t) => Buffer.from(t)),
    ),
  }),
  { maxLength: 3 },
);

function spoiled(text: string, how: { at: number; remove: number; insert: Uint8Array }[]): Buffer {
  let bytes = Buffer.from(text);
  for (const { at, remove, insert } of how) {
    const i = Math.floor(at * bytes.length);
    bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(insert), bytes.subarray(i + remove)]);
  }
  return bytes;
}

const chunkSizes: fc.Arbitrary<number[]> = fc.oneof(
  fc.constant<number[]>([1 << 16]),
  fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }),
);

describe('parts parsed ahead of the scan', { timeout: 60_000 }, () => {
  it('give what the scan and JSON.parse give, for parts laid out as X does and otherwise', () => {
    fc.assert(
      fc.property(part, chunkSizes, (text, sizes) => {
        const bytes = Buffer.from(text);
        expect(read(bytes, sizes, true)).toEqual(read(bytes, sizes, false));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('give what the scan and JSON.parse give, with bytes spoiled anywhere', () => {
    fc.assert(
      fc.property(part, spoils, chunkSizes, (text, how, sizes) => {
        const bytes = spoiled(text, how);
        expect(read(bytes, sizes, true)).toEqual(read(bytes, sizes, false));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('give what the scan and JSON.parse give, with an element cap small enough to bite', () => {
    fc.assert(
      fc.property(part, chunkSizes, fc.integer({ min: 1, max: 120 }), (text, sizes, max) => {
        const bytes = Buffer.from(text);
        expect(read(bytes, sizes, true, max)).toEqual(read(bytes, sizes, false, max));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  /** Characters handed to JSON.parse while reading `text` as the importer does. */
  async function parsedChars(text: string): Promise<{ chars: number; elements: number }> {
    const parse = JSON.parse;
    let chars = 0;
    JSON.parse = (source: string, reviver?: Parameters<typeof parse>[1]) => {
      chars += source.length;
      return parse(source, reviver) as unknown;
    };
    try {
      async function* one() {
        yield Buffer.from(text);
      }
      const counts = await readYtdPart('data/tweets.js', one(), () => true);
      return { chars, elements: counts.elements };
    } finally {
      JSON.parse = parse;
    }
  }

  it('parse each character at most twice, whatever the layout', async () => {
    const n = 20_000;
    const hostile = [
      // Small elements on one line, and X's closing line only at the very end.
      `window.YTD.tweets.part0 = [${'{"a":1},'.repeat(n)}{\n  }]`,
      // Every element holding a line that looks like the end of one, but is not.
      `window.YTD.tweets.part0 = [${Array.from({ length: n }, () => '{ "a" : {\n  }}').join(',')}]`,
      // Every element broken just before X's closing line.
      `window.YTD.tweets.part0 = [${Array.from({ length: n }, () => '{ "a" : \n  }').join(',\n  ')}\n]`,
    ];
    for (const text of hostile) {
      const { chars, elements } = await parsedChars(text);
      expect(elements).toBe(n + (text.endsWith('{\n  }]') ? 1 : 0));
      expect(chars).toBeLessThanOrEqual(2 * text.length);
    }
    // X's own layout is parsed once.
    const x = `window.YTD.tweets.part0 = [\n  ${Array.from({ length: n }, (_, i) => xJson({ tweet: { id: String(i) } }, '  ')).join(',\n  ')}\n]`;
    const { chars } = await parsedChars(x);
    expect(chars).toBeLessThanOrEqual(x.length);
  });
});
