import {
  CATEGORIES,
  VERDICTS,
  type AccountReport,
  type AuditInput,
  type AuditReport,
  type AuditSummary,
  type Category,
  type FollowedAccount,
  type Verdict,
} from '../model.js';
import type { BotScorer } from './bot-score.js';
import * as check from './checks.js';
import type { Flag } from './checks.js';
import { findDuplicates, type DuplicateMatch } from './duplicates.js';
import { lookupPacked, packedStrength } from '../ledger.js';
import { auditContext, followsBack, gatherFacts, type AccountFacts, type AuditContext } from './facts.js';
import { hundredths, isoTime } from './format.js';
import { tierOf } from './relationship.js';
import { SkippedChecks, type NoteSkip } from './skipped-checks.js';
import { decideVerdict } from './verdict.js';
import { instagramBotScorer } from './instagram-bot.js';
import { instagramEvidence } from './instagram-evidence.js';

export interface AuditDeps {
  botScorer: BotScorer;
}

/**
 * What the reports are ordered by, one slot per account in typed arrays rather than a wrapper object
 * each: 100,000 wrappers were garbage the collector had to copy while the reports were still growing.
 */
class Order {
  readonly rank: Uint8Array;
  readonly evidence: Float64Array;
  readonly handles: string[];
  constructor(size: number) {
    this.rank = new Uint8Array(size);
    this.evidence = new Float64Array(size);
    this.handles = new Array<string>(size);
  }

  /**
   * Indexes by verdict (unfollow first), then the strongest evidence first, then by handle; ties keep
   * the following's order, as the stable sort of the wrappers did.
   */
  sorted(): Uint32Array {
    const { rank, evidence, handles } = this;
    const order = new Uint32Array(rank.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return order.sort((a, b) => {
      const ha = handles[a]!;
      const hb = handles[b]!;
      return rank[a]! - rank[b]! || evidence[b]! - evidence[a]! || (ha < hb ? -1 : ha > hb ? 1 : 0) || a - b;
    });
  }
}

const MUTED_NOTE = 'you muted them';
const VERDICT_RANK = Object.fromEntries(VERDICTS.map((v, i) => [v, i])) as Record<Verdict, number>;

function addFlag(flags: Flag[], flag: Flag | null): void {
  if (flag) flags.push(flag);
}

function flagsOf(f: AccountFacts, ctx: AuditContext, match: DuplicateMatch | null, skip: NoteSkip): Flag[] {
  const flags: Flag[] = [];
  addFlag(flags, check.notFollowingBack(f, skip));
  addFlag(flags, check.bot(f, ctx, skip));
  addFlag(flags, check.lowInteraction(f, ctx, skip));
  addFlag(flags, check.offTopic(f, ctx, skip));
  addFlag(flags, check.dormant(f, ctx, skip));
  addFlag(flags, check.gone(f));
  addFlag(flags, check.duplicate(match));
  addFlag(flags, check.neglected(f, ctx, flags, skip));
  return flags;
}

function judge(
  f: AccountFacts,
  ctx: AuditContext,
  match: DuplicateMatch | null,
  skip: NoteSkip,
  order: Order,
  at: number,
): AccountReport {
  const flags = flagsOf(f, ctx, match, skip);
  const decision = decideVerdict(flags, f);
  const reasons = flags.map((flag) => flag.reason);
  if (f.muted) reasons.push(MUTED_NOTE);
  const renamed = f.profile?.renamedTo;
  if (renamed) reasons.push(`renamed to @${renamed}`);
  const evidence = ctx.input.platform === 'instagram' ? instagramEvidence(f, ctx) : null;
  if (evidence) reasons.push(`checked: ${evidence}`);
  const { account, profile } = f;
  const handle = account.handle ?? profile?.handle ?? null;
  const report: AccountReport = {
    id: account.id ?? profile?.id ?? null,
    handle,
    name: profile?.name ?? null,
    categories: flags.map((flag) => flag.category),
    reasons,
    verdict: decision.verdict,
    verdictReason: decision.reason,
    botScore: f.bot ? hundredths(f.bot.score) : null,
    lastActiveAt: isoTime(
      latestOf(latestOf(profile?.lastPostAt, profile?.lastStoryAt), account.seenActiveAt),
    ),
    lastInteractionAt: isoTime(f.lastInteractionAt),
    // Reported as 0 only when there was never an interaction, whatever decay has left.
    strength: f.strength > 0 ? Math.max(hundredths(f.strength), 0.01) : 0,
    tier: tierOf(f.strength),
    duplicateOf: match?.keepKey ?? null,
  };
  // Set after, not spread into the literal: a spread makes each report through the runtime's slow path.
  if (evidence) report.evidence = evidence;
  order.rank[at] = VERDICT_RANK[report.verdict];
  order.evidence[at] = decision.evidence;
  order.handles[at] = (handle ?? account.key).toLowerCase();
  return report;
}

function latestOf(a: number | null | undefined, b: number | null | undefined): number | null {
  if (typeof a !== 'number') return typeof b === 'number' ? b : null;
  return typeof b === 'number' ? Math.max(a, b) : a;
}

/** Counts per category and verdict, kept while judging rather than in a second pass over the reports. */
class Counts {
  private readonly counts = new Map<Category | Verdict, number>(
    [...CATEGORIES, ...VERDICTS].map((id) => [id, 0]),
  );

