/**
 * Builds Instagram "Download your information" ZIPs (JSON) the way Meta writes them (docs/FORMATS.md): the
 * four record shapes (A)–(D), old and 2025–26 file locations, localised labels, and non-ASCII text as one
 * `\u00XX` escape per UTF-8 byte.
 */
import yazl from 'yazl';

export interface InstagramUser {
  username: string;
  at?: Date;
}

export interface InstagramLabels {
  username: string;
  url: string;
  comment: string;
  mediaOwner: string;
  time: string;
  name: string;
  bio: string;
  /** The title of the nested block naming an account in 2025–26 activity files. */
  owner: string;
  caption: string;
}

/** Story interaction files (`story_interactions/` since 2025, `story_sticker_interactions/` before). */
export type StoryKind =
  | 'polls'
  | 'quizzes'
  | 'questions'
  | 'emoji_sliders'
  | 'emoji_story_reactions'
  | 'story_reaction_sticker_reactions'
  | 'countdowns'
  | 'story_likes'
  | 'stories_viewed';

/** Something of `owner`'s the export owner liked, saved or reacted to; `name` is the owner's display name. */
export interface InstagramActivity {
  owner: string;
  at: Date;
  name?: string;
  caption?: string;
}

export interface InstagramSpec {
  owner?: { username: string; name: string; bio?: string };
  followers: (string | InstagramUser)[];
  following: (string | InstagramUser)[];
  closeFriends?: string[];
  pendingRequests?: (string | InstagramUser)[];
  blocked?: string[];
  restricted?: string[];
  likes?: InstagramActivity[];
  comments?: { mediaOwner: string; text: string; at: Date }[];
  likedComments?: InstagramActivity[];
  reelsComments?: { mediaOwner: string; text: string; at: Date }[];
  /** Comments on stories (`hype.json`). */
  storyComments?: { mediaOwner: string; text: string; at: Date }[];
  stories?: (InstagramActivity & { kind: StoryKind; value?: string })[];
  saved?: InstagramActivity[];
  favorites?: string[];
  followingHashtags?: string[];
  topics?: string[];
  recommendedTopics?: string[];
  adInterests?: string[];
  recentlyUnfollowed?: (string | InstagramUser)[];
  hideStoryFrom?: string[];
  /** Participants by display name, the owner's included. */
  threads?: {
    folder?: string;
    /** A message request (`messages/message_requests/`) rather than an inbox thread. */
    request?: boolean;
    participants: string[];
    messages: {
      sender: string;
      at: Date;
      content?: string;
      reactions?: { actor: string; reaction: string }[];
    }[];
  }[];
  options?: {
    /** The old layout: every file at the root, followers in `followers.json`. */
    rootLayout?: boolean;
    /** Followers per `followers_N.json` file. */
    followersPerFile?: number;
    /** A list holding one item is written as that item alone. */
    singleAsObject?: boolean;
    /** Labels in another language. */
    labels?: Partial<InstagramLabels>;
    /** Write non-ASCII text as Meta does (the default) or as plain UTF-8. */
    mojibake?: boolean;
    /** Pending requests, blocked and restricted as the older `relationships_*` wrappers instead of 2026's `label_values` lists. */
    legacyLists?: boolean;
    /** Added as given; an extra entry replaces a generated one of the same name. */
    extraEntries?: { name: string; content: string | Buffer }[];
    /** Write relationship, like and comment timestamps in milliseconds, as some files do, instead of seconds. */
    timestampsInMs?: boolean;
    /**
     * The 2025–26 activity layout: likes, saves and story interactions as `label_values` lists with the
     * account in a nested Owner block (shape C), stories under `story_interactions/`. Otherwise the older
     * `likes_media_likes` / `saved_saved_media` / `story_activities_*` wrappers with the account in `title`.
     */
    activity2026?: boolean;
    /** Messages per `message_N.json` of a thread: a long thread is split over several files. */
    messagesPerFile?: number;
  };
}

const ENGLISH: InstagramLabels = {
  username: 'Username',
  url: 'URL',
  comment: 'Comment',
  mediaOwner: 'Media Owner',
  time: 'Time',
  name: 'Name',
  bio: 'Bio',
  owner: 'Owner',
  caption: 'Caption',
};
const DEFAULT_TIME = new Date('2024-01-01T00:00:00Z');

const user = (u: string | InstagramUser): InstagramUser => (typeof u === 'string' ? { username: u } : u);
const seconds = (d: Date | undefined): number => Math.floor((d ?? DEFAULT_TIME).getTime() / 1000);

