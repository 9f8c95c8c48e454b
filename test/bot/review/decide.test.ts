import { describe, expect, it } from 'vitest';
import { CONFIRM, KEEP, NEXT, NUMBER_EMOJI, UNDO } from '../../../src/discord/emoji.js';
import { decideReaction } from '../../../src/bot/review/decide.js';
import {
  reviewAccounts,
  type AccountOutcome,
  type PageMessage,
  type ReviewSession,
} from '../../../src/unfollows/review-session.js';
import { mixedFlags, PAGE_1, PAGE_2, reportOf } from './report.js';

const OWNER = '100000000000000001';
const NOW = Date.UTC(2026, 11, 1, 9);
const DAY = 86_400_000;
const page1: PageMessage = { page: 0, channelId: '1', messageId: '11' };
const page2: PageMessage = { page: 1, channelId: '1', messageId: '12' };

function session(change: Partial<ReviewSession> = {}): ReviewSession {
  return {
    personId: OWNER,
    auditId: 'a1',
    platform: 'x',
    xUserId: '1',
    accounts: reviewAccounts(reportOf(mixedFlags())),
    messages: new Map([[0, page1]]),
    selected: new Set(),
    outcomes: new Map(),
    ...change,
  };
}

const handles = (decision: ReturnType<typeof decideReaction>) =>
  'accounts' in decision ? decision.accounts.map((a) => a.handle) : [];

describe('what a reaction on a review page means', () => {
  it('lists the unfollow verdicts first, then the review ones, each in the report order, in pages of 10', () => {
    const accounts = session().accounts;
    expect(accounts.map((a) => a.handle)).toEqual([...PAGE_1, ...PAGE_2]);
    expect(accounts[0]).toEqual({
      index: 0,
      id: '1001',
      handle: 'unf_1',
      verdict: 'unfollow',
      verdictReason: 'why unfollow @unf_1',
      reasons: ['reason of @unf_1'],
    });
  });

  it('selects and unselects the numbered account of the page it is pressed on', () => {
    expect(decideReaction(session(), page1, NUMBER_EMOJI[2], OWNER, true, NOW)).toMatchObject({
      kind: 'select',
      page: 0,
      account: { handle: 'unf_3' },
    });
    expect(decideReaction(session(), page2, NUMBER_EMOJI[2], OWNER, false, NOW)).toMatchObject({
      kind: 'deselect',
      page: 1,
      account: { handle: 'rev_5' },
    });
    expect(decideReaction(session(), page2, NUMBER_EMOJI[3], OWNER, true, NOW)).toEqual({
      kind: 'ignore',
      removeReaction: false,
    });
  });

  it('confirms only what is selected on this page and not already on its way or done: there is no "select all"', () => {
    const outcomes = new Map<number, AccountOutcome>([
      [1, { status: 'pending', confirmedAt: NOW, waitingUntil: null, reason: null }],
      [2, { status: 'unfollowed', confirmedAt: NOW, at: NOW }],
      [3, { status: 'failed', confirmedAt: NOW, message: 'X refused' }],
      [4, { status: 'kept', confirmedAt: null }],
    ]);
    const s = session({ selected: new Set([0, 1, 2, 3, 4, 11]), outcomes });
    const decision = decideReaction(s, page1, CONFIRM, OWNER, true, NOW);
    expect(decision.kind).toBe('confirm');
    expect(handles(decision), 'untouched and failed ones; never page 2, never unselected').toEqual([
      'unf_1',
      'unf_4',
    ]);

    expect(decideReaction(session(), page1, CONFIRM, OWNER, true, NOW)).toMatchObject({
      kind: 'note',
      text: expect.stringMatching(/^Select accounts/),
    });
    expect(
      decideReaction(session({ selected: new Set([1, 2]), outcomes }), page1, CONFIRM, OWNER, true, NOW),
    ).toMatchObject({ kind: 'note', text: expect.stringMatching(/^Nothing new to unfollow/) });
    expect(
      decideReaction(
        session({ selected: new Set([0]), platform: 'instagram' }),
        page1,
        CONFIRM,
        OWNER,
        true,
        NOW,
      ),
    ).toMatchObject({ kind: 'in_app', accounts: [expect.objectContaining({ index: 0 })] });
  });

  it('ignores anyone but the owner, taking their reaction off; and takes nothing back when the owner removes ✅ 🛡️ ⏭️', () => {
    const s = session({ selected: new Set([0]) });
    for (const emoji of [NUMBER_EMOJI[0], CONFIRM, KEEP, NEXT, UNDO]) {
      expect(decideReaction(s, page1, emoji, '200000000000000002', true, NOW)).toEqual({
        kind: 'ignore',
        removeReaction: true,
      });
      expect(decideReaction(s, page1, emoji, '200000000000000002', false, NOW)).toEqual({
        kind: 'ignore',
        removeReaction: false,
      });
    }
    for (const emoji of [CONFIRM, KEEP, NEXT, UNDO])
      expect(decideReaction(s, page1, emoji, OWNER, false, NOW)).toEqual({
        kind: 'ignore',
        removeReaction: false,
      });
    expect(decideReaction(s, page1, '👍', OWNER, true, NOW)).toEqual({
      kind: 'ignore',
      removeReaction: false,
    });
    expect(decideReaction(null, null, CONFIRM, OWNER, true, NOW)).toEqual({
      kind: 'ignore',
      removeReaction: false,
    });
  });

  it('keeps the selected that are not unfollowed yet, a queued one included (the worker re-checks the keep list)', () => {
    const outcomes = new Map<number, AccountOutcome>([
      [0, { status: 'pending', confirmedAt: NOW, waitingUntil: NOW + DAY, reason: 'daily' }],
      [1, { status: 'unfollowed', confirmedAt: NOW, at: NOW }],
    ]);
    expect(
      handles(
        decideReaction(session({ selected: new Set([0, 1, 2]), outcomes }), page1, '🛡', OWNER, true, NOW),
      ),
    ).toEqual(['unf_1', 'unf_3']);
  });

  it('sends the next page once, and says when there is none', () => {
    expect(decideReaction(session(), page1, NEXT, OWNER, true, NOW)).toEqual({ kind: 'next', page: 1 });
    const both = session({
      messages: new Map([
        [0, page1],
        [1, page2],
      ]),
    });
    expect(decideReaction(both, page1, NEXT, OWNER, true, NOW)).toEqual({
      kind: 'note',
      page: 0,
      text: 'Page 2 is already below.',
    });
    expect(decideReaction(both, page2, NEXT, OWNER, true, NOW)).toEqual({
      kind: 'note',
      page: 1,
      text: 'This is the last page.',
    });
  });

  it('undoes what this page unfollowed in the last 7 days, whether or not it is selected', () => {
    const outcomes = new Map<number, AccountOutcome>([
      [0, { status: 'unfollowed', confirmedAt: NOW - 8 * DAY, at: NOW - 8 * DAY }],
      [1, { status: 'unfollowed', confirmedAt: NOW - 6 * DAY, at: NOW - 6 * DAY }],
      [2, { status: 'pending', confirmedAt: NOW, waitingUntil: null, reason: null }],
      [10, { status: 'unfollowed', confirmedAt: NOW, at: NOW }],
    ]);
    expect(handles(decideReaction(session({ outcomes }), page1, UNDO, OWNER, true, NOW))).toEqual(['unf_2']);
  });
});
