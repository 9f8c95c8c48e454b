import { emptyLedger, recordEvent } from '../../src/ledger.js';
import {
  DEFAULT_THRESHOLDS,
  type AuditInput,
  type FollowedAccount,
  type InteractionEvent,
  type Interests,
  type Ledger,
  type Profile,
} from '../../src/model.js';

/** Plain-data builders for engine tests: every account, profile and ledger is written out by the test. */

export const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

export function daysAgo(days: number): number {
  return NOW - days * DAY;
}

/** An ordinary, active, human-looking profile; tests override what they are about. */
export function person(handle: string, overrides: Partial<Profile> = {}): Profile {
  return {
    id: `id-${handle}`,
    handle,
    name: handle,
    bio: 'Singer and opera lover in London',
    createdAt: daysAgo(2000),
    protected: false,
    verified: false,
    defaultAvatar: false,
    followersCount: 800,
    followingCount: 600,
    postCount: 4000,
    likeCount: 6000,
    listedCount: 10,
    lastPostAt: daysAgo(3),
    followsOwner: true,
    ...overrides,
  };
}

export function followed(profile: Profile, extra: Partial<FollowedAccount> = {}): FollowedAccount {
  return {
    key: profile.id ?? `@${profile.handle}`,
    id: profile.id,
    handle: profile.handle,
    profile,
    ...extra,
  };
}

/** An account known only by handle, as an Instagram export lists it. */
export function bare(handle: string, extra: Partial<FollowedAccount> = {}): FollowedAccount {
  return { key: `@${handle}`, id: null, handle, profile: null, ...extra };
}

export function ledgerOf(
  events: InteractionEvent[],
  sources = ['own posts', 'likes', 'direct messages'],
): Ledger {
  const ledger = emptyLedger();
  ledger.sources = sources;
  for (const e of events) recordEvent(ledger, e);
  return ledger;
}

export const OPERA: Interests = { terms: ['opera', 'theatre', 'blogging', 'London'], source: 'explicit' };

export function input(following: FollowedAccount[], overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    platform: 'x',
    owner: { id: 'owner', handle: 'owner' },
    following,
    followers: null,
    ledger: ledgerOf([]),
    interests: OPERA,
    ownerTexts: { bio: null, posts: [], likes: [] },
    keep: new Set(),
    muted: new Set(),
    now: NOW,
    thresholds: DEFAULT_THRESHOLDS,
    ...overrides,
  };
}
