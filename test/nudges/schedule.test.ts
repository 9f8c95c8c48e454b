import { defaultRepeatStrategy } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  digestRepeat,
  digestRepeatAfter,
  instantWords,
  nextDigestAt,
  periodKey,
  scheduleWords,
} from '../../src/nudges/schedule.js';
import { nudgeRepeatStrategy } from '../../src/queues/queues.js';
import { DEFAULT_NUDGE_SETTINGS, withNudgeSettings, type NudgeSettings } from '../../src/nudges/settings.js';
import { wallTimeAt } from '../../src/nudges/zoned-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

function settings(overrides: Partial<NudgeSettings> = {}): NudgeSettings {
  return withNudgeSettings({ ...DEFAULT_NUDGE_SETTINGS, enabled: true }, overrides);
}

/** The digests from `from` on, one after the other, as the person's next-digest line would name them. */
function digests(s: NudgeSettings, from: number, n: number): string[] {
  const out: string[] = [];
  let t = from;
  for (let i = 0; i < n; i += 1) {
    t = nextDigestAt(s, t);
    out.push(iso(t));
  }
  return out;
}

describe('when the digest goes out', () => {
  it('defaults to Mondays at 09:00 UTC', () => {
    expect(scheduleWords(DEFAULT_NUDGE_SETTINGS)).toBe('every Monday at 09:00 (UTC)');
    expect(digests(DEFAULT_NUDGE_SETTINGS, at('2025-03-26T12:00:00Z'), 2)).toEqual([
      '2025-03-31T09:00:00.000Z',
      '2025-04-07T09:00:00.000Z',
    ]);
  });

  it('keeps to 09:00 on a London clock when the clocks go forward in March', () => {
    const london = settings({ timeZone: 'Europe/London' });
    // 09:00 GMT is 09:00 UTC; after Sunday 30 March, 09:00 BST is 08:00 UTC.
    expect(digests(london, at('2025-03-20T00:00:00Z'), 3)).toEqual([
      '2025-03-24T09:00:00.000Z',
      '2025-03-31T08:00:00.000Z',
      '2025-04-07T08:00:00.000Z',
    ]);
    expect(instantWords(at('2025-03-31T08:00:00Z'), 'Europe/London')).toBe('Monday 31 March, 09:00');
    const daily = settings({ timeZone: 'Europe/London', period: 'daily', day: 'daily' });
    expect(digests(daily, at('2025-03-29T00:00:00Z'), 3)).toEqual([
      '2025-03-29T09:00:00.000Z',
      '2025-03-30T08:00:00.000Z',
      '2025-03-31T08:00:00.000Z',
    ]);
  });

  it('takes a time the clocks skip as an hour later, and a time they show twice as the first', () => {
    // 01:30 does not exist in London on 30 March 2025: the digest comes at 02:30 BST.
    expect(
      iso(
        nextDigestAt(
          settings({ timeZone: 'Europe/London', day: 0, time: '01:30' }),
          at('2025-03-29T00:00:00Z'),
        ),
      ),
    ).toBe('2025-03-30T01:30:00.000Z');
    // 02:30 does not exist in New York on 9 March 2025: 03:30 EDT.
    expect(
      iso(
        nextDigestAt(
          settings({ timeZone: 'America/New_York', day: 0, time: '02:30' }),
          at('2025-03-08T00:00:00Z'),
        ),
      ),
    ).toBe('2025-03-09T07:30:00.000Z');
    // 01:30 happens twice in New York on 2 November 2025: the first, in EDT; one digest, not two.
    const twice = settings({ timeZone: 'America/New_York', day: 0, time: '01:30' });
    expect(digests(twice, at('2025-11-01T00:00:00Z'), 2)).toEqual([
      '2025-11-02T05:30:00.000Z',
      '2025-11-09T06:30:00.000Z',
    ]);
  });

  it('follows New York and Sydney, whose clocks change on other dates and the other way', () => {
    const ny = settings({ timeZone: 'America/New_York' });
    expect(digests(ny, at('2025-03-01T00:00:00Z'), 2)).toEqual([
      '2025-03-03T14:00:00.000Z',
      '2025-03-10T13:00:00.000Z',
    ]);
    // Sydney leaves daylight time on 6 April 2025: 09:00 AEDT is 22:00 UTC the day before, 09:00 AEST 23:00.
    const sydney = settings({ timeZone: 'Australia/Sydney' });
    expect(digests(sydney, at('2025-03-30T00:00:00Z'), 2)).toEqual([
      '2025-03-30T22:00:00.000Z',
      '2025-04-06T23:00:00.000Z',
    ]);
  });

  it('moves a digest that falls in quiet hours to their end, across midnight when they span it', () => {
    const late = settings({
      timeZone: 'Europe/Berlin',
      day: 0,
      time: '23:30',
      quietHours: { from: '22:00', to: '07:00' },
    });
    expect(scheduleWords(late)).toBe(
      'every Monday at 07:00 (Europe/Berlin): 23:30 falls in your quiet hours, so the digest waits for them to end',
    );
    expect(iso(nextDigestAt(late, at('2025-06-01T00:00:00Z')))).toBe('2025-06-02T05:00:00.000Z');
    const early = settings({
      timeZone: 'Europe/Berlin',
      time: '06:00',
      quietHours: { from: '22:00', to: '07:00' },
    });
    expect(iso(nextDigestAt(early, at('2025-06-01T00:00:00Z')))).toBe('2025-06-02T05:00:00.000Z');
    const lunch = settings({ time: '12:30', quietHours: { from: '12:00', to: '14:00' } });
    expect(iso(nextDigestAt(lunch, at('2025-06-01T00:00:00Z')))).toBe('2025-06-02T14:00:00.000Z');
    const outside = settings({ time: '09:00', quietHours: { from: '22:00', to: '07:00' } });
    expect(scheduleWords(outside)).toBe('every Monday at 09:00 (UTC)');
  });

  it('never lands a digest inside quiet hours on the person’s clock, whatever the zone and season', () => {
    for (const timeZone of ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney']) {
      for (const time of ['21:00', '23:59', '00:00', '06:59']) {
        const s = settings({
          timeZone,
          time,
          period: 'daily',
          day: 'daily',
          quietHours: { from: '21:00', to: '07:00' },
        });
        for (const t of digests(s, at('2025-01-01T00:00:00Z'), 400).map(at)) {
          const wall = wallTimeAt(t, timeZone);
          expect(wall.hour * 60 + wall.minute, `${timeZone} ${time} ${iso(t)}`).toBe(7 * 60);
        }
      }
    }
  });
});

