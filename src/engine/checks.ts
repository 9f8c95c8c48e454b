import type { Category, GoneKind, Interests } from '../model.js';
import { entryView, inCount, inLast, outCount, outLast } from '../ledger.js';
import { isBot } from './bot-score.js';
import type { DuplicateMatch } from './duplicates.js';
import { handleHintFor } from './handle-signals.js';
import type { AccountFacts, AuditContext } from './facts.js';
import { DAY_MS, daysAgo, listInWords, perDay } from './format.js';
import { cadenceDays, lastOutgoingPhrase, tierOf } from './relationship.js';
import type { NoteSkip } from './skipped-checks.js';

/** One category found on an account, with its reason in plain words. */
export interface Flag {
  category: Category;
  reason: string;
  /** A few words for the verdict's sentence: "likely a bot (0.91)". */
  label: string;
  /** Enough on its own to recommend an unfollow. */
  strong: boolean;
  /** How much this flag says, for ordering accounts within a verdict. */
  weight: number;
  /** Read from the handle or display name alone: enough for review, never for unfollow (verdict.ts). */
  hint?: boolean;
}

/**
 * For an account with no profile to judge, what its handle or display name suggests (handle-signals.ts),
 * as a weak flag of `category`.
 */
function handleHint(f: AccountFacts, category: 'bot' | 'off_topic'): Flag | null {
  if (profileToJudge(f)) return null;
  const found = handleHintFor(category, f.account.handle, f.account.displayName);
  if (!found) return null;
  return {
    category,
    reason: found.reason,
    label: found.label,
    strong: false,
    weight: WEAK_WEIGHT,
    hint: true,
  };
}

/**
 * A profile the bot and topic checks can read: not one from Instagram's following list alone (a name,
 * flags and a story time), which leaves them to the handle as if there were none.
 */
function profileToJudge(f: AccountFacts): boolean {
  return Boolean(f.profile && !f.profile.listOnly);
}

const STRONG_WEIGHT = 3;
const WEAK_WEIGHT = 1;

export function notFollowingBack(f: AccountFacts, skip: NoteSkip): Flag | null {
  if (f.followsBack === null) {
    skip.note('follow_back_unknown', 'not_following_back');
    return null;
  }
  if (f.followsBack) return null;
  const reason =
    f.profile?.followsOwner === false ? 'does not follow you back' : 'not in your followers list';
  return {
    category: 'not_following_back',
    reason,
    label: 'does not follow you back',
    strong: false,
    weight: WEAK_WEIGHT,
  };
}

export function bot(f: AccountFacts, ctx: AuditContext, skip: NoteSkip): Flag | null {
  if (f.gone) return null;
  if (!profileToJudge(f)) skip.note(f.profile?.listOnly ? 'list_only' : 'no_profile', 'bot');
  else if (!f.bot) skip.note('thin_profile', 'bot');
  if (!profileToJudge(f)) return handleHint(f, 'bot');
  if (!f.bot || !isBot(f.bot, ctx.input.thresholds.botThreshold)) return null;
  const score = f.bot.score.toFixed(2);
  const signals = f.bot.reasons.length > 0 ? `: ${f.bot.reasons.join(', ')}` : '';
  // A profile-only score is wrong about some people, and taking a friend for a bot is the worst
  // mistake an audit can make: where the two talk with each other, the score is left to the owner.
  if (talkTogether(f)) {
    return {
      category: 'bot',
      reason: `bot score ${score}${signals}; but you and they have talked with each other`,
      label: `likely a bot (${score}) though you talk with each other`,
      strong: false,
      weight: WEAK_WEIGHT + f.bot.score,
    };
  }
  return {
    category: 'bot',
    reason: `bot score ${score}${signals}`,
    label: `likely a bot (${score})`,
    strong: true,
    weight: STRONG_WEIGHT + f.bot.score,
  };
}

/** Exchanges each way that make a conversation: one spam reply and one retort do not. */
const CONVERSATION = 2;

/** A conversation on record: the owner reached out to them and they to the owner, more than once each. */
function talkTogether(f: AccountFacts): boolean {
  const entry = f.entry;
  return entry !== null && inCount(entry) >= CONVERSATION && outCount(entry) >= CONVERSATION;
}

