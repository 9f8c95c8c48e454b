import { CATEGORIES, type Category, type Platform } from '../model.js';
import { formatCount } from './format.js';

/**
 * Checks that could not be decided, tallied by the missing data, so the summary can say how many
 * accounts went unjudged and what would let Tend judge them — rather than silently calling them fine.
 */
const MISSING = {
  no_profile: {
    what: 'no profiles',
    enable: 'add a profile snapshot or audit through the X API',
  },
  list_only: {
    what: 'only a row of the following list, no profile lookup',
    enable: 'look these accounts up too',
  },
  thin_profile: {
    what: 'too little profile data (counts, creation date, avatar, bio)',
    enable: 'add a fuller profile snapshot or audit through the X API',
  },
  no_post_time: {
    what: 'no time of the last post nor a post count (protected accounts hide them)',
    enable: 'audit through the X API, whose most_recent_tweet_id dates the last post',
  },
  no_text: {
    what: 'no bio or recent posts',
    enable: 'add a profile snapshot with bios and recent posts',
  },
  thin_text: {
    what: 'too little text to judge the topic by (fewer than three meaningful words in the bio and recent posts)',
    enable: 'add recent posts: a profile snapshot with posts, or an audit through the X API',
  },
  no_interests: {
    what: 'no interests given or inferred',
    enable: 'name your interests, or include your own bio, posts and likes so they can be inferred',
  },
  follow_back_unknown: {
    what: 'no followers list nor follow-back status',
    enable:
      "add your followers (the X archive's follower.js or Instagram's followers file) or audit through the X API",
  },
  no_interactions: {
    what: 'no interaction history',
    enable: 'include your posts, likes and messages (an X archive or an Instagram export)',
  },
} as const;

export type MissingData = keyof typeof MISSING;

/**
 * What would let Tend judge an Instagram account: there is no API to audit through, and the export holds
 * no profiles, so profiles come from the browser companion the person runs in their own session.
 */
const INSTAGRAM_ENABLE: Record<MissingData, string> = {
  no_profile:
    "add an Instagram profile snapshot made with Tend's browser companion, which you run on instagram.com " +
    'in your own logged-in browser (see the README); the export itself holds no profiles',
  list_only:
    'the companion does not look up the accounts you keep whatever the signals (close friends, Favourites, your keep list) when given your export; run it without the export to look them up too',
  thin_profile: "add a fuller profile snapshot from Tend's browser companion",
  no_post_time:
    "add a profile snapshot from Tend's browser companion, which dates the latest posts of public accounts " +
    '(a private account that has not accepted you cannot be dated, and is never called dormant for it)',
  no_text: "add a profile snapshot from Tend's browser companion, which holds bios and recent captions",
  thin_text: "add recent captions: a profile snapshot from Tend's browser companion",
  no_interests:
    'name your interests, or request the export with your topics, likes and saved posts so they can be inferred',
  follow_back_unknown:
    'request the export again including "Followers and following" (followers_1.json), for "All time"',
  no_interactions:
    'request the export again including "Your Instagram activity" (likes, comments, story interactions) and messages',
};

interface Tally {
  categories: Set<Category>;
  accounts: number;
  lastAccount: number;
}

/** Notes the checks of one account that the data could not decide. */
export interface NoteSkip {
  note(missing: MissingData, category: Category): void;
}

function scope(accounts: number, total: number): string {
  if (accounts < total) return `${formatCount(accounts)} of ${formatCount(total)} accounts`;
  return total === 1 ? 'the one account' : `all ${formatCount(total)} accounts`;
}

export class SkippedChecks implements NoteSkip {
  private readonly tallies = new Map<MissingData, Tally>();
  /** The account being judged: set before its checks run. */
  account = -1;

  /** The advice fits the platform: the X API where there is one, the browser companion on Instagram. */
  constructor(private readonly platform: Platform = 'x') {}

  /** Accounts are counted once per kind of missing data, however many checks it stopped. */
  note(missing: MissingData, category: Category): void {
    let tally = this.tallies.get(missing);
    if (!tally) this.tallies.set(missing, (tally = { categories: new Set(), accounts: 0, lastAccount: -1 }));
    tally.categories.add(category);
    if (tally.lastAccount !== this.account) {
      tally.accounts += 1;
      tally.lastAccount = this.account;
    }
  }

  /** "bot, dormant, off_topic: no profiles for 412 of 600 accounts — add a profile snapshot or …". */
  sentences(total: number): string[] {
    return (Object.keys(MISSING) as MissingData[]).flatMap((missing) => {
      const tally = this.tallies.get(missing);
      if (!tally) return [];
      const checks = CATEGORIES.filter((c) => tally.categories.has(c)).join(', ');
      const { what } = MISSING[missing];
      const enable = this.platform === 'instagram' ? INSTAGRAM_ENABLE[missing] : MISSING[missing].enable;
      return [`${checks}: ${what} for ${scope(tally.accounts, total)} — ${enable}`];
    });
  }
}