describe('one digest per period', () => {
  const london = settings({ timeZone: 'Europe/London' });

  it('names the ISO week of the digest on the person’s clock, or its day for a daily digest', () => {
    expect(periodKey(london, at('2025-03-31T08:00:00Z'))).toBe('2025-W14');
    expect(
      periodKey(
        settings({ period: 'daily', day: 'daily', timeZone: 'Asia/Tokyo' }),
        at('2025-03-31T00:00:00Z'),
      ),
    ).toBe('2025-03-31');
    expect(periodKey(DEFAULT_NUDGE_SETTINGS, at('2024-12-30T09:00:00Z'))).toBe('2025-W01');
    expect(periodKey(settings({ day: 5 }), at('2027-01-01T09:00:00Z'))).toBe('2026-W53');
  });

  it('counts a job that runs late or a little early for the digest it was meant as', () => {
    const slot = at('2025-03-31T08:00:00Z');
    for (const offset of [-HOUR, 0, 5 * 60_000, 6 * HOUR, 3 * DAY])
      expect(periodKey(london, slot + offset)).toBe('2025-W14');
    expect(periodKey(london, slot + 4 * DAY)).toBe('2025-W15');
    const daily = settings({ period: 'daily', day: 'daily', time: '23:00' });
    expect(periodKey(daily, at('2025-03-31T23:00:00Z') + 2 * HOUR)).toBe('2025-03-31');
  });

  it('keeps the week of a digest that quiet hours pushed past midnight into Monday', () => {
    const sunday = settings({ day: 0, time: '23:30', quietHours: { from: '22:00', to: '07:00' } });
    expect(periodKey(sunday, at('2025-03-31T07:00:00Z'))).toBe('2025-W14');
    expect(periodKey(sunday, at('2025-04-07T07:00:00Z'))).toBe('2025-W15');
  });

  it('gives a person who moves their day after this week’s digest the next one next week', () => {
    const monday = at('2025-03-31T08:00:00Z');
    const wednesday = settings({ timeZone: 'Europe/London', day: 3 });
    const next = nextDigestAt(wednesday, monday + HOUR);
    expect(periodKey(wednesday, next)).toBe(periodKey(london, monday));
  });
});

