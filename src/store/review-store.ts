import type { Redis } from 'ioredis';
import type { Platform } from '../model.js';
import { personKeys } from './keys.js';
import { REPORT_TTL_MS } from './reports.js';
import { nextOutcome, type OutcomeEvent } from '../unfollows/review-outcomes.js';
import type {
  AccountOutcome,
  PageMessage,
  ReviewAccount,
  ReviewSession,
} from '../unfollows/review-session.js';

/** What the review hash holds beside the page messages; written once, when the review starts. */
interface ReviewMeta {
  platform: Platform;
  /** Absent in reviews started before unfollow jobs carried their X account. */
  xUserId?: string | null;
  accounts: ReviewAccount[];
}

const META = 'meta';
const PAGE = 'page:';
const UNDO = 'undo:';

/*
 * Every key of a review expires with the review hash (KEYS[1]): each write copies its time to live, read
 * in Redis itself, so no clock of ours can be off against Redis's, and a write to a review that has
 * expired or been forgotten does nothing rather than leave a key that never expires.
 */

/** KEYS: review, selected set. ARGV: account index, '1' to select or '0' to unselect. */
const SELECT = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then return 0 end
if ARGV[2] == '1' then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[2], ARGV[1]) end
redis.call('PEXPIRE', KEYS[2], ttl)
return 1`;

/**
 * Compare-and-set of one outcome, so a reaction and a job's event at once cannot lose either.
 * KEYS: review, outcomes hash. ARGV: account index, the value expected ('' for none), the new value.
 */
const SWAP = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then return -1 end
if (redis.call('HGET', KEYS[2], ARGV[1]) or '') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ttl)
return 1`;
const SWAP_ATTEMPTS = 10;

/** KEYS: review, the in-app pointer. ARGV: the review's audit id. */
const NOTE_IN_APP = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ttl)
return 1`;

/**
 * Keeps the in-app marks as long as the report that checks them: each key of the marking review (and the
 * pointer to it) that would expire before the report is given the report's time to live. Only while the
 * pointer still names that review; a key already gone (expired, forgotten) is not brought back.
 * KEYS: report, the in-app pointer, review, selected set, outcomes hash. ARGV: the review's audit id.
 */
const KEEP_IN_APP = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then return 0 end
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
for i = 2, #KEYS do
  local left = redis.call('PTTL', KEYS[i])
  if left > 0 and left < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1`;

