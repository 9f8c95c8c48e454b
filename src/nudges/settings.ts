/**
 * A person's nudge settings: whether they get digests, and when. Validated here, once, for the command
 * that changes them and the store that reads them back.
 */
import { z } from 'zod';
import { UserError } from '../errors.js';
import { canonicalZone } from './zoned-time.js';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = z.string().regex(CLOCK, 'write a time as HH:MM on a 24-hour clock, such as 09:00');

const quietHours = z
  .object({ from: clock, to: clock })
  .refine((q) => q.from !== q.to, 'quiet hours need different start and end times');

export const nudgeSettingsSchema = z
  .object({
    /** Off until the person turns nudges on: Tend does not DM anyone who has not asked for it. */
    enabled: z.boolean(),
    period: z.enum(['weekly', 'daily']),
    /** 0 for Sunday to 6 for Saturday, as cron counts; 'daily' with a daily period. */
    day: z.union([z.number().int().min(0).max(6), z.literal('daily')]),
    /** On the person's clock. */
    time: clock,
    timeZone: z.string().transform((zone, ctx) => {
      const canonical = canonicalZone(zone.trim());
      if (canonical === null)
        ctx.addIssue({
          code: 'custom',
          message: 'not a time zone Tend knows: use a name such as Europe/London',
        });
      return canonical ?? zone;
    }),
    /** No DM between these times on the person's clock; `from` after `to` spans midnight. */
    quietHours: quietHours.nullable(),
  })
  .refine((s) => (s.period === 'daily') === (s.day === 'daily'), {
    message: 'a daily digest has no weekday, and a weekly one needs one',
    path: ['day'],
  });

export type NudgeSettings = z.infer<typeof nudgeSettingsSchema>;

/** Weekly, Monday 09:00 UTC, off. */
export const DEFAULT_NUDGE_SETTINGS: NudgeSettings = {
  enabled: false,
  period: 'weekly',
  day: 1,
  time: '09:00',
  timeZone: 'UTC',
  quietHours: null,
};

const LABELS: Record<string, string> = {
  enabled: 'Nudges',
  period: 'Schedule',
  day: 'Day',
  time: 'Time',
  timeZone: 'Time zone',
  quietHours: 'Quiet hours',
};

/** The settings as they are once `patch` is applied; a UserError naming the setting when they would not be valid. */
export function withNudgeSettings(current: NudgeSettings, patch: Partial<NudgeSettings>): NudgeSettings {
  const parsed = nudgeSettingsSchema.safeParse({ ...current, ...patch });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const label = LABELS[String(issue?.path[0])] ?? 'A setting';
  throw new UserError(`${label}: ${issue?.message ?? 'not valid'}`);
}

/** "09:30" → 570. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
