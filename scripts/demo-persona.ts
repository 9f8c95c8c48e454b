/**
 * The demo persona: Ottilie Marsh, a London opera and theatre blogger who has curated her X account
 * for four years. Her network is built so that every category and every verdict of an audit occurs,
 * the way they occur in real networks: friends she talks to, friends she has let go quiet, institutions
 * that do not follow back, bots, spam, dead and duplicate accounts, and plain noise.
 *
 * Deterministic: a seeded generator and fixed dates, so the committed sample files can be rebuilt
 * byte for byte by `npm run demo:build`.
 */
import type { XArchiveSpec } from './lib/x-archive-writer.js';
import type { XUserV2 } from '../src/sources/x-user.js';
import type { CompanionAccount, InstagramSpec } from './lib/instagram-writer.js';
import { seededRandom } from './lib/seeded-random.js';

export const DEMO_NOW = '2026-11-20T12:00:00.000Z';
/** Kept on the demo's keep list: a bot, but the one she loves. */
export const DEMO_KEEP = ['AriaOfTheDay'];

const NOW = Date.parse(DEMO_NOW);
const DAY = 86_400_000;
const TWITTER_EPOCH = 1288834974657n;

const random = seededRandom(20261120);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (lo: number, hi: number): number => Math.floor(lo + random() * (hi - lo + 1));
const daysAgo = (days: number): Date => new Date(NOW - days * DAY - between(0, 20 * 3600) * 1000);

let sequence = 0;
/** A snowflake id whose embedded time is `at`, as X assigns them. */
function snowflake(at: Date): string {
  sequence += 1;
  return (((BigInt(at.getTime()) - TWITTER_EPOCH) << 22n) | BigInt(sequence % 4096)).toString();
}
let nextUserId = 1_400_000_000_000_000_000n;
function userId(): string {
  nextUserId += BigInt(between(1_000_000, 90_000_000));
  return nextUserId.toString();
}

type Group =
  | 'friend'
  | 'quiet_friend'
  | 'institution'
  | 'bot'
  | 'noise'
  | 'spam'
  | 'dormant'
  | 'gone'
  | 'duplicate'
  | 'mutual_off_topic'
  | 'muted'
  | 'unhydrated';

interface Person {
  id: string;
  handle: string;
  name: string;
  bio: string;
  group: Group;
  followsBack: boolean;
  url?: string;
  location?: string;
  followers: number;
  following: number;
  tweets: number;
  likes: number;
  createdDaysAgo: number;
  lastPostDaysAgo: number | null;
  defaultAvatar?: boolean;
  protected?: boolean;
  gone?: { kind: 'suspended' | 'deactivated'; detail: string };
  /** Days ago of the owner's interactions with them; empty for none. */
  talk?: number[];
  /** Days ago of their replies to the owner. */
  replies?: number[];
}

const people: Person[] = [];
function add(p: Omit<Person, 'id'> & { id?: string }): Person {
  const person = { ...p, id: p.id ?? userId() };
  people.push(person);
  return person;
}

// Friends she really talks to: mutual, on-topic, recent replies both ways.
const friends: [string, string, string][] = [
  [
    'stallsandsighs',
    'Priya Raman',
    'Theatre blogger. Front row at the Donmar, back row at the Coliseum. London.',
  ],
  [
    'operaglassbex',
    'Rebecca Holt',
    'Opera nerd, soprano in a community choir, Puccini forever. Reviews at operaglass.blog',
  ],
  [
    'tomwritesstage',
    'Tom Ellery',
    'Critic for a small theatre mag. West End, fringe, and everything in between.',
  ],
  ['lucia_di_lamington', 'Lucy Chen', 'Bel canto enthusiast. Donizetti, Bellini, and too many cakes. London'],
  [
    'fringefirst_jo',
    'Jo Adeyemi',
    'Edinburgh Fringe every August, the Young Vic the rest of the year. Playwright.',
  ],
  ['mezzo_musings', 'Hannah Scholes', 'Mezzo-soprano. Currently singing Carmen on tour. Views my own.'],
  ['curtaincallcass', 'Cassie Moreau', 'Musical theatre and opera. Blogging about London stages since 2015.'],
  ['balletbrunch', 'Naomi Fitch', 'Ballet and opera reviews over brunch. Royal Ballet devotee.'],
  ['wagnerwalks', 'Felix Brandt', 'Walking tours of London theatreland. Ring cycle survivor.'],
  ['thesurtitler', 'Ines Varga', 'I write surtitles for opera houses. Libretto pedant.'],
  ['chorusline_ed', 'Ed Parry', 'Chorus singer, ENO. Tenor, tea drinker.'],
  ['proscenium_pip', 'Pippa Lowe', 'Theatre designer. Sets, costumes, and the occasional blog post.'],
  ['gallerygods', 'Sam Okafor', 'Cheap seats in the gods at the Royal Opera House. Reviews.'],
  ['librettolottie', 'Charlotte Fenn', 'Writing a novel about a touring opera company. London.'],
];
for (const [handle, name, bio] of friends) {
  add({
    handle,
    name,
    bio,
    group: 'friend',
    followsBack: true,
    location: 'London',
    followers: between(300, 4000),
    following: between(300, 1500),
    tweets: between(2000, 20000),
    likes: between(3000, 30000),
    createdDaysAgo: between(1500, 4000),
    lastPostDaysAgo: between(0, 3),
    talk: [between(1, 10), between(10, 40), between(40, 120), between(100, 300)],
    replies: [between(1, 12), between(20, 60)],
  });
}

// Friends she has let go quiet: mutual, they still talk to her, she has not replied in months.
const quietFriends: [string, string, string, number][] = [
  ['arias_and_ale', 'Dominic Shaw', 'Opera in pubs. Founder of a pub opera night in Islington.', 75],
  ['stagedoorstella', 'Stella Moss', 'Theatre blogger and stage door regular. London.', 48],
  ['verdi_and_vinyl', 'Marco Bellini', 'Verdi recordings collector. Opera reviews when I can.', 130],
  ['the_understudy_blog', 'Aisha Karim', 'Understudy, actor, blogger. Stories from backstage.', 95],
  ['salomesleeps', 'Greta Lind', 'Strauss, Janáček and long train journeys to Glyndebourne.', 210],
  ['balconybard', 'Owen Price', 'Poet and theatre lover. The balcony is where the magic is.', 62],
];
for (const [handle, name, bio, lastTalk] of quietFriends) {
  add({
    handle,
    name,
    bio,
    group: 'quiet_friend',
    followsBack: true,
    location: 'London',
    followers: between(200, 2500),
    following: between(200, 1200),
    tweets: between(1500, 9000),
    likes: between(2000, 15000),
    createdDaysAgo: between(1500, 4000),
    lastPostDaysAgo: between(0, 6),
    talk: [lastTalk, lastTalk + between(20, 90), lastTalk + between(100, 300)],
    replies: [between(5, 30), between(30, 90)],
  });
}

