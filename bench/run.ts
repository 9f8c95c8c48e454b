/**
 * `npm run bench`: import and classification speed and memory on a generated archive of a very active
 * account, side by side with the twitter-archive-reader package. Each figure comes from a fresh process
 * (median of RUNS); budgets from the foundation issue: import ≤ 5 s and ≤ 400 MB, classification
 * ≥ 100k accounts/s.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ARCHIVE, SIZES, ensureDataset } from './dataset.js';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const measureScript = fileURLToPath(new URL('./measure.ts', import.meta.url));

async function measure(which: string): Promise<Record<string, number>> {
  const results: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', measureScript, which], { maxBuffer: 1 << 24 });
    results.push(JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>);
  }
  results.sort((a, b) => a.ms! - b.ms!);
  return results[Math.floor(results.length / 2)]!;
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;
const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');

await ensureDataset((line) => console.log(line));
const size = (await stat(ARCHIVE)).size;
console.log(`Archive: ${mb(size)} — ${SIZES.following.toLocaleString('en')} following, ${SIZES.followers.toLocaleString('en')} followers, ${SIZES.tweets.toLocaleString('en')} posts, ${SIZES.likes.toLocaleString('en')} likes, ${SIZES.dmConversations.toLocaleString('en')} DM conversations, ${SIZES.mediaFiles} media files`);
console.log(`Node ${process.version}, median of ${RUNS} runs, each in a fresh process\n`);

const tend = await measure('import');
const n = (x: number | undefined) => (x ?? 0).toLocaleString('en');
console.log(`Import (Tend)                 ${(tend.ms! / 1000).toFixed(2)} s   peak RSS ${tend.peakRssMb} MB   [budget 5 s, 400 MB: ${verdict(tend.ms! <= 5000 && tend.peakRssMb! <= 400)}]`);
console.log(`                              read ${n(tend.following)} following, ${n(tend.followers)} followers, ${n(tend.posts)} posts, ${n(tend.likes)} likes, ${n(tend.messages)} DMs`);
const reader = await measure('reader');
console.log(`twitter-archive-reader 7.3.3  ${(reader.ms! / 1000).toFixed(2)} s   peak RSS ${reader.peakRssMb} MB`);
console.log(`                              read ${n(reader.following)} following, ${n(reader.followers)} followers, ${n(reader.tweets)} posts (likes and DMs skipped)`);
console.log(`Ratio (reader / Tend)         time ×${(reader.ms! / tend.ms!).toFixed(1)}   memory ×${(reader.peakRssMb! / tend.peakRssMb!).toFixed(1)}`);
const classify = await measure('classify');
console.log(`Classification               ${Math.round(classify.accountsPerSecond!).toLocaleString('en')} accounts/s (${classify.accounts!.toLocaleString('en')} in ${(classify.ms! / 1000).toFixed(2)} s)   peak RSS ${classify.peakRssMb} MB   [budget 100,000/s: ${verdict(classify.accountsPerSecond! >= 100_000)}]`);
const bots = await measure('bots');
console.log(`Bot model                    ${Math.round(bots.accountsPerSecond!).toLocaleString('en')} accounts/s (${bots.accounts!.toLocaleString('en')} profiles in ${(bots.ms! / 1000).toFixed(2)} s, ${bots.flagged!.toLocaleString('en')} flagged)   [budget 100,000/s: ${verdict(bots.accountsPerSecond! >= 100_000)}]`);
