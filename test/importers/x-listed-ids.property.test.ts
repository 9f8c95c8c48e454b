/**
 * The follow lists' entries read straight from their bytes (x-listed-ids.ts) must come out exactly as
 * JSON.parse and `readListedId` make them: the same ids in the same order, and the same counts of
 * elements, invalid, unusable and oversized ones, and the same break. fast-check writes id lists of
 * entries in X's own layout byte for byte (which the reader checks first), in X's shape with any
 * whitespace, and near it (escapes, other fields and orders, numbers, empty and odd ids, control
 * characters, any text in the link), spoils some of the bytes, and cuts the part into chunks of any
 * size; each is read with and without the fast reader. Seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readListedId } from '../../src/importers/x-entries.js';
import { ListedIdEntries } from '../../src/importers/x-listed-ids.js';
import { readYtdPart } from '../../src/importers/ytd.js';
import { xJson } from '../../scripts/lib/x-archive-writer.js';

const SEED = 20_261_203;

async function* chunksOf(bytes: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

interface Read {
  ids: string[];
  counts: Omit<Awaited<ReturnType<typeof readYtdPart>>, 'broken'>;
  /** The message of the part's break, if it has one. */
  broken: string | null;
}

/** The part read the way the importer reads it, with the fast reader for `key` or without it. */
async function read(bytes: Buffer, sizes: number[], key: string, fast: boolean, max?: number): Promise<Read> {
  const ids: string[] = [];
  const add = (id: string) => ids.push(id);
  const counts = await readYtdPart(
    'data/following.js',
    chunksOf(bytes, sizes),
    (element) => {
      const id = readListedId(element, key);
      if (id) add(id);
      return id !== null;
    },
    undefined,
    max,
    fast ? new ListedIdEntries(key, add) : undefined,
  );
  const { broken, ...rest } = counts;
  return { ids, counts: rest, broken: broken?.message ?? null };
}

/** JSON whitespace, mostly none or X's own. */
const space = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.constant(' ') },
  { weight: 2, arbitrary: fc.constantFrom('\n    ', '\n      ', '\n  ') },
  { weight: 1, arbitrary: fc.stringMatching(/^[ \t\r\n]{0,4}$/) },
);

/** A JSON string as X writes it, or with some characters escaped that need not be. */
const jsonString = (value: fc.Arbitrary<string>) =>
  fc.tuple(value, fc.nat(9)).map(([text, roll]) => {
    const escapeMore = roll === 0;
    const plain = JSON.stringify(text);
    if (!escapeMore) return plain;
    return plain.replace(/[a-z0-9/]/, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  });

const idValue = fc.oneof(
  { weight: 10, arbitrary: jsonString(fc.stringMatching(/^[0-9]{1,19}$/)) },
  { weight: 1, arbitrary: jsonString(fc.constantFrom('', '0', '٣٤', ' 12', '12a')) },
  { weight: 1, arbitrary: jsonString(fc.string({ maxLength: 8 })) },
  { weight: 1, arbitrary: fc.constantFrom('12345', '1e3', '-1', 'null', 'true', '{}', '[]', '1.5') },
);

const linkValue = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .stringMatching(/^[0-9]{1,19}$/)
      .map((id) => JSON.stringify(`https://twitter.com/intent/user?user_id=${id}`)),
  },
  { weight: 2, arbitrary: jsonString(fc.string({ unit: 'grapheme', maxLength: 20 })) },
  // Raw bytes in the link: control characters and lone UTF-8 bytes, which JSON.parse may refuse.
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 12 })
      .map((bytes) => `"${Buffer.from(bytes.filter((b) => b !== 0x22)).toString('latin1')}"`),
  },
  // Escapes JSON.parse refuses, and backslashes that escape the closing quote.
  { weight: 1, arbitrary: fc.constantFrom('"\\q"', '"\\u12"', '"\\"', '"a\\\\"', '"\\x41"') },
);

/** The fields of the inner object, as written: usually X's two in X's order. */
const fields: fc.Arbitrary<[string, string][]> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.tuple(idValue, linkValue).map(([id, link]): [string, string][] => [
      ['"accountId"', id],
      ['"userLink"', link],
    ]),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(idValue, linkValue, fc.boolean(), fc.boolean(), fc.json({ maxDepth: 1 }))
      .map(([id, link, swap, extra, other]) => {
        const pairs: [string, string][] = [
          ['"accountId"', id],
          ['"userLink"', link],
        ];
        if (swap) pairs.reverse();
        if (extra) pairs.push(['"followedAt"', other]);
        return pairs;
      }),
  },
  { weight: 1, arbitrary: fc.constant<[string, string][]>([['"userLink"', '"x"']]) },
  { weight: 1, arbitrary: fc.constant<[string, string][]>([['"accountId"', '"77"']]) },
  { weight: 1, arbitrary: fc.constant<[string, string][]>([['"account\\u0049d"', '"78"']]) },
);

/**
 * An entry laid out exactly as X lays them out (what the reader checks first, byte for byte), with an id
 * and a link that are mostly X's and sometimes not.
 */