// Institutions and media: on-topic, do not follow back, she rarely interacts. Normal: keep.
const institutions: [string, string, string, string][] = [
  [
    'RBandO',
    'Royal Ballet and Opera',
    'The home of the Royal Ballet and Opera in Covent Garden, London. Tosca returns this winter.',
    'https://www.rbo.org.uk',
  ],
  ['E_N_O', 'English National Opera', 'Opera in English at the London Coliseum.', 'https://www.eno.org'],
  [
    'NationalTheatre',
    'National Theatre',
    'Making theatre for everyone on the South Bank, London.',
    'https://www.nationaltheatre.org.uk',
  ],
  [
    'glyndebourne',
    'Glyndebourne',
    'Opera in the Sussex countryside since 1934.',
    'https://www.glyndebourne.com',
  ],
  ['TheStage', 'The Stage', 'News, reviews and jobs for the performing arts.', 'https://www.thestage.co.uk'],
  [
    'MetOpera',
    'The Metropolitan Opera',
    'The Met. Live in HD at a cinema near you.',
    'https://www.metopera.org',
  ],
  [
    'WigmoreHall',
    'Wigmore Hall',
    "The world's leading venue for chamber music and song.",
    'https://wigmore-hall.org.uk',
  ],
  [
    'youngvictheatre',
    'Young Vic',
    'Theatre on The Cut. Big ideas, small tickets.',
    'https://www.youngvic.org',
  ],
  [
    'OperaMagazine',
    'Opera Magazine',
    'The monthly magazine for opera lovers since 1950.',
    'https://www.opera.co.uk',
  ],
  [
    'donmarwarehouse',
    'Donmar Warehouse',
    'An intimate theatre in Covent Garden.',
    'https://www.donmarwarehouse.com',
  ],
  [
    'BarbicanCentre',
    'Barbican',
    'Arts and learning in the City of London. Theatre, dance, music, film.',
    'https://www.barbican.org.uk',
  ],
  [
    'TimeOutTheatre',
    'Time Out London Theatre',
    'The best plays and musicals in London right now.',
    'https://www.timeout.com/london/theatre',
  ],
  [
    'OpenHouseLdn',
    'Open House London',
    "London's buildings, open to all every September.",
    'https://www.openhouse.org.uk',
  ],
  [
    'gramophone',
    'Gramophone',
    "The world's best classical music reviews. Recordings, interviews, composers.",
    'https://www.gramophone.co.uk',
  ],
  [
    'OldVicTheatre',
    'The Old Vic',
    'A theatre at the heart of London since 1818.',
    'https://www.oldvictheatre.com',
  ],
  [
    'LondonLibrary',
    'The London Library',
    'A lending library for writers and readers since 1841.',
    'https://www.londonlibrary.co.uk',
  ],
];
for (const [handle, name, bio, url] of institutions) {
  add({
    handle,
    name,
    bio,
    url,
    group: 'institution',
    followsBack: false,
    location: 'London',
    followers: between(40_000, 900_000),
    following: between(300, 3000),
    tweets: between(8000, 40000),
    likes: between(1000, 9000),
    createdDaysAgo: between(4000, 5500),
    lastPostDaysAgo: between(0, 4),
    talk: random() < 0.4 ? [between(200, 600)] : [],
  });
}

// Bots: generated handles, default avatars, machine-like rates.
const botBios = [
  '',
  '',
  'Daily quotes',
  'news 24/7',
  'Follow for updates',
  'bot',
  'Crypto signals',
  'Automated feed of trending links',
];
for (let i = 0; i < 22; i += 1) {
  const handle = `${pick(['news', 'user', 'daily', 'info', 'mk', 'js', 'trend'])}${between(10_000_000, 99_999_999)}`;
  add({
    handle,
    name: pick(['News', 'Daily Feed', 'Info', 'user', 'Trends']),
    bio: pick(botBios),
    group: 'bot',
    followsBack: random() < 0.3,
    defaultAvatar: random() < 0.7,
    followers: between(0, 40),
    following: between(2000, 5000),
    tweets: between(40_000, 200_000),
    likes: between(0, 50),
    createdDaysAgo: between(200, 900),
    lastPostDaysAgo: 0,
  });
}
// A bot she loves: on her keep list.
add({
  handle: 'AriaOfTheDay',
  name: 'Aria of the Day',
  bio: 'An opera aria every hour, automatically. Verdi, Puccini, Handel. Unofficial bot.',
  group: 'bot',
  followsBack: false,
  followers: 40,
  following: 4800,
  tweets: 120_000,
  likes: 0,
  createdDaysAgo: 600,
  lastPostDaysAgo: 0,
  defaultAvatar: true,
});

