import { describe, expect, it } from 'vitest';
import type { InteractionEvent } from '../../src/model.js';
import { fetchMe } from '../../src/sources/x-api.js';
import type { TimelineKind } from '../../src/sources/x-interactions.js';
import {
  fetchTimelinePage,
  nextTimelineToken,
  type TimelineDepth,
  type TimelinePage,
} from '../../src/sources/x-timelines.js';
import { usernameOf, type FakeTweet } from '../support/fake-x/index.js';
import { expectMeterMatchesLog, harness, type Harness } from './x-harness.js';

const ENDPOINT: Record<TimelineKind, string> = {
  posts: 'GET /2/users/:id/tweets',
  mentions: 'GET /2/users/:id/mentions',
  likes: 'GET /2/users/:id/liked_tweets',
};

async function readTimeline(h: Harness, kind: TimelineKind, depth: TimelineDepth): Promise<TimelinePage[]> {
  const { owner } = await fetchMe(h.client);
  const pages: TimelinePage[] = [];
  let token: string | null = null;
  do {
    const page = await fetchTimelinePage(h.client, kind, { ...owner, id: owner.id! }, token, depth);
    pages.push(page);
    token = nextTimelineToken(depth, pages.length, page);
  } while (token !== null);
  return pages;
}

const summary = (e: InteractionEvent): string =>
  `${e.kind} ${e.direction} ${e.who.id ?? `@${e.who.handle}`} ${new Date(e.at).toISOString()}`;

/** What each generated post is, as the event Tend should read from it. */
function expectedEvent(h: Harness, t: FakeTweet): string | null {
  const other = h.fake.network.accountAt(t.other);
  const when = t.tweet.created_at as string;
  switch (t.kind) {
    case 'plain':
      return null;
    case 'quote':
      return `quote out @${usernameOf(h.fake.network, other)} ${when}`;
    case 'reply_to_owner':
      return `reply in ${other.id} ${when}`;
    case 'mention_of_owner':
      return `mention in ${other.id} ${when}`;
    case 'liked':
      return `like out ${other.id} ${when}`;
    default:
      return `${t.kind} out ${other.id} ${when}`;
  }
}

describe('fetchTimelinePage against the fake X', () => {
  it('turns the owner’s posts, mentions and likes into the interactions they are, 100 posts a call', async () => {
    const h = await harness({
      network: { seed: 21, following: 400 },
      timelines: { posts: 250, mentions: 120, likes: 230 },
    });
    const truth = h.fake.timelines(0);
    const all = { posts: truth.posts, mentions: truth.mentions, likes: truth.likes };
    for (const kind of ['posts', 'mentions', 'likes'] as const) {
      const pages = await readTimeline(h, kind, { maxPages: 10 });
      const events = pages.flatMap((p) => p.events);
      const expected = all[kind].map((t) => expectedEvent(h, t)).filter((e): e is string => e !== null);
      expect(events.map(summary).sort(), kind).toEqual(expected.sort());
      expect(h.fake.callsTo(ENDPOINT[kind]), kind).toHaveLength(Math.ceil(all[kind].length / 100));
      // Mentions and likes name their authors by id alone: no user objects are read (and billed) again.
      if (kind !== 'posts')
        expect(
          h.fake.callsTo(ENDPOINT[kind]).flatMap((c) => c.users),
          kind,
        ).toEqual([]);
      for (const event of events.filter((e) => e.who.id && e.who.handle)) {
        expect(event.who.handle, kind).toBe(
          usernameOf(h.fake.network, h.fake.network.account(event.who.id!)!),
        );
      }
    }
    const ownWords = (await readTimeline(h, 'posts', { maxPages: 10 })).flatMap((p) => p.texts);
    expect(ownWords).toHaveLength(truth.posts.filter((t) => t.kind !== 'repost').length);
    expectMeterMatchesLog(h.meter, h.fake);
    expect(h.meter.posts).toBe(2 * 250 + 120 + 230);
  });

  it('reads no deeper than the set number of pages', async () => {
    const h = await harness({ network: { seed: 22, following: 200 }, timelines: { posts: 500 } });
    const pages = await readTimeline(h, 'posts', { maxPages: 2 });
    expect(pages).toHaveLength(2);
    expect(pages[1]!.nextToken).not.toBeNull();
    expect(h.fake.callsTo(ENDPOINT.posts)).toHaveLength(2);
    expect(h.meter.posts).toBe(200);
  });

  it('stops at the newest post the previous audit read, for posts and mentions through X, for likes itself', async () => {
    const h = await harness({
      network: { seed: 23, following: 300 },
      timelines: { posts: 300, mentions: 150, likes: 300 },
    });
    const truth = h.fake.timelines(0);
    const sinceIds = {
      posts: truth.posts[40]!.tweet.id as string,
      mentions: truth.mentions[5]!.tweet.id as string,
      likes: truth.likes[130]!.tweet.id as string,
    };
    const depth: TimelineDepth = { maxPages: 10, sinceIds };

    const posts = await readTimeline(h, 'posts', depth);
    expect(posts.flatMap((p) => p.tweets.map((t) => t.id))).toEqual(
      truth.posts.slice(0, 40).map((t) => t.tweet.id),
    );
    expect(h.fake.callsTo(ENDPOINT.posts)[0]!.query.since_id).toBe(sinceIds.posts);

    const mentions = await readTimeline(h, 'mentions', depth);
    expect(mentions.flatMap((p) => p.tweets)).toHaveLength(5);

    const likes = await readTimeline(h, 'likes', depth);
    expect(likes.flatMap((p) => p.tweets.map((t) => t.id))).toEqual(
      truth.likes.slice(0, 130).map((t) => t.tweet.id),
    );
    expect(likes.at(-1)!.reachedSince).toBe(true);
    expect(h.fake.callsTo(ENDPOINT.likes)).toHaveLength(2);
    expect(likes[0]!.newestId).toBe(truth.likes[0]!.tweet.id);
  });
});
