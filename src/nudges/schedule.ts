/**
 * When a person's digests go out. Pure: settings and an instant in, instants and keys out.
 *
 * BullMQ fires the digests: one job scheduler per person (`upsertJobScheduler`) with a cron pattern and
 * the person's time zone (`digestRepeat`), so BullMQ itself follows their DST changes, and a restart or a
 * second worker changes nothing (the scheduler lives in Redis). Quiet hours are fixed on the person's
 * clock, so they move the digest by a fixed amount and fold into the pattern. `nextDigestAt` works out
 * the same instants (the tests hold it to BullMQ's own cron strategy), for telling the person when.
 */
import { minutesOf, type NudgeSettings } from './settings.js';
import { addDays, instantOf, isoDay, isoWeek, wallTimeAt, weekdayOf, type WallTime } from './zoned-time.js';

/** Where the digest lands on the person's clock once quiet hours have had their say. */
export interface DeliveryTime {
  minutes: number;
  /** Quiet hours spanning midnight pushed it to the next morning. */
  nextDay: boolean;
  /** Quiet hours moved it from the time the person chose. */
  moved: boolean;
}

function deliveryTime(settings: NudgeSettings): DeliveryTime {
  const chosen = minutesOf(settings.time);
  const quiet = settings.quietHours;
  if (quiet) {
    const from = minutesOf(quiet.from);
    const to = minutesOf(quiet.to);
    const wraps = from > to;
    const inside = wraps ? chosen >= from || chosen < to : chosen >= from && chosen < to;
    if (inside) return { minutes: to, nextDay: wraps && chosen >= from, moved: true };
  }
  return { minutes: chosen, nextDay: false, moved: false };
}

/** The digest instants of the days from `fromDays` to `toDays` after `t`'s day on the person's clock, in order. */
function slotsAround(settings: NudgeSettings, t: number, fromDays: number, toDays: number): number[] {
  const today = wallTimeAt(t, settings.timeZone);
  const delivery = deliveryTime(settings);
  const slots: number[] = [];
  for (let k = fromDays; k <= toDays; k += 1) {
    const chosenDay = addDays(today, k);
    if (settings.day !== 'daily' && weekdayOf(chosenDay) !== settings.day) continue;
    const day = delivery.nextDay ? addDays(chosenDay, 1) : chosenDay;
    const wall: WallTime = { ...day, hour: Math.floor(delivery.minutes / 60), minute: delivery.minutes % 60 };
    slots.push(instantOf(wall, settings.timeZone));
  }
  return slots;
}

/** The first digest strictly after `now`. */
export function nextDigestAt(settings: NudgeSettings, now: number): number {
  // From the day before: quiet hours may push yesterday's digest into today.
  const next = slotsAround(settings, now, -1, 8).find((t) => t > now);
  if (next === undefined) throw new Error('A schedule without a digest within a week');
  return next;
}

/**
 * Which period a digest sent at `at` belongs to: the ISO week ("2025-W14") or the day ("2025-03-31") on
 * the person's clock of the scheduled digest nearest to `at`. Nearest, not the latest before: a job that
 * runs late (a worker was down) or a moment early still counts for the digest it was meant as, so it
 * cannot claim the next period's digest. Weeks rather than slots: a person who moves their day after this
 * week's digest gets the next one next week, not a second one now.
 */
export function periodKey(settings: NudgeSettings, at: number): string {
  const slots = slotsAround(settings, at, -8, 8);
  const nearest = slots.reduce((best, t) => (Math.abs(t - at) < Math.abs(best - at) ? t : best));
  const wall = wallTimeAt(nearest, settings.timeZone);
  return settings.period === 'weekly' ? isoWeek(wall) : isoDay(wall);
}

/** The repeat options of the person's job scheduler (BullMQ `upsertJobScheduler`). */
export function digestRepeat(settings: NudgeSettings): { pattern: string; tz: string } {
  const { minutes, nextDay } = deliveryTime(settings);
  const weekday = settings.day === 'daily' ? '*' : String((settings.day + (nextDay ? 1 : 0)) % 7);
  return { pattern: `${minutes % 60} ${Math.floor(minutes / 60)} * * ${weekday}`, tz: settings.timeZone };
}

const DIGEST_PATTERN = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-6])$/;

/**
 * The next run of a digest scheduler, for BullMQ's `repeatStrategy`: Tend's own clock arithmetic on
 * the pattern `digestRepeat` wrote, rather than cron's, which skips a digest where the clocks jump over
 * its time at midnight (Santiago, Cairo…) and finds no next time at all in Australia/Lord_Howe.
 * Undefined for a pattern that is not a digest's, so the caller can fall back to cron.
 */
export function digestRepeatAfter(
  millis: number,
  repeat: { pattern?: string | null; tz?: string | null },
): number | undefined {
  const match = repeat.pattern ? DIGEST_PATTERN.exec(repeat.pattern) : null;
  if (!match || !repeat.tz) return undefined;
  const [, minute, hour, weekday] = match as unknown as [string, string, string, string];
  const time = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  const daily = weekday === '*';
  const settings: NudgeSettings = {
    enabled: true,
    period: daily ? 'daily' : 'weekly',
    day: daily ? 'daily' : Number(weekday),
    time,
    timeZone: repeat.tz,
    // The pattern already has the quiet hours folded in.
    quietHours: null,
  };
  return nextDigestAt(settings, millis);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "every Monday at 09:00 (Europe/London)", and what quiet hours did to it. */
export function scheduleWords(settings: NudgeSettings): string {
  const delivery = deliveryTime(settings);
  const days =
    settings.day === 'daily'
      ? 'every day'
      : `every ${WEEKDAYS[(settings.day + (delivery.nextDay ? 1 : 0)) % 7]}`;
  const words = `${days} at ${clockText(delivery.minutes)} (${settings.timeZone})`;
  return delivery.moved
    ? `${words}: ${settings.time} falls in your quiet hours, so the digest waits for them to end`
    : words;
}

/** "Monday 31 March, 09:00" on the person's clock. */
export function instantWords(t: number, timeZone: string): string {
  const wall = wallTimeAt(t, timeZone);
  const month = new Date(Date.UTC(wall.year, wall.month - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return `${WEEKDAYS[weekdayOf(wall)]} ${wall.day} ${month}, ${clockText(wall.hour * 60 + wall.minute)}`;
}
