import type { ShareEstimate } from '../model.js';

/**
 * Sampling followers with honest bounds. An X archive's `follower.js` lists every follower id for
 * nothing, but X bills each profile looked up: a uniform random sample of ids is looked up instead, and
 * every share it gives comes with its 95% interval and the sample size.
 */

/** The default sample: 1,000 followers, ten lookups of 100, about $10 at X's prices. */
export const DEFAULT_FOLLOWER_SAMPLE = 1_000;

/** X's users lookup takes 100 ids a call; a followers page holds 1,000 accounts. */
export const LOOKUP_BATCH = 100;
export const FOLLOWERS_PAGE = 1_000;

/**
 * X's published pay-per-use price per user object read (following, followers, users lookup): about
 * $0.010 (README, "Auditing through the X API"). Every figure of cost is worked from it.
 */
export const X_PRICE_PER_USER = 0.01;

/** The default seed of a sample: the audit's day as a number (20261120), so a day's audits draw the same sample. */
export function daySeed(now: number): number {
  return Number(new Date(now).toISOString().slice(0, 10).replaceAll('-', ''));
}

/** mulberry32: small, seeded, and good enough to draw a sample (not for secrets). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform random sample of `size` ids without replacement (a partial Fisher–Yates shuffle), the same
 * for the same ids and seed whatever order they came in. All of them when `size` reaches their number.
 */
export function sampleIds(ids: Iterable<string>, size: number, seed: number): string[] {
  const pool = [...new Set(ids)].sort();
  const n = Math.min(Math.max(0, Math.floor(size)), pool.length);
  const random = seededRandom(seed);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const swap = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = swap;
  }
  return pool.slice(0, n);
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * The Wilson score interval for `count` of `of`: it stays inside [0, 1] and keeps its coverage near 95%
 * for shares close to 0 or 1, where the textbook interval does not (Brown, Cai and DasGupta 2001). When
 * the sample is the whole population the share is exact. Sampling without replacement from a finite list
 * only narrows the true interval, so this one errs on the wide side.
 */
export function estimateShare(count: number, of: number, population: number): ShareEstimate {
  if (of <= 0) return { count: 0, of: 0, share: 0, low: 0, high: 1, exact: false };
  const share = count / of;
  if (of >= population) return { count, of, share, low: share, high: share, exact: true };
  const z2 = Z95 * Z95;
  const centre = (share + z2 / (2 * of)) / (1 + z2 / of);
  const half = (Z95 / (1 + z2 / of)) * Math.sqrt((share * (1 - share)) / of + z2 / (4 * of * of));
  return {
    count,
    of,
    share,
    // At 0 or all, the bound is 0 or 1 exactly; rounding would leave a speck.
    low: count === 0 ? 0 : Math.max(0, centre - half),
    high: count === of ? 1 : Math.min(1, centre + half),
    exact: false,
  };
}

export interface FollowersCost {
  /** Calls X answered with what was asked. */
  calls: number;
  /** User objects read: what X bills. */
  users: number;
  dollars: number;
  /** Calls X refused or never answered (a 429, a 503): nothing read, nothing billed. Absent when none. */
  refused?: number;
}

const dollarsFor = (users: number) => Math.round(users * X_PRICE_PER_USER * 100) / 100;

/** What looking up `lookups` follower ids (the sample, and those to re-check) costs: 100 ids a call. */
export function lookupCost(lookups: number): FollowersCost {
  const users = Math.max(0, lookups);
  return { calls: Math.ceil(users / LOOKUP_BATCH), users, dollars: dollarsFor(users) };
}

/** What reading the newest `followers` through the followers list costs: 1,000 a page. */
export function followersListCost(followers: number): FollowersCost {
  const users = Math.max(0, followers);
  return { calls: Math.ceil(users / FOLLOWERS_PAGE), users, dollars: dollarsFor(users) };
}

/** How many user objects a budget in dollars pays for. */
export function usersWithin(budgetDollars: number): number {
  return Math.max(0, Math.floor(budgetDollars / X_PRICE_PER_USER + 1e-9));
}

export function formatDollars(dollars: number): string {
  return `$${dollars.toFixed(2)}`;
}
