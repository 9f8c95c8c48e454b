import { describe, expect, it } from 'vitest';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { auditFollowers } from '../../src/engine/followers.js';
import { emptyLedger, recordEvent } from '../../src/ledger.js';
import { DEFAULT_THRESHOLDS, type InteractionEvent } from '../../src/model.js';
import { digestMessage } from '../../src/nudges/digest-message.js';
import { planDigest } from '../../src/nudges/plan.js';
import { DAY, NOW, daysAgo, nurtured, reportOf } from './fixtures.js';

const event = (
  handle: string,
  direction: 'in' | 'out',
  days: number,
  kind: InteractionEvent['kind'] = 'reply',
) => ({ who: { handle, id: `id-${handle}` }, kind, direction, at: daysAgo(days) }) satisfies InteractionEvent;

/** Her followers, audited by the engine from the ledger alone: who wrote to her, whom she answered and follows. */
function audited() {
  const ledger = emptyLedger();
  const events = [
    // Six replies since December (the ledger bounds the oldest at March), none answered, and she does not follow them.
    ...[175, 170, 165, 160, 30, 10].map((d) => event('fan', 'in', d)),
    // Two mentions lately from someone she follows, never answered.
    event('quietfriend', 'in', 20, 'mention'),
    event('quietfriend', 'in', 5, 'mention'),
    // Someone she follows and answered.
    event('answered', 'in', 12),
    event('answered', 'out', 11),
    // A neglected mutual's history, for the nurture account.
    event('ada', 'out', 47),
    event('ada', 'in', 50),
  ];
  for (const e of events) recordEvent(ledger, e);
  const followers = ['fan', 'quietfriend', 'answered', 'ada', 'lurker'].map((h) => `id-${h}`);
  const { audit } = auditFollowers(
    {
      platform: 'x',
      keyKind: 'id',
      current: followers,
      population: 'all',
      sample: [],
      profiles: new Map(),
      following: new Set(['id-quietfriend', 'id-answered', 'id-ada']),
      ledger,
      history: [],
      owner: 'x:9',
      now: NOW,
      thresholds: DEFAULT_THRESHOLDS,
    },
    { botScorer: defaultBotScorer() },
  );
  const report = { ...reportOf([nurtured('ada', { strength: 1 })]), followers: audit };
  return { report, ledger };
}

describe('the nudges learn from followers', () => {
  it('names the engaged followers never answered or not followed back, beside the neglected mutuals, saying what to do', () => {
    const { report, ledger } = audited();
    const plan = planDigest({ report, ledger, nudgeState: new Map(), now: NOW });
    const byHandle = new Map(plan.people.map((p) => [p.handle, p]));
    expect([...byHandle.keys()].sort()).toEqual(['ada', 'fan', 'quietfriend']);
    expect(byHandle.get('fan')!.action).toBe('follow back');
    expect(byHandle.get('fan')!.why).toBe(
      'a loyal follower; wrote to you 6 times since March or earlier, the latest 10 days ago; you have never written back; you do not follow them back',
    );
    expect(byHandle.get('quietfriend')!.action).toBe('reply');
    expect(byHandle.get('quietfriend')!.why).toMatch(/^wrote to you 2 times.*; you have never written back$/);
    expect(byHandle.get('ada')!.action).toBeUndefined();
    // The loyal follower's side of the tie outweighs a fading acquaintance's.
    expect(plan.people[0]!.handle).toBe('fan');
    const text = JSON.stringify(digestMessage(plan, NOW));
    expect(text).toContain('[@fan](https://x.com/fan) — **follow back**');
    expect(text).toContain('— **reply**');
  });

  it('stops naming a follower once she writes back and follows them, and never names a fake one', () => {
    const { report, ledger } = audited();
    recordEvent(ledger, event('quietfriend', 'out', 1));
    const fan = report.followers.followers.find((f) => f.id === 'id-fan')!;
    fan.categories.push('fake');
    const plan = planDigest({ report, ledger, nudgeState: new Map(), now: NOW });
    expect(plan.people.map((p) => p.id)).toEqual(['id-ada']);
  });

  it('holds a follower back while snoozed, and for the regular cadence after a nudge', () => {
    const { report, ledger } = audited();
    const state = new Map([
      ['id:id-fan', { lastNudgedAt: NOW - 10 * DAY, snoozedUntil: null, never: false, doneAt: null }],
      ['id:id-quietfriend', { lastNudgedAt: null, snoozedUntil: NOW + DAY, never: false, doneAt: null }],
    ]);
    expect(planDigest({ report, ledger, nudgeState: state, now: NOW }).people.map((p) => p.id)).toEqual([
      'id-ada',
    ]);
    const later = NOW + 31 * DAY;
    state.get('id:id-quietfriend')!.snoozedUntil = null;
    expect(
      planDigest({ report, ledger, nudgeState: state, now: later })
        .people.map((p) => p.id)
        .sort(),
    ).toEqual(['id-ada', 'id-fan', 'id-quietfriend']);
  });
});