describe('the job scheduler', () => {
  it('gives BullMQ a cron pattern in the person’s zone, quiet hours folded in', () => {
    expect(digestRepeat(settings({ timeZone: 'Europe/London' }))).toEqual({
      pattern: '0 9 * * 1',
      tz: 'Europe/London',
    });
    expect(
      digestRepeat(settings({ day: 6, time: '23:30', quietHours: { from: '22:00', to: '07:00' } })),
    ).toEqual({ pattern: '0 7 * * 0', tz: 'UTC' });
    expect(digestRepeat(settings({ period: 'daily', day: 'daily', time: '18:45' }))).toEqual({
      pattern: '45 18 * * *',
      tz: 'UTC',
    });
  });

  it('fires exactly when nextDigestAt says, by BullMQ’s own reckoning, across DST changes and quiet hours', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'Asia/Tehran',
      'UTC',
    ];
    const quiet = [null, { from: '22:00', to: '07:00' }, { from: '01:00', to: '03:00' }];
    // Ten digests from each start cross the DST changes of both hemispheres (the US in early March and
    // November, Europe at the end of March and October, Sydney in early April and October): ten weeks
    // from two starts for a weekly digest, ten days from each of six for a daily one.
    const dailyStarts = [
      '2025-03-01',
      '2025-03-24',
      '2025-04-01',
      '2025-09-01',
      '2025-10-01',
      '2025-10-22',
    ].map((d) => at(`${d}T00:00:00Z`));
    const weeklyStarts = ['2025-03-01', '2025-09-01'].map((d) => at(`${d}T00:00:00Z`));
    for (const timeZone of zones) {
      for (const time of ['00:30', '01:30', '02:30', '09:00', '23:59']) {
        for (const day of [0, 6, 'daily'] as const) {
          for (const quietHours of quiet) {
            const s = settings({
              timeZone,
              time,
              day,
              period: day === 'daily' ? 'daily' : 'weekly',
              quietHours,
            });
            for (let t of day === 'daily' ? dailyStarts : weeklyStarts) {
              for (let i = 0; i < 10; i += 1) {
                const ours = nextDigestAt(s, t);
                expect(
                  defaultRepeatStrategy(t, digestRepeat(s)),
                  `${JSON.stringify(s)} after ${iso(t)}`,
                ).toBe(ours);
                t = ours;
              }
            }
          }
        }
      }
    }
  });
});

