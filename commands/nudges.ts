import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { UserError } from '../src/errors.js';
import { MAX_CADENCE_DAYS } from '../src/store/nudge-store.js';
import { instantWords, nextDigestAt, scheduleWords } from '../src/nudges/schedule.js';
import type { NudgeSettings } from '../src/nudges/settings.js';
import { SNOOZE_DAYS } from '../src/nudges/state.js';

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** The options given, as a settings patch; the settings themselves check the values. */
function schedulePatch(
  day: string | null,
  time: string | null,
  timeZone: string | null,
  quiet: string | null,
): Partial<NudgeSettings> {
  const patch: Partial<NudgeSettings> = {};
  if (day === 'daily') Object.assign(patch, { period: 'daily', day: 'daily' });
  else if (day !== null)
    Object.assign(patch, { period: 'weekly', day: DAYS.indexOf(day as (typeof DAYS)[number]) });
  if (time !== null) patch.time = time.trim();
  if (timeZone !== null) patch.timeZone = timeZone;
  if (quiet !== null) {
    const [from, to, ...rest] = quiet.split('-').map((part) => part.trim());
    if (quiet.trim().toLowerCase() === 'none') patch.quietHours = null;
    else if (from && to && rest.length === 0) patch.quietHours = { from, to };
    else throw new UserError('Quiet hours: write them as 22:00-07:00, or none');
  }
  if (Object.keys(patch).length === 0)
    throw new UserError('Say what to change: a day, a time, a time zone or quiet hours.');
  return patch;
}

function when(settings: NudgeSettings, now: number): string {
  return `${scheduleWords(settings)}; the next one ${instantWords(nextDigestAt(settings, now), settings.timeZone)}`;
}

export const nudges: Command = {
  help: `a DM digest, weekly by default, of genuine followers you have gone quiet with; react ✅ done, 💤 snooze ${SNOOZE_DAYS} days, 🔕 never about them.`,
  data: new SlashCommandBuilder()
    .setName('nudges')
    .setDescription('DM digests of genuine followers you have gone quiet with')
    .addSubcommand((s) => s.setName('on').setDescription('Get a digest on your schedule (weekly by default)'))
    .addSubcommand((s) => s.setName('off').setDescription('Stop the digests'))
    .addSubcommand((s) =>
      s
        .setName('schedule')
        .setDescription('When the digest comes')
        .addStringOption((o) =>
          o
            .setName('day')
            .setDescription('A weekday, or every day')
            .addChoices(...DAYS.map((d) => ({ name: d, value: d })), { name: 'every day', value: 'daily' }),
        )
        .addStringOption((o) => o.setName('time').setDescription('On your clock, HH:MM (24-hour)'))
        .addStringOption((o) => o.setName('timezone').setDescription('Such as Europe/London'))
        .addStringOption((o) =>
          o.setName('quiet_hours').setDescription('No DM between, such as 22:00-07:00; none to clear'),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('cadence')
        .setDescription('How often one account may come up')
        .addStringOption((o) =>
          o.setName('account').setDescription('A handle such as @jane, or an id').setRequired(true),
        )
        .addIntegerOption((o) =>
          o
            .setName('days')
            .setDescription('Days; leave out to go back to the default')
            .setMinValue(1)
            .setMaxValue(MAX_CADENCE_DAYS),
        ),
    )
    .addSubcommand((s) => s.setName('preview').setDescription('Show your next digest now, privately')),
  async execute(interaction, deps) {
    const personId = interaction.user.id;
    const { options } = interaction;
    const sub = options.getSubcommand();
    if (sub === 'preview') {
      await interaction.editReply(await deps.nudges.preview(personId));
      return;
    }
    let content: string;
    if (sub === 'on') {
      content = `Nudges are on: a digest comes to your DMs ${when(await deps.nudges.turnOn(personId), deps.now())}. /nudges preview shows it now.`;
    } else if (sub === 'off') {
      await deps.nudges.turnOff(personId);
      content = 'Nudges are off: no more digests. /nudges on starts them again.';
    } else if (sub === 'schedule') {
      const patch = schedulePatch(
        options.getString('day'),
        options.getString('time'),
        options.getString('timezone'),
        options.getString('quiet_hours'),
      );
      const settings = await deps.nudges.reschedule(personId, patch);
      content = settings.enabled
        ? `Saved: digests come ${when(settings, deps.now())}.`
        : `Saved: digests will come ${scheduleWords(settings)} once you run /nudges on.`;
    } else {
      const days = options.getInteger('days');
      const account = await deps.nudges.setCadence(personId, options.getString('account', true), days);
      content =
        days === null
          ? `${account} is back to the cadence of their tier.`
          : `Tend will nudge you about ${account} at most every ${days} days.`;
    }
    await interaction.editReply({ content });
  },
};
