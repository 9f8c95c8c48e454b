/**
 * The one place that knows how Tend's Redis keys are laid out.
 *
 * Everything about a person lives under `<prefix>:person:{<personId>}:…`. The braces are a Redis
 * Cluster hash tag, so all of one person's keys share a slot and `forget` finds them all with one SCAN
 * pattern. Tend still needs one Redis server, not a cluster: an audit's fenced writes (fence.ts) read
 * BullMQ's job lock beside the person's keys, and the profile cache reads many public profiles at once. Shared data (public
 * profiles, the index of linked X accounts) lives outside any person's tag.
 */

export const DEFAULT_STORE_PREFIX = 'tend';

/**
 * Person ids are Discord user ids or CLI ids. Braces would break the hash tag, and glob characters the
 * SCAN pattern of `forget`. (Job ids name a person by an alias, never by this id: src/queues/queues.ts.)
 */
export const PERSON_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const PREFIX = /^[A-Za-z0-9_.:-]{1,100}$/;
/** Audit ids, X user ids, checkpoint stream names: they become key segments. */
const SEGMENT = /^[A-Za-z0-9_.-]{1,64}$/;

function checked(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new Error(`Invalid ${what} for a Redis key: ${JSON.stringify(value)}`);
  return value;
}

export function checkPersonId(personId: string): string {
  return checked(personId, PERSON_ID, 'person id');
}

function checkPrefix(prefix: string): string {
  return checked(prefix, PREFIX, 'key prefix');
}

function personBase(prefix: string, personId: string): string {
  return `${checkPrefix(prefix)}:person:{${checkPersonId(personId)}}`;
}

/** Every key of one person. */
export function personKeys(prefix: string, personId: string) {
  const base = personBase(prefix, personId);
  const segment = (value: string, what: string) => checked(value, SEGMENT, what);
  return {
    xAccount: `${base}:x-account`,
    xRefreshLock: `${base}:x-account:refresh-lock`,
    /** A /link under way: its state and sealed PKCE verifier, for ten minutes. */
    linkPending: `${base}:link-pending`,
    keep: `${base}:keep`,
    settings: `${base}:settings`,
    report: `${base}:report`,
    /** Set of audit ids whose outcome (summary or failure) the person has been shown: shown once, even across bot restarts. */
    auditsShown: `${base}:audits-shown`,
    xFollowing: `${base}:x-following`,
    /** List of the person's follower snapshots on one platform, oldest first (src/store/follower-snapshots.ts). */
    followerSnapshots: (platform: string) => `${base}:follower-snapshots:${segment(platform, 'platform')}`,
    ledger: `${base}:ledger`,
    /** Hash: the newest interaction time the stored ledger holds, and the newest post id read per timeline. */
    ledgerSync: `${base}:ledger-sync`,
    checkpoint: (auditId: string) => `${base}:checkpoint:${segment(auditId, 'audit id')}`,
    checkpointItems: (auditId: string, stream: string) =>
      `${base}:checkpoint:${segment(auditId, 'audit id')}:items:${segment(stream, 'checkpoint stream')}`,
    /** Sorted set: when the person's audits of one kind (`x`, `upload`) were queued, for their limits and queue priority. */
    auditStarts: (kind: string) => `${base}:audit-starts:${segment(kind, 'audit kind')}`,
    unfollowLog: `${base}:unfollow:log`,
    unfollowTimes: `${base}:unfollow:times`,
    unfollowDone: (auditId: string) => `${base}:unfollow:done:${segment(auditId, 'audit id')}`,
    unfollowClaim: (auditId: string, targetId: string) =>
      `${base}:unfollow:claim:${segment(auditId, 'audit id')}:${segment(targetId, 'X user id')}`,
    unfollowPace: `${base}:unfollow:pace`,
    /** Hash: the review of one audit (its accounts, and the DM message of each page). */
    review: (auditId: string) => `${base}:review:${segment(auditId, 'audit id')}`,
    reviewSelected: (auditId: string) => `${base}:review:${segment(auditId, 'audit id')}:selected`,
    reviewOutcomes: (auditId: string) => `${base}:review:${segment(auditId, 'audit id')}:outcomes`,
    /** String: the audit whose review last marked accounts to unfollow in the Instagram app; expires with it. */
    reviewInApp: `${base}:review-in-app`,
    /** Which audit and page a DM message shows; under the person, so nobody else's reaction finds it. */
    reviewMessage: (messageId: string) => `${base}:review-message:${segment(messageId, 'message id')}`,
    /** Hash: the person's nudge settings, one field each (src/nudges/settings.ts). */
    nudgeSettings: `${base}:nudge:settings`,
    /** Hashes by account (src/nudges/state.ts key) → epoch ms: last nudged, snoozed until, marked ✅. */
    nudgeNudged: `${base}:nudge:nudged`,
    nudgeSnoozed: `${base}:nudge:snoozed`,
    nudgeDone: `${base}:nudge:done`,
    /** Set of accounts muted with 🔕. */
    nudgeNever: `${base}:nudge:never`,
    /** Hash by account → the person's own cadence in days. */
    nudgeCadence: `${base}:nudge:cadence`,
    /** Hash: why the nudges are paused, since when, and whether the person still has to be told. */
    nudgePaused: `${base}:nudge:paused`,
    /** The claim of one period's digest (SET NX): exactly one digest per period. */
    nudgeDigestClaim: (period: string) => `${base}:nudge:digest:${segment(period, 'digest period')}`,
    /** Hash: a sent digest (its plan, what is picked, what was done), for its reactions. */
    nudgeDigestMessage: (messageId: string) =>
      `${base}:nudge:digest-message:${segment(messageId, 'message id')}`,
  };
}

