/**
 * The benchmark's audit run five times in one process, after one import and the same warm-up as
 * `measure.ts classify`: the main thread's CPU time of each run, its minimum and median. One process
 * reads the archive once for all five, so on a loaded machine it gives more runs for the time than
 * fresh processes do.
 *
 *   node --expose-gc --import tsx bench/classify-repeat.ts [root] [runs]
 *
 * `root` (default: this checkout) is a checkout whose `src/` to measure, e.g. a `git archive` of main
 * with `node_modules` and `.bench` linked in, to take the two in turn.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Dataset from './dataset.js';
import type * as Importers from '../src/importers/index.js';
import type * as RunAudit from '../src/audit/run-audit.js';
import type * as Classify from '../src/engine/classify.js';
import type * as DefaultBotModel from '../src/engine/default-bot-model.js';
import type * as Model from '../src/model.js';

const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
const runs = Number(process.argv[3] ?? 5);
const threadCpuMs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;

const { ARCHIVE, SNAPSHOT, BENCH_NOW } = (await import(`${root}/bench/dataset.ts`)) as typeof Dataset;
const { importXArchive, readProfileSnapshot } = (await import(
  `${root}/src/importers/index.ts`
)) as typeof Importers;
const { prepareAudit } = (await import(`${root}/src/audit/run-audit.ts`)) as typeof RunAudit;
const { audit } = (await import(`${root}/src/engine/classify.ts`)) as typeof Classify;
const { defaultBotScorer } = (await import(
  `${root}/src/engine/default-bot-model.ts`
)) as typeof DefaultBotModel;
const { DEFAULT_THRESHOLDS } = (await import(`${root}/src/model.ts`)) as typeof Model;

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
const botScorer = defaultBotScorer();
audit({ ...input, following: input.following.slice(0, 2_000) }, { botScorer });
const cpu: number[] = [];
for (let r = 0; r < runs; r++) {
  globalThis.gc?.();
  const start = threadCpuMs();
  const report = audit(input, { botScorer });
  cpu.push(threadCpuMs() - start);
  if (report.accounts.length !== input.following.length) throw new Error('an account went missing');
}
const sorted = [...cpu].sort((a, b) => a - b);
const perCpuSecond = (ms: number) => Math.round(input.following.length / (ms / 1000)).toLocaleString('en');
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(
  `${root}: CPU ${cpu.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s; min ${(sorted[0]! / 1000).toFixed(2)} s (${perCpuSecond(sorted[0]!)} accounts per CPU second), median ${(median / 1000).toFixed(2)} s (${perCpuSecond(median)})`,
);
