import type { Profile } from '../model.js';
import { BOT_FEATURES, known, writeBotFeatures } from './bot-features.js';
import {
  botContributions,
  botMargin,
  compileBotModel,
  featuresSplitOn,
  sigmoid,
  type BotModel,
} from './bot-model.js';
import { botReasons } from './bot-reasons.js';

/**
 * Bot scoring behind an interface, so the classifier does not depend on how a score is made: the
 * engine uses the learned model (`modelBotScorer`), and tests or another platform may pass their own.
 */
export interface BotScore {
  /** In [0, 1]: how likely the account is automated or fake. */
  score: number;
  /** The signals that pushed the score up, in plain words, strongest first. */
  reasons: readonly string[];
  /**
   * Where the scorer has a scale of its own (Instagram's), the score at or above which it calls a bot;
   * absent, the audit's `botThreshold` (the X model's) applies.
   */
  threshold?: number;
}

/** Whether `bot` calls the account a bot: at its scorer's own threshold, else the audit's. */
export function isBot(bot: BotScore | null | undefined, botThreshold: number): boolean {
  return bot !== null && bot !== undefined && bot.score >= (bot.threshold ?? botThreshold);
}

export interface BotScorer {
  readonly name: string;
  /** Null when the profile holds too little to judge: a guess would read as evidence. */
  score(profile: Profile, now: number): BotScore | null;
}

/** Kinds of facts that must be known before scoring: creation date, counts, post count, avatar, bio. */
const MIN_KNOWN_FACTS = 2;

/** Shared by every account without reasons to show: most accounts, and no allocation each. */
const NO_REASONS: readonly string[] = Object.freeze([]);

function knownFacts(profile: Profile): number {
  return (
    Number(known(profile.createdAt)) +
    Number(known(profile.followersCount) && known(profile.followingCount)) +
    Number(known(profile.postCount)) +
    Number(typeof profile.defaultAvatar === 'boolean') +
    Number(typeof profile.bio === 'string')
  );
}

/**
 * Scores profiles with a trained model (bot-model.ts). One feature buffer and one contribution buffer
 * serve every account, so scoring 100k accounts allocates only the results. Reasons are worded only
 * from `reasonsFrom` up (the audit's bot threshold): below it they would never be shown.
 */
export function modelBotScorer(model: BotModel, reasonsFrom: number): BotScorer {
  const compiled = compileBotModel(model);
  const wanted = featuresSplitOn(model, BOT_FEATURES.length);
  const features = new Float64Array(BOT_FEATURES.length);
  const contributions = new Float64Array(BOT_FEATURES.length);
  return {
    name: `model-${String(model.provenance.version ?? 'custom')}`,
    score(profile, now) {
      if (knownFacts(profile) < MIN_KNOWN_FACTS) return null;
      writeBotFeatures(profile, now, model.bigrams, features, wanted);
      const score = sigmoid(botMargin(compiled, features));
      const reasons =
        score >= reasonsFrom
          ? botReasons(profile, now, features, botContributions(compiled, features, contributions))
          : NO_REASONS;
      return { score, reasons };
    },
  };
}