/** Too new to judge: nobody interacts with an account in the first days of following it. */
function followedWithin(f: AccountFacts, days: number, now: number): boolean {
  const at = f.account.followedAt;
  return typeof at === 'number' && now - at < days * DAY_MS;
}

/** The same few sentences recur across an audit's accounts: made once each (format.ts, `perDay`). */
const quietSince = new Map<number, { since: (t: number) => string; never: string; label: string }>();

function quietWords(window: number) {
  let words = quietSince.get(window);
  if (!words) {
    words = {
      since: perDay((day) => `no interaction either way in ${window} days (the last on ${day})`),
      never: `no interaction either way in ${window} days (none on record)`,
      label: `no interaction in ${window} days`,
    };
    quietSince.set(window, words);
  }
  return words;
}

const noPostSince = perDay((day) => `no post since ${day}`);
/** Instagram: the latest unpinned post or story (a pinned post dates nothing). */
const noPostOrStorySince = perDay((day) => `no post or story since ${day}`);

export function lowInteraction(f: AccountFacts, ctx: AuditContext, skip: NoteSkip): Flag | null {
  if (!ctx.hasLedger) {
    skip.note('no_interactions', 'low_interaction');
    return null;
  }
  const { now, thresholds } = ctx.input;
  const window = thresholds.interactionWindowDays;
  if (followedWithin(f, window, now)) return null;
  const last = f.lastInteractionAt;
  if (last !== null && now - last <= window * DAY_MS) return null;
  const words = quietWords(window);
  return {
    category: 'low_interaction',
    reason: last === null ? words.never : words.since(last),
    label: words.label,
    strong: false,
    weight: WEAK_WEIGHT,
  };
}

const MAX_INTERESTS_NAMED = 4;
/** Fewer meaningful words than this in the bio and recent posts, and the topic is not judged. */
const MIN_TOPIC_WORDS = 3;
/** One sentence per audit's interests, shared by every off-topic account. */
const offTopicReasons = new WeakMap<Interests, string>();

function offTopicReason(interests: Interests): string {
  let reason = offTopicReasons.get(interests);
  if (reason === undefined) {
    const terms = interests.terms;
    const named =
      terms.length > MAX_INTERESTS_NAMED
        ? [...terms.slice(0, MAX_INTERESTS_NAMED), 'your other interests']
        : terms;
    reason = `nothing in the bio or recent posts near ${listInWords(named, 'or')}`;
    offTopicReasons.set(interests, reason);
  }
  return reason;
}

export function offTopic(f: AccountFacts, ctx: AuditContext, skip: NoteSkip): Flag | null {
  if (f.gone) return null;
  if (f.spam.length > 0) {
    return {
      category: 'off_topic',
      reason: `spam: ${f.spam.join('; ')}`,
      label: 'spam',
      strong: true,
      weight: STRONG_WEIGHT,
    };
  }
  if (!ctx.hasInterests) {
    skip.note('no_interests', 'off_topic');
    return handleHint(f, 'off_topic');
  }
  if (!profileToJudge(f)) {
    skip.note(f.profile?.listOnly ? 'list_only' : 'no_profile', 'off_topic');
    return handleHint(f, 'off_topic');
  }
  // Someone the owner talks with both ways is part of what the owner cares about, whatever their bio says.
  if (f.onTopic || talkTogether(f)) return null;
  if (!f.hasText) {
    skip.note('no_text', 'off_topic');
    return null;
  }
  // "Actor" or "Remain curious": too little to say what an account is about, so not claimed either way.
  if (f.topicWords < MIN_TOPIC_WORDS) {
    skip.note('thin_text', 'off_topic');
    return null;
  }
  return {
    category: 'off_topic',
    reason: offTopicReason(ctx.input.interests),
    label: 'off-topic',
    strong: false,
    weight: WEAK_WEIGHT,
  };
}

