#!/usr/bin/env node
/**
 * `npm run --silent bots:score -- FILE.csv [--collected-at DATE]`: scores every account of a CSV in the
 * layout of the bot model's training data (account_type and source may be absent) and prints
 * `id,score` per row, in the file's order, on stdout and nothing else; scores in [0, 1]. For people
 * checking the model on their own labelled accounts. Messages go to stderr; exit 1 when the file
 * cannot be read, 2 for a command line it does not understand.
 */
import { parseArgs } from 'node:util';
import { access } from 'node:fs/promises';
import { BOT_FEATURES, writeBotFeatures } from '../engine/bot-features.js';
import { botMargin, compileBotModel, sigmoid } from '../engine/bot-model.js';
import { defaultBotModel } from '../engine/default-bot-model.js';
import { readLabelledProfiles } from '../importers/bot-csv.js';

const USAGE = 'usage: bots:score FILE.csv [--collected-at DATE]\n';

async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'collected-at': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`bots:score: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    process.stderr.write(`bots:score: give exactly one CSV file\n${USAGE}`);
    return 2;
  }
  // Rows without created_at + account_age_days are scored as of this time.
  const collectedAt =
    parsed.values['collected-at'] === undefined ? Date.now() : Date.parse(parsed.values['collected-at']);
  if (!Number.isFinite(collectedAt)) {
    process.stderr.write(`bots:score: --collected-at is not a date: "${parsed.values['collected-at']}"\n`);
    return 2;
  }
  try {
    await access(file);
  } catch {
    process.stderr.write(`bots:score: cannot read ${file}\n`);
    return 1;
  }
  const model = defaultBotModel();
  const compiled = compileBotModel(model);
  const features = new Float64Array(BOT_FEATURES.length);
  let rows = 0;
  try {
    for await (const account of readLabelledProfiles(file, collectedAt)) {
      writeBotFeatures(account.profile, account.collectedAt, model.bigrams, features);
      const line = `${account.id},${sigmoid(botMargin(compiled, features)).toFixed(6)}\n`;
      if (!process.stdout.write(line)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      rows += 1;
    }
  } catch (error) {
    process.stderr.write(`bots:score: ${(error as Error).message} (after ${rows} rows)\n`);
    return 1;
  }
  process.stderr.write(`bots:score: scored ${rows} accounts\n`);
  return 0;
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = await run(process.argv.slice(2));
