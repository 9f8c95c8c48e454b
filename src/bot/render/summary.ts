/**
 * The private summary /audit ends with: counts per verdict and category, the chart, the accounts most
 * worth a look with their reasons, what X was asked for, and the buttons that lead on.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type APIEmbed, type APIEmbedField } from 'discord.js';
import { CATEGORIES, VERDICTS, type AccountReport, type AuditReport, type Category } from '../../model.js';
import { PLATFORM_NAME } from '../../report/labels.js';
import type { BotMessage } from '../../discord/message.js';
import { accountLink, clip, count, fitLines, inert } from '../../discord/text.js';
import { confirmButton, followersSummaryField } from './followers.js';

const CHART_FILE = 'audit.png';

/** Custom id prefixes of the summary's buttons (handled by /report); the audit id follows. */
export const SUMMARY_BUTTON = {
  startReview: 'review:start:',
  /** Followed by the format and the audit id: `export:csv:<audit>`. */
  export: 'export:',
} as const;

const TOP_FLAGGED = 8;
/**
 * Shares of Discord's 6,000 characters per message: the description (4,096 at most) holds the flagged
 * accounts; the counts take under 400; the notes take the rest. Together they stay under 6,000 whatever
 * the report holds.
 */
const BUDGET = {
  title: 200,
  description: 3400,
  verdictReason: 200,
  reason: 160,
  notes: 600,
  note: 240,
} as const;

/** Unfollow first, then review, each in the report's order (the strongest evidence first). */
function flagged(report: AuditReport): AccountReport[] {
  return ['unfollow', 'review'].flatMap((verdict) => report.accounts.filter((a) => a.verdict === verdict));
}

/** The commonest signals tell least: one line has room for one reason, so another is shown if there is one. */
const COMMON = new Set<Category>(['not_following_back', 'low_interaction']);

function tellingReason(account: AccountReport): string | undefined {
  const telling = account.categories.findIndex((c) => !COMMON.has(c));
  return account.reasons[Math.max(telling, 0)];
}

function accountEntry(report: AuditReport, account: AccountReport, n: number): string {
  // Only the words are cut: a cut through the link would break its markdown.
  const head = `**${n}.** ${accountLink(report.platform, account)} · **${account.verdict}** — ${clip(inert(account.verdictReason), BUDGET.verdictReason)}`;
  const reason = tellingReason(account);
  return reason === undefined ? head : `${head}\n↳ ${clip(inert(reason), BUDGET.reason)}`;
}

function header(report: AuditReport): string[] {
  const { following, followers } = report.summary;
  const lines = [
    `Following ${following.toLocaleString('en')} · ${followers === null ? 'followers unknown' : count(followers, 'follower')} · as of ${report.generatedAt.slice(0, 10)}`,
  ];
  const { terms, source } = report.interests;
  lines.push(
    terms.length > 0
      ? clip(`Interests (${source}): ${inert(terms.join(', '))}`, 300)
      : 'Interests: none given and none could be inferred (/interests set).',
  );
  if (report.xUsage) {
    const { calls, users, posts } = report.xUsage;
    lines.push(
      `X API: ${count(calls, 'call')}, ${count(users, 'account')} and ${count(posts, 'post')} read (what X bills).`,
    );
  }
  return lines;
}

/** The flagged accounts worth a look first, in `room` characters. */
function flaggedSection(report: AuditReport, accounts: AccountReport[], room: number): string {
  if (accounts.length === 0) return 'Nothing to prune: no account is flagged to unfollow or review.';
  const { unfollow, review } = report.summary.byVerdict;
  const entries = accounts.slice(0, TOP_FLAGGED).map((a, i) => accountEntry(report, a, i + 1));
  const more = (n: number) => `… and ${n.toLocaleString('en')} more: **Start review** goes through them all.`;
  const title = `**Flagged: ${unfollow.toLocaleString('en')} to unfollow, ${review.toLocaleString('en')} to review**`;
  return `${title}\n${fitLines(entries, room - title.length - 1, more, accounts.length)}`;
}

/** Rows padded in a code block: only there is the font monospaced, so the counts line up. */
function countsBlock(ids: readonly string[], counts: Record<string, number>): string {
  const width = Math.max(...ids.map((id) => id.length));
  const rows = ids.map((id) => `${id.padEnd(width)} ${counts[id]!.toLocaleString('en').padStart(7)}`);
  return `\`\`\`\n${rows.join('\n')}\n\`\`\``;
}

function notesField(name: string, notes: readonly string[]): APIEmbedField[] {
  if (notes.length === 0) return [];
  const lines = notes.map((note) => `• ${clip(inert(note), BUDGET.note)}`);
  return [{ name, value: fitLines(lines, BUDGET.notes, (n) => `… and ${n} more`) }];
}

/** `chartPng` is attached as `audit.png` and shown in the embed; the caller sends it privately. */
export function auditSummary(report: AuditReport, chartPng: Buffer, auditId: string): BotMessage {
  const owner = report.owner.handle ? `@${inert(report.owner.handle)}` : 'your account';
  const head = `${header(report).join('\n')}\n\n`;
  const accounts = flagged(report);
  const embed: APIEmbed = {
    title: clip(`Audit of ${owner} on ${PLATFORM_NAME[report.platform]}`, BUDGET.title),
    description: head + flaggedSection(report, accounts, BUDGET.description - head.length),
    fields: [
      { name: 'Verdicts', value: countsBlock(VERDICTS, report.summary.byVerdict), inline: true },
      { name: 'Categories', value: countsBlock(CATEGORIES, report.summary.byCategory), inline: true },
      ...followersSummaryField(report),
      ...notesField('Checks not made', report.summary.skippedChecks),
      ...notesField('Warnings', report.warnings),
    ],
    image: { url: `attachment://${CHART_FILE}` },
  };
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`${SUMMARY_BUTTON.startReview}${auditId}`)
      .setLabel('Start review')
      .setStyle(ButtonStyle.Primary)
      // The review's followers page lists the fake followers, when there are any.
      .setDisabled(
        accounts.length === 0 && !report.followers?.followers.some((f) => f.categories.includes('fake')),
      ),
    new ButtonBuilder()
      .setCustomId(`${SUMMARY_BUTTON.export}csv:${auditId}`)
      .setLabel('Export CSV')
      .setStyle(ButtonStyle.Secondary),
    new ButtonBuilder()
      .setCustomId(`${SUMMARY_BUTTON.export}json:${auditId}`)
      .setLabel('Export JSON')
      .setStyle(ButtonStyle.Secondary),
  );
  const confirm = confirmButton(report, auditId);
  if (confirm) buttons.addComponents(confirm);
  return {
    embeds: [embed],
    components: [buttons.toJSON()],
    files: [{ attachment: chartPng, name: CHART_FILE }],
  };
}
