/** X API v2 user objects for the accounts of a fake network, with `user.fields` honoured as X does. */
import { ownerHandle, type AccountKind, type FakeAccount, type Network } from './network.js';
import { between, pick, unit } from './random.js';

/** Every `user.fields` value X accepts; anything else is refused with a 400, as X does. */
export const USER_FIELDS: ReadonlySet<string> = new Set([
  'affiliation',
  'confirmed_email',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'is_identity_verified',
  'location',
  'most_recent_tweet_id',
  'name',
  'parody',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscription',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_followers_count',
  'verified_type',
  'withheld',
]);

const DAY = 86_400_000;
const SNOWFLAKE_EPOCH = 1_288_834_974_657n;
const DEFAULT_AVATAR = 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png';

const FIRST = [
  'Ada',
  'Ben',
  'Cleo',
  'Dev',
  'Edith',
  'Farid',
  'Greta',
  'Hugo',
  'Ines',
  'Jonah',
  'Kit',
  'Lena',
  'Milo',
  'Nora',
  'Omar',
  'Pia',
];
const LAST = [
  'Archer',
  'Byrne',
  'Castell',
  'Duval',
  'Ekwueme',
  'Fontaine',
  'Grey',
  'Holm',
  'Ibsen',
  'Juarez',
  'Khan',
  'Lowe',
];
const PLACES = ['London', 'London, UK', 'Paris', 'Manchester', 'New York', 'Berlin', ''];
const BIOS: Record<string, readonly string[]> = {
  human: [
    'Opera lover and occasional blogger. London.',
    'Theatre critic; West End and fringe.',
    'Soprano. Covent Garden regular.',
    'Football every weekend, coffee every day.',
    'Gardening, dogs and long walks.',
    'Software engineer. Views my own.',
    '',
  ],
  big: [
    'News and reviews from London stages.',
    'The official account of an opera house.',
    'Daily headlines, breaking news.',
    'Arts coverage from the capital.',
  ],
  bot: ['crypto signals daily 🚀 DM for promo', 'Follow back 100% #followback', 'Best deals every hour', ''],
};

/** A snowflake id carrying time `ms`. */
export function snowflake(ms: number, seq: number): string {
  return (((BigInt(ms) - SNOWFLAKE_EPOCH) << 22n) | BigInt(seq & 0x3fffff)).toString();
}

export function usernameOf(net: Network, account: FakeAccount): string {
  const { index, kind } = account;
  const seed = net.seed;
  if (kind === 'owner') return ownerHandle(index);
  if (kind === 'bot') {
    const letters = String.fromCharCode(
      97 + between(0, 25, seed, index, 10),
      97 + between(0, 25, seed, index, 11),
    );
    return `${letters}${index}${String(between(0, 9999, seed, index, 12)).padStart(4, '0')}`;
  }
  return `${pick(FIRST, seed, index, 13).toLowerCase()}_${index.toString(36)}`;
}

type Ranges = [
  followers: [number, number],
  following: [number, number],
  tweets: [number, number],
  lastPostDays: [number, number],
];
const SHAPES: Record<AccountKind, Ranges> = {
  owner: [
    [300, 900],
    [0, 0],
    [2000, 9000],
    [0, 2],
  ],
  mutual: [
    [50, 3000],
    [100, 2000],
    [200, 20_000],
    [0, 30],
  ],
  not_following_back: [
    [10_000, 2_000_000],
    [10, 1000],
    [1000, 100_000],
    [0, 5],
  ],
  bot: [
    [0, 50],
    [1000, 5000],
    [5000, 200_000],
    [0, 1],
  ],
  dormant: [
    [10, 500],
    [50, 500],
    [0, 500],
    [400, 2500],
  ],
  protected: [
    [20, 800],
    [50, 900],
    [100, 5000],
    [0, 200],
  ],
  fan: [
    [20, 2000],
    [100, 3000],
    [50, 10_000],
    [0, 90],
  ],
  suspended: [
    [0, 100],
    [0, 100],
    [0, 100],
    [0, 100],
  ],
  deactivated: [
    [0, 100],
    [0, 100],
    [0, 100],
    [0, 100],
  ],
  blocks_owner: [
    [50, 3000],
    [100, 2000],
    [200, 20_000],
    [0, 30],
  ],
};

/** When the account last posted, or null when it never did (a fifth of dormant accounts). */
function lastPostOf(net: Network, account: FakeAccount): number | null {
  const { index, kind } = account;
  if (kind === 'dormant' && unit(net.seed, index, 20) < 0.2) return null;
  const [min, max] = SHAPES[kind][3];
  return Math.max(account.createdAt, net.now - between(min * DAY, max * DAY, net.seed, index, 21));
}

/** Every field X could return for the account as `viewer` sees it. */
export function fullUser(net: Network, account: FakeAccount, viewer: number | null): Record<string, unknown> {
  const { index, kind } = account;
  const seed = net.seed;
  const [followers, following, tweets] = SHAPES[kind];
  const username = usernameOf(net, account);
  const lastPost = lastPostOf(net, account);
  const bios = kind === 'bot' ? BIOS.bot! : kind === 'not_following_back' ? BIOS.big! : BIOS.human!;
  const hasSite = kind !== 'bot' && unit(seed, index, 30) < 0.3;
  const site = `https://t.co/${index.toString(36).padStart(10, 'x')}`;
  const ownersView = kind === 'owner';
  const user: Record<string, unknown> = {
    id: account.id,
    name: kind === 'bot' ? 'user' : `${pick(FIRST, seed, index, 13)} ${pick(LAST, seed, index, 14)}`,
    username,
    created_at: new Date(account.createdAt).toISOString(),
    description: pick(bios, seed, index, 15),
    location: pick(PLACES, seed, index, 16),
    url: hasSite ? site : '',
    protected: kind === 'protected',
    verified: false,
    verified_type:
      kind === 'not_following_back' ? pick(['business', 'blue', 'none'], seed, index, 17) : 'none',
    profile_image_url:
      kind === 'bot' && unit(seed, index, 18) < 0.6
        ? DEFAULT_AVATAR
        : `https://pbs.twimg.com/profile_images/${index}/${username}_normal.jpg`,
    public_metrics: {
      followers_count: ownersView ? net.followersOf(index).length : between(...followers, seed, index, 22),
      following_count: ownersView ? net.followingOf(index).length : between(...following, seed, index, 23),
      tweet_count: lastPost === null ? 0 : between(...tweets, seed, index, 24),
      listed_count: between(0, kind === 'not_following_back' ? 10_000 : 50, seed, index, 25),
      like_count: between(0, 30_000, seed, index, 26),
      media_count: between(0, 2000, seed, index, 27),
    },
  };
  if (hasSite) {
    const expanded = `https://${username.replace(/_/g, '')}.example.org`;
    user.entities = {
      url: {
        urls: [{ start: 0, end: 23, url: site, expanded_url: expanded, display_url: expanded.slice(8) }],
      },
    };
  }
  if (lastPost !== null) user.most_recent_tweet_id = snowflake(lastPost, index);
  if (viewer !== null && viewer !== index) {
    const status: string[] = [];
    if (net.isFollowing(viewer, index)) status.push('following');
    if (net.isFollowing(index, viewer)) status.push('followed_by');
    user.connection_status = status;
  }
  return user;
}

/** Keeps `id`, `name`, `username` (always returned) and the requested fields. */
export function selectUserFields(
  user: Record<string, unknown>,
  fields: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  for (const field of fields) if (field in user) out[field] = user[field];
  return out;
}
