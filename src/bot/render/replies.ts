/**
 * /help, and the answers to a command that failed: a UserError in its own words, anything else as a
 * reference the person can quote while the details stay in the log.
 */
import { CONFIRM, KEEP, NEXT, NUMBER_EMOJI, UNDO } from '../../discord/emoji.js';
import { LIMITS, type BotMessage } from '../../discord/message.js';
import { clip, inert } from '../../discord/text.js';

const HELP = [
  '**Tend** audits the accounts you follow and tells you, with reasons, which are worth pruning — and which genuine followers you have let go quiet.',
  '',
  '`/audit` — audit through your linked X account (source X), or an X archive or Instagram export you attach. You see the progress, then a private summary: counts, a chart, the accounts most worth a look, and buttons to start the review or export CSV/JSON.',
  '`/link`, `/unlink` — link your X account (needed to audit through X and to unfollow), or make Tend forget its tokens.',
  '`/keep add|remove|list` — accounts Tend always keeps, whatever the signals.',
  '`/interests set|show|clear` — what you care about: accounts posting about none of it are off-topic.',
  '`/nudges on|off|schedule|cadence|preview` — a DM digest, weekly by default, of genuine followers you have gone quiet with; react ✅ done, 💤 snooze 30 days, 🔕 never about them.',
  '`/report` — your last audit again, with its buttons.',
  '`/undo` — follow again an account Tend unfollowed for you in the last 7 days.',
  '`/forget` — delete everything Tend stores about you.',
  '',
  `**The review** comes to your DMs, ten accounts a page: ${NUMBER_EMOJI[0]}–${NUMBER_EMOJI[9]} select, ${CONFIRM} unfollows the selected, ${KEEP} keeps them, ${NEXT} shows the next page, ${UNDO} follows again what was unfollowed. Only your own reactions count, and nothing is unfollowed without your ${CONFIRM}. Unfollows go at the pace X allows, at most 50 every 15 minutes.`,
  '',
  'Everything Tend shows you about your audit is visible to you only.',
].join('\n');

export function helpText(): string {
  return HELP;
}

/** A UserError's message as written; it may quote a file name or a handle, so it is made inert. */
export function userErrorReply(message: string): BotMessage {
  return { content: clip(inert(message), LIMITS.content) };
}

export function unexpectedErrorReply(ref: string): BotMessage {
  return { content: `Something went wrong (ref ${ref}). It has been logged.` };
}
