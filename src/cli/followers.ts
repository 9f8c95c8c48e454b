import type { CliOptions } from './args.js';
import { UsageError } from './args.js';
import type { FollowersAudit, Profile, Thresholds } from '../model.js';
import type { LoadedFiles } from '../audit/load-files.js';
import {
  costSentence,
  countFreshFor,
  finishFollowers,
  finishNewestFollowers,
  fitToBudget,
  ownerKey,
  planFollowers,
} from '../audit/followers-audit.js';
import { formatDollars, lookupCost } from '../engine/follower-sampling.js';
import type { BotScorer } from '../engine/bot-score.js';
import type { FollowerSnapshot } from '../store/follower-snapshot-codec.js';
import { appendFollowerHistory, readFollowerHistory } from './follower-history.js';
import { hydrateFromX, newestFollowersFromX, xCredentialsFromEnv, type XModeOptions } from './x-mode.js';
import { followersListCost, usersWithin } from '../engine/follower-sampling.js';

/** The default seed of a sample: the audit's date as a number (20261120), stated in the report. */
export function defaultSeed(now: number): number {
  return Number(new Date(now).toISOString().slice(0, 10).replaceAll('-', ''));
}

export interface CliFollowersDeps {
  x: XModeOptions;
  botScorer: BotScorer;
  thresholds: Thresholds;
  /** Told what the followers audit will cost, before it spends. */
  say: (line: string) => void;
  /** A history read only (the bundled demo's), never written. */
  readOnlyHistory?: string;
}

/**
 * `tend --followers`: plans the followers audit, says what it costs before spending anything, looks up
 * what the budget allows through X, judges, and adds this audit's snapshot to the history file.
 */
export async function cliFollowers(
  loaded: LoadedFiles & { ownerFollowers?: number | null; ownerFollowersAt?: number | null },
  options: Pick<CliOptions, 'followers' | 'followersBudget' | 'followersSeed' | 'followersHistory' | 'x'>,
  now: number,
  deps: CliFollowersDeps,
): Promise<{ audit: FollowersAudit | null; warning: string | null }> {
  const want = options.followers ?? 1_000;
  const historyFile = deps.readOnlyHistory ?? options.followersHistory;
  const history: FollowerSnapshot[] = historyFile ? await readFollowerHistory(historyFile) : [];
  if (options.x) return apiFollowers(loaded, options, want, history, now, deps);
  const seed = options.followersSeed ?? defaultSeed(now);
  const request = { imported: loaded.imported, profiles: loaded.profiles, want, seed, history, now };
  const plan = planFollowers(request);
  if (!plan)
    return {
      audit: null,
      warning: options.x
        ? 'The followers audit reads the follower list of an X archive or an Instagram export: X told who follows back through the following list, so no follower list was read.'
        : 'This export does not list your followers: no followers audit.',
    };
  const notes: string[] = [];
  if (plan.population === 'sample')
    notes.push(
      `A uniform random sample of ${plan.sample.length.toLocaleString('en')} of your ${plan.current.length.toLocaleString('en')} followers was drawn (seed ${seed}; --followers-seed) to be judged; --followers all judges every one.`,
    );
  const fit = fitToBudget(plan, options.followersBudget);
  // Said before anything is spent; without a budget nothing is, and the report's notes say what it would cost.
  if (fit.lookups.length > 0) deps.say(costSentence(plan, fit.lookups.length));
  let looked = new Map<string, Profile>();
  let cost = null;
  if (fit.lookups.length > 0) {
    try {
      xCredentialsFromEnv(deps.x.env);
    } catch {
      throw new UsageError(
        '--followers-budget looks profiles up on X: it needs X credentials in the environment (X_USER_TOKEN, or the four OAuth 1.0a keys)',
      );
    }
    const { profiles, meter } = await hydrateFromX(deps.x, fit.lookups);
    looked = profiles;
    // A call X refused read nothing and is not billed: counted apart from the calls that were.
    const refused = meter.refused ?? 0;
    cost = {
      calls: meter.calls - refused,
      users: meter.users,
      dollars: lookupCost(meter.users).dollars,
      ...(refused > 0 ? { refused } : {}),
    };
  }
  const unpaid = plan.lookups.length - fit.lookups.length;
  if (unpaid > 0) {
    const rest = lookupCost(unpaid);
    notes.push(
      options.followersBudget === null
        ? `Nothing was looked up on X: the ${unpaid.toLocaleString('en')} followers without a profile at hand would cost about ${formatDollars(plan.estimate.dollars)} (--followers-budget ${plan.estimate.dollars.toFixed(2)} to spend it).`
        : `The budget of ${formatDollars(options.followersBudget)} paid for ${fit.lookups.length.toLocaleString('en')} lookups: the sample judged is the first ${fit.sample.length.toLocaleString('en')} drawn, still uniform; ${formatDollars(rest.dollars)} more would look up the rest.`,
    );
  }
  const result = finishFollowers(
    { request, plan, sample: fit.sample, looked, cost, thresholds: deps.thresholds, notes },
    { botScorer: deps.botScorer },
  );
  if (options.followersHistory && !deps.readOnlyHistory)
    await appendFollowerHistory(options.followersHistory, history, result.snapshot);
  return { audit: result.audit, warning: null };
}