// Noise: unrelated accounts that do not follow back and never interact.
const noise: [string, string, string][] = [
  ['cryptochad_eth', 'Chad', 'Web3 builder. NFTs. WAGMI. Not financial advice.'],
  ['gymgainsdaily', 'Gains Daily', 'Lifting tips, protein reviews and motivation.'],
  ['fantasyfootyking', 'Fantasy Footy King', 'Premier League fantasy football tips every gameweek.'],
  ['carreviews_uk', 'Car Reviews UK', 'Honest reviews of new cars and EVs.'],
  ['golfswingpro', 'Golf Swing Pro', 'Fix your slice in 10 minutes.'],
  ['marketmovers', 'Market Movers', 'Stocks, options, earnings season.'],
  ['gamingnewsnow', 'Gaming News Now', 'Console and PC gaming news, leaks and rumours.'],
  ['bbq_pitmaster', 'BBQ Pitmaster', 'Low and slow. Brisket, ribs, smoke rings.'],
  ['f1_paddock_talk', 'Paddock Talk', 'Formula 1 news and gossip from the paddock.'],
  ['realestate_guru', 'Property Guru', 'Buy-to-let tips. Passive income.'],
  ['dogmemes4u', 'Dog Memes', 'The best dog memes on the internet.'],
  ['startup_hustle', 'Startup Hustle', 'Founder. Building in public. 10x your productivity.'],
  ['fishing_weekly', 'Fishing Weekly', 'Carp, pike and the one that got away.'],
  ['celebgossip_hq', 'Celeb Gossip', 'Who wore it best? Red carpet and reality TV.'],
  ['tech_deals_uk', 'Tech Deals UK', 'Daily deals on laptops, phones and gadgets.'],
  ['boxing_insider', 'Boxing Insider', 'Fight news, predictions, results.'],
  ['vanlife_diaries', 'Vanlife Diaries', 'Living on the road in a converted Sprinter.'],
  ['sneakerdrops', 'Sneaker Drops', 'Release dates and restocks.'],
];
for (const [handle, name, bio] of noise) {
  add({
    handle,
    name,
    bio,
    group: 'noise',
    followsBack: false,
    followers: between(5000, 200_000),
    following: between(100, 3000),
    tweets: between(3000, 30000),
    likes: between(500, 9000),
    createdDaysAgo: between(1000, 4000),
    lastPostDaysAgo: between(0, 10),
  });
}

// Spam: giveaways, follow-back trains, promo sellers.
const spam: [string, string, string][] = [
  [
    'giveaway_queen22',
    'Giveaway Queen 🎁',
    '🎁 GIVEAWAY every day! Follow + RT to win an iPhone 🎁 follow back guaranteed',
  ],
  ['f4f_train_uk', 'F4F Train', 'Follow for follow 🔁 I follow back 100% #f4f #teamfollowback'],
  ['promo_boost_now', 'Promo Boost', 'DM for promo 💰 Grow your account 10k followers fast'],
  ['earn5kweekly', 'Earn From Home', 'Earn $5000 a week from home 💸 forex signals, DM me "INFO"'],
  ['shoutout_hub', 'Shoutout Hub', 'Paid shoutouts. DM for promo. Cheap rates.'],
];
for (const [handle, name, bio] of spam) {
  add({
    handle,
    name,
    bio,
    group: 'spam',
    followsBack: random() < 0.5,
    followers: between(1000, 9000),
    following: between(4000, 7000),
    tweets: between(2000, 9000),
    likes: between(100, 900),
    createdDaysAgo: between(300, 1200),
    lastPostDaysAgo: between(0, 5),
  });
}

// Dormant: real accounts that stopped posting long ago, or never posted.
const dormant: [string, string, string, number | null][] = [
  ['operaweekender', 'Opera Weekender', 'Weekend trips to European opera houses.', 900],
  ['westendwendy', 'Wendy Clarke', 'Musicals and matinees.', 620],
  ['the_critics_circle_old', 'Critics Circle (old)', 'Theatre criticism.', 1400],
  ['puccinipod', 'Puccini Podcast', 'A podcast about Puccini. On hiatus.', 480],
  ['londonstagenews', 'London Stage News', 'Theatre news for London.', 730],
  ['lurker_lou', 'Louise', '', null],
];
for (const [handle, name, bio, lastPost] of dormant) {
  add({
    handle,
    name,
    bio,
    group: 'dormant',
    followsBack: random() < 0.5,
    followers: between(50, 3000),
    following: between(50, 900),
    tweets: lastPost === null ? 0 : between(100, 3000),
    likes: between(0, 400),
    createdDaysAgo: between(2000, 4500),
    lastPostDaysAgo: lastPost,
  });
}
// Protected and silent: never called dormant on missing data.
add({
  handle: 'quietcritic',
  name: 'A Quiet Critic',
  bio: 'Theatre notes, mostly to myself. London.',
  group: 'dormant',
  followsBack: true,
  protected: true,
  followers: 120,
  following: 200,
  tweets: 800,
  likes: 3000,
  createdDaysAgo: 3000,
  lastPostDaysAgo: null,
  talk: [between(20, 60)],
  replies: [between(20, 60)],
});

// Gone: suspended or deactivated since she followed them.
const gone: [string, 'suspended' | 'deactivated'][] = [
  ['tickets_cheap_now', 'suspended'],
  ['operatix_resale', 'suspended'],
  ['westend_insider_', 'deactivated'],
  ['matineemolly', 'deactivated'],
  ['freeshowtix', 'suspended'],
];
for (const [handle, kind] of gone) {
  add({
    handle,
    name: handle,
    bio: '',
    group: 'gone',
    followsBack: false,
    followers: 0,
    following: 0,
    tweets: 0,
    likes: 0,
    createdDaysAgo: 2000,
    lastPostDaysAgo: null,
    gone:
      kind === 'suspended'
        ? { kind, detail: 'User has been suspended' }
        : { kind, detail: 'Could not find user' },
  });
}

// Duplicates: the same person or organisation twice.
add({
  handle: 'hamptonplaywright',
  name: 'Rosa Hampton',
  bio: 'Playwright. My new plays at the Almeida and the Bush. London.',
  url: 'https://rosahampton.com',
  group: 'friend',
  followsBack: true,
  location: 'London',
  followers: 3100,
  following: 800,
  tweets: 5200,
  likes: 9000,
  createdDaysAgo: 800,
  lastPostDaysAgo: 1,
  talk: [between(3, 12), between(30, 60)],
  replies: [between(2, 10)],
});
add({
  handle: 'rosahampton_old',
  name: 'Rosa Hampton',
  bio: 'Moved to @hamptonplaywright — this account is no longer active.',
  url: 'https://rosahampton.com',
  group: 'duplicate',
  followsBack: true,
  location: 'London',
  followers: 900,
  following: 400,
  tweets: 2100,
  likes: 1200,
  createdDaysAgo: 3800,
  lastPostDaysAgo: 790,
});
add({
  handle: 'covent_garden_cafe',
  name: 'Covent Garden Café',
  bio: 'Pre-theatre suppers in Covent Garden. Book online.',
  url: 'https://coventgardencafe.co.uk',
  group: 'institution',
  followsBack: false,
  location: 'London',
  followers: 4200,
  following: 900,
  tweets: 3300,
  likes: 800,
  createdDaysAgo: 2500,
  lastPostDaysAgo: 2,
});
add({
  handle: 'coventgardencafe2',
  name: 'Covent Garden Café',
  bio: 'Backup account of @covent_garden_cafe. Pre-theatre suppers.',
  url: 'https://coventgardencafe.co.uk',
  group: 'duplicate',
  followsBack: false,
  location: 'London',
  followers: 310,
  following: 120,
  tweets: 140,
  likes: 30,
  createdDaysAgo: 900,
  lastPostDaysAgo: 40,
});
add({
  handle: 'operamattersblog',
  name: 'Opera Matters',
  bio: 'Opera reviews from London and beyond. New account: @operamatters_uk',
  group: 'duplicate',
  followsBack: true,
  followers: 650,
  following: 700,
  tweets: 4100,
  likes: 2000,
  createdDaysAgo: 3000,
  lastPostDaysAgo: 200,
});

