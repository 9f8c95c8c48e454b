/**
 * `npm run bench:followers`: the followers audit at scale, in this one process (run it on its own).
 *
 * - plan + judge: 100,000 follower ids from an archive, a sample of 1,000 looked up (their profiles made
 *   here: the X lookups themselves are 10 calls of 100, what the X benchmarks measure), against the
 *   previous audit's snapshot of 100,000 with 1% changed, and a ledger of 5,000 followers who engaged;
 * - snapshot diff: new, lost and churners from 12 snapshots of 100,000 ids each (50 churners planted);
 * - encode / decode of a 100,000-id snapshot, and the Redis bytes of a person's 12 snapshots (the Redis
 *   at REDIS_URL, under a prefix of its own, deleted after).
 *
 * Prints one JSON line of figures; docs/BENCHMARKS.md reports them.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { emptyLedger, recordEvent } from '../src/ledger.js';
import { DEFAULT_THRESHOLDS, type ImportedExport, type Profile } from '../src/model.js';
import { finishFollowers, planFollowers } from '../src/audit/followers-audit.js';
import { defaultBotScorer } from '../src/engine/default-bot-model.js';
import { seededRandom } from '../src/engine/follower-sampling.js';
import { auditFollowers } from '../src/engine/followers.js';
import {
  decodeFollowerSnapshot,
  encodeFollowerSnapshot,
  type FollowerSnapshot,
} from '../src/store/follower-snapshot-codec.js';
import { FollowerSnapshots } from '../src/store/follower-snapshots.js';
import { deleteMatching } from './redis-keys.js';

const N = 100_000;
const NOW = Date.UTC(2026, 10, 20);
const DAY = 86_400_000;
const random = seededRandom(20261203);
const heapMb = () => Math.round(process.memoryUsage().heapUsed / 1024 ** 2);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Follower ids as X hands them out: snowflakes of accounts made over 2010–2026, spread out. */
function followerIds(n: number, offset: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    (BigInt(offset + i) * 18_000_000_000_000n + BigInt(Math.floor(random() * 1e12))).toString(),
  );
}

function profileOf(id: string): Profile {
  const bot = random() < 0.1;
  return {
    id,
    handle: `f${id.slice(-9)}`,
    name: 'Follower',
    bio: bot ? '' : 'Opera and theatre in London',
    createdAt: NOW - (bot ? 200 : 2000) * DAY,
    defaultAvatar: bot,
    followersCount: bot ? 10 : 400,
    followingCount: bot ? 4000 : 300,
    postCount: bot ? 90_000 : 3000,
    likeCount: bot ? 5 : 4000,
    lastPostAt: NOW - (random() < 0.08 ? 800 : 3) * DAY,
    protected: false,
  };
}

const current = followerIds(N, 0);
const previousIds = [...current.slice(1_000), ...followerIds(1_000, N)];
const ledger = emptyLedger();
for (let i = 0; i < 5_000; i++)
  recordEvent(ledger, {
    who: { id: current[i * 20]! },
    kind: 'reply',
    direction: 'in',
    at: NOW - Math.floor(random() * 300) * DAY,
  });
const imported: ImportedExport = {
  platform: 'x',
  owner: { id: '1', handle: 'owner' },
  following: current.slice(0, 2_000).map((id) => ({ key: id, id, handle: null, profile: null })),
  followers: { ids: new Set(current), handles: new Set() },
  ledger,
  ownerTexts: { bio: null, posts: [], likes: [] },
  keepCandidates: [],
  muted: new Set(),
  blocked: new Set(),
  pendingRequests: [],
  generatedAt: NOW,
  warnings: [],
  unreadable: [],
};
const previous: FollowerSnapshot = { at: NOW - 30 * DAY, owner: 'x:1', ids: previousIds, missing: [] };
const botScorer = defaultBotScorer();

global.gc?.();
const heapBefore = heapMb();
let start = performance.now();
const request = { imported, profiles: null, want: 1_000, seed: 20261120, history: [previous], now: NOW };
const plan = planFollowers(request)!;
const planMs = performance.now() - start;
const looked = new Map(plan.lookups.map((id) => [id, profileOf(id)]));
start = performance.now();
const judged = finishFollowers(
  { request, plan, sample: plan.sample, looked, cost: null, thresholds: DEFAULT_THRESHOLDS },
  { botScorer },
);
const judgeMs = performance.now() - start;
const heapAfter = heapMb();

// Eleven earlier weekly audits' snapshots, each with 1% of followers changed from the one before, and 50
// follow-for-follow accounts she followed back who appear in one of them only.
const churn = followerIds(50, N * 5);
const history: FollowerSnapshot[] = [];
let ids = previousIds;
for (let k = 11; k >= 1; k--) {
  history.push({ at: NOW - k * 7 * DAY, owner: 'x:1', ids: k === 6 ? [...ids, ...churn] : ids, missing: [] });
  ids = [...ids.slice(1_000), ...followerIds(1_000, N * 2 + k * 1_000)];
}
start = performance.now();
const diffed = auditFollowers(
  {
    platform: 'x',
    keyKind: 'id',
    current,
    population: 'sample',
    sample: [],
    profiles: new Map(),
    following: new Set([...current.slice(0, 2_000), ...churn]),
    ledger: emptyLedger(),
    history,
    owner: 'x:1',
    now: NOW,
    thresholds: DEFAULT_THRESHOLDS,
  },
  { botScorer },
);
const diffMs = performance.now() - start;

start = performance.now();
const encoded = encodeFollowerSnapshot(judged.snapshot);
const encodeMs = performance.now() - start;
start = performance.now();
const decoded = decodeFollowerSnapshot(encoded);
const decodeMs = performance.now() - start;
if (decoded.ids.length !== judged.snapshot.ids.length) throw new Error('snapshot did not round-trip');

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `tend-bench:followers:${randomBytes(4).toString('hex')}`;
/** MEMORY USAGE of a person's snapshot list after twelve audits. */
async function storedBytes(): Promise<number> {
  const store = new FollowerSnapshots(redis, prefix);
  for (const s of [...history, judged.snapshot]) await store.add('bench', 'x', s);
  const key = `${prefix}:person:{bench}:follower-snapshots:x`;
  return Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
}
let redisBytes: number;
try {
  redisBytes = await storedBytes();
} finally {
  await deleteMatching(redis, `${prefix}:*`);
  await redis.quit();
}

console.log(
  JSON.stringify({
    followers: N,
    sampled: plan.sample.length,
    lookups: plan.lookups.length,
    planMs: Math.round(planMs),
    judgeMs: Math.round(judgeMs),
    heapGrowthMb: heapAfter - heapBefore,
    fake: judged.audit.summary.byCategory.fake,
    engaged: judged.audit.summary.byCategory.engaged,
    newSinceLast: judged.audit.summary.byCategory.new,
    snapshots: history.length + 1,
    diffMs: Math.round(diffMs),
    churners: diffed.audit.summary.byCategory.churner,
    snapshotBytes: encoded.length,
    encodeMs: Math.round(encodeMs),
    decodeMs: Math.round(decodeMs),
    redisBytesPerPerson: redisBytes,
    peakRssMb: peakRssMb(),
  }),
);