/** Meta's JSON: every non-ASCII character becomes its UTF-8 bytes, each escaped as `\u00XX`. */
export function metaJson(value: unknown, mojibake = true): string {
  const json = JSON.stringify(value, null, 2);
  if (!mojibake) return json;
  return json.replace(/[\u0080-\u{10ffff}]/gu, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => `\\u00${b.toString(16).padStart(2, '0')}`).join(''),
  );
}

export async function buildInstagramExport(spec: InstagramSpec): Promise<Buffer> {
  const o = spec.options ?? {};
  const stamp = (d: Date | undefined): number =>
    o.timestampsInMs ? (d ?? DEFAULT_TIME).getTime() : seconds(d);
  const labels = { ...ENGLISH, ...o.labels };
  const single = (items: unknown[]): unknown => (o.singleAsObject && items.length === 1 ? items[0] : items);
  const files = new Map<string, unknown>();
  const connections = o.rootLayout ? '' : 'connections/followers_and_following/';
  const activity = o.rootLayout ? '' : 'your_instagram_activity/';

  const plain = (u: InstagramUser) => ({
    title: '',
    media_list_data: [],
    string_list_data: [
      { href: `https://www.instagram.com/${u.username}`, value: u.username, timestamp: stamp(u.at) },
    ],
  });
  const titled = (u: InstagramUser) => ({
    title: u.username,
    string_list_data: [{ href: `https://www.instagram.com/_u/${u.username}`, timestamp: stamp(u.at) }],
  });
  const labelled = (u: InstagramUser) => ({
    timestamp: stamp(u.at),
    media: [],
    fbid: String(17_841_400_000_000_000 + u.username.length),
    label_values: [
      { label: labels.url, value: '' },
      { label: labels.username, value: u.username },
    ],
  });
  const list = (wrapper: string, users: InstagramUser[]) =>
    o.legacyLists ? { [wrapper]: single(users.map(titled)) } : single(users.map(labelled));

  const followers = spec.followers.map(user);
  if (o.rootLayout) {
    files.set('followers.json', single(followers.map(plain)));
  } else {
    const per =
      o.followersPerFile && o.followersPerFile > 0 ? o.followersPerFile : Math.max(1, followers.length);
    for (let start = 0, n = 1; n === 1 || start < followers.length; start += per, n++) {
      files.set(`${connections}followers_${n}.json`, single(followers.slice(start, start + per).map(plain)));
    }
  }
  files.set(`${connections}following.json`, {
    relationships_following: single(spec.following.map(user).map(titled)),
  });
  if (spec.closeFriends) {
    files.set(`${connections}close_friends.json`, {
      relationships_close_friends: single(spec.closeFriends.map(user).map(plain)),
    });
  }
  if (spec.pendingRequests) {
    files.set(
      `${connections}pending_follow_requests.json`,
      list('relationships_follow_requests_sent', spec.pendingRequests.map(user)),
    );
  }
  if (spec.blocked)
    files.set(
      `${connections}blocked_profiles.json`,
      list('relationships_blocked_users', spec.blocked.map(user)),
    );
  if (spec.restricted) {
    files.set(
      `${connections}restricted_profiles.json`,
      list('relationships_restricted_users', spec.restricted.map(user)),
    );
  }
  /** An account as 2025–26 activity files nest it: `{title: "Owner", dict: [{dict: [URL, Name, Username]}]}`. */
  const ownerBlock = (a: InstagramActivity) => ({
    title: labels.owner,
    dict: [
      {
        dict: [
          { label: labels.url, value: `https://www.instagram.com/${a.owner}` },
          { label: labels.name, value: a.name ?? '' },
          { label: labels.username, value: a.owner },
        ],
      },
    ],
  });
  const postLink = (a: InstagramActivity) => `https://www.instagram.com/p/C${seconds(a.at)}/`;
  const shapeC = (a: InstagramActivity, extra: { label: string; value: string }[] = []) => ({
    timestamp: stamp(a.at),
    media: [],
    fbid: String(17_900_000_000_000_000 + seconds(a.at)),
    label_values: [{ label: labels.url, value: postLink(a) }, ...extra, ownerBlock(a)],
  });
  const titledActivity = (a: InstagramActivity, value?: string) => ({
    title: a.owner,
    string_list_data: [{ href: postLink(a), ...(value ? { value } : {}), timestamp: stamp(a.at) }],
  });
  const commentMap = (c: { mediaOwner: string; text: string; at: Date }) => ({
    media_list_data: [{ uri: '' }],
    string_map_data: {
      [labels.comment]: { value: c.text },
      [labels.mediaOwner]: { value: c.mediaOwner },
      [labels.time]: { timestamp: stamp(c.at) },
    },
  });
  if (spec.likes) {
    files.set(
      `${activity}likes/liked_posts.json`,
      o.activity2026
        ? single(
            spec.likes.map((l) => shapeC(l, l.caption ? [{ label: labels.caption, value: l.caption }] : [])),
          )
        : { likes_media_likes: single(spec.likes.map((l) => titledActivity(l, '👍'))) },
    );
  }
  if (spec.likedComments) {
    files.set(`${activity}likes/liked_comments.json`, {
      likes_comment_likes: single(spec.likedComments.map((l) => titledActivity(l, '👍'))),
    });
  }
  if (spec.reelsComments) {
    files.set(`${activity}comments/reels_comments.json`, {
      comments_reels_comments: single(spec.reelsComments.map(commentMap)),
    });
  }
  if (spec.storyComments) {
    files.set(`${activity}comments/hype.json`, single(spec.storyComments.map(commentMap)));
  }
  if (spec.stories) {
    const folder = o.activity2026 ? 'story_interactions' : 'story_sticker_interactions';
    const kinds = [...new Set(spec.stories.map((s) => s.kind))];
    for (const kind of kinds) {
      const rows = spec.stories.filter((s) => s.kind === kind);
      files.set(
        `${activity}${folder}/${kind}.json`,
        o.activity2026
          ? single(rows.map((r) => shapeC(r, r.value ? [{ label: 'Value', value: r.value }] : [])))
          : { [`story_activities_${kind}`]: single(rows.map((r) => titledActivity(r, r.value))) },
      );
    }
  }
  if (spec.saved) {
    files.set(
      `${activity}saved/saved_posts.json`,
      o.activity2026
        ? single(
            spec.saved.map((l) => shapeC(l, l.caption ? [{ label: labels.caption, value: l.caption }] : [])),
          )
        : {
            saved_saved_media: single(
              spec.saved.map((l) => ({
                title: l.owner,
                string_map_data: { 'Saved on': { href: postLink(l), timestamp: stamp(l.at) } },
              })),
            ),
          },
    );
  }
  if (spec.favorites) {
    files.set(`${connections}profiles_you've_favorited.json`, single(spec.favorites.map(user).map(labelled)));
  }
  if (spec.followingHashtags) {
    files.set(`${connections}following_hashtags.json`, {
      relationships_following_hashtags: single(
        spec.followingHashtags.map((tag) => ({
          title: '',
          media_list_data: [],
          string_list_data: [
            {
              href: `https://www.instagram.com/explore/tags/${tag}`,
              value: tag,
              timestamp: stamp(undefined),
            },
          ],
        })),
      ),
    });
  }
  const topicsFile = (names: string[]) => ({
    topics_your_topics: single(
      names.map((value) => ({ string_map_data: { [labels.name]: { href: '', value, timestamp: 0 } } })),
    ),
  });
  const preferences = o.rootLayout ? '' : 'preferences/your_topics/';
  if (spec.topics) files.set(`${preferences}your_topics.json`, topicsFile(spec.topics));
  if (spec.recommendedTopics)
    files.set(`${preferences}recommended_topics.json`, topicsFile(spec.recommendedTopics));
  if (spec.adInterests) {
    files.set(
      `${o.rootLayout ? '' : 'ads_information/instagram_ads_and_businesses/'}other_categories_used_to_reach_you.json`,
      {
        timestamp: stamp(undefined),
        media: [],
        fbid: '17900000000000001',
        ent_name: 'Other categories used to reach you',
        label_values: [
          {
            ent_field_name: 'Categories',
            label: 'Categories',
            vec: spec.adInterests.map((value) => ({ value })),
          },
        ],
      },
    );
  }
  if (spec.recentlyUnfollowed) {
    files.set(`${connections}recently_unfollowed_profiles.json`, {
      relationships_unfollowed_users: single(spec.recentlyUnfollowed.map(user).map(plain)),
    });
  }
  if (spec.hideStoryFrom) {
    const rows = spec.hideStoryFrom.map(user).map(labelled);
    // A single object, not a list, when it names one account.
    files.set(`${connections}hide_story_from.json`, rows.length === 1 ? rows[0] : rows);
  }
  if (spec.comments) {
    files.set(`${activity}comments/post_comments_1.json`, single(spec.comments.map(commentMap)));
  }
  (spec.threads ?? []).forEach((thread, i) => {
    const folder =
      thread.folder ??
      `${(thread.participants[0] ?? 'thread').toLowerCase().replace(/[^a-z0-9]/g, '')}_${1000 + i}`;
    const box = thread.request ? 'message_requests' : 'inbox';
    const newestFirst = [...thread.messages].sort((a, b) => b.at.getTime() - a.at.getTime());
    const per =
      o.messagesPerFile && o.messagesPerFile > 0 ? o.messagesPerFile : Math.max(1, newestFirst.length);
    for (let start = 0, n = 1; n === 1 || start < newestFirst.length; start += per, n++) {
      files.set(`${activity}messages/${box}/${folder}/message_${n}.json`, {
        participants: thread.participants.map((name) => ({ name })),
        messages: newestFirst.slice(start, start + per).map((m) => ({
          sender_name: m.sender,
          timestamp_ms: m.at.getTime(),
          content: m.content ?? 'Hi',
          ...(m.reactions ? { reactions: m.reactions } : {}),
          is_geoblocked_for_viewer: false,
        })),
        title: thread.participants.join(', '),
        is_still_participant: true,
        thread_path: `${box}/${folder}`,
        magic_words: [],
      });
    }
  });
  if (spec.owner) {
    const personal = o.rootLayout ? '' : 'personal_information/personal_information/';
    files.set(`${personal}personal_information.json`, {
      profile_user: [
        {
          media_map_data: {},
          string_map_data: {
            [labels.username]: { href: '', value: spec.owner.username, timestamp: 0 },
            [labels.name]: { href: '', value: spec.owner.name, timestamp: 0 },
            [labels.bio]: { href: '', value: spec.owner.bio ?? '', timestamp: 0 },
          },
        },
      ],
    });
  }

  const zip = new yazl.ZipFile();
  const mtime = DEFAULT_TIME;
  const extra = new Map((o.extraEntries ?? []).map((e) => [e.name, e.content]));
  for (const [name, value] of files) {
    if (!extra.has(name)) zip.addBuffer(Buffer.from(metaJson(value, o.mojibake ?? true)), name, { mtime });
  }
  for (const [name, content] of extra) zip.addBuffer(Buffer.from(content), name, { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * One account as the browser companion sees it: its row of the following list, and (unless `lookup` is
 * false) its profile lookup; `missing` when the lookup finds no one; `formerly` the usernames its pk went
 * by in an earlier reading of the list.
 */
export interface CompanionAccount {
  username: string;
  pk: string;
  fullName?: string;
  private?: boolean;
  verified?: boolean;
  anonymousAvatar?: boolean;
  latestStory?: Date | null;
  formerly?: string[];
  lookup?: boolean;
  missing?: boolean;
  bio?: string;
  externalUrl?: string | null;
  followers?: number;
  following?: number;
  mediaCount?: number;
  business?: boolean;
  category?: string | null;
  posts?: { at: Date; caption: string; pinned?: boolean }[];
}

const epochSeconds = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 1000) : null);

/**
 * The `.jsonl` profile snapshot the companion downloads (docs/FORMATS.md, "Tend profile snapshot",
 * Instagram lines): the header, the following list, then the lookups in order. Accounts that the lookup
 * no longer finds are not in the list (they left it), but their lookup line says "not found".
 */
export function companionSnapshot(accounts: CompanionAccount[], fetchedAt: Date): string {
  const at = fetchedAt.toISOString();
  const lines: unknown[] = [{ tend: 'profiles', version: 1, platform: 'instagram', fetchedAt: at }];
  for (const a of accounts) {
    if (a.missing) continue;
    lines.push({
      username: a.username,
      pk: a.pk,
      fetched_at: at,
      from: 'following',
      fields: {
        full_name: a.fullName ?? '',
        is_private: a.private ?? false,
        is_verified: a.verified ?? false,
        has_anonymous_profile_picture: a.anonymousAvatar ?? false,
        latest_reel_media: epochSeconds(a.latestStory) ?? 0,
      },
      ...(a.formerly ? { formerly: a.formerly } : {}),
    });
  }
  for (const a of accounts) {
    if (a.lookup === false) continue;
    if (a.missing) {
      lines.push({ username: a.username, pk: a.pk, fetched_at: at, not_found: true });
      continue;
    }
    lines.push({
      username: a.username,
      pk: a.pk,
      fetched_at: at,
      from: 'profile',
      fields: {
        full_name: a.fullName ?? '',
        biography: a.bio ?? '',
        external_url: a.externalUrl ?? null,
        bio_links: a.externalUrl ? [a.externalUrl] : [],
        follower_count: a.followers ?? 0,
        following_count: a.following ?? 0,
        media_count: a.mediaCount ?? a.posts?.length ?? 0,
        is_private: a.private ?? false,
        is_verified: a.verified ?? false,
        is_business_account: a.business ?? false,
        category_name: a.category ?? null,
        has_anonymous_profile_picture: a.anonymousAvatar ?? false,
        latest_reel_media: epochSeconds(a.latestStory) ?? 0,
        posts: (a.private ? [] : (a.posts ?? [])).map((p) => ({
          taken_at: epochSeconds(p.at),
          caption: p.caption,
          pinned: p.pinned ?? false,
        })),
      },
    });
  }
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
}
