import type { AccountFacts, AuditContext } from './facts.js';
import { listInWords } from './format.js';

/**
 * Which checks an Instagram account got and from which evidence, in words: the export (follow-back,
 * interactions, stories seen), the companion's profile lookup (bot, dormant, off-topic, gone), its
 * following list (a story time, the private flag), or the handle alone. An Instagram audit mixes all
 * four, account by account, and the person should see which stood behind each verdict.
 */
const day = (t: number | null | undefined) =>
  typeof t === 'number' ? new Date(t).toISOString().slice(0, 10) : null;

export function instagramEvidence(f: AccountFacts, ctx: AuditContext): string {
  const parts: string[] = [];
  const p = f.profile;
  const fetched = day(p?.fetchedAt);
  const on = fetched ? ` of ${fetched}` : '';
  if (p?.gone) parts.push(`gone by the companion's lookup${on}`);
  else if (p && !p.listOnly) {
    const checks = ['bot', 'dormant', 'off-topic', 'gone'];
    parts.push(
      `${listInWords(checks)} from the companion's profile${on}${p.renamedTo ? ` (as @${p.renamedTo})` : ''}`,
    );
  } else if (p?.listOnly) {
    parts.push(
      `no profile lookup yet, only the companion's following list${on} (${p.lastStoryAt ? 'a story time, ' : ''}private flag): bot and off-topic by the handle alone`,
    );
  } else parts.push('no profile: bot and off-topic by the handle alone, dormant and gone not judged');
  if (typeof f.account.seenActiveAt === 'number') parts.push('active by a story of theirs in the export');
  const { followers, ledger } = ctx.input;
  const hasLedger = ledger.sources.length > 0;
  if (followers && hasLedger) parts.push('follow-back and interactions from the export');
  else if (followers) parts.push('follow-back from the export');
  else if (hasLedger) parts.push('interactions from the export');
  return parts.join('; ');
}