// Mutual but off-topic and silent: a weak signal, for her to review.
const mutualOffTopic: [string, string, string][] = [
  ['uni_mate_dan', 'Dan Price', 'Accountant. Arsenal season ticket. Dad of two.'],
  ['cycling_kat', 'Kat Wren', 'Road cycling, hill climbs, coffee stops.'],
  ['gardening_gran', 'Margaret', 'Allotment life. Tomatoes and dahlias.'],
  ['pixelpusher_ben', 'Ben', 'Indie game developer. Pixel art.'],
];
for (const [handle, name, bio] of mutualOffTopic) {
  add({
    handle,
    name,
    bio,
    group: 'mutual_off_topic',
    followsBack: true,
    followers: between(100, 900),
    following: between(100, 900),
    tweets: between(200, 4000),
    likes: between(200, 3000),
    createdDaysAgo: between(1500, 4000),
    lastPostDaysAgo: between(1, 30),
  });
}

// A muted account: on-topic-ish, but she muted it.
add({
  handle: 'hottakestheatre',
  name: 'Hot Takes Theatre',
  bio: 'Unpopular opinions about every West End show.',
  group: 'muted',
  followsBack: false,
  followers: 12000,
  following: 800,
  tweets: 30000,
  likes: 9000,
  createdDaysAgo: 2000,
  lastPostDaysAgo: 0,
});

// Followed accounts the snapshot has no profile for (followed after the snapshot was taken).
for (let i = 0; i < 4; i += 1) {
  add({
    handle: `newfollow${i}`,
    name: '',
    bio: '',
    group: 'unhydrated',
    followsBack: i % 2 === 0,
    followers: 0,
    following: 0,
    tweets: 0,
    likes: 0,
    createdDaysAgo: 100,
    lastPostDaysAgo: null,
  });
}

// The owner also has followers she does not follow: nothing to audit, but they count.
const extraFollowers = Array.from({ length: 380 }, () => userId());

// ---- Her followers (the followers audit) ----
// The followers she does not follow get profiles of their own, and her earlier audits left follower
// snapshots (samples/demo-follower-history.json): fakes, inactive accounts, engaged and loyal followers
// she does not follow back, new followers, lost ones and follow-for-follow churners. Drawn from a
// generator of their own, so the rest of the persona (and the Instagram export) is as it was.
const fRandom = seededRandom(20261203);
const fPick = <T>(items: readonly T[]): T => items[Math.floor(fRandom() * items.length)] as T;
const fBetween = (lo: number, hi: number): number => Math.floor(lo + fRandom() * (hi - lo + 1));
const fDaysAgo = (days: number): Date => new Date(NOW - days * DAY - fBetween(0, 20 * 3600) * 1000);
let nextFollowerId = 1_500_000_000_000_000_000n;
function followerId(): string {
  nextFollowerId += BigInt(fBetween(1_000_000, 90_000_000));
  return nextFollowerId.toString();
}

type FollowerGroup = 'fan' | 'fake' | 'inactive' | 'engaged' | 'loyal' | 'lost' | 'glitch';

interface Follower {
  id: string;
  handle: string;
  name: string;
  bio: string;
  group: FollowerGroup;
  followers: number;
  following: number;
  tweets: number;
  likes: number;
  createdDaysAgo: number;
  lastPostDaysAgo: number | null;
  defaultAvatar: boolean;
  /** Whether X's lookup says they follow her now (connection_status followed_by). */
  followsNow: boolean;
  /** Days ago of their messages to her. */
  messages: number[];
}

const FAN_NAMES = [
  'Maya',
  'Oliver',
  'Grace',
  'Leo',
  'Isla',
  'Noah',
  'Ruth',
  'Arun',
  'Clara',
  'Owen',
  'Zara',
  'Hugo',
];
const FAN_BIOS = [
  'Opera lover, occasional critic.',
  'Theatre, books and long walks in London.',
  'Musicals and museums. Views my own.',
  'Choir singer. Tea drinker.',
  'Arts student in London.',
  '',
];
function follower(id: string, group: FollowerGroup, i: number, extra: Partial<Follower> = {}): Follower {
  const name = fPick(FAN_NAMES);
  return {
    id,
    handle: `${name.toLowerCase()}_${fPick(['reads', 'sings', 'at_the_theatre', 'in_london', 'writes'])}${i}`,
    name,
    bio: fPick(FAN_BIOS),
    group,
    followers: fBetween(40, 900),
    following: fBetween(80, 700),
    tweets: fBetween(200, 6000),
    likes: fBetween(300, 9000),
    createdDaysAgo: fBetween(700, 4000),
    lastPostDaysAgo: fBetween(0, 40),
    defaultAvatar: false,
    followsNow: true,
    messages: [],
    ...extra,
  };
}

function fake(id: string): Follower {
  return {
    ...follower(id, 'fake', 0),
    handle: `${fPick(['user', 'mk', 'js', 'promo', 'follow'])}${fBetween(10_000_000, 99_999_999)}`,
    name: fPick(['user', 'Info', 'Follow Back', 'Trends']),
    bio: fPick(['', '', 'Follow for follow', 'Crypto signals', 'DM for promo']),
    followers: fBetween(0, 30),
    following: fBetween(2500, 5000),
    tweets: fBetween(40_000, 200_000),
    likes: fBetween(0, 40),
    createdDaysAgo: fBetween(60, 500),
    lastPostDaysAgo: 0,
    defaultAvatar: fRandom() < 0.8,
  };
}

