/**
 * Uploads fast-check spoils: the bundled demo exports and archives from the test writers with bytes
 * changed, cut short, entries shuffled or dropped, JSON parts corrupted or replaced, and bytes of no
 * format at all. Each goes the way an upload goes (recognised, imported, audited) and must end in a
 * report or in a UserError whose message names the file; any other exception is a crash. Seeded, so a
 * failure reproduces.
 */
import fc from 'fast-check';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInstagramExport } from '../../scripts/lib/instagram-writer.js';
import { buildXArchive } from '../../scripts/lib/x-archive-writer.js';
import { loadFiles } from '../../src/audit/load-files.js';
import { runAudit } from '../../src/audit/run-audit.js';
import { DEMO } from '../../src/cli/demo.js';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { isUserError } from '../../src/errors.js';
import { DEFAULT_ZIP_LIMITS } from '../../src/importers/index.js';
import { DEFAULT_THRESHOLDS } from '../../src/model.js';
import { rawZip, type RawEntry } from '../fixtures/raw-zip.js';
import { baseSpec, daysAgo, snowflakeAt, NOW, OWNER_ID } from '../fixtures/x-archive-spec.js';

const SEED = 20_261_202;
const FILE = 'upload.zip';
const botScorer = defaultBotScorer(DEFAULT_THRESHOLDS.botThreshold);

interface Entry {
  name: string;
  data: Buffer;
}

function entriesOf(zip: Buffer): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      const entries: Entry[] = [];
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return file.readEntry();
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(entries));
      file.readEntry();
    });
  });
}

let dir = '';
let seeds: { zip: Buffer; entries: Entry[] }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tend-fuzz-'));
  const x = await buildXArchive(
    baseSpec({
      tweets: [
        {
          id: snowflakeAt(NOW - 86_400_000),
          createdAt: daysAgo(1),
          text: 'Tosca tonight with @ada https://roh.org.uk',
          mentions: [{ id: '201', screenName: 'ada' }],
        },
        {
          id: snowflakeAt(NOW - 2 * 86_400_000),
          createdAt: daysAgo(2),
          text: 'RT @bob: opera',
          mentions: [{ id: '202', screenName: 'bob' }],
        },
      ],
      likes: [
        {
          tweetId: snowflakeAt(NOW - 3 * 86_400_000),
          fullText: '@ada Bravo!',
          expandedUrl: 'https://x.com/ada/status/1',
        },
      ],
      dms: [
        {
          conversationId: `201-${OWNER_ID}`,
          messages: [{ id: '1', senderId: '201', recipientId: OWNER_ID, text: 'hi', createdAt: daysAgo(4) }],
        },
      ],
      blocks: ['203'],
    }),
  );
  const instagram = await buildInstagramExport({
    owner: { username: 'ottilie', name: 'Ottilie Marsh', bio: 'Opera & theatre' },
    followers: ['ada', 'cleo'],
    following: ['ada', 'bob', 'cleo'],
    closeFriends: ['ada'],
    likes: [{ owner: 'bob', at: daysAgo(5) }],
    comments: [{ mediaOwner: 'ada', text: 'Brava! 🎭', at: daysAgo(6) }],
    threads: [
      {
        folder: 'ada_1234',
        participants: ['Ottilie Marsh', 'Ada'],
        messages: [{ sender: 'Ada', at: daysAgo(2), content: 'hi' }],
      },
    ],
  });
  const demos = await Promise.all([
    readFile(DEMO.files[0]!),
    readFile(join(DEMO.files[0]!, '..', 'demo-instagram.zip')),
  ]);
  seeds = await Promise.all(
    [x, instagram, ...demos].map(async (zip) => ({ zip, entries: await entriesOf(zip) })),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let uploads = 0;

/** Uploads `bytes` as an audit would take them: a report, or a UserError naming the file or its part at fault. */
async function expectReportOrMessage(bytes: Uint8Array, parts: readonly string[] = []): Promise<void> {
  uploads += 1;
  // A folder of its own for each upload: a run cut off by the test's timeout cannot overwrite the next.
  const path = join(dir, String(uploads), FILE);
  await mkdir(dirname(path));
  await writeFile(path, bytes);
  try {
    const loaded = await loadFiles([path], DEFAULT_ZIP_LIMITS, () => undefined);
    const report = runAudit(
      { ...loaded, interests: null, keep: [], now: NOW, thresholds: DEFAULT_THRESHOLDS },
      { botScorer },
    );
    expect(report.summary.following).toBe(report.accounts.length);
  } catch (error) {
    if (!isUserError(error)) throw error;
    expect(
      [FILE, ...parts].some((name) => error.message.includes(name)),
      error.message,
    ).toBe(true);
  }
}

const seedIndex = () => fc.nat({ max: 3 });
const rezip = (entries: Entry[]): Buffer =>
  rawZip(entries.map((e): RawEntry => ({ name: e.name, data: e.data })));

/** A text spoiled at a random place: cut, a slice replaced, or made-up JSON spliced in. */
const spoil = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat(40),
    insert: fc.string({ unit: 'binary', maxLength: 40 }),
  }),
  fc.record({
    kind: fc.constant('json' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    insert: fc.json({ maxDepth: 3 }),
  }),
);

