import type { FollowedAccount } from '../model.js';
import { readBioPointer, saysRetired, type BioPointer } from './bio-statements.js';
import { handleBase, nameWords, normalizeWebsite, similarNames } from './duplicate-keys.js';

/**
 * Followed accounts that look run by one owner, grouped through buckets (a pointer in a bio, a shared
 * website, a shared handle base with a similar name) so the cost stays linear in the accounts.
 */

export interface DuplicateMatch {
  /** The key of the account to keep; `@handle` when the bio points at an account not followed. */
  keepKey: string;
  keepHandle: string | null;
  reason: string;
}

/** Asked only about accounts found in a group, so an audit need not work these out for everyone first. */
export interface DuplicateContext {
  /** Whether the account is known to follow the owner. */
  isMutual?: (account: FollowedAccount) => boolean;
  /** Relationship strength (ledger.ts). */
  strength?: (account: FollowedAccount) => number;
}

/**
 * A website or handle base shared by this many followed accounts belongs to a platform or a big
 * organisation's many desks, not to one owner's spare accounts; comparing within it would also cost n².
 */
const MAX_BUCKET = 12;

/** An account that some key links to another: only these are looked at closely. */
interface Member {
  index: number;
  account: FollowedAccount;
  /** How many accounts of the group point here as their newer or main account. */
  pointedAt: number;
  pointedRole: 'newer' | 'main' | null;
  /** How this account came into its group, naming the other account. */
  evidence: string | null;
}

function displayOf(m: Member): string {
  return m.account.handle ? `@${m.account.handle}` : m.account.key;
}

class Groups {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/** Items by key, leaving out those without one. */
function groupBy<K, T>(items: Iterable<T>, keyOf: (item: T) => K | null): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Indexes of accounts sharing a key, skipping lone accounts and the oversized buckets of common keys.
 * A plain loop over the indexes: every account passes through here twice, and an iterator's results
 * would be garbage for each.
 */
function* sharedBuckets(accounts: readonly FollowedAccount[], keyOf: (a: FollowedAccount) => string | null) {
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < accounts.length; i++) {
    const key = keyOf(accounts[i]!);
    if (key === null) continue;
    const list = buckets.get(key);
    if (list) list.push(i);
    else buckets.set(key, [i]);
  }
  for (const [key, list] of buckets) {
    if (list.length >= 2 && list.length <= MAX_BUCKET) yield [key, list] as const;
  }
}

class Linker {
  readonly groups: Groups;
  readonly members = new Map<number, Member>();
  constructor(private readonly accounts: readonly FollowedAccount[]) {
    this.groups = new Groups(accounts.length);
  }
  member(index: number): Member {
    let m = this.members.get(index);
    if (!m) {
      const account = this.accounts[index]!;
      m = { index, account, pointedAt: 0, pointedRole: null, evidence: null };
      this.members.set(index, m);
    }
    return m;
  }
  link(a: Member, b: Member, evidenceA: string, evidenceB: string): void {
    this.groups.union(a.index, b.index);
    a.evidence ??= evidenceA;
    b.evidence ??= evidenceB;
  }
}

function linkByPointers(
  linker: Linker,
  pointers: ReadonlyMap<number, BioPointer>,
  byHandle: ReadonlyMap<string, number>,
): void {
  for (const [index, pointer] of pointers) {
    const target = byHandle.get(pointer.pointsTo);
    if (target === undefined || target === index) continue;
    const m = linker.member(index);
    const t = linker.member(target);
    const says = pointer.role === 'newer' ? 'its bio says it moved to' : 'its bio says it is a backup of';
    linker.link(m, t, `${says} ${displayOf(t)}`, `${displayOf(m)}'s bio points here`);
    t.pointedAt += 1;
    t.pointedRole ??= pointer.role;
  }
}

function linkByWebsite(linker: Linker, accounts: readonly FollowedAccount[]): void {
  const websiteOf = (a: FollowedAccount) => (a.profile?.url ? normalizeWebsite(a.profile.url) : null);
  for (const [site, list] of sharedBuckets(accounts, websiteOf)) {
    const first = linker.member(list[0]!);
    for (const i of list.slice(1)) {
      const m = linker.member(i);
      linker.link(
        m,
        first,
        `same website as ${displayOf(first)}: ${site}`,
        `same website as ${displayOf(m)}: ${site}`,
      );
    }
  }
}

/** Handle bases alone collide for common names; two different websites say two owners. */
function sameOwnerByName(a: FollowedAccount, b: FollowedAccount): boolean {
  if (!similarNames(nameWords(a.profile?.name ?? ''), nameWords(b.profile?.name ?? ''))) return false;
  const siteA = a.profile?.url ? normalizeWebsite(a.profile.url) : null;
  const siteB = b.profile?.url ? normalizeWebsite(b.profile.url) : null;
  return !(siteA && siteB && siteA !== siteB);
}