  add(report: AccountReport): void {
    this.counts.set(report.verdict, this.counts.get(report.verdict)! + 1);
    for (const c of report.categories) this.counts.set(c, this.counts.get(c)! + 1);
  }

  /** Every id present, zeros included. */
  of<Id extends Category | Verdict>(ids: readonly Id[]): Record<Id, number> {
    return Object.fromEntries(ids.map((id) => [id, this.counts.get(id)!])) as Record<Id, number>;
  }
}

function summarize(input: AuditInput, counts: Counts, skipped: SkippedChecks): AuditSummary {
  const followers = input.followers ? Math.max(input.followers.ids.size, input.followers.handles.size) : null;
  return {
    following: input.following.length,
    followers,
    byCategory: counts.of(CATEGORIES),
    byVerdict: counts.of(VERDICTS),
    skippedChecks: skipped.sentences(input.following.length),
  };
}

/** The whole audit: every followed account's categories, reasons and verdict, and the summary. */
export function audit(input: AuditInput, deps: AuditDeps): AuditReport {
  const ctx = auditContext(input);
  const lowerHandle = (a: FollowedAccount) => a.handle?.toLowerCase() ?? null;
  const duplicates = findDuplicates(input.following, {
    isMutual: (a) => followsBack(a, lowerHandle(a), ctx) === true,
    strength: (a) => packedStrength(lookupPacked(input.ledger, { id: a.id, handle: a.handle }), input.now),
  });
  // Instagram profiles lack what the X model leans on (age, likes): they get a scorer of their own.
  const scorer = input.platform === 'instagram' ? instagramBotScorer : deps.botScorer;
  const skipped = new SkippedChecks(input.platform);
  const counts = new Counts();
  // One pass, each account's facts dropped as soon as it is judged: 100k accounts' worth kept alive
  // until the end would cost more in garbage collection than the checks themselves.
  const order = new Order(input.following.length);
  const judged = input.following.map((account, i) => {
    const facts = gatherFacts(account, ctx, scorer);
    const match = duplicates.get(account.key) ?? null;
    skipped.account = i;
    const report = judge(facts, ctx, match, skipped, order, i);
    counts.add(report);
    return report;
  });
  // Unfollow, review, nurture, keep; within each, the strongest evidence first, then by handle.
  const accounts = Array.from(order.sorted(), (i) => judged[i]!);
  return {
    platform: input.platform,
    owner: { id: input.owner.id, handle: input.owner.handle },
    generatedAt: new Date(input.now).toISOString(),
    interests: input.interests,
    accounts,
    summary: summarize(input, counts, skipped),
    warnings: [...(input.warnings ?? [])],
  };
}
