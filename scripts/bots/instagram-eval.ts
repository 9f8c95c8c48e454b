/**
 * How the Instagram bot score (src/engine/instagram-bot.ts) does on labelled accounts. No labelled
 * Instagram profiles are at hand, so it is measured on the labelled X profiles of the bot model, reduced
 * to what Instagram shows (counts, posts, avatar, bio, handle, name: no age, no likes). The weights were
 * set by hand before this was first run and were not changed after; the figures are in docs/MODEL.md.
 *
 *   npx tsx scripts/bots/instagram-eval.ts ../shared/data/bot-profiles/train.csv
 */
import { readLabelledProfiles } from '../../src/importers/bot-csv.js';
import { instagramBotScore } from '../../src/engine/instagram-bot.js';
import { DEFAULT_THRESHOLDS, type Profile } from '../../src/model.js';
import { atThreshold, auc, precisionAtPrior } from './metrics.js';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx scripts/bots/instagram-eval.ts <labelled profiles CSV>');

/** What the companion's profile lookup gives of an account, and nothing more. */
function asInstagram(p: Profile): Profile {
  return {
    id: p.id,
    handle: p.handle,
    name: p.name ?? null,
    bio: p.bio ?? null,
    defaultAvatar: p.defaultAvatar ?? null,
    followersCount: p.followersCount ?? null,
    followingCount: p.followingCount ?? null,
    postCount: p.postCount ?? null,
    platform: 'instagram',
  };
}

const scores: number[] = [];
const labels: number[] = [];
const sources: string[] = [];
const signals = new Map<string, [number, number]>();
let unscored = 0;
for await (const row of readLabelledProfiles(file, Date.parse('2020-08-18T00:00:00Z'))) {
  if (row.label === null) continue;
  const scored = instagramBotScore(asInstagram(row.profile));
  if (!scored) {
    unscored++;
    continue;
  }
  scores.push(scored.score);
  labels.push(row.label);
  sources.push(row.source ?? 'unattributed');
  for (const reason of scored.reasons) {
    const kind = reason.replace(/[\d,]+/g, 'N').replace(/\(.*\)/, '(…)');
    const t = signals.get(kind) ?? [0, 0];
    t[row.label] += 1;
    signals.set(kind, t);
  }
}
const bots = labels.filter((l) => l === 1).length;
const humans = labels.length - bots;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(
  `accounts scored: ${labels.length} (${bots} bots, ${humans} humans); too little to score: ${unscored}`,
);
console.log(`AUC, all: ${auc(scores, labels).toFixed(3)}`);
for (const source of [...new Set(sources)].sort()) {
  const idx = labels.map((_, i) => i).filter((i) => labels[i] === 0 || sources[i] === source);
  const n = idx.filter((i) => labels[i] === 1).length;
  if (n === 0) continue;
  const a = auc(
    idx.map((i) => scores[i]!),
    idx.map((i) => labels[i]!),
  );
  console.log(`AUC, bots of ${source} (${n}) against all humans: ${a.toFixed(3)}`);
}
for (const threshold of [0.5, 0.7, 0.8, DEFAULT_THRESHOLDS.botThreshold, 0.95]) {
  const at = atThreshold(scores, labels, threshold);
  console.log(
    `at ${threshold}: precision ${pct(at.precision)}, recall ${pct(at.recall)}, humans flagged ${pct(at.falsePositiveRate)}, ` +
      `precision were 10% of accounts bots ${pct(precisionAtPrior(at, 0.1))}`,
  );
}
console.log('signals (bots / humans):');
for (const [kind, [h, b]] of [...signals].sort((x, y) => y[1][1] - x[1][1]))
  console.log(`  ${kind}: ${pct(b / bots)} / ${pct(h / humans)}`);