/** KEYS: review, message key. ARGV: page field, page message, what the message key holds. */
const SAVE_PAGE = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3], 'PX', ttl)
return 1`;

/**
 * Review sessions in Redis, all in the person's namespace (forget removes them), kept as long as a
 * report: a restarted bot, or another bot process, finds the review where it was left. Selections and
 * outcomes are one member or field per account, changed atomically, as reactions and job events race.
 */
export class ReviewStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number = REPORT_TTL_MS,
  ) {}

  /** Starts the review of an audit, or finds the one already started, its selections, outcomes and expiry kept. */
  async open(
    personId: string,
    auditId: string,
    audited: { platform: Platform; xUserId: string | null },
    accounts: ReviewAccount[],
  ): Promise<ReviewSession> {
    const key = personKeys(this.prefix, personId).review(auditId);
    const meta: ReviewMeta = { ...audited, accounts };
    await this.redis.multi().hsetnx(key, META, JSON.stringify(meta)).pexpire(key, this.ttlMs, 'NX').exec();
    const review = await this.load(personId, auditId);
    if (review === null) throw new Error(`Review ${auditId} was deleted as it started`);
    return review;
  }

  async load(personId: string, auditId: string): Promise<ReviewSession | null> {
    const keys = personKeys(this.prefix, personId);
    const [review, selected, outcomes] = await Promise.all([
      this.redis.hgetall(keys.review(auditId)),
      this.redis.smembers(keys.reviewSelected(auditId)),
      this.redis.hgetall(keys.reviewOutcomes(auditId)),
    ]);
    const metaRaw = review[META];
    if (metaRaw === undefined) return null;
    const meta = JSON.parse(metaRaw) as ReviewMeta;
    const messages = Object.entries(review).flatMap(([field, raw]) =>
      field.startsWith(PAGE) ? [JSON.parse(raw) as PageMessage] : [],
    );
    return {
      personId,
      auditId,
      platform: meta.platform,
      xUserId: meta.xUserId ?? null,
      accounts: meta.accounts,
      messages: new Map(messages.map((m) => [m.page, m])),
      selected: new Set(selected.map(Number)),
      outcomes: new Map(
        Object.entries(outcomes).map(([index, raw]) => [Number(index), JSON.parse(raw) as AccountOutcome]),
      ),
    };
  }

  /** The page a DM message shows, if it is one of this person's review pages. */
  async findMessage(
    personId: string,
    messageId: string,
  ): Promise<{ auditId: string; message: PageMessage } | null> {
    const raw = await this.redis.get(personKeys(this.prefix, personId).reviewMessage(messageId));
    return raw === null ? null : (JSON.parse(raw) as { auditId: string; message: PageMessage });
  }

  /** Records the message a page went out as; a page sent again answers from its newest message. */
  async savePage(review: ReviewSession, message: PageMessage): Promise<void> {
    const keys = personKeys(this.prefix, review.personId);
    const found = JSON.stringify({ auditId: review.auditId, message });
    await this.redis.eval(
      SAVE_PAGE,
      2,
      keys.review(review.auditId),
      keys.reviewMessage(message.messageId),
      `${PAGE}${message.page}`,
      JSON.stringify(message),
      found,
    );
  }

  async select(review: ReviewSession, index: number, selected: boolean): Promise<void> {
    const keys = personKeys(this.prefix, review.personId);
    await this.redis.eval(
      SELECT,
      2,
      keys.review(review.auditId),
      keys.reviewSelected(review.auditId),
      index,
      selected ? '1' : '0',
    );
  }

  /** Applies an event to one account's outcome; returns the new outcome, or null when it did not apply. */
  async updateOutcome(
    review: ReviewSession,
    index: number,
    event: OutcomeEvent,
  ): Promise<AccountOutcome | null> {
    const keys = personKeys(this.prefix, review.personId);
    const key = keys.reviewOutcomes(review.auditId);
    for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
      const raw = await this.redis.hget(key, String(index));
      const next = nextOutcome(raw === null ? null : (JSON.parse(raw) as AccountOutcome), event);
      if (next === null) return null;
      const swapped = await this.redis.eval(
        SWAP,
        2,
        keys.review(review.auditId),
        key,
        index,
        raw ?? '',
        JSON.stringify(next),
      );
      if (swapped === 1) return next;
      if (swapped === -1) return null;
    }
    throw new Error(
      `The outcome of account ${index} of review ${review.auditId} kept changing under ${SWAP_ATTEMPTS} attempts`,
    );
  }

  /** Remembers this review as the one whose accounts the person is unfollowing in the Instagram app. */
  async noteInApp(review: ReviewSession): Promise<void> {
    const keys = personKeys(this.prefix, review.personId);
    await this.redis.eval(NOTE_IN_APP, 2, keys.review(review.auditId), keys.reviewInApp, review.auditId);
  }

  /** The accounts the person's latest such review marked to unfollow in the app, or null when none did. */
  async markedInApp(personId: string): Promise<{ auditId: string; handles: string[] } | null> {
    const auditId = await this.redis.get(personKeys(this.prefix, personId).reviewInApp);
    const review = auditId ? await this.load(personId, auditId) : null;
    if (!auditId || !review) return null;
    const handles = review.accounts.flatMap((a) =>
      review.outcomes.get(a.index)?.status === 'in_app' && a.handle ? [a.handle] : [],
    );
    return handles.length > 0 ? { auditId, handles } : null;
  }

  /**
   * Keeps the marks of review `auditId` (the one `markedInApp` answers from) as long as the person's
   * report: an audit that checks them says so in /report while it is the latest, even after the review
   * itself would have expired.
   */
  async keepInAppWithReport(personId: string, auditId: string): Promise<void> {
    const keys = personKeys(this.prefix, personId);
    await this.redis.eval(
      KEEP_IN_APP,
      5,
      keys.report,
      keys.reviewInApp,
      keys.review(auditId),
      keys.reviewSelected(auditId),
      keys.reviewOutcomes(auditId),
      auditId,
    );
  }

  /** Whether the page's ↩️ is on: recorded once Discord took it, so a ↩️ that failed is added again. */
  async undoOffered(review: ReviewSession, page: number): Promise<boolean> {
    return (
      (await this.redis.hexists(
        personKeys(this.prefix, review.personId).review(review.auditId),
        `${UNDO}${page}`,
      )) === 1
    );
  }

  /** Records that the page's ↩️ is on, in a review that still exists (never a key without its expiry). */
  async markUndoOffered(review: ReviewSession, page: number): Promise<void> {
    await this.redis.eval(
      SET_IF_EXISTS,
      1,
      personKeys(this.prefix, review.personId).review(review.auditId),
      `${UNDO}${page}`,
      '1',
    );
  }
}

/** KEYS: a hash. ARGV: field, value. Sets the field only where the hash exists, keeping its expiry. */
const SET_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])`;