describe('where BullMQ and the clock disagree', () => {
  it('still sends one digest a week when cron skips a time the clocks jump over at midnight', () => {
    // Chile's clocks go from 00:00 to 01:00 on Sunday 7 September 2025. Cron (and so BullMQ) skips that
    // Sunday's 00:00 digest where nextDigestAt names 01:00: the next one still counts for its own week.
    const santiago = settings({ timeZone: 'America/Santiago', day: 0, time: '00:00' });
    const before = at('2025-09-01T00:00:00Z');
    expect(iso(nextDigestAt(santiago, before))).toBe('2025-09-07T04:00:00.000Z');
    const fired = defaultRepeatStrategy(before, digestRepeat(santiago))!;
    expect(iso(fired)).toBe('2025-09-14T03:00:00.000Z');
    expect(periodKey(santiago, fired)).toBe('2025-W37');
    expect(periodKey(santiago, at('2025-08-31T04:00:00Z'))).toBe('2025-W35');
  });
});

describe('the digest schedulers’ own repeat strategy', () => {
  it('sends the Sunday digest the clocks jump over at midnight, where cron would skip that week', () => {
    const santiago = settings({ timeZone: 'America/Santiago', day: 0, time: '00:00' });
    const before = at('2025-09-01T00:00:00Z');
    expect(iso(nudgeRepeatStrategy(before, digestRepeat(santiago)) as number)).toBe(
      iso(nextDigestAt(santiago, before)),
    );
    expect(iso(nudgeRepeatStrategy(before, digestRepeat(santiago)) as number)).toBe(
      '2025-09-07T04:00:00.000Z',
    );
  });

  it('keeps scheduling in a zone whose half-hour shift cron cannot follow (Australia/Lord_Howe)', () => {
    const lordHowe = settings({ timeZone: 'Australia/Lord_Howe', day: 1, time: '09:00' });
    let t = at('2025-09-01T00:00:00Z');
    for (let week = 0; week < 60; week += 1) {
      const next = nudgeRepeatStrategy(t, digestRepeat(lordHowe)) as number;
      expect(next).toBeGreaterThan(t);
      const wall = wallTimeAt(next, 'Australia/Lord_Howe');
      expect([
        wall.hour,
        wall.minute,
        new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay(),
      ]).toEqual([9, 0, 1]);
      t = next;
    }
  });

  it('leaves patterns that are not a digest’s to cron', () => {
    expect(
      digestRepeatAfter(at('2025-09-01T00:00:00Z'), { pattern: '*/5 * * * *', tz: 'UTC' }),
    ).toBeUndefined();
    const every5 = nudgeRepeatStrategy(at('2025-09-01T00:01:00Z'), {
      pattern: '*/5 * * * *',
      tz: 'UTC',
    }) as number;
    expect(iso(every5)).toBe(
      iso(defaultRepeatStrategy(at('2025-09-01T00:01:00Z'), { pattern: '*/5 * * * *', tz: 'UTC' })!),
    );
  });
});

describe('nudge settings', () => {
  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'Time zone: not a time zone Tend knows: use a name such as Europe/London'],
    [{ time: '9am' }, 'Time: write a time as HH:MM on a 24-hour clock, such as 09:00'],
    [{ time: '24:00' }, 'Time: write a time as HH:MM on a 24-hour clock, such as 09:00'],
    [{ period: 'daily' as const }, 'Day: a daily digest has no weekday, and a weekly one needs one'],
    [{ day: 7 }, 'Day: Too big: expected number to be <=6'],
    [
      { quietHours: { from: '22:00', to: '22:00' } },
      'Quiet hours: quiet hours need different start and end times',
    ],
  ])('refuses %j, saying which setting and why', (patch, message) => {
    expect(() => withNudgeSettings(DEFAULT_NUDGE_SETTINGS, patch)).toThrow(new UserError(message));
  });

  it('is off until the person turns it on', () => {
    expect(DEFAULT_NUDGE_SETTINGS.enabled).toBe(false);
  });

  it('spells a time zone as Intl does, whatever case the person typed', () => {
    expect(withNudgeSettings(DEFAULT_NUDGE_SETTINGS, { timeZone: ' europe/london ' }).timeZone).toBe(
      'Europe/London',
    );
  });
});
