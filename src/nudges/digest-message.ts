/**
 * The digest DM, and its preview for `/nudges preview`: up to five people, each with why they matter
 * and what they posted lately, numbered as the reactions that pick them, and a legend of the reactions.
 */
import type { APIEmbed } from 'discord.js';
import { daysAgo } from '../engine/format.js';
import { NUMBER_EMOJI } from '../discord/emoji.js';
import type { BotMessage } from '../discord/message.js';
import { accountLink, clip, count, inert } from '../discord/text.js';
import { pauseNotice, type PauseReason } from './pause.js';
import type { DigestPerson, DigestPlan } from './plan.js';
import { OUTCOME_EMOJI, type DigestOutcome, type DigestRecord } from './reactions.js';
import { instantWords, nextDigestAt, scheduleWords } from './schedule.js';
import type { NudgeSettings } from './settings.js';
import { SNOOZE_DAYS } from './state.js';
import type { RecentPost } from './why.js';

/** What the person has done on a sent digest, shown when it is edited. */
export type DigestMarks = Pick<DigestRecord, 'selected' | 'outcomes'> & { note?: string | null };

/**
 * Five entries of at most 780 characters, with blank lines between them and the "and N more" line,
 * stay under Discord's 4,096 of description; the legend and a note add a few hundred of the 6,000.
 */
const BUDGET = { name: 50, why: 250, post: 200, note: 300 } as const;
/** Only a plain https address can sit inside a markdown link without breaking it. */
const LINKABLE = /^https:\/\/[^\s()[\]<>]{1,110}$/;

function recentLine(recent: RecentPost | null, now: number): string | null {
  if (!recent) return null;
  const when = recent.at !== null ? daysAgo(recent.at, now) : 'lately';
  const link = recent.url && LINKABLE.test(recent.url) ? ` · [open the post](${recent.url})` : '';
  if (recent.text)
    return `🗨️ posted ${when}: “${clip(inert(recent.text.replace(/\s+/g, ' ').trim()), BUDGET.post)}”${link}`;
  return recent.at !== null ? `last posted ${when}${link}` : null;
}

function outcomeText({ outcome }: DigestOutcome): string {
  const emoji = OUTCOME_EMOJI[outcome];
  if (outcome === 'done') return `${emoji} done: counted as getting in touch`;
  if (outcome === 'snooze') return `${emoji} snoozed for ${SNOOZE_DAYS} days`;
  return `${emoji} you will not be nudged about them again`;
}

function personEntry(
  plan: DigestPlan,
  person: DigestPerson,
  i: number,
  marks: DigestMarks | undefined,
  now: number,
): string {
  const number = plan.people.length > 1 ? `${NUMBER_EMOJI[i]} ` : '';
  const picked = marks?.selected.includes(i) ? '☑️ ' : '';
  const name = person.name ? ` · ${clip(inert(person.name), BUDGET.name)}` : '';
  const lines = [
    `${number}${picked}${accountLink(plan.platform, person)}${name}${person.action ? ` — **${person.action}**` : ''}`,
    `↳ ${clip(inert(person.why), BUDGET.why)}`,
  ];
  const recent = recentLine(person.recent, now);
  if (recent) lines.push(`↳ ${recent}`);
  const outcome = marks?.outcomes.get(i);
  if (outcome) lines.push(`↳ ${outcomeText(outcome)}`);
  return lines.join('\n');
}

function legend(plan: DigestPlan): string {
  const n = plan.people.length;
  const actions = [
    `${OUTCOME_EMOJI.done} done — counts as an interaction`,
    `${OUTCOME_EMOJI.snooze} snooze for ${SNOOZE_DAYS} days`,
    `${OUTCOME_EMOJI.never} never nudge me about them`,
  ];
  return n > 1
    ? [`${NUMBER_EMOJI[0]}–${NUMBER_EMOJI[n - 1]} pick people, then:`, ...actions].join('\n')
    : actions.join('\n');
}

function digestEmbed(
  plan: DigestPlan,
  now: number,
  marks: DigestMarks | undefined,
  legendName: string,
): APIEmbed {
  const n = plan.people.length;
  const entries = plan.people.map((person, i) => personEntry(plan, person, i, marks, now));
  if (plan.more > 0)
    entries.push(`…and ${count(plan.more, 'more person', 'more people')} in the digests to come.`);
  const fields = [{ name: legendName, value: legend(plan) }];
  if (marks?.note) fields.push({ name: 'Note', value: clip(inert(marks.note), BUDGET.note) });
  return {
    title: n === 1 ? 'Someone to get back in touch with' : `${n} people to get back in touch with`,
    description: entries.join('\n\n'),
    fields,
    footer: {
      text: plan.people.some((p) => p.action)
        ? 'Genuine followers you have gone quiet with, and followers who keep writing to you. /nudges off stops these digests.'
        : 'Genuine followers you have gone quiet with. /nudges off stops these digests.',
    },
  };
}

/** The digest DM, for a plan that names someone (an empty plan sends none); `marks` when it is edited after the person's reactions. */
export function digestMessage(plan: DigestPlan, now: number, marks?: DigestMarks): BotMessage {
  return { embeds: [digestEmbed(plan, now, marks, 'React to act')] };
}

export interface PreviewInput {
  /** Null when the person has no audit report to plan from. */
  plan: DigestPlan | null;
  settings: NudgeSettings;
  paused: PauseReason | null;
  now: number;
}

function previewHeader({ settings, paused, now }: PreviewInput): string {
  if (paused) return pauseNotice(paused);
  if (!settings.enabled)
    return `Nudges are off. With /nudges on, a digest like this comes to your DMs ${scheduleWords(settings)}.`;
  return `Your next digest comes ${instantWords(nextDigestAt(settings, now), settings.timeZone)}, ${scheduleWords(settings)}. Were it now, it would say:`;
}

/** `/nudges preview`: the next digest now, privately; reactions work on the DM only. */
export function nudgePreview(input: PreviewInput): BotMessage {
  const content = previewHeader(input);
  const { plan } = input;
  if (plan === null)
    return { content: `${content}\n\nTend has no audit of yours to find people in: run /audit first.` };
  if (plan.people.length > 0)
    return { content, embeds: [digestEmbed(plan, input.now, undefined, 'In the DM, react to act')] };
  const description =
    plan.nurture === 0
      ? 'Your last audit found no genuine follower you have gone quiet with.'
      : `${plan.nurture === 1 ? 'The one genuine follower' : `All ${count(plan.nurture, 'genuine follower')}`} your last audit found gone quiet ${plan.nurture === 1 ? 'is' : 'are'} snoozed, muted, or were nudged or in touch within their cadence.`;
  return { content, embeds: [{ title: 'Nobody to nudge right now', description }] };
}