const demoFollowers: Follower[] = extraFollowers.map((id, i) => {
  if (i < 30) return fake(id);
  if (i < 60)
    return follower(
      id,
      'inactive',
      i,
      i % 3 === 0 ? { tweets: 0, lastPostDaysAgo: null } : { lastPostDaysAgo: fBetween(400, 1500) },
    );
  if (i < 68)
    return follower(id, 'engaged', i, {
      messages: Array.from({ length: fBetween(1, 3) }, () => fBetween(2, 150)),
    });
  if (i < 72)
    return follower(id, 'loyal', i, { messages: [3, 40, 85, 130, 175, 220].map((d) => d + fBetween(0, 6)) });
  return follower(id, 'fan', i);
});
/** Followed her since her last audit: some people, and the fakes that gather among new followers. */
const newFollowers: Follower[] = [
  ...Array.from({ length: 10 }, () => fake(followerId())),
  ...Array.from({ length: 15 }, (_, i) => follower(followerId(), 'fan', 400 + i)),
];
/** Followed her at every earlier audit and no longer: X's lookup confirms it. Two had written to her. */
const lostFollowers: Follower[] = Array.from({ length: 6 }, (_, i) =>
  follower(followerId(), 'lost', 500 + i, { followsNow: false, messages: i < 2 ? [fBetween(200, 400)] : [] }),
);
/**
 * Follow-for-follow: accounts she follows (spam and noise that do not follow back) which followed her,
 * were followed back, and left within weeks. The last of them left since her last audit.
 */
const churnFollowers = (['spam', 'noise'] as const)
  .flatMap((group) => people.filter((p) => p.group === group && !p.followsBack))
  .slice(0, 4);
/** Missing from this archive's list, though X's lookup says they still follow: a glitch, not an unfollow. */
const glitchFollower = follower(followerId(), 'glitch', 700);
/** Missing from this list with no lookup to re-check: told as lost only if the next audit misses them too. */
const uncheckedFollower = followerId();

/** The follower snapshots her three earlier audits left (demo-follower-history.json). */
export function followerHistory(): { at: number; owner: string; ids: string[]; missing: string[] }[] {
  const core = [...people.filter((p) => p.followsBack).map((p) => p.id), ...extraFollowers];
  const before = [...core, ...lostFollowers.map((f) => f.id), glitchFollower.id, uncheckedFollower];
  const [a, b, c, d] = churnFollowers.map((f) => f.id);
  const snapshot = (daysBefore: number, ids: string[]) => ({
    at: NOW - daysBefore * DAY,
    owner: `x:${OWNER.accountId}`,
    ids,
    missing: [],
  });
  return [snapshot(56, before), snapshot(41, [...before, a!, b!, c!]), snapshot(19, [...before, d!])];
}

export const OWNER = {
  accountId: '1598765432101234567',
  username: 'ottilie_at_the_opera',
  displayName: 'Ottilie Marsh',
};

const OWNER_TOPICS = [
  'Tosca at the Royal Ballet and Opera tonight: the second act is still the best forty minutes in opera.',
  'New review on the blog: a brilliant Hamlet at the National Theatre.',
  'Standing tickets for Die Walküre. My legs hate me, my heart does not. #opera',
  'Blogging tip: write the review on the train home, while the music is still in your head. #blogging',
  'London theatre this week: three plays, one musical, zero regrets. #theatre #London',
  'The Coliseum foyer is the best place in London to eavesdrop on opera gossip.',
  'Fringe season in London is wonderful: tiny theatres above pubs, huge ideas.',
  'Why surtitles matter: a thread on translation and opera. #opera',
  'Ballet and opera on the same night at Covent Garden. A very London problem.',
  'My blog turns four today! Thank you for reading about opera and theatre with me. #blogging',
  'Carmen in the round at the Royal Albert Hall. Not sure the acoustics agree. #opera',
  'The West End matinee crowd is the best crowd. #theatre',
  'A soprano who can act is a gift. Tonight we got one.',
  "Review: Glyndebourne's new production is a triumph of stagecraft. #opera",
  'Booking the next season at the Donmar before it sells out. #theatre #London',
];

function tweetText(topic: string): string {
  return topic.length > 270 ? topic.slice(0, 270) : topic;
}

