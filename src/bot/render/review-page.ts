/**
 * One review page in the person's DMs: up to ten flagged accounts, numbered as the reactions that
 * select them, what is selected, what became of each, and how the page's unfollows are getting on.
 * The page is sent once and edited as the person reacts and the unfollow jobs report back.
 */
import type { APIEmbed } from 'discord.js';
import type { Platform, Verdict } from '../../model.js';
import { whenText } from '../../sources/x-errors.js';
import { UNDO_WINDOW_MS, UNDO_WINDOW_TEXT } from '../../unfollows/outcome.js';
import { progressLine } from '../../unfollows/review-outcomes.js';
import type { AccountOutcome } from '../../unfollows/review-session.js';
import { CONFIRM, KEEP, NEXT, NUMBER_EMOJI, UNDO } from '../../discord/emoji.js';
import type { BotMessage } from '../../discord/message.js';
import { accountLink, clip, inert } from '../../discord/text.js';

export interface ReviewPageAccount {
  id: string | null;
  handle: string | null;
  verdict: Verdict;
  verdictReason: string;
  reasons: string[];
  /** Null while the person has done nothing with the account. */
  outcome: AccountOutcome | null;
}

export interface ReviewView {
  platform: Platform;
  /** The page's accounts, at most 10, in the order of NUMBER_EMOJI. */
  accounts: ReviewPageAccount[];
  /** Positions on this page of the selected accounts: 0 is 1️⃣. */
  selected: readonly number[];
  /** Counts from 0, as the review session does. */
  page: number;
  pages: number;
  /** What the last reaction could not do ("Select accounts … first"), shown until the next edit. */
  note?: string | null;
  now: number;
}

/**
 * Ten entries of 400 characters and their line breaks fit Discord's 4,096 of description; the status and
 * the legend go in fields, capped, which keeps the message under 6,000 in all.
 */
const ENTRY = 400;
const BUDGET = { verdictReason: 100, outcome: 110, note: 300, status: 300 } as const;

function undoable(outcome: AccountOutcome | null, now: number): boolean {
  return outcome?.status === 'unfollowed' && outcome.at > now - UNDO_WINDOW_MS;
}

function outcomeText(outcome: AccountOutcome, now: number): string {
  switch (outcome.status) {
    case 'pending':
      return outcome.waitingUntil !== null && outcome.waitingUntil > now
        ? `⏳ queued: goes at ${whenText(outcome.waitingUntil, now)}`
        : '⏳ unfollowing…';
    case 'unfollowed':
      return undoable(outcome, now)
        ? `✂️ unfollowed (${UNDO} undoes it until ${whenText(outcome.at + UNDO_WINDOW_MS, now)})`
        : '✂️ unfollowed';
    case 'already':
      return '✂️ already unfollowed';
    case 'kept':
      return `${KEEP} on your keep list`;
    case 'failed':
      return `⚠️ ${inert(outcome.message)}`;
    case 'undone':
      return `${UNDO} followed again`;
    case 'in_app':
      return '📱 to unfollow in the app: open the link';
  }
}

/** Only the words are cut, never the link; the reasons get whatever room the rest leaves. */
function accountEntry(view: ReviewView, account: ReviewPageAccount, position: number): string {
  const mark = view.selected.includes(position) ? ' ☑️' : '';
  const head = `${NUMBER_EMOJI[position]}${mark} ${accountLink(view.platform, account)} · **${account.verdict}** — ${clip(inert(account.verdictReason), BUDGET.verdictReason)}`;
  const outcome = account.outcome
    ? `\n↳ ${clip(outcomeText(account.outcome, view.now), BUDGET.outcome)}`
    : '';
  const room = ENTRY - head.length - outcome.length - '\n↳ '.length;
  const reasons =
    account.reasons.length > 0 ? `\n↳ ${clip(inert(account.reasons.join('; ')), Math.max(room, 1))}` : '';
  return head + reasons + outcome;
}

function statusLines(view: ReviewView): string[] {
  const selected = view.selected
    .filter((i) => i < view.accounts.length)
    .sort((a, b) => a - b)
    .map((i) => i + 1);
  const lines = [selected.length > 0 ? `**Selected: ${selected.join(', ')}**` : 'Nothing selected yet.'];
  const outcomes = view.accounts.flatMap((a) => (a.outcome ? [a.outcome] : []));
  const progress = progressLine(outcomes, view.now);
  if (progress) lines.push(clip(progress, BUDGET.status));
  // 🛡️ alone has no confirmation; a kept account that was confirmed is in the progress line already.
  const kept = outcomes.filter((o) => o.status === 'kept' && o.confirmedAt === null).length;
  if (kept > 0) lines.push(`Kept ${kept} on your keep list.`);
  if (view.note) lines.push(`> ${clip(inert(view.note), BUDGET.note)}`);
  return lines;
}

function legend(view: ReviewView): string {
  const last = NUMBER_EMOJI[Math.max(0, view.accounts.length - 1)];
  const lines = [
    `${NUMBER_EMOJI[0]}–${last} select or unselect an account`,
    view.platform === 'instagram'
      ? `${CONFIRM} mark the selected to unfollow in the app (Tend cannot unfollow on Instagram) · ${KEEP} keep the selected`
      : `${CONFIRM} unfollow the selected · ${KEEP} keep the selected`,
  ];
  if (view.page + 1 < view.pages) lines.push(`${NEXT} next page`);
  if (view.accounts.some((a) => undoable(a.outcome, view.now)))
    lines.push(`${UNDO} follow again what was unfollowed on this page (within ${UNDO_WINDOW_TEXT})`);
  return lines.join('\n');
}

export function reviewPage(view: ReviewView): BotMessage {
  const entries = view.accounts
    .slice(0, NUMBER_EMOJI.length)
    .map((account, i) => accountEntry(view, account, i));
  const embed: APIEmbed = {
    title: `Review · page ${view.page + 1} of ${view.pages}`,
    description: entries.length > 0 ? entries.join('\n') : 'Nothing to review on this page.',
    fields: [
      { name: 'Status', value: statusLines(view).join('\n') },
      { name: 'React to act', value: legend(view) },
    ],
  };
  return { embeds: [embed] };
}