/** The SCAN pattern that matches every key of one person and nothing else. */
export function personPattern(prefix: string, personId: string): string {
  return `${personBase(prefix, personId)}:*`;
}

/**
 * Set by /forget before it deletes a person's keys, for a short while: a job still running for them
 * writes nothing back (src/store/fence.ts). Outside `personPattern`, so the deletion leaves it; in the
 * person's hash tag, so one script checks it beside their keys. It holds nothing but its name.
 */
export function forgottenKey(prefix: string, personId: string): string {
  return `${checkPrefix(prefix)}:forgotten:{${checkPersonId(personId)}}`;
}

/** Keys shared across people. */
export function sharedKeys(prefix: string) {
  const base = checkPrefix(prefix);
  return {
    /** Public X profiles by X user id: the same account followed by many people is paid for once. */
    profile: (xUserId: string) => `${base}:profile:x:${checked(xUserId, SEGMENT, 'X user id')}`,
    /** Hash: X user id → the person who linked it, so one X account is linked to one person. */
    xAccountOwners: `${base}:index:x-account-owner`,
    /** OAuth state → the person whose /link it is, for the callback (which knows only the state); ten minutes. */
    linkState: (state: string) => `${base}:link-state:${checked(state, SEGMENT, 'OAuth state')}`,
    /** X objects read (billed) by every audit on one UTC day (YYYY-MM-DD), against the operator's daily budget. */
    xReads: (day: string) => `${base}:x-reads:${checked(day, /^\d{4}-\d{2}-\d{2}$/, 'day')}`,
    /**
     * When a Discord channel's next reaction may go (epoch ms), shared by the bot and the nudge worker;
     * it expires a second after that time.
     */
    reactionPace: (channelId: string) =>
      `${base}:reaction-pace:${checked(channelId, /^\d{1,20}$/, 'Discord channel id')}`,
    /** When the bot was last seen running (epoch ms): what a restarted bot catches up on. */
    botAlive: `${base}:bot:alive`,
    /** Written by every /healthz, to see that Redis takes writes; ten seconds. */
    healthProbe: `${base}:health:probe`,
  };
}
