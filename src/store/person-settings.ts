import type { Redis } from 'ioredis';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { personKeys } from './keys.js';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  /** The person's interests; null to infer them from their own posts, bio and likes. */
  interests: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'an interest cannot be empty')
        .max(60, 'an interest must be under 60 characters'),
    )
    .max(50, 'at most 50 interests')
    .nullable(),
  /** IANA time zone, for nudge schedules and quiet hours; null until the person sets one. */
  timeZone: z.string().refine(isTimeZone, 'not one Tend knows: use a name such as Europe/London').nullable(),
});

/** How the person sees each setting named in a message. */
const LABELS: Record<keyof z.infer<typeof schema>, string> = {
  interests: 'Interests',
  timeZone: 'Time zone',
};

export type PersonSettings = z.infer<typeof schema>;
export const DEFAULT_PERSON_SETTINGS: PersonSettings = { interests: null, timeZone: null };

type Field = keyof PersonSettings;
const FIELDS = Object.keys(schema.shape) as Field[];

/**
 * A person's own settings. One hash field per setting, so two commands changing different settings at
 * once do not overwrite each other. No TTL: they are the person's choices, until they change them or
 * run /forget.
 */
export class PersonSettingsStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(personId: string): Promise<PersonSettings> {
    const stored = await this.redis.hmget(personKeys(this.prefix, personId).settings, ...FIELDS);
    const values: Record<string, unknown> = { ...DEFAULT_PERSON_SETTINGS };
    FIELDS.forEach((field, i) => {
      const raw = stored[i];
      if (raw !== null && raw !== undefined) values[field] = JSON.parse(raw);
    });
    return schema.parse(values);
  }

  /** Validates and saves the given settings; returns all of them as they now are. */
  async update(personId: string, patch: Partial<PersonSettings>): Promise<PersonSettings> {
    const parsed = schema.partial().safeParse(patch);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const label = LABELS[issue?.path[0] as Field] ?? 'A setting';
      throw new UserError(`${label}: ${issue?.message ?? 'not valid'}`);
    }
    const entries = Object.entries(parsed.data).filter(([, value]) => value !== undefined);
    if (entries.length > 0) {
      await this.redis.hset(
        personKeys(this.prefix, personId).settings,
        Object.fromEntries(entries.map(([k, v]) => [k, JSON.stringify(v)])),
      );
    }
    return this.get(personId);
  }
}
