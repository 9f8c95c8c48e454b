/**
 * `npm run bench`: import and classification speed and memory on a generated archive of a very active
 * account, side by side with the twitter-archive-reader package, and the import of a heavy user's
 * Instagram export (instagram-dataset.ts). Each figure comes from a fresh process
 * (median of RUNS); budgets from the foundation issue: import ≤ 5 s and ≤ 400 MB, classification
 * ≥ 100k accounts/s. Then the X audits through the queue against the fake X (x-measure.ts), once each:
 * together they take about a minute and need the Redis at REDIS_URL.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ARCHIVE, SIZES, ensureDataset } from './dataset.js';
import { INSTAGRAM_EXPORT, ensureInstagramDataset, instagramImportLines } from './instagram-dataset.js';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/**
 * `BENCH_ONLY=import` stops after the import lines (Tend and twitter-archive-reader side by side),
 * `BENCH_ONLY=archive` after the archive's benchmarks, before the X audits and the nudges.
 * `BENCH_ONLY=classify` gives only the classification and bot model lines (a minute, not ten).
 */
const ONLY = process.env.BENCH_ONLY;
const measureScript = fileURLToPath(new URL('./measure.ts', import.meta.url));
const xMeasureScript = fileURLToPath(new URL('./x-measure.ts', import.meta.url));
const instagramMeasureScript = fileURLToPath(new URL('./instagram-measure.ts', import.meta.url));

async function measureIn(script: string, which: string): Promise<Record<string, number>> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', script, which], {
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>;
}

const medianRun = (results: Record<string, number>[]) =>
  [...results].sort((a, b) => a.ms! - b.ms!)[Math.floor(results.length / 2)]!;

async function measure(which: string): Promise<Record<string, number>> {
  const results: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i += 1) results.push(await measureIn(measureScript, which));
  return medianRun(results);
}

/** Two measurements taken in turn (a, b, a, b…), so that both meet the same load on a shared machine. */
async function sideBySide(a: string, b: string): Promise<[Record<string, number>, Record<string, number>]> {
  const as: Record<string, number>[] = [];
  const bs: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    as.push(await measureIn(measureScript, a));
    bs.push(await measureIn(measureScript, b));
  }
  return [medianRun(as), medianRun(bs)];
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');

const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;
const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');

/** The classification and bot model lines, each the median of `RUNS` fresh processes. */
async function classificationLines(): Promise<void> {
  const classify = await measure('classify');
  console.log(
    `Classification               ${Math.round(classify.accountsPerSecond!).toLocaleString('en')} accounts/s (${classify.accounts!.toLocaleString('en')} in ${(classify.ms! / 1000).toFixed(2)} s; ${Math.round(classify.accountsPerCpuSecond!).toLocaleString('en')} per CPU second)   peak RSS ${classify.peakRssMb} MB   [budget 100,000/s: ${verdict(classify.accountsPerSecond! >= 100_000)}]`,
  );
  const bots = await measure('bots');
  console.log(
    `Bot model                    ${Math.round(bots.accountsPerSecond!).toLocaleString('en')} accounts/s (${bots.accounts!.toLocaleString('en')} profiles in ${(bots.ms! / 1000).toFixed(2)} s, ${bots.flagged!.toLocaleString('en')} flagged)   [budget 100,000/s: ${verdict(bots.accountsPerSecond! >= 100_000)}]`,
  );
}

await ensureDataset((line) => console.log(line));
await ensureInstagramDataset((line) => console.log(line));
const size = (await stat(ARCHIVE)).size;
console.log(
  `Archive: ${mb(size)} — ${SIZES.following.toLocaleString('en')} following, ${SIZES.followers.toLocaleString('en')} followers, ${SIZES.tweets.toLocaleString('en')} posts, ${SIZES.likes.toLocaleString('en')} likes, ${SIZES.dmConversations.toLocaleString('en')} DM conversations, ${SIZES.mediaFiles} media files`,
);
console.log(
  `Node ${process.version}, median of ${RUNS} runs, each in a fresh process; load average ${load()} (1, 5, 15 min) at the start\n`,
);
if (ONLY === 'classify') {
  await classificationLines();
  process.exit(0);
}

