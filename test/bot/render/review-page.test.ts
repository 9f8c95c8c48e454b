import { describe, it, expect } from 'vitest';
import type { MessageCreateOptions } from 'discord.js';
import { reviewPage, type ReviewPageAccount, type ReviewView } from '../../../src/bot/render/review-page.js';
import { expectWithinDiscordLimits } from './support.js';

const NOW = Date.parse('2026-11-20T14:50:00.000Z');
const CONFIRMED = NOW - 60_000;

function pageAccount(n: number, overrides: Partial<ReviewPageAccount> = {}): ReviewPageAccount {
  return {
    id: String(n),
    handle: `acct_${n}`,
    verdict: 'unfollow',
    verdictReason: 'likely a bot (0.91)',
    reasons: ['does not follow you back', 'bot score 0.91: posts 96 times a day'],
    outcome: null,
    ...overrides,
  };
}

function view(overrides: Partial<ReviewView> = {}): ReviewView {
  return {
    platform: 'x',
    accounts: Array.from({ length: 10 }, (_, i) => pageAccount(i + 1)),
    selected: [],
    page: 0,
    pages: 3,
    now: NOW,
    ...overrides,
  };
}

function shown(v: ReviewView): { title: string; accounts: string[]; status: string; legend: string } {
  const [embed] = reviewPage(v).embeds!;
  return {
    title: embed!.title!,
    // Each account starts on a line of its own with its number.
    accounts: embed!.description!.split(/\n(?=\d\uFE0F\u20E3|🔟)/u),
    status: embed!.fields!.find((f) => f.name === 'Status')!.value,
    legend: embed!.fields!.find((f) => f.name === 'React to act')!.value,
  };
}

