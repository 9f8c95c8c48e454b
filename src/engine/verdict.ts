import { CATEGORIES, type Category, type Verdict } from '../model.js';
import type { Flag } from './checks.js';
import { listInWords } from './format.js';
import type { Relevance } from './interests.js';

export interface VerdictFacts {
  kept: boolean;
  muted: boolean;
  /** The topic judgement when the account was found on-topic, else null. */
  onTopic: Relevance | null;
}

export interface Decision {
  verdict: Verdict;
  reason: string;
  /** How much evidence stands behind the verdict, to order accounts within it. */
  evidence: number;
}

/** Muting someone says something, but not enough to unfollow them over. */
const MUTED_WEIGHT = 0.5;
const MAX_TOPICS_NAMED = 2;

/** Categories as bits, so an account's set of them is one number. */
const BIT = Object.fromEntries(CATEGORIES.map((c, i) => [c, 1 << i])) as Record<Category, number>;
const PRUNE_TOGETHER = BIT.not_following_back | BIT.low_interaction | BIT.off_topic;
/** Signals that mean nothing on their own for a big on-topic account (an opera house follows few back). */
const NORMAL_FOR_ON_TOPIC = BIT.not_following_back | BIT.low_interaction;

/**
 * One verdict from the categories and the keep list, explained in words. The order of the rules is
 * the order of precedence: keep list, neglect, strong signals, weak signals together, weak alone.
 */
export function decideVerdict(flags: readonly Flag[], facts: VerdictFacts): Decision {
  let evidence = facts.muted ? MUTED_WEIGHT : 0;
  let neglected: Flag | null = null;
  let present = 0;
  let strong = false;
  for (const flag of flags) {
    evidence += flag.weight;
    // A handle-only hint never completes the set of weak signals that prunes together.
    if (!flag.hint) present |= BIT[flag.category];
    if (flag.category === 'neglected') neglected = flag;
    else strong ||= flag.strong;
  }
  if (facts.kept) return { verdict: 'keep', reason: 'on your keep list', evidence };
  if (neglected) {
    return {
      verdict: 'nurture',
      reason: `a genuine follower you have gone quiet with: ${neglected.reason}`,
      evidence: neglected.weight,
    };
  }
  if (strong) return { verdict: 'unfollow', reason: listInWords(labels(flags, true)), evidence };
  const weak = labels(flags, false);
  if ((present & PRUNE_TOGETHER) === PRUNE_TOGETHER)
    return { verdict: 'unfollow', reason: listInWords(weak), evidence };
  const normalForOnTopic = (present & BIT.not_following_back) !== 0 && (present & ~NORMAL_FOR_ON_TOPIC) === 0;
  if (facts.muted) weak.push('you muted them');
  if (weak.length === 0) return { verdict: 'keep', reason: 'nothing flagged', evidence };
  if (facts.onTopic && !facts.muted && normalForOnTopic) {
    const about = listInWords(facts.onTopic.matched.slice(0, MAX_TOPICS_NAMED));
    return {
      verdict: 'keep',
      reason: `${listInWords(weak)}, which is normal for an account about your interests (${about})`,
      evidence,
    };
  }
  const kind = weak.length === 1 ? 'a single weak signal' : 'weak signals only';
  return { verdict: 'review', reason: `${kind}: ${listInWords(weak)}`, evidence };
}

function labels(flags: readonly Flag[], strong: boolean): string[] {
  const found: string[] = [];
  for (const flag of flags)
    if (flag.strong === strong && flag.category !== 'neglected') found.push(flag.label);
  return found;
}
