import type { FollowedAccount } from '../model.js';

/**
 * An export may list more follows than one audit takes (an X audit reads at most as many): the most
 * recently followed are kept where the export dates its follows (Instagram), else the first it lists.
 */
export function capFollowing(
  following: FollowedAccount[],
  max: number | null,
): { following: FollowedAccount[]; warnings: string[] } {
  if (max === null || following.length <= max) return { following, warnings: [] };
  const newestFirst = following.some((f) => f.followedAt != null)
    ? [...following].sort((a, b) => (b.followedAt ?? -Infinity) - (a.followedAt ?? -Infinity))
    : following;
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    following: newestFirst.slice(0, max),
    warnings: [
      `The export lists ${n(following.length)} accounts you follow; Tend audits at most ${n(max)} at a time, so this audit covers ${n(max)} of them (the most recently followed where the export says when) and leaves out the other ${n(following.length - max)}.`,
    ],
  };
}
