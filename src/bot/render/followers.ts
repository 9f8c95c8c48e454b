/**
 * The followers side in Discord: the lines the audit summary gains (the audience's shape, and what
 * looking up the sample would cost, with the button that confirms it), the /followers answer (the
 * shape, the chart, the loyal followers to thank, the lost ones, exports) and the review's DM page
 * of fake followers, each with its reasons and a link, to remove in the app.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { AuditReport, FollowerCategory, FollowerReport, FollowersAudit, Platform } from '../../model.js';
import { formatDollars, X_PRICE_PER_USER } from '../../engine/follower-sampling.js';
import { costText, followersToCsv, shareText } from '../../report/followers.js';
import { PLATFORM_NAME } from '../../report/labels.js';
import type { BotMessage } from '../../discord/message.js';
import { DISCORD_UPLOAD_LIMIT, fitForDiscord, type ReportFile } from './export.js';
import { offerReadsAll } from '../../audit/followers-audit.js';
import { accountLink, clip, count, fitLines, inert } from '../../discord/text.js';

/** Custom id prefixes of the followers' buttons; the audit id follows (`followers:confirm:<audit>`). */
export const FOLLOWERS_BUTTON = {
  /** On the audit summary: look up the sample at the cost shown (handled by /audit). */
  confirm: 'followers:confirm:',
  /** On /followers: `followers:export:csv:<audit>` (handled by /followers). */
  export: 'followers:export:',
} as const;

const CHART_FILE = 'followers.png';

/** A follower's name with a link to their profile: by handle, or on X by id where only the id is known. */
export function followerLink(platform: Platform, f: Pick<FollowerReport, 'handle' | 'id'>): string {
  if (f.handle || platform !== 'x' || !f.id) return accountLink(platform, f);
  return `[account ${f.id}](https://x.com/i/user/${encodeURIComponent(f.id)})`;
}

/** The audience's shape, one line a share: "fake 12% (95% interval 10%–14%, 998 judged)". */
export function shapeLines(audit: FollowersAudit): string[] {
  const { shape } = audit.summary;
  return (['genuine', 'engaged', 'fake', 'inactive'] as const).map((k) => `${k} ${shareText(shape[k])}`);
}

/** What the figures are of: every follower, a sample, or the newest N. */
function population(audit: FollowersAudit): string {
  const { summary } = audit;
  if (summary.population === 'newest') return `your newest ${count(summary.followers, 'follower')}`;
  if (summary.population === 'sample')
    return `a random sample of ${summary.sampled.toLocaleString('en')} of your ${count(summary.followers, 'follower')}`;
  return `all ${count(summary.followers, 'follower')}`;
}

/** The cost said before anything is spent, with the calls, the accounts and the dollars; null when nothing is left. */
export function offerText(audit: FollowersAudit): string | null {
  const unpaid = audit.summary.unpaid;
  if (!unpaid || unpaid.users === 0) return null;
  const price = `${count(unpaid.calls, 'call')}, ${count(unpaid.users, 'account')} read, about ${formatDollars(unpaid.dollars)} at X's price of ${formatDollars(X_PRICE_PER_USER)} an account`;
  // Nothing read yet, and what is offered is the whole list X counts: exact figures, not the newest N.
  if (
    audit.summary.population === 'newest' &&
    audit.summary.sampled === 0 &&
    offerReadsAll(unpaid, audit.summary.followers)
  )
    return `Judging all ${count(unpaid.users, 'follower')} X counts reads your whole list on X: ${price}. The figures are then exact, and who left since the last audit can be told. Nothing is spent until you press the button.`;
  if (audit.summary.population === 'newest')
    return `Judging your newest ${count(unpaid.users, 'follower')} reads them on X, newest first: ${price}. Nothing is spent until you press the button.`;
  return `Judging the fake and inactive shares looks up ${count(unpaid.users, 'follower')} on X: ${count(unpaid.calls, 'call')}, ${count(unpaid.users, 'account')} read, about ${formatDollars(unpaid.dollars)} at X's price of ${formatDollars(X_PRICE_PER_USER)} an account. Nothing is spent until you press the button.`;
}

/** The dollars the confirm button spends, in cents: what the offer said. */
export function offerCents(audit: FollowersAudit): number {
  return Math.round((audit.summary.unpaid?.dollars ?? 0) * 100);
}

/** The audit summary's field for the followers audit, and its confirm button where there is a cost to confirm. */
export function followersSummaryField(report: AuditReport): APIEmbedField[] {
  const audit = report.followers;
  if (!audit) return [];
  const spent = audit.summary.cost ? `X API: ${costText(audit.summary.cost)}.` : null;
  // Through the X API alone, nothing of the followers is read before the person confirms the cost.
  const unread = audit.summary.population === 'newest' && audit.summary.sampled === 0;
  const lines = [
    ...(unread ? ['Not read yet: through X your followers come newest first, each one read billed.'] : []),
    ...(unread ? [] : [`From ${population(audit)}:`, ...shapeLines(audit)]),
    ...(spent ? [spent] : []),
    ...(offerText(audit) ? [offerText(audit)!] : []),
    '/followers shows who they are.',
  ];
  return [{ name: 'Followers', value: clip(lines.join('\n'), 700) }];
}

export function confirmButton(report: AuditReport, auditId: string): ButtonBuilder | null {
  const audit = report.followers;
  if (!audit || report.platform !== 'x' || offerCents(audit) === 0) return null;
  return new ButtonBuilder()
    .setCustomId(`${FOLLOWERS_BUTTON.confirm}${auditId}`)
    .setLabel(`Look up followers: about ${formatDollars(audit.summary.unpaid!.dollars)}`)
    .setStyle(ButtonStyle.Primary);
}

