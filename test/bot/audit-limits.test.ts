import { afterEach, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../support/fake-discord/index.js';
import { XReadBudget } from '../../src/store/audit-limits.js';
import { useTestRedis } from '../support/redis.js';
import { demoArchive, linkX, seenWhen, startProduct, type Product } from './bot-rig.js';

const db = useTestRedis('bot-audit-limits');
let product: Product | null = null;
afterEach(async () => {
  await product?.close();
  product = null;
});

/** Everything the person was shown in answer to an interaction, in order. */
const shown = (discord: FakeDiscord, id: string) =>
  discord.interactionResponses(id).map((r) => r.message?.content ?? '');
const done = (m: { embeds: unknown[]; content: string }) => m.embeds.length > 0 || /stopped/.test(m.content);

describe('/audit within the limits', () => {
  it('says when the next audit through X is possible, and refuses one before then saying when', async () => {
    // The bot's clock, for the times it names; the audits themselves run on the wall's.
    const T = Date.UTC(2026, 11, 2, 9, 30);
    product = await startProduct(db, {
      now: () => T,
      env: { TEND_X_AUDIT_COOLDOWN_HOURS: '12', TEND_UPLOAD_AUDITS_PER_DAY: '2' },
    });
    const { discord, x } = product;
    const ada = discord.users[0]!.id;
    await linkX(product, ada);

    const first = discord.sendCommand(ada, 'audit', { options: { source: 'x' } });
    await seenWhen(discord, first.id, done);
    expect(shown(discord, first.id)).toContain('Your next audit through X is possible from 21:30 UTC.');
    const calls = x.calls.length;

    const again = discord.sendCommand(ada, 'audit', { options: { source: 'x' } });
    const refused = await seenWhen(discord, again.id, (m) => m.content.length > 0);
    expect(refused.content).toBe(
      'Tend runs one audit through X every 12 hours for each person, as X bills every account it reads. Your next audit through X is possible from 21:30 UTC; an X archive uploaded without looking up its profiles can be audited now.',
    );
    expect(x.calls.length).toBe(calls);
    // Looking up an archive's profiles is an audit through X too.
    const lookup = discord.sendCommand(ada, 'audit', {
      options: {
        source: 'x-archive',
        lookup_profiles: true,
        file: { name: 'twitter-2026.zip', data: await demoArchive() },
      },
    });
    expect((await seenWhen(discord, lookup.id, (m) => m.content.length > 0)).content).toBe(refused.content);
    expect(x.calls.length).toBe(calls);

    const upload = () =>
      discord.sendCommand(ada, 'audit', {
        options: { source: 'x-archive', file: { name: 'twitter-2026.zip', data: archive } },
      });
    const archive = await demoArchive();
    const one = upload();
    await seenWhen(discord, one.id, done);
    expect(shown(discord, one.id)).toContain('You can audit 1 more upload in the next 24 hours.');
    const two = upload();
    await seenWhen(discord, two.id, done);
    expect(shown(discord, two.id)).toContain(
      'That was your last upload audit for now: the next is possible from 2026-12-03 09:30 UTC.',
    );
    const three = upload();
    expect((await seenWhen(discord, three.id, (m) => m.content.length > 0)).content).toBe(
      'Tend audits at most 2 uploads a day for each person. Your next upload can be audited from 2026-12-03 09:30 UTC.',
    );
  }, 60_000);

  it('refuses audits through X for everyone once the day’s budget of X reads is spent, and says until when', async () => {
    // What this file's earlier audits read today counts too: the budget leaves room for 30 more.
    const before = await new XReadBudget(db.redis, db.prefix, 0).used(Date.now());
    product = await startProduct(db, {
      env: { TEND_X_DAILY_READ_BUDGET: String(before + 30), TEND_INTERACTION_PAGES: '0' },
    });
    const { discord, x } = product;
    const ada = discord.users[0]!.id;
    await linkX(product, ada);
    const first = discord.sendCommand(ada, 'audit', { options: { source: 'x' } });
    await seenWhen(discord, first.id, done);
    // The one audit read its profile and a page of 40 follows: over the budget, which it had not reached when it asked.
    expect(x.calls.reduce((n, c) => n + c.users.length, 0)).toBeGreaterThan(30);
    const budget = before + 30;
    const calls = x.calls.length;

    const again = discord.sendCommand(ada, 'audit', { options: { source: 'x' } });
    const refused = await seenWhen(discord, again.id, (m) => m.content.length > 0);
    expect(refused.content).toMatch(
      new RegExp(
        `^Tend has read as much from X today as its operator allows \\(${budget.toLocaleString('en-US')} accounts and posts\\); audits through X can start again from \\d{4}-\\d{2}-\\d{2} 00:00 UTC\\. An X archive uploaded without looking up its profiles can be audited now\\.$`,
      ),
    );
    expect(x.calls.length).toBe(calls);
  }, 60_000);
});