export function dormant(f: AccountFacts, ctx: AuditContext, skip: NoteSkip): Flag | null {
  if (f.gone) return null;
  // Seen active within the window (a story of theirs in the Instagram export): not dormant, whatever else.
  const seen = f.account.seenActiveAt;
  if (typeof seen === 'number' && ctx.input.now - seen <= ctx.input.thresholds.dormantDays * DAY_MS)
    return null;
  const p = f.profile;
  const { now, thresholds } = ctx.input;
  // An Instagram story of theirs within the window (the companion's following list): alive.
  if (typeof p?.lastStoryAt === 'number' && now - p.lastStoryAt <= thresholds.dormantDays * DAY_MS)
    return null;
  if (!p || p.listOnly) {
    skip.note(p?.listOnly ? 'list_only' : 'no_profile', 'dormant');
    return null;
  }
  const instagram = p.platform === 'instagram';
  let reason: string;
  if (typeof p.lastPostAt === 'number') {
    if (now - p.lastPostAt <= thresholds.dormantDays * DAY_MS) return null;
    reason = instagram ? noPostOrStorySince(p.lastPostAt) : noPostSince(p.lastPostAt);
  } else if (instagram && p.protected) {
    // A private account shows its posts only to approved followers: no dated post is no evidence.
    skip.note('no_post_time', 'dormant');
    return null;
  } else if (p.postCount === 0) {
    reason = 'never posted';
  } else {
    // Protected accounts land here too: hidden posts are not missing posts.
    skip.note('no_post_time', 'dormant');
    return null;
  }
  return { category: 'dormant', reason, label: reason, strong: true, weight: STRONG_WEIGHT };
}

const GONE_LABEL: Record<GoneKind, string> = {
  suspended: 'suspended by the platform',
  deactivated: 'deactivated',
  deleted: 'deleted',
  withheld: 'withheld',
  unauthorized: 'no longer visible to you',
  not_found: 'not found on Instagram',
};

export function gone(f: AccountFacts): Flag | null {
  const g = f.profile?.gone;
  if (!g) return null;
  const label = GONE_LABEL[g.kind];
  const reason = g.detail ? `${label} (${g.detail})` : label;
  return { category: 'gone', reason, label, strong: true, weight: STRONG_WEIGHT + 2 };
}

export function duplicate(match: DuplicateMatch | null): Flag | null {
  if (!match) return null;
  const label = `a duplicate of ${match.keepHandle ? `@${match.keepHandle}` : match.keepKey}`;
  return { category: 'duplicate', reason: match.reason, label, strong: true, weight: STRONG_WEIGHT };
}

/**
 * A genuine follower gone quiet: mutual, human, alive, and either a past interaction or on-topic,
 * with the owner's last gesture older than the cadence of the relationship's tier.
 */
export function neglected(
  f: AccountFacts,
  ctx: AuditContext,
  earlier: readonly Flag[],
  skip: NoteSkip,
): Flag | null {
  if (!ctx.hasLedger) skip.note('no_interactions', 'neglected');
  if (f.followsBack === null) skip.note('follow_back_unknown', 'neglected');
  if (!ctx.hasLedger || f.followsBack === null) return null;
  const { now, thresholds } = ctx.input;
  const interactedIn = f.entry !== null && inCount(f.entry) > 0;
  const interacted = interactedIn || (f.entry !== null && outCount(f.entry) > 0);
  // Without a profile to score, a mutual follow plus an exchange on record is the evidence of a person:
  // Instagram exports hold only the owner's side, so requiring their reaching out would nurture no one.
  const human = f.bot ? !isBot(f.bot, thresholds.botThreshold) : interacted;
  const disqualified = earlier.some((flag) => flag.strong);
  if (!f.followsBack || !human || disqualified) return null;
  if (!interacted && !f.onTopic) return null;

  const tier = tierOf(f.strength);
  const cadence = cadenceDays(tier, thresholds);
  if (followedWithin(f, cadence, now)) return null;
  const who = f.onTopic ? 'mutual and on-topic' : 'mutual';
  const entry = f.entry;
  const lastOut = entry === null ? null : outLast(entry);
  let reason: string;
  if (entry && lastOut !== null) {
    if (now - lastOut <= cadence * DAY_MS) return null;
    reason = `${who}; ${lastOutgoingPhrase(entryView(entry), lastOut, now)} (cadence ${cadence} days)`;
  } else {
    const theirs = entry === null ? null : inLast(entry);
    reason =
      theirs === null
        ? `${who}; you have never interacted`
        : `${who}; they last reached out ${daysAgo(theirs, now)} and you have never interacted back`;
  }
  return { category: 'neglected', reason, label: 'neglected', strong: false, weight: f.strength };
}
