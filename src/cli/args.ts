import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import type { SettingFlags } from '../config/audit-settings.js';

export const USAGE = `Usage: tend [options] FILE...
       tend --x [options]
       tend --demo [options]
       tend --companion [INSTAGRAM-EXPORT]

Audits the accounts you follow from an X archive (.zip), an Instagram export (.zip)
and, optionally, Tend profile snapshots (.jsonl). Each file's kind is detected from its content.

Output
  --json                   print the report as JSON on stdout and nothing else
  --csv FILE               also write one row per account to FILE
  --all                    list kept accounts too, not only their count
  --no-color               no colours, even on a terminal

What to judge by
  --interests LIST         your interests, comma-separated ("opera,theatre,london");
                           inferred from your own posts, bio and likes when absent
  --keep LIST              handles or ids to keep whatever the signals (repeatable)
  --keep-file FILE         one handle or id per line
  --now DATE               audit as of this date (ISO, e.g. 2026-11-20); default: now

Thresholds (also from the environment, see .env.example)
  --window DAYS            no interaction within DAYS → low_interaction (default 180)
  --dormant-days DAYS      no post for DAYS → dormant (default 365)
  --bot-threshold N        bot score at or above N (0–1) → bot (default: the bot model's own, see docs/MODEL.md)
  --relevance-threshold N  relevance below N (0–1) → off_topic (default 0.2)
  --cadence C,R,A          days of quiet before a close, regular, casual follower
                           counts as neglected (default 14,30,90)

Through the X API (credentials from the environment: X_USER_TOKEN, or X_API_KEY,
X_API_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET; X_API_BASE_URL for a proxy)
  --x                      audit your X following through the API instead of an export
  --hydrate                look up the profiles of an X archive's accounts (100 per call)
  --x-pages N              pages of your posts, mentions and likes to read (default 5)

Followers (X: an archive's follower.js lists them all; profiles are looked up on X, $0.01 each)
  --followers [N|all]      audit your followers too: a random sample of N (default 1000), or all
  --followers-budget USD   what the followers audit may spend on X looking profiles up (default 0:
                           it says what it would cost and judges only the profiles at hand)
  --followers-seed N       the seed of the sample (default: the audit's date, e.g. 20261120)
  --followers-history FILE follower snapshots of earlier audits: read for new, lost and churners,
                           then this audit's added (created when missing)

Limits on uploaded archives
  --max-zip-entries N      refuse archives with more entries (default 200000)
  --max-zip-mb N           refuse to inflate more than N MB of needed entries (default 2048)

  --demo                   audit the bundled sample data (an opera and theatre blogger's X archive)
  --companion              print the Instagram browser companion (a userscript) to run on instagram.com;
                           with an Instagram export, it looks up the accounts the export left undecided first
  -h, --help               this help
  --version                Tend's version
`;

export interface CliOptions {
  files: string[];
  json: boolean;
  csv: string | null;
  all: boolean;
  color: boolean | null;
  interests: string[] | null;
  keep: string[];
  keepFile: string | null;
  now: number | null;
  demo: boolean;
  companion: boolean;
  x: boolean;
  hydrate: boolean;
  xPages: number;
  /** Null unless `--followers`: the sample size, or all. */
  followers: number | 'all' | null;
  followersBudget: number | null;
  followersSeed: number | null;
  followersHistory: string | null;
  help: boolean;
  version: boolean;
  settings: SettingFlags;
}

