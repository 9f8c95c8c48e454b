/**
 * One measurement, in a fresh process so that its peak RSS is its own. Prints one JSON line:
 *   tsx bench/measure.ts import|reader|classify|bots|upload-thread|upload-inline|thread-start|thread-start-ready
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { ARCHIVE, SNAPSHOT, BENCH_NOW } from './dataset.js';

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
/**
 * CPU time of the calling thread in ms, from Linux's scheduler statistics (ns); NaN elsewhere. Unlike
 * wall time it moves little with the machine's load, so it compares runs on a busy shared machine.
 */
const threadCpuMs = (): number => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
};

/** CPU time of every thread of the process (zlib's thread pool included) since `from`, in ms. */
const cpuMsSince = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

async function measureImport(): Promise<Record<string, number>> {
  const { importXArchive } = await import('../src/importers/index.js');
  const { entryView } = await import('../src/ledger.js');
  const cpu = process.cpuUsage();
  const main = threadCpuMs();
  const start = performance.now();
  const imported = await importXArchive(ARCHIVE);
  const ms = performance.now() - start;
  return {
    ms,
    cpuMs: cpuMsSince(cpu),
    mainCpuMs: threadCpuMs() - main,
    peakRssMb: peakRssMb(),
    following: imported.following.length,
    followers: imported.followers?.ids.size ?? 0,
    posts: imported.ownerTexts.posts.length,
    likes: imported.ownerTexts.likes.length,
    messages: [...imported.ledger.entries.values()].reduce(
      (sum, e) => sum + (entryView(e).kinds.dm?.count ?? 0),
      0,
    ),
  };
}

/** The same archive's following, followers and posts through the twitter-archive-reader package. */
async function measureReader(): Promise<Record<string, number>> {
  const { TwitterArchive } = await import('twitter-archive-reader');
  const cpu = process.cpuUsage();
  const main = threadCpuMs();
  const start = performance.now();
  const archive = new TwitterArchive(ARCHIVE, {
    ignore: ['dm', 'favorite', 'mute', 'block', 'list', 'moment', 'ad'],
  });
  await archive.ready();
  const ms = performance.now() - start;
  return {
    ms,
    cpuMs: cpuMsSince(cpu),
    mainCpuMs: threadCpuMs() - main,
    peakRssMb: peakRssMb(),
    following: archive.followings.size,
    followers: archive.followers.size,
    tweets: archive.tweets.length,
  };
}

async function measureClassify(): Promise<Record<string, number>> {
  const { importXArchive, readProfileSnapshot } = await import('../src/importers/index.js');
  const { prepareAudit } = await import('../src/audit/run-audit.js');
  const { audit } = await import('../src/engine/classify.js');
  const { defaultBotScorer } = await import('../src/engine/default-bot-model.js');
  const { DEFAULT_THRESHOLDS } = await import('../src/model.js');
  const imported = await importXArchive(ARCHIVE);
  const { profiles } = await readProfileSnapshot(SNAPSHOT);
  const input = prepareAudit({
    imported,
    profiles,
    interests: null,
    keep: [],
    now: BENCH_NOW,
    thresholds: DEFAULT_THRESHOLDS,
  });
  // Classification is measured on its own: warm the JIT on a slice, and clear the import's garbage first.
  const botScorer = defaultBotScorer();
  audit({ ...input, following: input.following.slice(0, 2_000) }, { botScorer });
  globalThis.gc?.();
  const cpu = threadCpuMs();
  const start = performance.now();
  const report = audit(input, { botScorer });
  const ms = performance.now() - start;
  // The main thread's CPU: on a loaded machine accounts per CPU second move far less than per second.
  const cpuMs = threadCpuMs() - cpu;
  return {
    ms,
    cpuMs,
    peakRssMb: peakRssMb(),
    accounts: report.accounts.length,
    accountsPerSecond: report.accounts.length / (ms / 1000),
    accountsPerCpuSecond: report.accounts.length / (cpuMs / 1000),
  };
}

/** The bot model alone: features, trees and, for the flagged, reasons, over the snapshot's 100k profiles. */
async function measureBots(): Promise<Record<string, number>> {
  const { readProfileSnapshot } = await import('../src/importers/index.js');
  const { defaultBotScorer } = await import('../src/engine/default-bot-model.js');
  const { DEFAULT_THRESHOLDS } = await import('../src/model.js');
  // The snapshot's map holds each profile under its id and its handle.
  const profiles = [...new Set((await readProfileSnapshot(SNAPSHOT)).profiles.values())];
  const scorer = defaultBotScorer(DEFAULT_THRESHOLDS.botThreshold);
  for (const p of profiles.slice(0, 5_000)) scorer.score(p, BENCH_NOW);
  globalThis.gc?.();
  let flagged = 0;
  const start = performance.now();
  for (const p of profiles)
    if ((scorer.score(p, BENCH_NOW)?.score ?? 0) >= DEFAULT_THRESHOLDS.botThreshold) flagged += 1;
  const ms = performance.now() - start;
  return {
    ms,
    peakRssMb: peakRssMb(),
    accounts: profiles.length,
    flagged,
    accountsPerSecond: profiles.length / (ms / 1000),
  };
}

