/**
 * Discord's limits on a message, checked as Discord checks them, so a summary that would be refused in
 * production (2001 characters, an 11th embed, a sixth button in a row) is refused here with the same 50035.
 */
import { ComponentType, MessageFlags, type APIEmbed, type APIMessageTopLevelComponent } from 'discord.js';
import { invalidFormBody, refuse, type Upload } from './http.js';

export interface MessageBody {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: APIMessageTopLevelComponent[] | null;
  attachments?: { id: string | number; description?: string }[] | null;
  flags?: number | null;
}

/** Discord's upload limit for servers without boosts. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

type Problems = Record<string, unknown>;

function problem(problems: Problems, path: (string | number)[], code: string, message: string): void {
  let node = problems;
  for (const key of path) node = (node[key] ??= {}) as Problems;
  ((node._errors ??= []) as unknown[]).push({ code, message });
}

function tooLong(
  problems: Problems,
  path: (string | number)[],
  value: { length: number } | null | undefined,
  max: number,
): void {
  if (value && value.length > max)
    problem(problems, path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

function checkEmbeds(problems: Problems, embeds: APIEmbed[]): void {
  tooLong(problems, ['embeds'], embeds, 10);
  let total = 0;
  embeds.forEach((embed, i) => {
    tooLong(problems, ['embeds', i, 'title'], embed.title, 256);
    tooLong(problems, ['embeds', i, 'description'], embed.description, 4096);
    tooLong(problems, ['embeds', i, 'fields'], embed.fields, 25);
    tooLong(problems, ['embeds', i, 'footer', 'text'], embed.footer?.text, 2048);
    tooLong(problems, ['embeds', i, 'author', 'name'], embed.author?.name, 256);
    embed.fields?.forEach((field, j) => {
      tooLong(problems, ['embeds', i, 'fields', j, 'name'], field.name, 256);
      tooLong(problems, ['embeds', i, 'fields', j, 'value'], field.value, 1024);
      total += field.name.length + field.value.length;
    });
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0);
  });
  if (total > 6000)
    problem(problems, ['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

function checkRows(problems: Problems, rows: APIMessageTopLevelComponent[]): void {
  tooLong(problems, ['components'], rows, 5);
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (row.type !== ComponentType.ActionRow) return;
    tooLong(problems, ['components', i, 'components'], row.components, 5);
    row.components.forEach((component, j) => {
      const at = ['components', i, 'components', j];
      if ('label' in component) tooLong(problems, [...at, 'label'], component.label, 80);
      if (!('custom_id' in component)) return;
      tooLong(problems, [...at, 'custom_id'], component.custom_id, 100);
      if (seen.has(component.custom_id))
        problem(
          problems,
          [...at, 'custom_id'],
          'COMPONENT_CUSTOM_ID_DUPLICATED',
          'Component custom id cannot be duplicated',
        );
      seen.add(component.custom_id);
    });
  });
}

/** Throws Discord's refusal when the body breaks a limit. */
export function checkLimits(body: MessageBody, files: Upload[]): void {
  if (files.some((file) => file.data.length > MAX_UPLOAD_BYTES)) throw refuse.tooLarge();
  const problems: Problems = {};
  tooLong(problems, ['content'], body.content, 2000);
  if (body.embeds) checkEmbeds(problems, body.embeds);
  // Components V2 messages nest differently; only classic action rows are checked.
  if (body.components && ((body.flags ?? 0) & MessageFlags.IsComponentsV2) === 0)
    checkRows(problems, body.components);
  tooLong(problems, ['attachments'], body.attachments ?? files, 10);
  if (Object.keys(problems).length > 0) throw invalidFormBody(problems);
}
