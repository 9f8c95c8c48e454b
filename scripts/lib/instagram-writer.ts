/**
 * Builds Instagram "Download your information" ZIPs (JSON) the way Meta writes them (FORMATS.md): the
 * three record shapes, localised labels, and non-ASCII text as one `\u00XX` escape per UTF-8 byte.
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
}

export interface InstagramSpec {
  owner?: { username: string; name: string; bio?: string };
  followers: (string | InstagramUser)[];
  following: (string | InstagramUser)[];
  closeFriends?: string[];
  pendingRequests?: (string | InstagramUser)[];
  blocked?: string[];
  restricted?: string[];
  likes?: { owner: string; at: Date }[];
  comments?: { mediaOwner: string; text: string; at: Date }[];
  /** Participants by display name, the owner's included. */
  threads?: {
    folder?: string;
    participants: string[];
    messages: { sender: string; at: Date; content?: string }[];
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
  if (spec.likes) {
    files.set(`${activity}likes/liked_posts.json`, {
      likes_media_likes: single(
        spec.likes.map((l) => ({
          title: l.owner,
          string_list_data: [
            { href: `https://www.instagram.com/p/C${seconds(l.at)}/`, timestamp: stamp(l.at) },
          ],
        })),
      ),
    });
  }
  if (spec.comments) {
    files.set(
      `${activity}comments/post_comments_1.json`,
      single(
        spec.comments.map((c) => ({
          media_list_data: [{ uri: '' }],
          string_map_data: {
            [labels.comment]: { value: c.text },
            [labels.mediaOwner]: { value: c.mediaOwner },
            [labels.time]: { timestamp: stamp(c.at) },
          },
        })),
      ),
    );
  }
  (spec.threads ?? []).forEach((thread, i) => {
    const folder =
      thread.folder ??
      `${(thread.participants[0] ?? 'thread').toLowerCase().replace(/[^a-z0-9]/g, '')}_${1000 + i}`;
    files.set(`${activity}messages/inbox/${folder}/message_1.json`, {
      participants: thread.participants.map((name) => ({ name })),
      messages: [...thread.messages]
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .map((m) => ({
          sender_name: m.sender,
          timestamp_ms: m.at.getTime(),
          content: m.content ?? 'Hi',
          is_geoblocked_for_viewer: false,
        })),
      title: thread.participants.join(', '),
      is_still_participant: true,
      thread_path: `inbox/${folder}`,
      magic_words: [],
    });
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