describe('a review page', () => {
  it('numbers its accounts 1️⃣ to 🔟, each with a link, its verdict and its reasons', () => {
    const page = shown(view());
    expect(page.title).toBe('Review · page 1 of 3');
    expect(page.accounts).toHaveLength(10);
    expect(page.accounts[0]).toBe(
      '1️⃣ [@acct\\_1](https://x.com/acct_1) · **unfollow** — likely a bot (0.91)\n↳ does not follow you back; bot score 0.91: posts 96 times a day',
    );
    expect(page.accounts[9]).toMatch(/^🔟 \[@acct\\_10\]\(https:\/\/x\.com\/acct_10\)/);
  });

  it('marks what is selected and lists it', () => {
    const page = shown(view({ selected: [6, 1, 4] }));
    expect(page.status).toContain('**Selected: 2, 5, 7**');
    expect(page.accounts.filter((a) => a.includes('☑️')).map((a) => a.slice(0, 3))).toEqual([
      '2️⃣',
      '5️⃣',
      '7️⃣',
    ]);
    expect(shown(view()).status).toContain('Nothing selected yet.');
  });

  it('explains the reactions, with ⏭️ only before the last page', () => {
    expect(shown(view()).legend).toBe(
      '1️⃣–🔟 select or unselect an account\n✅ unfollow the selected · 🛡️ keep the selected\n⏭️ next page',
    );
    const last = shown(view({ page: 2, accounts: [pageAccount(1), pageAccount(2), pageAccount(3)] }));
    expect(last.title).toBe('Review · page 3 of 3');
    expect(last.legend).toBe(
      '1️⃣–3️⃣ select or unselect an account\n✅ unfollow the selected · 🛡️ keep the selected',
    );
  });

  it('shows what became of each account and how the page’s unfollows are getting on', () => {
    const window = Date.parse('2026-11-20T15:10:00.000Z');
    const accounts = [
      ...Array.from({ length: 7 }, (_, i) =>
        pageAccount(i + 1, { outcome: { status: 'unfollowed', confirmedAt: CONFIRMED, at: NOW - 30_000 } }),
      ),
      pageAccount(8, {
        outcome: { status: 'pending', confirmedAt: CONFIRMED, waitingUntil: window, reason: 'window' },
      }),
      pageAccount(9, {
        outcome: { status: 'pending', confirmedAt: CONFIRMED, waitingUntil: window, reason: 'window' },
      }),
      pageAccount(10, { outcome: { status: 'kept', confirmedAt: null } }),
    ];
    const page = shown(view({ accounts }));
    expect(page.status).toContain('Unfollowed 7 of 9 — 2 left for the next window at 15:10 UTC');
    expect(page.status).toContain('Kept 1 on your keep list.');
    expect(page.accounts[0]).toContain('↳ ✂️ unfollowed (↩️ undoes it until 2026-11-27 14:49 UTC)');
    expect(page.accounts[7]).toContain('↳ ⏳ queued: goes at 15:10 UTC');
    expect(page.accounts[9]).toContain('↳ 🛡️ on your keep list');
    expect(page.legend).toContain('↩️ follow again what was unfollowed on this page (within 7 days)');
  });

  it('shows already-unfollowed, failed and undone accounts in words', () => {
    const accounts = [
      pageAccount(1, { outcome: { status: 'already', confirmedAt: CONFIRMED, at: NOW } }),
      pageAccount(2, {
        outcome: {
          status: 'failed',
          confirmedAt: CONFIRMED,
          message: '@acct_2 is suspended on X: there is nothing to unfollow.',
        },
      }),
      pageAccount(3, { outcome: { status: 'undone', confirmedAt: CONFIRMED, at: NOW } }),
      pageAccount(4, {
        outcome: { status: 'pending', confirmedAt: CONFIRMED, waitingUntil: null, reason: null },
      }),
    ];
    const page = shown(view({ accounts }));
    expect(page.accounts[0]).toContain('↳ ✂️ already unfollowed');
    expect(page.accounts[1]).toContain('↳ ⚠️ @acct\\_2 is suspended on X: there is nothing to unfollow.');
    expect(page.accounts[2]).toContain('↳ ↩️ followed again');
    expect(page.accounts[3]).toContain('↳ ⏳ unfollowing…');
    expect(page.status).toContain('Unfollowed 1 of 4 — 1 on their way, 1 failed, 1 undone');
    // Nothing on the page can be undone any more.
    expect(page.legend).not.toContain('↩️');
  });

  it('offers no undo for an unfollow older than 7 days', () => {
    const old = pageAccount(1, {
      outcome: { status: 'unfollowed', confirmedAt: CONFIRMED, at: NOW - 8 * 86_400_000 },
    });
    const page = shown(view({ accounts: [old] }));
    expect(page.accounts[0]).toMatch(/↳ ✂️ unfollowed$/u);
    expect(page.legend).not.toContain('↩️');
  });

  it('shows the note the last reaction left', () => {
    expect(
      shown(
        view({ note: 'Select accounts with the number reactions first, then press ✅ to unfollow them.' }),
      ).status,
    ).toContain('> Select accounts with the number reactions first, then press ✅ to unfollow them.');
  });

  it('shows handles and reasons as typed, and stays within Discord’s limits however long they are', () => {
    const long = '**loud** @everyone '.repeat(100);
    const accounts = Array.from({ length: 10 }, (_, i) =>
      pageAccount(i + 1, {
        handle: `__x${i}__${'_'.repeat(24)}`,
        verdictReason: long,
        reasons: [long, long],
        outcome: { status: 'failed', confirmedAt: CONFIRMED, message: long },
      }),
    );
    const message = reviewPage(
      view({ platform: 'instagram', accounts, selected: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], note: long }),
    );
    expectWithinDiscordLimits(message);
    const text = JSON.stringify(message);
    expect(text).not.toMatch(/@everyone/);
    expect(text).not.toMatch(/(?<!\\\\)\*\*loud/);
    expect(message.embeds![0]!.description).toContain(
      `[@\\_\\_x0${'\\_'.repeat(26)}](https://www.instagram.com/__x0${'_'.repeat(26)}/)`,
    );
    // Every account is there, with its link whole, however much of its reasons had to go.
    expect(
      message.embeds![0]!.description!.match(/\]\(https:\/\/www\.instagram\.com\/_+x\d_+\/\)/g),
    ).toHaveLength(10);
  });

  it('is a message discord.js can send as a DM', () => {
    const options: MessageCreateOptions = reviewPage(view());
    expect(options.embeds).toHaveLength(1);
  });
});