/**
 * Through the X API alone there is no free list of ids to sample from: the followers list comes newest
 * first, 1,000 a page, every account billed. Tend reads as many as the budget pays for and says the
 * figures are for the newest N (where fake followers gather), or for all when the list ended first.
 */
async function apiFollowers(
  loaded: LoadedFiles & { ownerFollowers?: number | null; ownerFollowersAt?: number | null },
  options: Pick<CliOptions, 'followersBudget' | 'followersHistory'>,
  want: number | 'all',
  history: FollowerSnapshot[],
  now: number,
  deps: CliFollowersDeps,
): Promise<{ audit: FollowersAudit | null; warning: string | null }> {
  const ownerId = loaded.imported.owner.id;
  const affordable = options.followersBudget === null ? 0 : usersWithin(options.followersBudget);
  const maxUsers = Math.min(want === 'all' ? Number.POSITIVE_INFINITY : want, affordable);
  if (!ownerId || maxUsers === 0) {
    const sample = want === 'all' ? 1_000 : want;
    const cost = followersListCost(sample);
    return {
      audit: null,
      warning: `No followers audit: through the X API every follower read costs about $0.01, so the newest ${sample.toLocaleString('en')} cost about ${formatDollars(cost.dollars)} (${cost.calls} ${cost.calls === 1 ? 'call' : 'calls'}); run again with --followers-budget ${cost.dollars.toFixed(2)} to spend it.`,
    };
  }
  const estimate = followersListCost(Number.isFinite(maxUsers) ? maxUsers : 0);
  deps.say(
    `A followers audit through X reads your newest ${maxUsers.toLocaleString('en')} followers at most: up to ${estimate.calls} ${estimate.calls === 1 ? 'call' : 'calls'}, about ${formatDollars(estimate.dollars)} at X's price of $0.01 an account.`,
  );
  const read = await newestFollowersFromX(deps.x, ownerId, maxUsers);
  // A call X refused read nothing and is not billed: counted apart from the calls that were.
  const refused = read.meter.refused ?? 0;
  const cost = {
    calls: read.meter.calls - refused,
    users: read.meter.users,
    dollars: lookupCost(read.meter.users).dollars,
    ...(refused > 0 ? { refused } : {}),
  };
  const result = finishNewestFollowers(
    {
      owner: ownerKey(loaded.imported),
      following: loaded.imported.following,
      ledger: loaded.imported.ledger,
      history,
      now,
      // The list ended within the read (X named no next page): every follower was read, however many.
      read,
      // X's count, read with the rest of the audit before: what the next read squares with, kept only
      // where X gave it within minutes of the newest followers (the waits on X's limits between the
      // two may be long): `countFreshFor`.
      followersCount:
        read.readAt !== null && countFreshFor(loaded.ownerFollowersAt ?? null, read.readAt)
          ? (loaded.ownerFollowers ?? null)
          : null,
      cost,
      thresholds: deps.thresholds,
    },
    { botScorer: deps.botScorer },
  );
  if (options.followersHistory && !deps.readOnlyHistory)
    await appendFollowerHistory(options.followersHistory, history, result.snapshot);
  return { audit: result.audit, warning: null };
}
