import { describe, it, expect } from 'vitest';
import type { InteractionEditReplyOptions } from 'discord.js';
import { CATEGORIES, VERDICTS, type AuditReport } from '../../../src/model.js';
import { auditSummary } from '../../../src/bot/render/summary.js';
import { account, demoReport, expectWithinDiscordLimits, report, visibleText } from './support.js';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

/** The counts a code block shows, by id. */
function countsIn(block: string): Record<string, number> {
  return Object.fromEntries(
    [...block.matchAll(/^(\w+) +([\d,]+)$/gm)].map(([, id, n]) => [id!, Number(n!.replaceAll(',', ''))]),
  );
}

function field(message: ReturnType<typeof auditSummary>, name: string): string {
  return message.embeds![0]!.fields!.find((f) => f.name === name)?.value ?? '';
}

describe('the audit summary', () => {
  it('lists every verdict and category with the report’s counts, zeros included', async () => {
    const real = await demoReport();
    const message = auditSummary(real, PNG, 'a1');
    expect(countsIn(field(message, 'Verdicts'))).toEqual(real.summary.byVerdict);
    expect(countsIn(field(message, 'Categories'))).toEqual(real.summary.byCategory);
    const none = auditSummary(report([account({ verdict: 'keep', categories: [] })]), PNG, 'a2');
    expect(Object.keys(countsIn(field(none, 'Categories')))).toEqual([...CATEGORIES]);
    expect(countsIn(field(none, 'Verdicts'))).toEqual({ unfollow: 0, review: 0, nurture: 0, keep: 1 });
    expect(Object.keys(countsIn(field(none, 'Verdicts')))).toEqual([...VERDICTS]);
  });

  it('names the top flagged accounts, unfollow before review, each with its verdict’s reason and one telling reason', () => {
    const accounts = [
      account({
        id: '1',
        handle: 'keeper',
        verdict: 'keep',
        categories: [],
        reasons: [],
        verdictReason: 'nothing against them',
      }),
      account({
        id: '2',
        handle: 'maybe_later',
        verdict: 'review',
        categories: ['dormant'],
        reasons: ['no post since 2024-03-02'],
        verdictReason: 'one signal: dormant',
      }),
      account({
        id: '3',
        handle: 'spambot',
        verdict: 'unfollow',
        categories: ['not_following_back', 'bot'],
        reasons: ['does not follow you back', 'bot score 0.97: posts 79 times a day'],
        verdictReason: 'likely a bot (0.97)',
      }),
    ];
    const description = auditSummary(report(accounts), PNG, 'a1').embeds![0]!.description!;
    const bot = description.indexOf('[@spambot](https://x.com/spambot)');
    const later = description.indexOf('[@maybe\\_later](https://x.com/maybe_later)');
    expect(bot).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(bot);
    expect(description).not.toContain('keeper');
    expect(description).toContain(
      '**unfollow** — likely a bot (0.97)\n↳ bot score 0.97: posts 79 times a day',
    );
    expect(description).toContain('**review** — one signal: dormant\n↳ no post since 2024-03-02');
    expect(description).toContain('Flagged: 1 to unfollow, 1 to review');
    expect(description).not.toContain('more');
  });

  it('shows at most eight flagged accounts and says how many more the review holds', () => {
    const accounts = Array.from({ length: 30 }, (_, i) => account({ id: String(i), handle: `acct${i}` }));
    const description = auditSummary(report(accounts), PNG, 'a1').embeds![0]!.description!;
    expect(description).toContain('@acct7]');
    expect(description).not.toContain('@acct8]');
    expect(description).toContain('… and 22 more: **Start review** goes through them all.');
  });

  it('attaches the chart as audit.png and shows it in the embed', () => {
    const message = auditSummary(report([account()]), PNG, 'a1');
    expect(message.files).toEqual([{ attachment: PNG, name: 'audit.png' }]);
    expect(message.embeds![0]!.image).toEqual({ url: 'attachment://audit.png' });
  });

  it('says what X was asked for when the audit went through the X API, and nothing of it otherwise', () => {
    const viaX = auditSummary(
      report([account()], { xUsage: { calls: 12, users: 1080, posts: 1 } }),
      PNG,
      'a1',
    );
    expect(viaX.embeds![0]!.description).toContain('X API: 12 calls, 1,080 accounts and 1 post read');
    expect(auditSummary(report([account()]), PNG, 'a1').embeds![0]!.description).not.toContain('X API');
  });

  it('lists the checks not made and the warnings', () => {
    const message = auditSummary(
      report([account()], {
        warnings: ['The export is 45 days old.'],
        summary: {
          ...report([account()]).summary,
          skippedChecks: ['bot: no profiles for 4 of 108 accounts'],
        },
      }),
      PNG,
      'a1',
    );
    expect(field(message, 'Checks not made')).toBe('• bot: no profiles for 4 of 108 accounts');
    expect(field(message, 'Warnings')).toBe('• The export is 45 days old.');
    expect(message.embeds![0]!.fields!.map((f) => f.name)).toEqual([
      'Verdicts',
      'Categories',
      'Checks not made',
      'Warnings',
    ]);
  });

  it('offers the review and both exports, each button carrying the audit id', () => {
    const [row] = auditSummary(report([account()]), PNG, 'audit-42').components!;
    expect(row!.components).toMatchObject([
      { label: 'Start review', custom_id: 'review:start:audit-42', disabled: false },
      { label: 'Export CSV', custom_id: 'export:csv:audit-42' },
      { label: 'Export JSON', custom_id: 'export:json:audit-42' },
    ]);
    const [quiet] = auditSummary(report([account({ verdict: 'keep' })]), PNG, 'a1').components!;
    expect(quiet!.components[0]).toMatchObject({ label: 'Start review', disabled: true });
    expect(auditSummary(report([account({ verdict: 'keep' })]), PNG, 'a1').embeds![0]!.description).toContain(
      'Nothing to prune',
    );
  });

  it('stays within every Discord limit with 500 flagged accounts and long notes', () => {
    const long = 'x'.repeat(900);
    const accounts = Array.from({ length: 500 }, (_, i) =>
      account({
        id: String(i),
        handle: `h${i}_${'_'.repeat(10)}`,
        verdict: i % 2 ? 'review' : 'unfollow',
        verdictReason: long,
        reasons: [long, long],
      }),
    );
    const big: AuditReport = report(accounts, {
      warnings: Array.from({ length: 40 }, () => long),
      interests: { terms: Array.from({ length: 200 }, (_, i) => `interest${i}`), source: 'inferred' },
      xUsage: { calls: 9_999, users: 123_456, posts: 7_890 },
    });
    big.summary.skippedChecks = Array.from({ length: 40 }, () => long);
    const share = { count: 1, of: 1000, share: 0.001, low: 0.0001, high: 0.005, exact: false };
    big.followers = {
      summary: {
        followers: 123_456_789,
        population: 'sample',
        sampled: 100_000,
        judged: 99_999,
        shape: { genuine: share, engaged: share, fake: share, inactive: share },
        byCategory: {
          fake: 1,
          inactive: 1,
          engaged: 1,
          loyal: 1,
          new: 1,
          lost: 1,
          churner: 1,
          not_followed_back: 1,
        },
        previousAuditAt: null,
        unconfirmedLost: 0,
        notes: [long],
        cost: { calls: 1000, users: 99_999, dollars: 999.99 },
        unpaid: { calls: 1000, users: 99_999, dollars: 999.99 },
      },
      followers: [],
    };
    const message = auditSummary(big, PNG, 'a1');
    expectWithinDiscordLimits(message);
    expect(field(message, 'Followers')).toMatch(/^From a random sample of 100,000/);
    expect(message.embeds![0]!.description).toMatch(/… and 49\d more: \*\*Start review\*\*/);
    expect(field(message, 'Warnings')).toMatch(/… and \d+ more$/);
    expect(field(message, 'Checks not made')).toMatch(/… and \d+ more$/);
    expect(countsIn(field(message, 'Verdicts'))).toEqual({ unfollow: 250, review: 250, nurture: 0, keep: 0 });
  });

  it('shows handles and reasons as typed: no markdown, no links, no mentions', () => {
    const hostile = account({
      handle: '__init__',
      name: 'x',
      verdictReason: '**bold** claims',
      categories: ['off_topic'],
      reasons: ['spam: "@everyone join [free money](https://evil.example) <@123> ~~now~~"'],
    });
    const message = auditSummary(report([hostile], { owner: { id: '9', handle: 'me_*' } }), PNG, 'a1');
    const text = visibleText(message);
    expect(text).toContain('[@\\_\\_init\\_\\_](https://x.com/__init__)');
    expect(text).toContain('\\*\\*bold\\*\\* claims');
    expect(text).toContain('\\[free money](https://evil.example)');
    expect(text).toContain('\\~\\~now\\~\\~');
    expect(text).not.toMatch(/@everyone|<@\d/);
    expect(message.embeds![0]!.title).toBe('Audit of @me\\_\\* on X');
  });

  it('links Instagram accounts to Instagram', () => {
    const message = auditSummary(
      report([account({ handle: 'la.scala' })], { platform: 'instagram' }),
      PNG,
      'a1',
    );
    expect(message.embeds![0]!.description).toContain('[@la.scala](https://www.instagram.com/la.scala/)');
  });

  it('is a message discord.js can edit a reply with', () => {
    const options: InteractionEditReplyOptions = auditSummary(report([account()]), PNG, 'a1');
    expect(options.files).toHaveLength(1);
  });
});
