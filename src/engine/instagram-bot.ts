import type { Profile } from '../model.js';
import type { BotScore, BotScorer } from './bot-score.js';
import { sigmoid } from './bot-model.js';
import { formatCount } from './format.js';
import { handleHintFor } from './handle-signals.js';
import modelFile from './instagram-bot-model.json' with { type: 'json' };
import {
  IG_FEATURE,
  INSTAGRAM_BOT_FEATURES,
  MASS_FOLLOWING,
  instagramContributions,
  instagramFacts,
  parseInstagramBotModel,
  pitchOf,
  writeInstagramFeatures,
  type InstagramBotModel,
  type InstagramFacts,
} from './instagram-bot-features.js';

/**
 * The bot score of an Instagram profile, from what Instagram shows: the counts and their ratio, posts,
 * the anonymous avatar, the bio, the handle and a pitch (instagram-bot-features.ts). Instagram has no
 * account age, likes given or listed counts, so the X model (bot-model.ts), which leans on them, does
 * not fit. The score is a logistic regression learned from labelled Instagram and X accounts
 * (scripts/bots/train-instagram.ts, src/engine/instagram-bot-model.json), with its own threshold;
 * how it was validated and how well it does: docs/MODEL.md ("The Instagram bot score").
 *
 * Its reasons are the signals that pushed the score up most, each in words: the features' shares of
 * the margin summed per signal (following and "more than 1,500" are one signal), strongest first.
 */

export { MASS_FOLLOWING };

interface Signal {
  features: readonly number[];
  /** The reason in words, or null where the facts do not support one. */
  words(f: InstagramFacts): string | null;
}

const many = (n: number, one: string, more: string) => (n === 1 ? one : `${formatCount(n)} ${more}`);

const SIGNALS: readonly Signal[] = [
  {
    features: [IG_FEATURE.mass_follower, IG_FEATURE.log_following],
    words: (f) =>
      f.following === null
        ? null
        : f.following > MASS_FOLLOWING
          ? `a mass follower (follows ${formatCount(f.following)})`
          : `follows ${formatCount(f.following)}`,
  },
  {
    features: [IG_FEATURE.lopsided],
    words: (f) =>
      f.following === null || f.followers === null
        ? null
        : `follows ${formatCount(f.following)}, followed by ${formatCount(f.followers)}`,
  },
  {
    features: [IG_FEATURE.log_followers],
    words: (f) =>
      f.followers === null
        ? null
        : `followed by ${f.followers === 1 ? 'one account' : `only ${formatCount(f.followers)}`}`,
  },
  {
    features: [IG_FEATURE.never_posted, IG_FEATURE.log_posts],
    words: (f) =>
      f.posts === null
        ? null
        : f.posts === 0
          ? 'has never posted'
          : `only ${many(f.posts, 'one post', 'posts')}`,
  },
  { features: [IG_FEATURE.no_avatar], words: (f) => (f.defaultAvatar ? 'no profile picture' : null) },
  {
    features: [IG_FEATURE.empty_bio, IG_FEATURE.log_bio_length],
    words: (f) => (f.bioLength === 0 ? 'an empty bio' : null),
  },
  {
    features: [IG_FEATURE.generated_handle, IG_FEATURE.handle_digits, IG_FEATURE.handle_length],
    words: (f) =>
      handleHintFor('bot', f.handle)
        ? 'handle looks generated'
        : f.handleDigits
          ? `${many(f.handleDigits, 'a digit', 'digits')} in the handle`
          : null,
  },
  { features: [IG_FEATURE.pitch], words: (f) => pitchOf(f) },
];

/** A signal's share of the margin (log odds) below which it is not named: it barely moved the score. */
const REASON_FROM = 0.25;

/** Facts that must be known before scoring: the counts, the post count, the avatar, the bio. */
const MIN_KNOWN = 2;

function knownFacts(f: InstagramFacts): number {
  return (
    Number(f.followers !== null && f.following !== null) +
    Number(f.posts !== null) +
    Number(f.defaultAvatar !== null) +
    Number(f.bio !== null)
  );
}

/** A scorer over one model; the engine's is `instagramBotScorer`, over the model Tend ships. */
export function instagramModelScorer(model: InstagramBotModel): BotScorer & {
  score(profile: Profile): BotScore | null;
} {
  const x = new Float64Array(INSTAGRAM_BOT_FEATURES.length);
  const share = new Float64Array(INSTAGRAM_BOT_FEATURES.length);
  return {
    name: `instagram-model-${String(model.provenance.version ?? 'custom')}`,
    score(profile) {
      if (profile.listOnly) return null;
      const facts = instagramFacts(profile);
      if (knownFacts(facts) < MIN_KNOWN) return null;
      const margin = instagramContributions(model, writeInstagramFeatures(facts, x), share);
      const found: { share: number; reason: string }[] = [];
      for (const signal of SIGNALS) {
        const s = signal.features.reduce((sum, i) => sum + share[i]!, 0);
        if (s < REASON_FROM) continue;
        const reason = signal.words(facts);
        if (reason !== null) found.push({ share: s, reason });
      }
      found.sort((a, b) => b.share - a.share);
      return { score: sigmoid(margin), reasons: found.map((r) => r.reason), threshold: model.threshold };
    },
  };
}

/** The model Tend ships, checked when this module loads. */
export const INSTAGRAM_BOT_MODEL: InstagramBotModel = parseInstagramBotModel(modelFile);
export const INSTAGRAM_BOT_THRESHOLD = INSTAGRAM_BOT_MODEL.threshold;
export const instagramBotScorer = instagramModelScorer(INSTAGRAM_BOT_MODEL);

/** The score and its reasons, strongest first; null when the profile holds too little to judge. */
export function instagramBotScore(p: Profile): BotScore | null {
  return instagramBotScorer.score(p);
}
