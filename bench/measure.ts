/**
 * One measurement, in a fresh process so that its peak RSS is its own. Prints one JSON line:
 *   tsx bench/measure.ts import|reader|classify
 */
import { performance } from 'node:perf_hooks';
import { ARCHIVE, SNAPSHOT, BENCH_NOW } from './dataset.js';

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function measureImport(): Promise<Record<string, number>> {
  const { importXArchive } = await import('../src/importers/index.js');
  const start = performance.now();
  const imported = await importXArchive(ARCHIVE);
  const ms = performance.now() - start;
  return {
    ms, peakRssMb: peakRssMb(), following: imported.following.length, followers: imported.followers?.ids.size ?? 0,
    posts: imported.ownerTexts.posts.length, likes: imported.ownerTexts.likes.length,
    messages: [...imported.ledger.entries.values()].reduce((sum, e) => sum + (e.kinds.dm?.count ?? 0), 0),
  };
}

/** The same archive's following, followers and posts through the twitter-archive-reader package. */
async function measureReader(): Promise<Record<string, number>> {
  const { TwitterArchive } = await import('twitter-archive-reader');
  const start = performance.now();
  const archive = new TwitterArchive(ARCHIVE, { ignore: ['dm', 'favorite', 'mute', 'block', 'list', 'moment', 'ad'] });
  await archive.ready();
  const ms = performance.now() - start;
  return { ms, peakRssMb: peakRssMb(), following: archive.followings.size, followers: archive.followers.size, tweets: archive.tweets.length };
}

async function measureClassify(): Promise<Record<string, number>> {
  const { importXArchive, readProfileSnapshot } = await import('../src/importers/index.js');
  const { prepareAudit } = await import('../src/audit/run-audit.js');
  const { audit } = await import('../src/engine/classify.js');
  const { heuristicBotScorer } = await import('../src/engine/bot-score.js');
  const { DEFAULT_THRESHOLDS } = await import('../src/model.js');
  const imported = await importXArchive(ARCHIVE);
  const { profiles } = await readProfileSnapshot(SNAPSHOT);
  const input = prepareAudit({ imported, profiles, interests: null, keep: [], now: BENCH_NOW, thresholds: DEFAULT_THRESHOLDS });
  // Classification is measured on its own: warm the JIT on a slice, and clear the import's garbage first.
  audit({ ...input, following: input.following.slice(0, 2_000) }, { botScorer: heuristicBotScorer });
  globalThis.gc?.();
  const start = performance.now();
  const report = audit(input, { botScorer: heuristicBotScorer });
  const ms = performance.now() - start;
  return { ms, peakRssMb: peakRssMb(), accounts: report.accounts.length, accountsPerSecond: report.accounts.length / (ms / 1000) };
}

const which = process.argv[2];
const run = { import: measureImport, reader: measureReader, classify: measureClassify }[which ?? ''];
if (!run) {
  console.error('usage: tsx bench/measure.ts import|reader|classify');
  process.exit(2);
}
console.log(JSON.stringify(await run()));
