import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { emptyLedger, recordEvent } from '../../src/ledger.js';
import { lookupEntry, newestInteraction } from '../../src/ledger.js';
import { LedgerSync } from '../../src/services/ledger-sync.js';
import { createXClient } from '../../src/sources/x-client.js';
import { LedgerStore } from '../../src/store/ledger-store.js';
import { UserError } from '../../src/errors.js';
import { startFakeX, type FakeX, type ManualClock } from '../support/fake-x/index.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('ledger-sync');
const PERSON = '222222222222222222';
const DAY = 86_400_000;
const open: FakeX<ManualClock>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

async function rig() {
  const fake = await startFakeX({
    network: { seed: 61, following: 50 },
    timelines: { posts: 30, mentions: 10, likes: 10 },
  });
  open.push(fake);
  const owner = fake.owners[0]!;
  const ledgers = new LedgerStore(db.redis, db.prefix);
  const sync = new LedgerSync({
    ledgers,
    clientFor: async () => ({
      client: createXClient({ kind: 'oauth2', accessToken: owner.accessToken }, { baseUrl: fake.baseUrl }),
      xUserId: owner.userId,
      handle: 'owner',
    }),
    logger: pino({ level: 'silent' }),
  });
  return { fake, sync, ledgers };
}

/** The owner replies to someone now, as X would then serve it at the top of their posts. */
function replyNow(fake: FakeX<ManualClock>): string {
  const posts = fake.timelines(0).posts;
  const template = posts.find((p) => p.kind === 'reply')!;
  const newestId = BigInt(posts[0]!.tweet.id as string);
  const tweet = {
    ...template.tweet,
    id: String(newestId + 4_194_304n),
    created_at: new Date(fake.clock.now()).toISOString(),
  };
  posts.unshift({ ...template, tweet });
  return template.tweet.in_reply_to_user_id as string;
}

describe('the ledger kept between audits', () => {
  it('adds a real interaction since the last audit, so that person’s clock restarts, and counts nothing twice', async () => {
    const { fake, sync, ledgers } = await rig();
    const audited = emptyLedger();
    recordEvent(audited, {
      who: { id: '1' },
      kind: 'reply',
      direction: 'out',
      at: fake.clock.now() - 400 * DAY,
    });
    await sync.afterAudit(PERSON, audited);
    // The first sync takes in what the audit's ledger did not hold: the timelines' latest page.
    const first = await sync.sync(PERSON, fake.clock.now());
    expect(first).toMatchObject({ added: expect.any(Number) });
    const before = (await ledgers.load(PERSON))!;

    fake.clock.advance(3_600_000);
    const repliedTo = replyNow(fake);
    const second = await sync.sync(PERSON, fake.clock.now());
    expect(second).toEqual({ added: 1 });
    const after = (await ledgers.load(PERSON))!;
    const entry = lookupEntry(after, { id: repliedTo })!;
    expect(entry.out.last).toBe(fake.clock.now());
    expect(entry.out.count).toBe((lookupEntry(before, { id: repliedTo })?.out.count ?? 0) + 1);
    expect(newestInteraction(after)).toBe(fake.clock.now());

    expect(await sync.sync(PERSON, fake.clock.now())).toEqual({ added: 0 });
    // Only the newest page of each timeline is read: a sync costs three calls at most.
    const timelineCalls = fake.calls.filter((c) => /tweets|mentions|liked_tweets/.test(c.path));
    expect(timelineCalls.length).toBeLessThanOrEqual(9);
  });

  it('leaves the ledger as it was when X is unavailable, and skips people without a linked account', async () => {
    const { fake, sync, ledgers } = await rig();
    await sync.afterAudit(PERSON, emptyLedger());
    fake.failNext({ status: 503 });
    expect(await sync.sync(PERSON, fake.clock.now())).toEqual({ skipped: 'x_unavailable' });
    expect((await ledgers.load(PERSON))!.entries.size).toBe(0);
    const unlinked = new LedgerSync({
      ledgers,
      clientFor: async () => Promise.reject(new UserError('Link your X account')),
      logger: pino({ level: 'silent' }),
    });
    expect(await unlinked.sync(PERSON, fake.clock.now())).toEqual({ skipped: 'not_linked' });
  });
});