function linkByHandleAndName(linker: Linker, accounts: readonly FollowedAccount[]): void {
  const baseOf = (a: FollowedAccount) => (a.handle && a.profile?.name ? handleBase(a.handle) : null);
  for (const [, list] of sharedBuckets(accounts, baseOf)) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [i, j] = [list[x]!, list[y]!];
        if (!sameOwnerByName(accounts[i]!, accounts[j]!)) continue;
        const [a, b] = [linker.member(i), linker.member(j)];
        linker.link(
          a,
          b,
          `same name and handle as ${displayOf(b)}`,
          `same name and handle as ${displayOf(a)}`,
        );
      }
    }
  }
}

interface Criterion {
  why: (keep: Member) => string;
  value: (m: Member) => number;
}

/** The order of preference for the account to keep; the first that sets two apart says why. */
function keepCriteria(context: DuplicateContext): Criterion[] {
  const profileNumber = (m: Member, field: 'lastPostAt' | 'followersCount') =>
    m.account.profile?.[field] ?? -1;
  return [
    {
      value: (m) => m.pointedAt,
      why: (k) => (k.pointedRole === 'main' ? 'the main account' : 'the newer account'),
    },
    {
      value: (m) => (m.account.profile?.bio && saysRetired(m.account.profile.bio) ? 0 : 1),
      why: () => 'this one calls itself old or a backup',
    },
    { value: (m) => (context.isMutual?.(m.account) ? 1 : 0), why: () => 'it follows you back' },
    { value: (m) => profileNumber(m, 'lastPostAt'), why: () => 'it posted more recently' },
    { value: (m) => profileNumber(m, 'followersCount'), why: () => 'it has more followers' },
    { value: (m) => context.strength?.(m.account) ?? 0, why: () => 'you interact with it more' },
  ];
}

function compare(criteria: Criterion[], a: Member, b: Member): { order: number; why: string } {
  for (const c of criteria) {
    const d = c.value(b) - c.value(a);
    if (d !== 0) return { order: d, why: c.why(d < 0 ? a : b) };
  }
  return { order: a.index - b.index, why: 'nothing sets them apart, so the first in your list' };
}

function resolveGroup(group: Member[], criteria: Criterion[], result: Map<string, DuplicateMatch>): void {
  const keep = group.reduce((best, m) => (compare(criteria, best, m).order > 0 ? m : best));
  const shown = displayOf(keep);
  for (const m of group) {
    if (m === keep) continue;
    const { why } = compare(criteria, keep, m);
    const evidence = m.evidence ? ` (${m.evidence})` : '';
    result.set(m.account.key, {
      keepKey: keep.account.key,
      keepHandle: keep.account.handle,
      reason: `same owner as ${shown}${evidence} — keep ${shown} (${why})`,
    });
  }
}

/** An account that moved to one the owner does not follow is redundant all the same. */
function flagMovedAway(
  accounts: readonly FollowedAccount[],
  pointers: ReadonlyMap<number, BioPointer>,
  byHandle: ReadonlyMap<string, number>,
  result: Map<string, DuplicateMatch>,
): void {
  for (const [index, { pointsTo, role }] of pointers) {
    const key = accounts[index]!.key;
    if (role !== 'newer' || byHandle.has(pointsTo) || result.has(key)) continue;
    result.set(key, {
      keepKey: `@${pointsTo}`,
      keepHandle: pointsTo,
      reason: `its bio says it moved to @${pointsTo}, which you do not follow`,
    });
  }
}

/** Accounts of one owner beyond the one to keep, by key, each with the account to keep and why. */
export function findDuplicates(
  accounts: readonly FollowedAccount[],
  context: DuplicateContext = {},
): Map<string, DuplicateMatch> {
  const pointers = new Map<number, BioPointer>();
  accounts.forEach((a, i) => {
    const pointer = a.profile?.bio ? readBioPointer(a.profile.bio, a.handle) : null;
    if (pointer) pointers.set(i, pointer);
  });
  // Only bios that point at another handle need the accounts by handle.
  const byHandle = new Map<string, number>();
  if (pointers.size > 0) {
    accounts.forEach((a, i) => {
      if (a.handle) byHandle.set(a.handle.toLowerCase(), i);
    });
  }

  const linker = new Linker(accounts);
  linkByPointers(linker, pointers, byHandle);
  linkByWebsite(linker, accounts);
  linkByHandleAndName(linker, accounts);

  const result = new Map<string, DuplicateMatch>();
  const criteria = keepCriteria(context);
  const byRoot = groupBy(linker.members.values(), (m) => linker.groups.find(m.index));
  for (const group of byRoot.values()) if (group.length > 1) resolveGroup(group, criteria, result);
  flagMovedAway(accounts, pointers, byHandle, result);
  return result;
}
