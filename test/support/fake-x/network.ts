/**
 * A social graph generated from a seed. Every account is a number (its index); its id, its role and
 * everything on its profile are computed from (seed, index), so a network of hundreds of thousands of
 * accounts costs memory only for what has changed (follows and unfollows).
 *
 * Layout: owners first (the people Tend audits), then each owner's followings, then each owner's fans
 * (followers they do not follow back). An id is a snowflake whose time is the account's creation and
 * whose low 22 bits are its index, so an id leads straight back to its account.
 */
import { unit } from './random.js';

export const ROLES = [
  'mutual',
  'not_following_back',
  'bot',
  'dormant',
  'protected',
  'suspended',
  'deactivated',
  'blocks_owner',
] as const;
/** What a followed account is: it decides its profile, whether it follows back, whether X still shows it. */
export type Role = (typeof ROLES)[number];
export type AccountKind = Role | 'owner' | 'fan';

/**
 * Suspended and deactivated accounts, and those that blocked the owner, vanish from what the owner can
 * read; lookups answer for them with an inline error.
 */
export const GONE_ROLES: ReadonlySet<AccountKind> = new Set(['suspended', 'deactivated', 'blocks_owner']);

export const DEFAULT_MIX: Record<Role, number> = {
  mutual: 0.4,
  not_following_back: 0.3,
  bot: 0.1,
  dormant: 0.1,
  protected: 0.04,
  suspended: 0.02,
  deactivated: 0.03,
  blocks_owner: 0.01,
};

export interface NetworkSpec {
  seed?: number;
  owners?: number;
  /** Accounts each owner follows, gone ones included. */
  following?: number;
  /** Followers each owner does not follow back. */
  fans?: number;
  /** Weights of the roles among followed accounts. */
  mix?: Partial<Record<Role, number>>;
}

export interface FakeAccount {
  index: number;
  id: string;
  kind: AccountKind;
  createdAt: number;
  /** The owner whose following (or fans) this account belongs to; for owners, themselves. */
  owner: number;
  /** Whether it follows its owner. */
  followsOwner: boolean;
}

export interface Network {
  seed: number;
  now: number;
  owners: FakeAccount[];
  size: number;
  accountAt(index: number): FakeAccount;
  /** The account's kind alone: cheaper than `accountAt` where a whole list is filtered. */
  kindAt(index: number): AccountKind;
  /** The account with this id, or null when no account ever had it. */
  account(id: string): FakeAccount | null;
  /** An owner's following, newest follow first, gone accounts included (what an archive would list). */
  followingOf(owner: number): number[];
  followersOf(owner: number): number[];
  isFollowing(source: number, target: number): boolean;
  /** Returns false when it changed nothing (already following / not following). */
  follow(owner: number, target: number): boolean;
  unfollow(owner: number, target: number): boolean;
}

const SNOWFLAKE_EPOCH = 1_288_834_974_657n;
const INDEX_BITS = 22n;
const MAX_ACCOUNTS = 1 << 22;
const DAY = 86_400_000;
const FIRST_YEAR = Date.UTC(2011, 0, 1);

function createdAtOf(seed: number, index: number, kind: AccountKind, now: number): number {
  const [from, to] =
    kind === 'owner'
      ? [Date.UTC(2019, 0, 1), Date.UTC(2020, 0, 1)]
      : kind === 'bot'
        ? [now - 700 * DAY, now - 20 * DAY]
        : kind === 'dormant'
          ? [FIRST_YEAR, Date.UTC(2018, 0, 1)]
          : [FIRST_YEAR, now - 60 * DAY];
  return from + Math.floor(unit(seed, index, 1) * (to - from));
}