/** How many of a group /followers names; the exports hold them all. */
const LISTED = 8;

function group(
  report: AuditReport,
  audit: FollowersAudit,
  category: FollowerCategory,
  title: string,
  empty: string,
): APIEmbedField {
  const members = audit.followers.filter((f) => f.categories.includes(category));
  const lines = members.map((f) => {
    const reason = f.reasons[f.categories.indexOf(category)] ?? '';
    return `${followerLink(report.platform, f)} — ${clip(inert(reason), 160)}`;
  });
  const value =
    members.length === 0
      ? empty
      : fitLines(lines.slice(0, LISTED), 1000, (n) => `… and ${n} more (export to see all)`, members.length);
  return { name: `${title} (${members.length.toLocaleString('en')})`, value };
}

/** /followers: the audience's shape with the chart, the loyal followers to thank, the lost ones, and exports. */
export function followersMessage(report: AuditReport, chartPng: Buffer, auditId: string): BotMessage {
  const audit = report.followers!;
  const { summary } = audit;
  const owner = report.owner.handle ? `@${inert(report.owner.handle)}` : 'your account';
  const since = summary.previousAuditAt
    ? `Compared with your followers audit of ${summary.previousAuditAt.slice(0, 10)}.`
    : 'Your first followers audit: who is new and who left are told from the next one on.';
  const notes = summary.notes.map((n) => `• ${clip(inert(n), 240)}`);
  const embed: APIEmbed = {
    title: clip(`Followers of ${owner} on ${PLATFORM_NAME[report.platform]}`, 200),
    description: clip(
      [
        ...(summary.population === 'newest' && summary.sampled === 0
          ? ['Nothing of your followers is read yet: through X they come newest first, each one read billed.']
          : [
              `Audience shape, from ${population(audit)} (${summary.judged.toLocaleString('en')} profiles judged):`,
              '```',
              ...shapeLines(audit),
              '```',
            ]),
        since,
        ...(offerText(audit) ? [offerText(audit)!] : []),
      ].join('\n'),
      2000,
    ),
    fields: [
      group(report, audit, 'loyal', 'Loyal: thank them', 'Nobody has engaged with you across months yet.'),
      group(
        report,
        audit,
        'not_followed_back',
        'Engaged, and you do not follow them back',
        'Everyone who engages with you is followed back.',
      ),
      group(report, audit, 'lost', 'Lost since the last audit', 'Nobody left, as far as Tend could confirm.'),
      ...(notes.length > 0 ? [{ name: 'Notes', value: fitLines(notes, 900, (n) => `… and ${n} more`) }] : []),
    ],
    image: { url: `attachment://${CHART_FILE}` },
  };
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`${FOLLOWERS_BUTTON.export}csv:${auditId}`)
      .setLabel('Export followers CSV')
      .setStyle(ButtonStyle.Secondary),
    new ButtonBuilder()
      .setCustomId(`${FOLLOWERS_BUTTON.export}json:${auditId}`)
      .setLabel('Export followers JSON')
      .setStyle(ButtonStyle.Secondary),
  );
  return {
    embeds: [embed],
    components: [buttons.toJSON()],
    files: [{ attachment: chartPng, name: CHART_FILE }],
  };
}

/**
 * The followers section as a file: the CSV `tend --csv` writes beside the accounts', or its JSON,
 * gzipped where it is over what Discord takes there (`limitBytes`).
 */
export function followersExport(
  report: AuditReport,
  format: 'csv' | 'json',
  limitBytes = DISCORD_UPLOAD_LIMIT,
): ReportFile {
  const audit = report.followers!;
  const name = `tend-followers-${report.platform}-${report.generatedAt.slice(0, 10)}.${format}`;
  const text = format === 'csv' ? followersToCsv(audit) : `${JSON.stringify(audit, null, 2)}\n`;
  return fitForDiscord(Buffer.from(text, 'utf8'), name, format, limitBytes);
}

/** How each platform lets a person remove a follower: Tend does not do it for them (README says why). */
const REMOVE_HOW: Record<Platform, string> = {
  x: 'Tend cannot remove followers: X’s API has no way to. On X, open each profile, block the account, then unblock it: it no longer follows you.',
  instagram:
    'Tend cannot remove followers: Instagram’s API has no way to. In the app, open your followers list and choose Remove follower beside each.',
};

/** How many fake followers the DM page names; the /followers export lists them all. */
const FAKE_LISTED = 15;

/** The review's followers page, sent by DM: the fake followers, each with its reasons and a link. Null when none. */
export function fakeFollowersPage(report: AuditReport): BotMessage | null {
  const audit = report.followers;
  const fakes = audit?.followers.filter((f) => f.categories.includes('fake')) ?? [];
  if (!audit || fakes.length === 0) return null;
  const lines = fakes.map((f) => {
    const reason = f.reasons[f.categories.indexOf('fake')] ?? '';
    return `• ${followerLink(report.platform, f)} — ${clip(inert(reason), 200)}`;
  });
  const judged =
    audit.summary.population === 'all'
      ? ''
      : ` (among the ${audit.summary.judged.toLocaleString('en')} judged)`;
  return {
    embeds: [
      {
        title: `Fake followers${judged}: ${fakes.length.toLocaleString('en')}`,
        description: fitLines(
          lines.slice(0, FAKE_LISTED),
          3200,
          (n) => `… and ${n} more: /followers exports them all`,
          fakes.length,
        ),
        fields: [{ name: 'Removing them is yours to do', value: REMOVE_HOW[report.platform] }],
      },
    ],
  };
}