const [tend, reader] = await sideBySide('import', 'reader');
const n = (x: number | undefined) => (x ?? 0).toLocaleString('en');
console.log(
  `Import (Tend)                 ${(tend.ms! / 1000).toFixed(2)} s   CPU ${(tend.cpuMs! / 1000).toFixed(2)} s (main thread ${(tend.mainCpuMs! / 1000).toFixed(2)} s)   peak RSS ${tend.peakRssMb} MB   [budget 5 s, 400 MB: ${verdict(tend.ms! <= 5000 && tend.peakRssMb! <= 400)}]`,
);
console.log(
  `                              read ${n(tend.following)} following, ${n(tend.followers)} followers, ${n(tend.posts)} posts, ${n(tend.likes)} likes, ${n(tend.messages)} DMs`,
);
console.log(
  `twitter-archive-reader 7.3.3  ${(reader.ms! / 1000).toFixed(2)} s   CPU ${(reader.cpuMs! / 1000).toFixed(2)} s (main thread ${(reader.mainCpuMs! / 1000).toFixed(2)} s)   peak RSS ${reader.peakRssMb} MB`,
);
console.log(
  `                              read ${n(reader.following)} following, ${n(reader.followers)} followers, ${n(reader.tweets)} posts (likes and DMs skipped)`,
);
console.log(
  `Ratio (reader / Tend)         time ×${(reader.ms! / tend.ms!).toFixed(2)}   CPU ×${(reader.cpuMs! / tend.cpuMs!).toFixed(2)} (main thread ×${(reader.mainCpuMs! / tend.mainCpuMs!).toFixed(2)})   memory ×${(reader.peakRssMb! / tend.peakRssMb!).toFixed(1)}`,
);
// The Instagram export's import, on its own: no other importer reads that format to compare with.
const instagramRuns: Record<string, number>[] = [];
for (let i = 0; i < RUNS; i += 1) instagramRuns.push(await measureIn(instagramMeasureScript, 'import'));
const instagramZip = (await stat(INSTAGRAM_EXPORT)).size;
for (const line of instagramImportLines(medianRun(instagramRuns), instagramZip)) console.log(line);
if (ONLY === 'import') process.exit(0);
const [thread, inline] = await sideBySide('upload-thread', 'upload-inline');
const upload = (r: Record<string, number>) =>
  `${(r.ms! / 1000).toFixed(2)} s, CPU ${(r.cpuMs! / 1000).toFixed(2)} s, event loop held up ${Math.round(r.heldUpMs!)} ms at most, peak RSS ${r.peakRssMb} MB`;
console.log(
  `Upload, in its own thread      ${upload(thread)}   [${n(thread.accounts)} accounts read and classified]`,
);
console.log(`Upload, in the worker's thread ${upload(inline)}`);
console.log(
  `Ratio (own thread / worker's)  time ×${(thread.ms! / inline.ms!).toFixed(2)}   CPU ×${(thread.cpuMs! / inline.cpuMs!).toFixed(2)}`,
);
const threadStart = await measure('thread-start');
console.log(
  `Starting an upload's thread    ${Math.round(threadStart.ms!)} ms, CPU ${Math.round(threadStart.cpuMs!)} ms   [to its first answer; median of 5 starts]`,
);
const threadReady = await measure('thread-start-ready');
console.log(
  `  with a thread started ahead  ${Math.round(threadReady.ms!)} ms, CPU ${Math.round(threadReady.cpuMs!)} ms   [keepUploadThreadReady; the spare loaded before each upload]`,
);
await classificationLines();

if (ONLY === 'archive') process.exit(0);
console.log('\nX audits through the queue against the fake X: one run each, each in a fresh process\n');
const limited = await measureIn(xMeasureScript, 'rate-limited');
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const bit =
  limited.waitedWindows! > 0
    ? ''
    : "   [no wait for X's reset: the window reset before the 16th page, so X's limit never bit: lower FACTOR in bench/x-measure.ts]";
