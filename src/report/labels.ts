import type { Category, Platform, Verdict } from '../model.js';

export const PLATFORM_NAME: Record<Platform, string> = { x: 'X', instagram: 'Instagram' };

/** What a person downloads from each platform, as messages name it. */
export const EXPORT_NAME: Record<Platform, string> = { x: 'an X archive', instagram: 'an Instagram export' };

/** What each category means, in the words the report and the README use. */
export const CATEGORY_MEANING: Record<Category, string> = {
  not_following_back: 'they do not follow you back',
  bot: 'automated or fake account',
  low_interaction: 'no interaction either way within the window',
  off_topic: 'nothing related to your interests, or spam',
  dormant: 'no post for a long time, or never posted',
  gone: 'suspended, deactivated or deleted',
  duplicate: 'a second account of someone you already follow, or one that moved',
  neglected: 'a genuine follower you have let go quiet',
};

export const VERDICT_MEANING: Record<Verdict, string> = {
  unfollow: 'recommended to prune',
  review: 'a weak or single signal: your call',
  nurture: 'a genuine follower to get back in touch with',
  keep: 'nothing against them, or on your keep list',
};
