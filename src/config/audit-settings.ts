import { z } from 'zod';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../model.js';
import { UserError } from '../errors.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../importers/zip.js';

/**
 * Audit settings come from the environment (TEND_*) and are overridden by CLI flags. Each is
 * validated once, here; a bad value stops the run with a message naming the flag and the variable.
 */
export interface AuditSettings {
  thresholds: Thresholds;
  zip: ZipLimits;
}

export interface SettingFlags {
  window?: string | undefined;
  dormantDays?: string | undefined;
  botThreshold?: string | undefined;
  relevanceThreshold?: string | undefined;
  cadence?: string | undefined;
  maxZipEntries?: string | undefined;
  maxZipMb?: string | undefined;
}

/** A number as typed: "abc" or "" must be refused with the setting's own words, not coerced. */
const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i;
const numeric = (message: string) => z.string().regex(NUMBER, message).transform(Number);
const days = numeric('must be a whole number of days').pipe(
  z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(36_500, 'must be under 100 years'),
);
const fraction = numeric('must be between 0 and 1').pipe(
  z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
);
const cadence = z
  .string()
  .regex(/^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$/, 'must be three day counts: close,regular,casual (e.g. 14,30,90)')
  .transform((s) => s.split(',').map(Number) as [number, number, number])
  .refine((d) => d.every((n) => n >= 1), 'must be at least 1 day each')
  .refine(
    ([close, regular, casual]) => close <= regular && regular <= casual,
    'must go from closest to most casual: close ≤ regular ≤ casual',
  );

/** Each setting: its flag, its environment variable, its schema. */
const SETTINGS = {
  window: { flag: '--window', env: 'TEND_INTERACTION_WINDOW_DAYS', schema: days },
  dormantDays: { flag: '--dormant-days', env: 'TEND_DORMANT_DAYS', schema: days },
  botThreshold: { flag: '--bot-threshold', env: 'TEND_BOT_THRESHOLD', schema: fraction },
  relevanceThreshold: { flag: '--relevance-threshold', env: 'TEND_RELEVANCE_THRESHOLD', schema: fraction },
  cadence: { flag: '--cadence', env: 'TEND_CADENCE_DAYS', schema: cadence },
  maxZipEntries: {
    flag: '--max-zip-entries',
    env: 'TEND_MAX_ZIP_ENTRIES',
    schema: numeric('must be a whole number').pipe(
      z.number().int('must be a whole number').min(1, 'must be at least 1'),
    ),
  },
  maxZipMb: {
    flag: '--max-zip-mb',
    env: 'TEND_MAX_ZIP_MB',
    // Below a megabyte no real archive's data fits: every upload would be refused as a zip bomb.
    schema: numeric('must be a number of megabytes').pipe(z.number().min(1, 'must be at least 1 megabyte')),
  },
} as const;

type Key = keyof typeof SETTINGS;

function read<K extends Key>(
  key: K,
  env: NodeJS.ProcessEnv,
  flags: SettingFlags,
): z.output<(typeof SETTINGS)[K]['schema']> | undefined {
  const { flag, env: name, schema } = SETTINGS[key];
  const fromFlag = flags[key];
  const raw = fromFlag ?? env[name];
  // An empty variable means "not set"; an empty flag was typed on purpose and is refused below.
  if (raw === undefined || (fromFlag === undefined && raw === '')) return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = fromFlag !== undefined ? flag : `${name} (environment)`;
    throw new UserError(`${where} ${parsed.error.issues[0]?.message ?? 'is not valid'}: got "${raw}"`);
  }
  return parsed.data as z.output<(typeof SETTINGS)[K]['schema']>;
}

export function loadAuditSettings(env: NodeJS.ProcessEnv, flags: SettingFlags = {}): AuditSettings {
  const cadenceDays = read('cadence', env, flags);
  const maxZipMb = read('maxZipMb', env, flags);
  return {
    thresholds: {
      interactionWindowDays: read('window', env, flags) ?? DEFAULT_THRESHOLDS.interactionWindowDays,
      dormantDays: read('dormantDays', env, flags) ?? DEFAULT_THRESHOLDS.dormantDays,
      botThreshold: read('botThreshold', env, flags) ?? DEFAULT_THRESHOLDS.botThreshold,
      relevanceThreshold: read('relevanceThreshold', env, flags) ?? DEFAULT_THRESHOLDS.relevanceThreshold,
      cadenceDays: cadenceDays
        ? { close: cadenceDays[0], regular: cadenceDays[1], casual: cadenceDays[2] }
        : { ...DEFAULT_THRESHOLDS.cadenceDays },
    },
    zip: {
      maxEntries: read('maxZipEntries', env, flags) ?? DEFAULT_ZIP_LIMITS.maxEntries,
      maxUncompressedBytes:
        maxZipMb !== undefined ? Math.round(maxZipMb * 1024 ** 2) : DEFAULT_ZIP_LIMITS.maxUncompressedBytes,
    },
  };
}
