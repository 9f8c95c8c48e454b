/**
 * `tsx bench/classify-digest.ts`: SHA-256 digests of everything classification returns, so that a
 * speed-up can be shown to change no result: run on two versions of the engine, equal digests say the
 * same reports came out. Parts, in one process (so caches kept between audits are exercised too):
 *
 * - bench-inferred: the benchmark's archive and snapshot, interests inferred (`npm run bench`'s input);
 * - bench-explicit: the same with interests given (the other path of the topic check);
 * - bios-explicit, bios-inferred: the hand-labelled bios of data/relevance/ and the profiles of
 *   data/bot-profiles/ (real text: several alphabets, emoji, links, handles, hashtags, spam), audited
 *   against each interest list of data/relevance/labels.csv, as given and as if inferred;
 * - demo, demo-instagram: `tend --demo --json` and the Instagram demo's JSON, as the CLI prints them.
 *
 * Reports round what they show, so each audit's part has a second digest, `+facts`: every account's
 * facts as the checks read them and its topic relevance in full precision (score, matches, words).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { importXArchive, readProfileSnapshot } from '../src/importers/index.js';
import { prepareAudit } from '../src/audit/run-audit.js';
import { audit } from '../src/engine/classify.js';
import { defaultBotScorer } from '../src/engine/default-bot-model.js';
import { emptyLedger } from '../src/ledger.js';
import { auditContext, gatherFacts } from '../src/engine/facts.js';
import { relevance } from '../src/engine/interests.js';
import { main } from '../src/cli/main.js';
import { DEFAULT_THRESHOLDS, type AuditInput, type FollowedAccount } from '../src/model.js';
import type { BotScorer } from '../src/engine/bot-score.js';
import { ARCHIVE, SNAPSHOT, BENCH_NOW, ensureDataset } from './dataset.js';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');
const say = (part: string, text: string) =>
  console.log(`${part.padEnd(22)} ${digest(text)}  ${text.length.toLocaleString('en')} characters`);

/** Every account's facts and full relevance, as one text (account and profile left out: they are the input). */
function factsText(input: AuditInput, scorer: BotScorer): string {
  const ctx = auditContext(input);
  const lines: string[] = [];
  for (const account of input.following) {
    const { account: _a, profile: _p, entry: _e, ...facts } = gatherFacts(account, ctx, scorer);
    const p = account.profile;
    const topic =
      p && !p.gone
        ? relevance(
            {
              bio: p.bio,
              name: p.name,
              handle: p.handle,
              url: p.url,
              location: p.location,
              posts: p.recentPosts,
            },
            input.interests,
            ctx.neighbourhood,
          )
        : null;
    lines.push(JSON.stringify([facts, topic]));
  }
  return lines.join('\n');
}

await ensureDataset((line) => console.error(line));
const botScorer = defaultBotScorer();
const imported = await importXArchive(ARCHIVE);
const { profiles } = await readProfileSnapshot(SNAPSHOT);
for (const [part, interests] of [
  ['bench-inferred', null],
  ['bench-explicit', ['opera', 'theatre', 'football', 'coffee']],
] as const) {
  const input = prepareAudit({
    imported,
    profiles,
    interests: interests ? [...interests] : null,
    keep: [],
    now: BENCH_NOW,
    thresholds: DEFAULT_THRESHOLDS,
  });
  say(part, JSON.stringify(audit(input, { botScorer })));
  say(`${part}+facts`, factsText(input, botScorer));
}

const NOW = Date.parse('2020-08-18T00:00:00Z');
const read = (path: string) =>
  parse(readFileSync(new URL(path, import.meta.url)), { columns: true }) as Record<string, string>[];
const bios = read('../data/relevance/bios.csv');
const bots = read('../data/bot-profiles/cresci-2017.csv');
const following: FollowedAccount[] = [
  ...bios.map((b) => ({
    id: b.id!,
    handle: b.screen_name!,
    bio: b.description!,
    name: null,
    location: null,
  })),
  ...bots.map((b) => ({
    id: b.id!,
    handle: b.screen_name!,
    bio: b.description!,
    name: b.screen_name!.replace(/_/g, ' '),
    location: b.location!,
  })),
].map((p, i) => ({
  key: p.id,
  id: p.id,
  handle: p.handle,
  profile: {
    id: p.id,
    handle: p.handle,
    name: p.name,
    bio: p.bio,
    location: p.location,
    followsOwner: i % 3 !== 0,
    lastPostAt: NOW - (i % 400) * 86_400_000,
    postCount: i % 7 === 0 ? 0 : 10 * i,
    followersCount: (i * 37) % 5000,
    followingCount: (i * 53) % 3000,
    createdAt: NOW - (30 + (i % 3000)) * 86_400_000,
  },
}));
const lists = [...new Set(read('../data/relevance/labels.csv').map((l) => l.interests!))];
for (const source of ['explicit', 'inferred'] as const) {
  const reports = lists.map((list) => {
    const input: AuditInput = {
      platform: 'x',
      owner: { id: 'owner', handle: 'owner' },
      following,
      followers: null,
      ledger: emptyLedger(),
      interests: { terms: list.split(',').map((t) => t.trim()), source },
      ownerTexts: { bio: null, posts: [], likes: [] },
      keep: new Set(),
      muted: new Set(),
      now: NOW,
      thresholds: DEFAULT_THRESHOLDS,
    };
    return { report: audit(input, { botScorer }), facts: factsText(input, botScorer) };
  });
  say(`bios-${source}`, JSON.stringify(reports.map((r) => r.report)));
  say(`bios-${source}+facts`, reports.map((r) => r.facts).join('\n'));
}

async function cli(argv: string[]): Promise<string> {
  let out = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  const stderr = new Writable({ write: (_chunk, _encoding, done) => done() });
  const code = await main(argv, { stdout, stderr, env: {} });
  if (code !== 0) throw new Error(`tend ${argv.join(' ')}: exit code ${code}`);
  return out;
}

say('demo', await cli(['--demo', '--json']));
const samples = (file: string) => new URL(`../samples/${file}`, import.meta.url).pathname;
say(
  'demo-instagram',
  await cli([
    samples('demo-instagram.zip'),
    samples('demo-instagram-profiles.jsonl'),
    '--json',
    '--now',
    '2026-11-20',
  ]),
);
