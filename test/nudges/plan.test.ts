import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/classify.js';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { recordEvent } from '../../src/ledger.js';
import type { InteractionEvent } from '../../src/model.js';
import { planDigest, type PlanInput } from '../../src/nudges/plan.js';
import { NO_NUDGE_STATE, type AccountNudgeState } from '../../src/nudges/state.js';
import { followed, input, ledgerOf, person } from '../engine/fixtures.js';
import { DAY, NOW, daysAgo, isoDaysAgo, kept, nurtured, reportOf } from './fixtures.js';

const botScorer = defaultBotScorer();

const exchange = (
  handle: string,
  days: number,
  kind: InteractionEvent['kind'] = 'reply',
): InteractionEvent[] => [
  { who: { handle, id: `id-${handle}` }, kind, direction: 'out', at: daysAgo(days) },
  { who: { handle, id: `id-${handle}` }, kind, direction: 'in', at: daysAgo(days + 3) },
];

/** Messages both ways a week apart, the last `days` ago: a regular tie (cadence 30 days). */
const friendship = (handle: string, days: number) =>
  [0, 7, 14].flatMap((week) => exchange(handle, days + week, 'dm'));

/** An audit by the real engine: ten genuine followers gone quiet, and three the audit does not nurture. */
function audited() {
  const quiet = ['ada', 'bea', 'cy', 'dot', 'eve', 'fay', 'gus', 'hal', 'ivy', 'jo'];
  const events = quiet.flatMap((handle, i) => friendship(handle, 35 + 5 * i));
  events.push(...friendship('recent', 3), ...friendship('oneway', 60), ...friendship('sleepy', 60));
  const ledger = ledgerOf(events);
  const accounts = [
    ...quiet.map((handle) => followed(person(handle, { id: `id-${handle}` }))),
    followed(person('recent', { id: 'id-recent' })),
    followed(person('oneway', { id: 'id-oneway', followsOwner: false })),
    followed(person('sleepy', { id: 'id-sleepy', lastPostAt: daysAgo(900) })),
  ];
  return { report: audit(input(accounts, { ledger }), { botScorer }), ledger };
}

function plan(overrides: Partial<PlanInput> & Pick<PlanInput, 'report'>) {
  return planDigest({ nudgeState: new Map(), now: NOW, ...overrides });
}

const state = (entries: Record<string, Partial<AccountNudgeState>>) =>
  new Map(Object.entries(entries).map(([key, s]) => [key, { ...NO_NUDGE_STATE, ...s }]));