/**
 * An upload as the worker audits it: read, then classified without profiles and packed for the stores,
 * in a thread of its own (as the worker does) or in the process's own thread (as it did before).
 * Besides time and CPU (of every thread), how long the process's event loop was held up at most: what
 * lock renewal and other people's jobs would wait.
 */
async function measureUpload(inThread: boolean): Promise<Record<string, number>> {
  const { readUpload } = await import('../src/audit/read-upload.js');
  const { loadFiles } = await import('../src/audit/load-files.js');
  const { runAudit } = await import('../src/audit/run-audit.js');
  const { packAudit } = await import('../src/audit/packed-audit.js');
  const { defaultBotScorer } = await import('../src/engine/default-bot-model.js');
  const { DEFAULT_ZIP_LIMITS } = await import('../src/importers/index.js');
  const { DEFAULT_THRESHOLDS } = await import('../src/model.js');
  const person = { interests: null, keep: [], now: BENCH_NOW, thresholds: DEFAULT_THRESHOLDS };
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let accounts: number;
  if (inThread) {
    const reading = await readUpload(ARCHIVE, 'twitter-bench.zip', {
      zip: DEFAULT_ZIP_LIMITS,
      cpuMs: 600_000,
      memoryMb: 1024,
    });
    accounts = (
      await reading.classify({
        ...person,
        profiles: null,
        told: [],
        warnings: [],
        maxFollowing: null,
        xUsage: null,
      })
    ).accounts;
  } else {
    const loaded = await loadFiles([ARCHIVE], DEFAULT_ZIP_LIMITS, () => undefined);
    const report = runAudit(
      { ...person, imported: loaded.imported, profiles: loaded.profiles, warnings: loaded.warnings },
      { botScorer: defaultBotScorer() },
    );
    accounts = (await packAudit(report, loaded.imported.ledger)).accounts;
  }
  const ms = performance.now() - start;
  const cpuMs = cpuMsSince(cpu);
  delay.disable();
  return {
    ms,
    cpuMs,
    heldUpMs: delay.max / 1e6,
    accounts,
    peakRssMb: peakRssMb(),
  };
}

/**
 * Starting an upload's thread: from `readUpload` to the thread's first answer, for a file that is not
 * there, so the thread only starts, loads what reading needs and answers ("no such file").
 * Median of 5 starts in this process, after one to warm the caches the process itself keeps.
 */
async function measureThreadStart(): Promise<Record<string, number>> {
  return threadStarts(false);
}

/**
 * The same with a thread started ahead (`keepUploadThreadReady`): each start waits 3 s first, so that the
 * spare has loaded, as it has in a worker between uploads; the CPU counted is from `readUpload` on.
 */
async function measureThreadStartReady(): Promise<Record<string, number>> {
  return threadStarts(true);
}

async function threadStarts(ready: boolean): Promise<Record<string, number>> {
  const { readUpload, keepUploadThreadReady, stopUploadThreadReady } =
    await import('../src/audit/read-upload.js');
  const { DEFAULT_ZIP_LIMITS } = await import('../src/importers/index.js');
  if (ready) keepUploadThreadReady(1024);
  const start = async () => {
    if (ready) await new Promise((resolve) => setTimeout(resolve, 3000));
    const cpu = process.cpuUsage();
    const at = performance.now();
    const answered = await readUpload('/nonexistent/tend-bench.zip', 'tend-bench.zip', {
      zip: DEFAULT_ZIP_LIMITS,
      cpuMs: 60_000,
      memoryMb: 1024,
    }).then(
      () => false,
      (error: Error) => /no such file/.test(error.message),
    );
    if (!answered) throw new Error('the thread did not answer as expected');
    return { ms: performance.now() - at, cpuMs: cpuMsSince(cpu) };
  };
  await start();
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await start());
  await stopUploadThreadReady();
  runs.sort((a, b) => a.ms - b.ms);
  return { ...runs[2]!, peakRssMb: peakRssMb() };
}

const which = process.argv[2];
const run = {
  import: measureImport,
  reader: measureReader,
  classify: measureClassify,
  bots: measureBots,
  'upload-thread': () => measureUpload(true),
  'upload-inline': () => measureUpload(false),
  'thread-start': measureThreadStart,
  'thread-start-ready': measureThreadStartReady,
}[which ?? ''];
if (!run) {
  console.error(
    'usage: tsx bench/measure.ts import|reader|classify|bots|upload-thread|upload-inline|thread-start|thread-start-ready',
  );
  process.exit(2);
}
console.log(JSON.stringify(await run()));