console.log(
  `X audit, ${n(limited.followed)} followed      ${limited.windows!.toFixed(2)} windows of 15 min (${sec(limited.ms!)} at ${limited.factor}×: ${limited.waitedWindows!.toFixed(2)} waiting for X's reset, Tend at work ${sec(limited.workMs!)}, ${sec(limited.afterWaitMs!)} of it after the reset)   429s met ${limited.tooMany}   [lower bound ${limited.windowsBound} window${limited.windowsBound === 1 ? '' : 's'}]${bit}`,
);
console.log(
  `                              calls ${n(limited.calls)}, ${n(limited.served)} served (lower bound ${n(limited.callsBound)}: 1 users/me + ${limited.followingBound} following pages for the ${n(limited.listed)} listed + ${limited.interactionBound} interaction pages; made ${limited.followingCalls} following, ${limited.interactionCalls} interaction${limited.otherFailures ? `; ${limited.otherFailures} failed otherwise` : ''})   peak RSS ${limited.peakRssMb} MB (worker and fake X in one process)`,
);
const meterAgrees =
  limited.meterCalls === limited.calls &&
  limited.meterUsers === limited.users &&
  limited.meterPosts === limited.posts;
console.log(
  `                              objects ${n(limited.users)} users, ${n(limited.posts)} posts (lower bound ${n(limited.usersBound)} users, ${n(limited.postsBound)} posts; ${n(limited.expandedUsers)} post authors expanded, ${n(limited.expandedAlreadyRead)} of them already read in the following list)   pages read twice ${limited.pagesTwice}   ${meterAgrees ? "Tend's meter agrees" : `Tend's meter says ${n(limited.meterCalls)} calls, ${n(limited.meterUsers)} users, ${n(limited.meterPosts)} posts`}`,
);
const flow = await measureIn(xMeasureScript, 'throughput');
console.log(
  `X audit throughput            ${Math.round(flow.auditsPerMinute!)} audits/min (${flow.audits} × ${n(flow.following)} following, ${flow.workers} worker processes × ${flow.concurrency} jobs, ${sec(flow.ms!)})   latency p50 ${sec(flow.p50Ms!)}, p95 ${sec(flow.p95Ms!)} (in a worker slot: p50 ${sec(flow.slotP50Ms!)}, p95 ${sec(flow.slotP95Ms!)})`,
);
const rss = flow.workerPeakRssMb! < 0 ? 'unknown (no /proc)' : `${flow.workerPeakRssMb} MB`;
const cpu = flow.workerCpuSeconds! < 0 ? '' : `workers ${flow.workerCpuSeconds!.toFixed(1)} s, `;
console.log(
  `                              worker peak RSS ${rss} (the larger of the two)   CPU while auditing: ${cpu}fake X ${flow.fakeCpuSeconds!.toFixed(1)} s, Redis ${flow.redisCpuSeconds!.toFixed(1)} s   Redis +${Math.round(flow.redisMb!)} MB`,
);
console.log(
  `                              calls ${n(flow.calls)} (lower bound ${n(flow.callsBound)})   429s met ${flow.tooMany}   pages read twice ${flow.pagesTwice}`,
);

console.log(`\nLoad average ${load()} (1, 5, 15 min) after the archive and X benchmarks`);
// The nudge planning benchmark prints its own lines; it takes about a minute more.
console.log('\nNudge digests (bench/nudges.ts)\n');
const nudges = await run(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('./nudges.ts', import.meta.url))],
  { maxBuffer: 1 << 24 },
);
process.stdout.write(nudges.stdout);

// The followers audit: 100,000 follower ids, 1,000 sampled, twelve snapshots (bench/followers.ts).
console.log('\nFollowers (bench/followers.ts)\n');
const followers = await measureIn(fileURLToPath(new URL('./followers.ts', import.meta.url)), 'followers');
console.log(
  `Followers audit               ${n(followers.followers)} ids, ${n(followers.sampled)} sampled (${n(followers.lookups)} lookups with re-checks): plan ${followers.planMs} ms, judge ${followers.judgeMs} ms (heap +${followers.heapGrowthMb} MB)`,
);
console.log(
  `                              ${followers.snapshots} snapshots diffed in ${followers.diffMs} ms (${followers.churners} churners); one snapshot ${n(followers.snapshotBytes)} bytes, encode ${followers.encodeMs} ms, decode ${followers.decodeMs} ms; Redis ${n(followers.redisBytesPerPerson)} bytes a person   peak RSS ${followers.peakRssMb} MB`,
);
