import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { queueAndWatch, uploadOf } from '../src/bot/start-audit.js';
import { FOLLOWERS_BUTTON, offerCents, offerText } from '../src/bot/render/followers.js';
import { DEFAULT_FOLLOWER_SAMPLE, daySeed } from '../src/engine/follower-sampling.js';
import {
  AUDIT_SOURCES,
  MAX_FOLLOWERS_BUDGET_CENTS,
  parseAuditJob,
  type AuditSource,
} from '../src/queues/payloads.js';
import { auditJobId, personJobIds } from '../src/queues/queues.js';
import { UserError } from '../src/errors.js';

const SOURCE_NAMES: Record<AuditSource, string> = {
  x: 'X (your linked account)',
  'x-archive': 'X archive (.zip)',
  instagram: 'Instagram export (.zip)',
};

export const audit: Command = {
  help: 'audit through your linked X account (source X), or an X archive or Instagram export you attach; profiles: the companion’s snapshot beside an Instagram export. You see the progress, then a private summary: counts, a chart, the accounts most worth a look, and buttons to start the review or export CSV/JSON. With followers on, your followers are audited too: an upload’s for nothing; reading them on X (a sample of an archive’s, or your newest) is shown with its cost first, and runs only when you press its button.',
  data: new SlashCommandBuilder()
    .setName('audit')
    .setDescription('Audit the accounts you follow: who to prune, who to get back in touch with')
    .addStringOption((o) =>
      o
        .setName('source')
        .setDescription('Where your follows come from')
        .setRequired(true)
        .addChoices(...AUDIT_SOURCES.map((s) => ({ name: SOURCE_NAMES[s], value: s }))),
    )
    .addAttachmentOption((o) => o.setName('file').setDescription('Your X archive or Instagram export (.zip)'))
    .addAttachmentOption((o) =>
      o
        .setName('profiles')
        .setDescription('Instagram: the profile snapshot (.jsonl) Tend’s browser companion saved'),
    )
    .addStringOption((o) =>
      o
        .setName('interests')
        .setDescription('Your interests, comma-separated (kept for next time)')
        .setMaxLength(300),
    )
    .addBooleanOption((o) =>
      o
        .setName('lookup_profiles')
        .setDescription('X archive: look up the accounts’ profiles through your linked X account'),
    )
    .addBooleanOption((o) =>
      o
        .setName('followers')
        .setDescription(
          'Audit your followers too: free from an export; what reading them on X costs is shown first',
        ),
    ),
  async execute(interaction, deps) {
    const personId = interaction.user.id;
    const interests = interaction.options.getString('interests');
    if (interests)
      await deps.personSettings.update(personId, {
        interests: interests
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      });
    const file = interaction.options.getAttachment('file');
    const profiles = interaction.options.getAttachment('profiles');
    const now = deps.now();
    await queueAndWatch(interaction, deps, 'Audit queued.', {
      personId,
      source: interaction.options.getString('source', true) as AuditSource,
      file: uploadOf(file),
      profiles: uploadOf(profiles),
      lookupProfiles: interaction.options.getBoolean('lookup_profiles') ?? false,
      // Free: the export lists the followers; lookups wait for the person to confirm their cost.
      followers: interaction.options.getBoolean('followers')
        ? { sample: DEFAULT_FOLLOWER_SAMPLE, budgetCents: 0, seed: daySeed(now) }
        : null,
    });
  },
  components: [
    {
      // On the audit summary: the person saw what looking up their followers costs, and confirms it.
      kind: 'button',
      prefix: FOLLOWERS_BUTTON.confirm,
      async handle(interaction, deps, auditId) {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const personId = interaction.user.id;
        const stored = await deps.reports.latest(personId);
        if (!stored || stored.auditId !== auditId)
          throw new UserError('That report has been replaced by a newer audit: /report shows the latest.');
        const audit = stored.report.followers;
        const cents = audit ? offerCents(audit) : 0;
        if (!audit || cents === 0)
          throw new UserError('Nothing is left to look up for that followers audit.');
        if (cents > MAX_FOLLOWERS_BUDGET_CENTS)
          throw new UserError(
            `Looking up all of them would cost more than Tend spends in one audit ($${MAX_FOLLOWERS_BUDGET_CENTS / 100}): run tend --followers with a budget from the command line.`,
          );
        const confirmed = `Confirmed. ${offerText(audit)!.replace(/ Nothing is spent.*$/, '')}`;
        if (audit.summary.population === 'newest') {
          // Through the X API alone: reads the newest followers offered, completing that audit.
          await queueAndWatch(interaction, deps, confirmed, {
            personId,
            source: 'x',
            file: null,
            lookupProfiles: false,
            followers: {
              sample: audit.summary.unpaid!.users,
              budgetCents: cents,
              seed: daySeed(deps.now()),
              asOf: Date.parse(stored.report.generatedAt),
              completes: auditId,
            },
          });
          return;
        }
        const ids = await personJobIds(deps.queues.audit, personId, { create: false });
        const earlier = ids ? await deps.queues.audit.getJob(auditJobId(ids, auditId)) : undefined;
        const data = earlier ? parseAuditJob(earlier.data) : null;
        const attachment = data?.options.attachment;
        if (!data || !attachment || !data.options.followers)
          throw new UserError(
            'The export of that audit is no longer at hand: run /audit with it again, followers on.',
          );
        await queueAndWatch(interaction, deps, confirmed, {
          personId,
          source: data.source,
          file: attachment,
          profiles: data.options.profiles ?? null,
          lookupProfiles: data.options.hydrateProfiles ?? false,
          // As of the audit it completes: compared with the same earlier audit, its snapshot replaced.
          followers: {
            ...data.options.followers,
            budgetCents: cents,
            asOf: Date.parse(stored.report.generatedAt),
          },
        });
      },
    },
  ],
};