export function buildDemo(): { archive: XArchiveSpec; snapshot: XUserV2[]; missing: string[] } {
  const tweets: XArchiveSpec['tweets'] = [];
  const likes: XArchiveSpec['likes'] = [];
  const dms: XArchiveSpec['dms'] = [];

  // Her own posts over four years.
  for (let i = 0; i < 900; i += 1) {
    const at = daysAgo(between(0, 1450));
    tweets.push({
      id: snowflake(at),
      createdAt: at,
      text: tweetText(pick(OWNER_TOPICS)),
      utcOffset: random() < 0.3 ? '+0100' : '+0000',
    });
  }
  // A self-thread: replies to her own posts are not interactions.
  const threadStart = daysAgo(30);
  const threadId = snowflake(threadStart);
  tweets.push({
    id: threadId,
    createdAt: threadStart,
    text: 'A thread on the best opera houses in Europe (1/3)',
  });
  tweets.push({
    id: snowflake(daysAgo(30)),
    createdAt: daysAgo(30),
    text: '@ottilie_at_the_opera (2/3) Vienna, obviously.',
    inReplyTo: { userId: OWNER.accountId, screenName: OWNER.username },
  });

  for (const person of people) {
    for (const d of person.talk ?? []) {
      const at = daysAgo(d);
      const kind = pick(['reply', 'reply', 'mention', 'repost', 'quote', 'dm'] as const);
      const mention = { id: person.id, screenName: person.handle };
      if (kind === 'reply') {
        tweets.push({
          id: snowflake(at),
          createdAt: at,
          text: `@${person.handle} ${pick(['So true!', 'Agreed, what a night.', 'See you at the interval?', 'Lovely review.'])}`,
          inReplyTo: { userId: person.id, screenName: person.handle },
          mentions: [mention],
        });
      } else if (kind === 'mention') {
        tweets.push({
          id: snowflake(at),
          createdAt: at,
          text: `Off to the theatre with @${person.handle} tonight.`,
          mentions: [mention],
        });
      } else if (kind === 'repost') {
        tweets.push({
          id: snowflake(at),
          createdAt: at,
          text: `RT @${person.handle}: ${pick(OWNER_TOPICS)}`,
          mentions: [mention],
        });
      } else if (kind === 'quote') {
        tweets.push({
          id: snowflake(at),
          createdAt: at,
          text: 'This, exactly.',
          quotedUrl: `https://twitter.com/${person.handle}/status/${snowflake(daysAgo(d + 1))}`,
        });
      } else {
        const convo = [OWNER.accountId, person.id].sort().join('-');
        dms.push({
          conversationId: convo,
          messages: [
            {
              id: snowflake(at),
              senderId: OWNER.accountId,
              recipientId: person.id,
              text: 'Are you going on Thursday?',
              createdAt: at,
            },
          ],
        });
      }
      if (random() < 0.6)
        likes.push({ tweetId: snowflake(daysAgo(d)), fullText: `@${person.handle} ${pick(OWNER_TOPICS)}` });
    }
    for (const d of person.replies ?? []) {
      const at = daysAgo(d);
      const convo = [OWNER.accountId, person.id].sort().join('-');
      dms.push({
        conversationId: convo,
        messages: [
          {
            id: snowflake(at),
            senderId: person.id,
            recipientId: OWNER.accountId,
            text: 'Loved your last post!',
            createdAt: at,
          },
        ],
      });
    }
  }
  // Likes of posts whose authors the archive does not name.
  for (let i = 0; i < 400; i += 1) {
    likes.push({ tweetId: snowflake(daysAgo(between(0, 1400))), fullText: pick(OWNER_TOPICS) });
  }

  const friendIds = people.filter((p) => p.group === 'friend').map((p) => p.id);
  const groupDms: NonNullable<XArchiveSpec['groupDms']> = [
    {
      conversationId: '1650000000000000001',
      participants: [OWNER.accountId, ...friendIds.slice(0, 3)],
      messages: friendIds.slice(0, 3).map((sender, i) => ({
        id: snowflake(daysAgo(5 + i)),
        senderId: sender,
        text: 'Who is in for Rigoletto?',
        createdAt: daysAgo(5 + i),
      })),
    },
  ];

  // Her followers' messages: who engages with her, and since when.
  for (const f of [...demoFollowers, ...lostFollowers]) {
    for (const d of f.messages) {
      const at = fDaysAgo(d);
      dms.push({
        conversationId: [OWNER.accountId, f.id].sort().join('-'),
        messages: [
          {
            id: snowflake(at),
            senderId: f.id,
            recipientId: OWNER.accountId,
            text: 'Loved your review!',
            createdAt: at,
          },
        ],
      });
    }
  }

  const following = people.map((p) => p.id);
  const followers = [
    ...people.filter((p) => p.followsBack).map((p) => p.id),
    ...extraFollowers,
    ...newFollowers.map((f) => f.id),
  ];
  const muted = people.filter((p) => p.group === 'muted').map((p) => p.id);

  const snapshot: XUserV2[] = [];
  const missing: string[] = [];
  for (const p of people) {
    if (p.group === 'unhydrated') missing.push(p.id);
    else if (!p.gone) snapshot.push(toXUser(p));
  }
  for (const f of [...demoFollowers, ...newFollowers, ...lostFollowers, glitchFollower])
    snapshot.push(followerXUser(f));
  tweets.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return {
    archive: {
      account: { ...OWNER, createdAt: new Date(NOW - 1460 * DAY).toISOString() },
      generationDate: new Date(NOW - 3_600_000).toISOString(),
      following,
      followers,
      tweets,
      likes,
      dms,
      groupDms,
      mutes: muted,
      blocks: [userId()],
      options: { partSize: 500 },
    },
    snapshot,
    missing,
  };
}