const OPTIONS = {
  json: { type: 'boolean' },
  csv: { type: 'string' },
  all: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  interests: { type: 'string', multiple: true },
  keep: { type: 'string', multiple: true },
  'keep-file': { type: 'string' },
  now: { type: 'string' },
  window: { type: 'string' },
  'dormant-days': { type: 'string' },
  'bot-threshold': { type: 'string' },
  'relevance-threshold': { type: 'string' },
  cadence: { type: 'string' },
  'max-zip-entries': { type: 'string' },
  'max-zip-mb': { type: 'string' },
  demo: { type: 'boolean' },
  companion: { type: 'boolean' },
  x: { type: 'boolean' },
  hydrate: { type: 'boolean' },
  'x-pages': { type: 'string' },
  followers: { type: 'string' },
  'followers-budget': { type: 'string' },
  'followers-seed': { type: 'string' },
  'followers-history': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Thrown for a command line that cannot be understood; the CLI exits with 2 and a pointer to --help. */
export class UsageError extends UserError {}

function splitList(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function parseNow(raw: string): number {
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T12:00:00Z` : raw);
  if (Number.isNaN(at))
    throw new UsageError(`--now must be a date such as 2026-11-20 or 2026-11-20T09:00:00Z: got "${raw}"`);
  return at;
}

/** Each page is 100 posts X bills for: five of each timeline reach back a few weeks for most people. */
const DEFAULT_X_PAGES = 5;

function parsePages(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 32)
    throw new UsageError(`--x-pages must be a whole number from 0 to 32: got "${raw}"`);
  return Number(raw);
}

/** The default followers sample: ten lookups of 100, about $10 (src/engine/follower-sampling.ts). */
const DEFAULT_FOLLOWERS = 1_000;
const FOLLOWERS_DEFAULT_MARK = '';

/** `--followers` takes an optional value (a number or `all`): given alone it means the default sample. */
function withFollowersValue(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg !== '--followers') {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && /^(\d+|all)$/i.test(next)) {
      out.push(`--followers=${next}`);
      i++;
    } else out.push(`--followers=${FOLLOWERS_DEFAULT_MARK}`);
  }
  return out;
}

function parseFollowers(raw: string | undefined): number | 'all' | null {
  if (raw === undefined) return null;
  if (raw === FOLLOWERS_DEFAULT_MARK) return DEFAULT_FOLLOWERS;
  if (raw.toLowerCase() === 'all') return 'all';
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000)
    throw new UsageError(`--followers takes a sample size from 1 to 1000000, or "all": got "${raw}"`);
  return Number(raw);
}

function parseBudget(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const n = Number(raw.replace(/^\$/, ''));
  if (!/^\$?\d+(\.\d+)?$/.test(raw) || !Number.isFinite(n))
    throw new UsageError(`--followers-budget takes dollars, such as 10 or 2.50: got "${raw}"`);
  return n;
}

function parseSeed(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 0xffffffff)
    throw new UsageError(`--followers-seed takes a whole number below 2^32: got "${raw}"`);
  return Number(raw);
}

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: withFollowersValue(argv),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // node:util names the offending option; keep its words, drop its advice about `--` separators.
    const message =
      error instanceof Error
        ? error.message.split('. ')[0]!.replace(/^Unknown option '(.+)'$/, 'unknown option $1')
        : String(error);
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  const interests = splitList(values.interests);
  return {
    files: positionals,
    json: values.json ?? false,
    csv: values.csv ?? null,
    all: values.all ?? false,
    color: values['no-color'] ? false : null,
    interests: interests.length > 0 ? interests : null,
    keep: splitList(values.keep),
    keepFile: values['keep-file'] ?? null,
    now: values.now !== undefined ? parseNow(values.now) : null,
    demo: values.demo ?? false,
    companion: values.companion ?? false,
    x: values.x ?? false,
    hydrate: values.hydrate ?? false,
    xPages: values['x-pages'] !== undefined ? parsePages(values['x-pages']) : DEFAULT_X_PAGES,
    followers: parseFollowers(values.followers),
    followersBudget: parseBudget(values['followers-budget']),
    followersSeed: parseSeed(values['followers-seed']),
    followersHistory: values['followers-history'] ?? null,
    help: values.help ?? false,
    version: values.version ?? false,
    settings: {
      window: values.window,
      dormantDays: values['dormant-days'],
      botThreshold: values['bot-threshold'],
      relevanceThreshold: values['relevance-threshold'],
      cadence: values.cadence,
      maxZipEntries: values['max-zip-entries'],
      maxZipMb: values['max-zip-mb'],
    },
  };
}