describe('who the digest names', () => {
  it('names only accounts the report nurtures, for the reasons the report gives, brought to today', () => {
    const { report, ledger } = audited();
    const nurture = report.accounts.filter((a) => a.verdict === 'nurture');
    expect(nurture.map((a) => a.handle).sort()).toEqual([
      'ada',
      'bea',
      'cy',
      'dot',
      'eve',
      'fay',
      'gus',
      'hal',
      'ivy',
      'jo',
    ]);
    const digest = plan({ report, ledger });
    expect(digest.people).toHaveLength(5);
    expect(digest.more).toBe(5);
    expect(digest.nurture).toBe(10);
    const jo = report.accounts.find((a) => a.handle === 'jo')!;
    expect(jo.reasons[jo.categories.indexOf('neglected')]).toBe(
      'mutual and on-topic; you last messaged them 80 days ago (cadence 30 days)',
    );
    const named = (p: ReturnType<typeof plan>) => new Map(p.people.map((x) => [x.handle, x.why]));
    expect(named(digest).get('jo')).toBe(
      'mutual and on-topic; you last messaged them 80 days ago; 6 interactions both ways on record',
    );
    // A week later the same reason, a week older.
    expect(named(plan({ report, ledger, now: NOW + 7 * DAY })).get('jo')).toBe(
      'mutual and on-topic; you last messaged them 87 days ago; 6 interactions both ways on record',
    );
  });

  it('names at most five, most at stake first, and counts the rest', () => {
    const report = reportOf(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((h, i) => nurtured(h, { strength: 20 - i })),
    );
    const digest = plan({ report });
    expect(digest.people.map((p) => p.handle)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(digest.more).toBe(2);
  });

  it('holds back whoever was snoozed, muted, or nudged within their tier’s cadence', () => {
    const report = reportOf([
      nurtured('closefriend', { tier: 'close' }),
      nurtured('regular', { tier: 'regular' }),
      nurtured('casual', { tier: 'casual' }),
      nurtured('snoozed'),
      nurtured('woke'),
      nurtured('muted'),
      kept('keeper'),
    ]);
    const nudgeState = state({
      'id:id-closefriend': { lastNudgedAt: daysAgo(15) },
      'id:id-regular': { lastNudgedAt: daysAgo(29) },
      'id:id-casual': { lastNudgedAt: daysAgo(60) },
      'id:id-snoozed': { snoozedUntil: NOW + DAY },
      'id:id-woke': { snoozedUntil: NOW - DAY },
      'id:id-muted': { never: true },
    });
    expect(
      plan({ report, nudgeState })
        .people.map((p) => p.handle)
        .sort(),
    ).toEqual(['closefriend', 'woke']);
    const later = plan({ report, nudgeState, now: NOW + 2 * DAY });
    expect(later.people.map((p) => p.handle).sort()).toEqual(['closefriend', 'regular', 'snoozed', 'woke']);
  });

  it('uses the person’s own cadence for an account over its tier’s', () => {
    const report = reportOf([nurtured('pal', { tier: 'regular' })]);
    const nudgeState = state({ 'id:id-pal': { lastNudgedAt: daysAgo(45) } });
    expect(plan({ report, nudgeState }).people).toHaveLength(1);
    expect(plan({ report, nudgeState, cadenceOverrides: new Map([['id:id-pal', 60]]) }).people).toHaveLength(
      0,
    );
    expect(plan({ report, nudgeState, cadenceOverrides: new Map([['id:id-pal', 7]]) }).people).toHaveLength(
      1,
    );
  });

  it('takes a reply the ledger saw after the report as a reset clock, but not their reaching out', () => {
    const { report, ledger } = audited();
    expect(plan({ report, ledger }).people.map((p) => p.handle)).toEqual(['jo', 'ivy', 'hal', 'gus', 'fay']);
    recordEvent(ledger, { who: { id: 'id-ivy' }, kind: 'dm', direction: 'out', at: NOW + DAY });
    recordEvent(ledger, { who: { id: 'id-jo' }, kind: 'mention', direction: 'in', at: NOW + DAY });
    const digest = plan({ report, ledger, now: NOW + 2 * DAY });
    expect(digest.people.map((p) => p.handle)).toEqual(['jo', 'hal', 'gus', 'fay', 'eve']);
    expect(digest.more).toBe(4);
    expect(digest.people[0]?.why).toBe(
      'mutual and on-topic; you last messaged them 82 days ago; they last reached out 1 day ago; 7 interactions both ways on record',
    );
  });

  it('holds back for a cadence after ✅, then says when they got in touch', () => {
    const report = reportOf([nurtured('pal')]);
    expect(plan({ report, nudgeState: state({ 'id:id-pal': { doneAt: daysAgo(10) } }) }).people).toHaveLength(
      0,
    );
    const due = plan({ report, nudgeState: state({ 'id:id-pal': { doneAt: daysAgo(31) } }) });
    expect(due.people[0]?.why).toBe(
      'mutual and on-topic; you last got in touch 31 days ago (you marked it ✅)',
    );
  });
});

describe('what is at stake', () => {
  it('puts the stronger tie first, then the longer silence, then whoever is posting now', () => {
    const report = reportOf([
      nurtured('weak', { strength: 2 }),
      nurtured('strong', { strength: 12 }),
      nurtured('quiet', { strength: 2, lastInteractionAt: isoDaysAgo(80) }),
      nurtured('active', { strength: 2, lastActiveAt: isoDaysAgo(1) }),
    ]);
    expect(plan({ report }).people.map((p) => p.handle)).toEqual(['strong', 'quiet', 'active', 'weak']);
  });

  it('weighs strength as it is today where the ledger says more than the report', () => {
    const report = reportOf([nurtured('a', { strength: 1 }), nurtured('b', { strength: 30 })]);
    const ledger = ledgerOf([
      ...exchange('a', 40),
      ...exchange('a', 41),
      ...exchange('a', 42),
      ...exchange('b', 40),
    ]);
    expect(plan({ report, ledger }).people.map((p) => p.handle)).toEqual(['a', 'b']);
  });
});

describe('why, in plain words', () => {
  it('says how long they have been followed and what they posted, where that is known, and less where not', () => {
    const report = reportOf([
      nurtured('pal'),
      nurtured('stranger', {
        lastInteractionAt: null,
        lastActiveAt: null,
        reasons: ['mutual and on-topic; you have never interacted'],
      }),
    ]);
    const details = new Map([
      [
        'id:id-pal',
        {
          followedAt: NOW - 3 * 365 * DAY - 5 * DAY,
          recentPost: { text: 'Tosca tonight!', at: daysAgo(2), url: 'https://x.com/pal/status/1' },
        },
      ],
    ]);
    const digest = plan({ report, details });
    const pal = digest.people.find((p) => p.handle === 'pal')!;
    expect(pal.why).toBe(
      'mutual and on-topic; you have followed them for 3 years; your last interaction either way was 47 days ago',
    );
    expect(pal.recent).toEqual({ text: 'Tosca tonight!', at: daysAgo(2), url: 'https://x.com/pal/status/1' });
    const stranger = digest.people.find((p) => p.handle === 'stranger')!;
    expect(stranger.why).toBe('mutual and on-topic');
    expect(stranger.recent).toBeNull();
    expect(plan({ report: reportOf([nurtured('pal')]) }).people[0]?.recent).toEqual({
      text: null,
      at: daysAgo(100),
      url: null,
    });
  });

  it('says they reached out when the person never answered, and that they never talked when the ledger has nothing', () => {
    const report = reportOf([
      nurtured('fan', {
        reasons: ['mutual; they last reached out 120 days ago and you have never interacted back'],
      }),
      nurtured('new'),
    ]);
    const ledger = ledgerOf([{ who: { id: 'id-fan' }, kind: 'mention', direction: 'in', at: daysAgo(120) }]);
    const why = new Map(plan({ report, ledger }).people.map((p) => [p.handle, p.why]));
    expect(why.get('fan')).toBe(
      'mutual; they last reached out 120 days ago and you have never interacted back',
    );
    expect(why.get('new')).toBe('mutual and on-topic; you have never interacted');
  });
});
