/**
 * Every store of Tend over one Redis connection, made in one place for the bot and the worker alike,
 * with the limits the operator set. Stores are thin (a connection and a key prefix): each process
 * makes them all and uses what it needs.
 */
import type { Redis } from 'ioredis';
import type { ServiceSettings } from '../config/service-settings.js';
import { AuditDeliveries, BotPresence } from '../store/audit-deliveries.js';
import { AuditAllowance, XReadBudget } from '../store/audit-limits.js';
import { AuditCheckpoints } from '../store/checkpoints.js';
import type { SecretBox } from '../store/crypto.js';
import { DigestStore } from '../store/digest-store.js';
import { FollowingSnapshots } from '../store/following-snapshots.js';
import { FollowerSnapshots } from '../store/follower-snapshots.js';
import { KeepList } from '../store/keep-list.js';
import { LedgerStore } from '../store/ledger-store.js';
import { LinkedAccounts } from '../store/linked-accounts.js';
import { NudgeStore } from '../store/nudge-store.js';
import { PauseStore } from '../store/pause-store.js';
import { PendingLinks } from '../store/pending-links.js';
import { ReactionPace } from '../store/reaction-pace.js';
import { PersonSettingsStore } from '../store/person-settings.js';
import { ProfileCache } from '../store/profile-cache.js';
import { ReportStore } from '../store/reports.js';
import { ReviewStore } from '../store/review-store.js';
import { UnfollowLog } from '../store/unfollow-log.js';
import { UnfollowPacer } from '../store/unfollow-pacer.js';
import { paceLimits } from '../unfollows/pace.js';

const HOUR_MS = 3_600_000;

export type Stores = ReturnType<typeof createStores>;

/** `box` seals X tokens at rest: without it (no TEND_ENCRYPTION_KEY) there are no linked accounts. */
export function createStores(redis: Redis, settings: ServiceSettings, box: SecretBox | null) {
  const prefix = settings.storePrefix;
  const freshMs = settings.profileFreshHours * HOUR_MS;
  return {
    accounts: box ? new LinkedAccounts(redis, prefix, box) : null,
    pendingLinks: new PendingLinks(redis, prefix),
    reports: new ReportStore(redis, prefix),
    keepList: new KeepList(redis, prefix),
    personSettings: new PersonSettingsStore(redis, prefix),
    unfollowLog: new UnfollowLog(redis, prefix),
    pacer: new UnfollowPacer(redis, prefix, paceLimits(settings.unfollowDailyCap)),
    ledgers: new LedgerStore(redis, prefix),
    nudges: new NudgeStore(redis, prefix),
    digests: new DigestStore(redis, prefix),
    pauses: new PauseStore(redis, prefix),
    reviews: new ReviewStore(redis, prefix),
    deliveries: new AuditDeliveries(redis, prefix),
    presence: new BotPresence(redis, prefix),
    checkpoints: new AuditCheckpoints(redis, prefix),
    profileCache: new ProfileCache(redis, prefix, freshMs),
    followingSnapshots: new FollowingSnapshots(redis, prefix, freshMs),
    followerSnapshots: new FollowerSnapshots(redis, prefix),
    allowance: new AuditAllowance(redis, prefix, {
      xCooldownMs: settings.auditLimits.xCooldownHours * HOUR_MS,
      uploadsPerDay: settings.auditLimits.uploadsPerDay,
    }),
    readBudget: new XReadBudget(redis, prefix, settings.auditLimits.xDailyReads),
    reactionPace: new ReactionPace(redis, prefix, settings.reactionIntervalMs),
  };
}