/** A person as the X API v2 users lookup returns them, or as the inline error it returns instead. */
function toXUser(p: Person): XUserV2 {
  return {
    id: p.id,
    username: p.handle,
    name: p.name,
    description: p.bio,
    created_at: new Date(NOW - p.createdDaysAgo * DAY).toISOString(),
    protected: p.protected ?? false,
    verified: false,
    location: p.location,
    url: p.url ? 'https://t.co/x' : '',
    entities: p.url
      ? {
          url: {
            urls: [
              { url: 'https://t.co/x', expanded_url: p.url, display_url: p.url.replace(/^https?:\/\//, '') },
            ],
          },
        }
      : undefined,
    profile_image_url: p.defaultAvatar
      ? 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png'
      : `https://pbs.twimg.com/profile_images/${p.id}/avatar_normal.jpg`,
    public_metrics: {
      followers_count: p.followers,
      following_count: p.following,
      tweet_count: p.tweets,
      listed_count: Math.floor(p.followers / 200),
      like_count: p.likes,
      media_count: Math.floor(p.tweets / 20),
    },
    most_recent_tweet_id:
      p.lastPostDaysAgo === null || p.protected ? undefined : snowflake(daysAgo(p.lastPostDaysAgo)),
    connection_status: p.followsBack ? ['following', 'followed_by'] : ['following'],
  };
}

/** A follower as the users lookup returns them; the time of their last post from the followers' own generator. */
function followerXUser(f: Follower): XUserV2 {
  const connection = f.followsNow ? ['followed_by'] : [];
  return {
    id: f.id,
    username: f.handle,
    name: f.name,
    description: f.bio,
    created_at: new Date(NOW - f.createdDaysAgo * DAY).toISOString(),
    protected: false,
    verified: false,
    url: '',
    profile_image_url: f.defaultAvatar
      ? 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png'
      : `https://pbs.twimg.com/profile_images/${f.id}/avatar_normal.jpg`,
    public_metrics: {
      followers_count: f.followers,
      following_count: f.following,
      tweet_count: f.tweets,
      listed_count: Math.floor(f.followers / 200),
      like_count: f.likes,
      media_count: Math.floor(f.tweets / 20),
    },
    most_recent_tweet_id: f.lastPostDaysAgo === null ? undefined : snowflake(fDaysAgo(f.lastPostDaysAgo)),
    connection_status: connection,
  };
}

export function goneRecords(): {
  id: string;
  handle: string;
  kind: 'suspended' | 'deactivated';
  detail: string;
}[] {
  return people
    .filter((p) => p.gone)
    .map((p) => ({
      id: p.id,
      handle: p.handle,
      kind: p.gone!.kind,
      detail: `${p.gone!.detail}: [${p.id}].`,
    }));
}

/**
 * Her Instagram, a year old, in the 2025–26 export layout: mostly the same circle by username, a few
 * accounts that never followed back, close friends and a favourite, a pending request, a year of likes,
 * saves, comments, story reactions and messages (one thread tied to a username only through the name
 * her likes pair with it), the hashtags and topics she follows, and an account she unfollowed recently.
 */
export function buildInstagramDemo(): InstagramSpec {
  const on = (days: number) => new Date(NOW - days * DAY);
  const friendsThere = [
    'stallsandsighs',
    'operaglassbex',
    'tomwritesstage',
    'mezzo_musings',
    'curtaincallcass',
    'balletbrunch',
  ];
  /** Display names as 2026 activity files pair them with usernames (Owner blocks). */
  const names: Record<string, string> = {
    stallsandsighs: 'Priya Raman',
    operaglassbex: 'Rebecca Holt',
    tomwritesstage: 'Tom Ellery',
    mezzo_musings: 'Hannah Scholes',
    curtaincallcass: 'Cass Moreno',
    balletbrunch: 'Ballet Brunch',
    royalballetandopera: 'Royal Ballet and Opera',
  };
  const captions = [
    'Tosca tonight at Covent Garden #opera',
    'Interval ice cream, second act nerves #theatre',
    'Rehearsal room snaps #opera #london',
    'Carmen on tour: Leeds next #opera',
    'Stage door queue in the rain #westend',
    'Pointe shoes and pastries #ballet',
  ];
  const quietThere = ['arias_and_ale', 'stagedoorstella', 'balconybard'];
  const bigThere = ['royalballetandopera', 'nationaltheatre', 'glyndebourne', 'thestage', 'barbicancentre'];
  const noiseThere = ['gymgainsdaily', 'sneakerdrops', 'celebgossip_hq', 'giveaway_queen22', 'f4f_train_uk'];
  const following = [...friendsThere, ...quietThere, ...bigThere, ...noiseThere].map((username, i) => ({
    username,
    at: on(360 - i * 7),
  }));
  const named = (owner: string, at: Date, caption?: string) => ({
    owner,
    at,
    ...(names[owner] ? { name: names[owner] } : {}),
    ...(caption ? { caption } : {}),
  });
  return {
    owner: {
      username: 'ottilie.at.the.opera',
      name: 'Ottilie Marsh',
      bio: 'Opera & theatre in London. Reviews on the blog.',
    },
    followers: [...friendsThere, ...quietThere, 'noisy_neighbour', 'uni_mate_dan', 'matinee.molly'].map(
      (username, i) => ({ username, at: on(350 - i * 5) }),
    ),
    following,
    closeFriends: ['operaglassbex', 'stallsandsighs'],
    favorites: ['mezzo_musings'],
    pendingRequests: [{ username: 'private.critic', at: on(40) }],
    hideStoryFrom: ['celebgossip_hq'],
    recentlyUnfollowed: [{ username: 'crypto_kingz_fx', at: on(30) }],
    likes: [
      ...friendsThere.flatMap((owner, i) => [named(owner, on(3 + i), captions[i]), named(owner, on(30 + i))]),
      ...quietThere.map((owner, i) => named(owner, on(120 + i * 20))),
      named('royalballetandopera', on(12), 'Swan Lake returns this spring #ballet #royalopera'),
    ],
    likedComments: [{ owner: 'curtaincallcass', at: on(9) }],
    comments: friendsThere.slice(0, 3).map((mediaOwner, i) => ({
      mediaOwner,
      text: ['Brava! 👏 What a Tosca', 'That set design 😍', 'See you at the stage door — café après? ☕'][
        i
      ]!,
      at: on(6 + i),
    })),
    reelsComments: [{ mediaOwner: 'balletbrunch', text: 'Those fouettés! 🩰', at: on(11) }],
    storyComments: [{ mediaOwner: 'tomwritesstage', text: 'Need your review of this one', at: on(5) }],
    stories: [
      { kind: 'story_likes', ...named('stallsandsighs', on(2)) },
      { kind: 'polls', ...named('operaglassbex', on(8)), value: 'Tosca' },
      { kind: 'emoji_sliders', ...named('mezzo_musings', on(15)), value: '😍' },
      { kind: 'questions', ...named('curtaincallcass', on(21)), value: 'Les Mis, always' },
      { kind: 'stories_viewed', ...named('glyndebourne', on(10)) },
      { kind: 'stories_viewed', ...named('nationaltheatre', on(4)) },
      { kind: 'stories_viewed', ...named('balconybard', on(60)) },
    ],
    saved: [
      named('nationaltheatre', on(25), 'New season announced: Shakespeare in the round #theatre'),
      named('glyndebourne', on(70), 'Festival 2027 booking opens #opera #glyndebourne'),
    ],
    followingHashtags: ['opera', 'theatre', 'westend'],
    topics: ['Opera', 'Theatre', 'Classical music'],
    recommendedTopics: ['Musicals'],
    adInterests: ['Opera', 'Cats', 'Running shoes'],
    threads: [
      {
        folder: 'rebeccaholt_1029384756',
        participants: ['Ottilie Marsh', 'Rebecca Holt'],
        messages: [
          { sender: 'Rebecca Holt', at: on(4), content: 'Tosca on Friday? 🎭' },
          {
            sender: 'Ottilie Marsh',
            at: on(4),
            content: 'Yes! Meet at the Floral Hall café',
            reactions: [{ actor: 'Rebecca Holt', reaction: '❤' }],
          },
        ],
      },
      {
        folder: 'marcobellini_5550123',
        request: true,
        participants: ['Ottilie Marsh', 'Marco Bellini'],
        messages: [{ sender: 'Marco Bellini', at: on(13), content: 'Loved your Tosca review!' }],
      },
    ],
    options: { activity2026: true },
  };
}

/**
 * What Tend's browser companion read of her Instagram the day before the audit: the following list and
 * the profiles of the accounts her export left undecided (her close friends and Favourite were not looked
 * up: they are kept whatever a profile says). One of each kind of account an Instagram audit judges:
 * two bots, off-topic accounts, one gone, one renamed, one dormant, a friend's side account, a private
 * friend, the big on-topic houses that do not follow back.
 */
export function buildInstagramCompanionDemo(): { accounts: CompanionAccount[]; fetchedAt: Date } {
  const on = (days: number) => new Date(NOW - days * DAY);
  let next = 5_100_000_001;
  const pk = () => String(next++);
  const friend = (
    username: string,
    fullName: string,
    bio: string,
    extra: Partial<CompanionAccount> = {},
  ) => ({
    username,
    pk: pk(),
    fullName,
    bio,
    followers: 600 + username.length * 37,
    following: 400 + username.length * 11,
    mediaCount: 180 + username.length * 5,
    latestStory: on(1),
    posts: [
      { at: on(2), caption: 'Curtain call at the Coliseum #opera' },
      { at: on(9), caption: 'Matinee then dinner in Covent Garden #theatre' },
    ],
    ...extra,
  });
  const house = (username: string, fullName: string, bio: string, category: string, followers: number) => ({
    username,
    pk: pk(),
    fullName,
    bio,
    verified: true,
    business: true,
    category,
    followers,
    following: 310,
    mediaCount: 4_200,
    latestStory: on(1),
    externalUrl: `https://www.${username}.example`,
    posts: [
      { at: on(400), caption: 'Welcome to our page', pinned: true },
      { at: on(3), caption: 'Tickets for the new season of opera and theatre are on sale now' },
    ],
  });
  const accounts: CompanionAccount[] = [
    { ...friend('stallsandsighs', 'Priya Raman', 'Theatre nerd in London'), lookup: false },
    { ...friend('operaglassbex', 'Rebecca Holt', 'Opera in London'), lookup: false },
    { ...friend('mezzo_musings', 'Hannah Scholes', 'Mezzo-soprano'), lookup: false },
    friend('tomwritesstage', 'Tom Ellery', 'Theatre critic. Reviews of plays and musicals in London', {
      private: true,
      posts: [],
      latestStory: null,
    }),
    friend('curtaincallcass', 'Cass Moreno', 'Stage manager. Musicals, opera and too much coffee'),
    friend('balletbrunch', 'Ballet Brunch', 'Ballet and dance reviews over pastries in London'),
    // A friend's side account, saying so in its bio.
    friend('arias_and_ale', 'Arias & Ale', 'Opera nights in a London pub. Backup account of @operaglassbex', {
      latestStory: null,
      posts: [{ at: on(20), caption: 'Puccini and pale ale, first Thursday of the month #opera' }],
    }),
    // Quiet for over a year: no post, no story.
    friend('stagedoorstella', 'Stella Park', 'Stage door regular. Theatre and opera in London', {
      latestStory: null,
      mediaCount: 61,
      posts: [
        { at: on(430), caption: 'Autographs after Les Mis #theatre' },
        { at: on(470), caption: 'Front row for La Bohème #opera' },
      ],
    }),
  ];
  // Renamed since her export: the export's name finds no one, the same pk goes by a new one.
  const bard = pk();
  accounts.push(
    { username: 'balconybard', pk: bard, missing: true },
    {
      ...friend('balcony.bard', 'Jonah Reed', 'Poems from the cheap seats: theatre and opera in London'),
      pk: bard,
      formerly: ['balconybard'],
    },
    house(
      'royalballetandopera',
      'Royal Ballet and Opera',
      'Opera and ballet at Covent Garden, London',
      'Performing arts',
      1_100_000,
    ),
    house(
      'nationaltheatre',
      'National Theatre',
      'Theatre on the South Bank, London, and in cinemas',
      'Theatre',
      900_000,
    ),
    house(
      'glyndebourne',
      'Glyndebourne',
      'Opera festival in the Sussex countryside',
      'Performing arts',
      120_000,
    ),
    house(
      'thestage',
      'The Stage',
      'News, reviews and jobs in theatre and the performing arts',
      'Media/news company',
      150_000,
    ),
    house(
      'barbicancentre',
      'Barbican Centre',
      'Arts centre in London: theatre, music, art and film',
      'Arts & entertainment',
      400_000,
    ),
    {
      username: 'gymgainsdaily',
      pk: pk(),
      fullName: 'Gym Gains Daily',
      bio: 'Daily workouts, protein recipes and muscle gains. Personal training online',
      category: 'Fitness trainer',
      business: true,
      followers: 48_000,
      following: 900,
      mediaCount: 1_300,
      latestStory: on(1),
      posts: [
        { at: on(1), caption: 'Leg day: squats, lunges and a protein shake #fitness' },
        { at: on(2), caption: 'Meal prep for the week: chicken, rice, broccoli #gym' },
      ],
    },
    {
      username: 'sneakerdrops',
      pk: pk(),
      fullName: 'Sneaker Drops',
      bio: 'Limited sneaker releases and restocks every week. Trainers, kicks and streetwear',
      category: 'Shopping & retail',
      business: true,
      followers: 24_000,
      following: 700,
      mediaCount: 2_100,
      latestStory: on(1),
      posts: [{ at: on(1), caption: 'Restock Friday: retro runners in three colourways #sneakers' }],
    },
    { username: 'celebgossip_hq', pk: pk(), missing: true },
    {
      username: 'giveaway_queen22',
      pk: pk(),
      fullName: 'Giveaway Queen',
      bio: 'Daily giveaways 🎁 follow and like to win. DM for promo',
      anonymousAvatar: true,
      followers: 210,
      following: 5_800,
      mediaCount: 2,
      latestStory: null,
      posts: [{ at: on(200), caption: 'WIN an iPhone! Follow, like, tag 3 friends' }],
    },
    {
      username: 'f4f_train_uk',
      pk: pk(),
      fullName: '',
      bio: '',
      anonymousAvatar: true,
      followers: 31,
      following: 7_400,
      mediaCount: 0,
      latestStory: null,
      posts: [],
    },
  );
  return { accounts, fetchedAt: on(1) };
}