const xEntry = (key: string) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 10, arbitrary: fc.stringMatching(/^[0-9]{1,19}$/) },
        { weight: 1, arbitrary: fc.constantFrom('', '0', '٣٤', ' 12', '12a', '1"2', '1\\2') },
      ),
      fc.oneof(
        {
          weight: 8,
          arbitrary: fc
            .stringMatching(/^[0-9]{1,19}$/)
            .map((id) => `https://twitter.com/intent/user?user_id=${id}`),
        },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      ),
    )
    .map(([accountId, userLink]) => `\n  ${xJson({ [key]: { accountId, userLink } }, '  ')}`);

/** One element of the list, mostly `{"<key>": {accountId, userLink}}`, written with any spacing. */
const element = (key: string) =>
  fc.oneof({ weight: 3, arbitrary: anyLayout(key) }, { weight: 2, arbitrary: xEntry(key) });

const anyLayout = (key: string) =>
  fc
    .record({
      outerKey: fc.oneof(
        { weight: 8, arbitrary: fc.constant(`"${key}"`) },
        { weight: 1, arbitrary: fc.constantFrom('"follower"', '"Following"', `"${key}s"`) },
      ),
      fields,
      gaps: fc.array(space, { minLength: 14, maxLength: 14 }),
      other: fc.oneof(
        { weight: 20, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
        { weight: 1, arbitrary: fc.constantFrom('', ' ', '{oops}', '{"following": {"accountId": "1"}') },
      ),
    })
    .map(({ outerKey, fields: pairs, gaps, other }) => {
      if (other !== null) return other;
      const g = (k: number) => gaps[k]!;
      const inner = pairs.map(([k, v], n) => `${g(4 + n)}${k}${g(8)}:${g(9)}${v}${g(10 + n)}`).join(',');
      return `${g(0)}{${g(1)}${outerKey}${g(2)}:${g(3)}{${inner}}${g(12)}}${g(13)}`;
    });

const part = (key: string) =>
  fc
    .record({
      elements: fc.array(element(key), { maxLength: 40, size: 'medium' }),
      trailing: fc.constantFrom('', '\n', ' ;\n'),
      closed: fc.oneof(
        { weight: 9, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    })
    .map(
      ({ elements, trailing, closed }) =>
        `window.YTD.${key}.part0 = [${elements.join(',')}${closed ? ']' : ''}${trailing}`,
    );

/** Some bytes of the part replaced, removed or added, anywhere. */
const spoils = fc.array(
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat(6),
    insert: fc.uint8Array({ maxLength: 4 }),
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
  fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 5 }),
);

const keyed = <T>(make: (key: string) => fc.Arbitrary<T>) =>
  fc
    .constantFrom('following', 'follower', 'blocking', 'muting')
    .chain((key) => fc.tuple(fc.constant(key), make(key)));

describe('follow lists read from their bytes', { timeout: 60_000 }, () => {
  it('give what JSON.parse gives, for lists written as X writes them and near it', async () => {
    await fc.assert(
      fc.asyncProperty(keyed(part), chunkSizes, async ([key, text], sizes) => {
        const bytes = Buffer.from(text);
        const fast = await read(bytes, sizes, key, true);
        expect(fast).toEqual(await read(bytes, sizes, key, false));
        // And what parsing the whole list at once gives, when it is valid JSON.
        let whole: unknown[] | null = null;
        try {
          whole = JSON.parse(text.slice(text.indexOf('=') + 1)) as unknown[];
        } catch {
          // Not JSON as a whole: the comparison above is the test.
        }
        if (whole)
          expect(fast.ids).toEqual(whole.map((e) => readListedId(e, key)).filter((id) => id !== null));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('give what JSON.parse gives, with bytes spoiled anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(keyed(part), spoils, chunkSizes, async ([key, text], how, sizes) => {
        const bytes = spoiled(text, how);
        expect(await read(bytes, sizes, key, true)).toEqual(await read(bytes, sizes, key, false));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('give what JSON.parse gives, with an element cap small enough to bite', async () => {
    await fc.assert(
      fc.asyncProperty(
        keyed(part),
        chunkSizes,
        fc.integer({ min: 20, max: 200 }),
        async ([key, text], sizes, max) => {
          const bytes = Buffer.from(text);
          expect(await read(bytes, sizes, key, true, max)).toEqual(await read(bytes, sizes, key, false, max));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("read X's own entries without JSON.parse", async () => {
    const entry = (id: string) =>
      `{\n    "following" : {\n      "accountId" : "${id}",\n      "userLink" : "https://twitter.com/intent/user?user_id=${id}"\n    }\n  }`;
    const text = `window.YTD.following.part0 = [\n  ${['1', '22', '333'].map(entry).join(',\n  ')}\n]`;
    const parse = JSON.parse;
    let parsed = 0;
    JSON.parse = (...args: Parameters<typeof parse>) => {
      parsed++;
      return parse(...args) as unknown;
    };
    try {
      const { ids, counts } = await read(Buffer.from(text), [1 << 16], 'following', true);
      expect(ids).toEqual(['1', '22', '333']);
      expect(counts.elements).toBe(3);
    } finally {
      JSON.parse = parse;
    }
    expect(parsed).toBe(0);
  });
});