export function generateNetwork(spec: NetworkSpec, now: number): Network {
  const seed = spec.seed ?? 1;
  const ownerCount = spec.owners ?? 1;
  const perOwner = spec.following ?? 500;
  const fans = spec.fans ?? Math.ceil(perOwner / 2);
  const mix = { ...DEFAULT_MIX, ...spec.mix };
  const totalWeight = ROLES.reduce((sum, role) => sum + mix[role], 0);
  const followingStart = ownerCount;
  const fansStart = followingStart + ownerCount * perOwner;
  const size = fansStart + ownerCount * fans;
  if (size > MAX_ACCOUNTS)
    throw new RangeError(`A fake network holds at most ${MAX_ACCOUNTS} accounts, not ${size}`);

  function roleOf(index: number): Role {
    let r = unit(seed, index, 0) * totalWeight;
    for (const role of ROLES) {
      r -= mix[role];
      if (r < 0) return role;
    }
    return 'mutual';
  }

  function kindAt(index: number): AccountKind {
    return index < followingStart ? 'owner' : index < fansStart ? roleOf(index) : 'fan';
  }

  const BACK_CHANCE: Record<AccountKind, number> = {
    owner: 0,
    fan: 1,
    mutual: 1,
    not_following_back: 0,
    bot: 0.3,
    dormant: 0.5,
    protected: 0.6,
    suspended: 0,
    deactivated: 0,
    blocks_owner: 0,
  };
  const followsOwnerAt = (index: number, kind: AccountKind): boolean =>
    unit(seed, index, 2) < BACK_CHANCE[kind];

  function accountAt(index: number): FakeAccount {
    const kind = kindAt(index);
    const owner =
      kind === 'owner'
        ? index
        : kind === 'fan'
          ? Math.floor((index - fansStart) / fans)
          : Math.floor((index - followingStart) / perOwner);
    const createdAt = createdAtOf(seed, index, kind, now);
    const id = (((BigInt(createdAt) - SNOWFLAKE_EPOCH) << INDEX_BITS) | BigInt(index)).toString();
    return { index, id, kind, createdAt, owner, followsOwner: followsOwnerAt(index, kind) };
  }

  const removed = Array.from({ length: ownerCount }, () => new Set<number>());
  const added = Array.from({ length: ownerCount }, () => [] as number[]);
  const baseFollowing = (owner: number): number[] =>
    Array.from({ length: perOwner }, (_, j) => followingStart + owner * perOwner + j);
  const inBase = (owner: number, target: number): boolean =>
    target >= followingStart + owner * perOwner && target < followingStart + (owner + 1) * perOwner;

  function isFollowing(source: number, target: number): boolean {
    if (source < ownerCount) {
      return (inBase(source, target) && !removed[source]!.has(target)) || added[source]!.includes(target);
    }
    const account = accountAt(source);
    return target < ownerCount && account.owner === target && account.followsOwner;
  }

  return {
    seed,
    now,
    owners: Array.from({ length: ownerCount }, (_, k) => accountAt(k)),
    size,
    accountAt,
    kindAt,
    account(id) {
      if (!/^\d{1,20}$/.test(id)) return null;
      const index = Number(BigInt(id) & ((1n << INDEX_BITS) - 1n));
      if (index >= size) return null;
      const account = accountAt(index);
      return account.id === id ? account : null;
    },
    followingOf: (owner) => [
      ...added[owner]!,
      ...baseFollowing(owner).filter((i) => !removed[owner]!.has(i)),
    ],
    followersOf(owner) {
      const back = baseFollowing(owner).filter((i) => followsOwnerAt(i, kindAt(i)));
      const fansOf = Array.from({ length: fans }, (_, j) => fansStart + owner * fans + j);
      return [...fansOf, ...back];
    },
    isFollowing,
    // A follow goes to the top of the list, as on X, even for an account that was followed before.
    follow(owner, target) {
      if (isFollowing(owner, target)) return false;
      added[owner]!.unshift(target);
      return true;
    },
    unfollow(owner, target) {
      if (!isFollowing(owner, target)) return false;
      const at = added[owner]!.indexOf(target);
      if (at >= 0) added[owner]!.splice(at, 1);
      else removed[owner]!.add(target);
      return true;
    },
  };
}

/** An owner's handle; every other account's is built from its profile (users.ts). */
export function ownerHandle(owner: number): string {
  return `tend_owner${owner}`;
}
