import type { FollowersAudit, ImportedExport, Profile, Thresholds } from '../model.js';
import type { BotScorer } from '../engine/bot-score.js';
import { formatDollars, lookupCost, type FollowersCost } from '../engine/follower-sampling.js';
import type { FollowerSnapshot } from '../store/follower-snapshot-codec.js';
import { finishFollowers, fitToBudget, planFollowers, type FollowersPlan } from './followers-audit.js';

/**
 * The followers audit of an uploaded export, as the worker runs it in the upload's thread: planned
 * once the export is read (what the lookups would cost, what the person's confirmed budget pays for),
 * judged once the worker has looked those up on X. Pure: the lookups happen in the worker, between.
 */

/** What the job asks for: the sample, the budget the person confirmed, and the history to compare with. */
export interface FollowersAsk {
  want: number | 'all';
  seed: number;
  /** What the person confirmed the lookups may spend, in cents; 0 looks nothing up. */
  budgetCents: number;
  history: FollowerSnapshot[];
  /** The audit's time: its snapshot's. */
  now: number;
}

/** The plan the worker acts on: which ids to look up on X, and what they cost. */
export interface FollowersPlanned {
  /** The ids the budget pays for, re-checks first, then the sample in the order drawn. */
  lookups: string[];
  /** Those of `lookups` that re-check a follower missing since the last audit: asked of X afresh. */
  recheck: string[];
  /** What those lookups cost at X's prices: said before they are made. */
  cost: FollowersCost;
  /** What every lookup the plan needs would cost: the offer, when the budget pays for less. */
  whole: FollowersCost;
}

/** The plan kept beside the export until the lookups come back. */
export interface HeldFollowers {
  ask: FollowersAsk;
  plan: FollowersPlan;
  sample: string[];
  lookups: string[];
}

/** Profiles at hand, by id and `@handle`: the upload's snapshot, and the followed accounts looked up. */
function atHand(...maps: (ReadonlyMap<string, Profile> | null)[]): Map<string, Profile> | null {
  const present = maps.filter((m): m is ReadonlyMap<string, Profile> => m !== null);
  if (present.length === 0) return null;
  const all = new Map<string, Profile>();
  for (const m of present) for (const [k, p] of m) all.set(k, p);
  return all;
}

/** `profiles`: those at hand (the upload's snapshot, the followed accounts looked up), judged for nothing. */
export function planUploadFollowers(
  imported: ImportedExport,
  profiles: (ReadonlyMap<string, Profile> | null)[],
  ask: FollowersAsk,
): { held: HeldFollowers; planned: FollowersPlanned } | null {
  const plan = planFollowers({
    imported,
    profiles: atHand(...profiles),
    want: ask.want,
    seed: ask.seed,
    history: ask.history,
    now: ask.now,
  });
  if (!plan) return null;
  const { lookups, sample } = fitToBudget(plan, ask.budgetCents > 0 ? ask.budgetCents / 100 : null);
  const rechecks = new Set(plan.recheck);
  return {
    held: { ask, plan, sample, lookups },
    planned: {
      lookups,
      recheck: lookups.filter((k) => rechecks.has(k)),
      cost: lookupCost(lookups.length),
      whole: plan.estimate,
    },
  };
}

export interface UploadFollowersFinish {
  imported: ImportedExport;
  held: HeldFollowers;
  /** Profiles the worker looked up on X, by id. */
  looked: ReadonlyMap<string, Profile>;
  /** What the lookups cost, metered; null when none were made. */
  cost: FollowersCost | null;
  /** Why fewer were looked up than asked (an archive of another account), for the notes. */
  notes: string[];
  thresholds: Thresholds;
}

export function finishUploadFollowers(
  finish: UploadFollowersFinish,
  deps: { botScorer: BotScorer },
): { audit: FollowersAudit; snapshot: FollowerSnapshot } {
  const { held } = finish;
  const { plan, ask } = held;
  const notes = [...finish.notes];
  if (plan.population === 'sample')
    notes.push(
      `A uniform random sample of ${plan.sample.length.toLocaleString('en')} of your ${plan.current.length.toLocaleString('en')} followers was drawn to be judged.`,
    );
  const unpaid = plan.lookups.filter((k) => !finish.looked.has(k)).length;
  if (unpaid > 0 && held.lookups.length === 0)
    notes.push(
      `Nothing was looked up on X: the ${unpaid.toLocaleString('en')} followers without a profile at hand would cost about ${formatDollars(lookupCost(unpaid).dollars)} to look up, once you confirm it.`,
    );
  else if (unpaid > 0)
    notes.push(
      `The ${formatDollars(ask.budgetCents / 100)} you confirmed looked up ${held.lookups.length.toLocaleString('en')} followers: the sample judged is the first ${held.sample.length.toLocaleString('en')} drawn, still uniform.`,
    );
  const result = finishFollowers(
    {
      request: {
        imported: finish.imported,
        profiles: null,
        want: ask.want,
        seed: ask.seed,
        history: ask.history,
        now: ask.now,
      },
      plan,
      sample: held.sample,
      looked: finish.looked,
      cost: finish.cost,
      thresholds: finish.thresholds,
      notes,
    },
    deps,
  );
  result.audit.summary.unpaid = unpaid > 0 ? lookupCost(unpaid) : null;
  return result;
}
