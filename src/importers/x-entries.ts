/** The small X archive files: `account.js`, `profile.js` and the id lists (following, follower, block, mute). */

import type { Owner } from '../model.js';
import { asRecord, asString, unwrap } from './json.js';
import { capOptional, TEXT_LIMITS } from '../text-limits.js';

export function readAccount(element: unknown): Owner | null {
  const account = unwrap(element, 'account');
  const id = asString(account?.accountId);
  if (!account || !id) return null;
  return {
    id,
    handle: asString(account.username),
    name: capOptional(asString(account.accountDisplayName), TEXT_LIMITS.name),
  };
}

/** The owner's bio, from `profile.js`: `{profile: {description: {bio, website, location}}}`; null when not a profile. */
export function readProfileBio(element: unknown): { bio: string | null } | null {
  const profile = unwrap(element, 'profile');
  return profile ? { bio: capOptional(asString(asRecord(profile.description)?.bio), TEXT_LIMITS.bio) } : null;
}

/** The account id of an id-list entry: `{following: {accountId, userLink}}`, keyed `follower`, `blocking`, `muting` in the other lists. */
export function readListedId(element: unknown, key: string): string | null {
  return asString(unwrap(element, key)?.accountId);
}