interface Spoil {
  kind: 'cut' | 'splice' | 'json';
  /** Where, as a fraction of the text. */
  at: number;
  length?: number;
  insert?: string;
}

function spoiled(text: string, how: Spoil): string {
  const at = Math.floor(how.at * text.length);
  if (how.kind === 'cut') return text.slice(0, at);
  return text.slice(0, at) + (how.insert ?? '') + text.slice(at + (how.length ?? 0));
}

describe('spoiled uploads end in a report or a message naming the file', { timeout: 120_000 }, () => {
  it('with bytes changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        seedIndex(),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (i, flips) => {
          const bytes = Buffer.from(seeds[i]!.zip);
          for (const [at, value] of flips) bytes[Math.floor(at * (bytes.length - 1))] = value;
          await expectReportOrMessage(bytes);
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('cut short', async () => {
    await fc.assert(
      fc.asyncProperty(seedIndex(), fc.double({ min: 0, max: 1, noNaN: true }), async (i, at) => {
        const zip = seeds[i]!.zip;
        await expectReportOrMessage(zip.subarray(0, Math.floor(at * zip.length)));
      }),
      { seed: SEED, numRuns: 30 },
    );
  });

  it('with entries shuffled and some left out', async () => {
    await fc.assert(
      fc.asyncProperty(
        seedIndex().chain((i) =>
          fc.tuple(fc.constant(i), fc.shuffledSubarray([...seeds[i]!.entries.keys()])),
        ),
        async ([i, picked]) => {
          const entries = picked.map((k) => seeds[i]!.entries[k]!);
          await expectReportOrMessage(
            rezip(entries),
            seeds[i]!.entries.map((e) => e.name),
          );
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('with a JSON part corrupted', async () => {
    await fc.assert(
      fc.asyncProperty(seedIndex(), fc.nat(), spoil, async (i, pick, how) => {
        const entries = seeds[i]!.entries.filter((e) => /\.(?:js|json)$/.test(e.name));
        const target = entries[pick % entries.length]!;
        const changed = seeds[i]!.entries.map((e) =>
          e === target ? { name: e.name, data: Buffer.from(spoiled(e.data.toString('utf8'), how)) } : e,
        );
        await expectReportOrMessage(
          rezip(changed),
          changed.map((e) => e.name),
        );
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('with a JSON part replaced by any JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        seedIndex(),
        fc.nat(),
        fc.jsonValue({ maxDepth: 4 }),
        fc.boolean(),
        async (i, pick, value, wrapped) => {
          const entries = seeds[i]!.entries.filter((e) => /\.(?:js|json)$/.test(e.name));
          const target = entries[pick % entries.length]!;
          const json = JSON.stringify(value) ?? 'null';
          const text = target.name.endsWith('.js') && wrapped ? `window.YTD.any.part0 = ${json}` : json;
          const changed = seeds[i]!.entries.map((e) =>
            e === target ? { name: e.name, data: Buffer.from(text) } : e,
          );
          await expectReportOrMessage(
            rezip(changed),
            changed.map((e) => e.name),
          );
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('with bytes of no format, or a ZIP signature then anything', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), fc.boolean(), async (bytes, signed) => {
        await expectReportOrMessage(signed ? Buffer.concat([Buffer.from('PK\x03\x04'), bytes]) : bytes);
      }),
      { seed: SEED, numRuns: 30 },
    );
  });
});
