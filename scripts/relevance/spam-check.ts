/**
 * `npm run spam:check [-- --part dev|test|all] [--show flagged|missed]`: runs Tend's spam markers
 * (src/engine/spam.ts) over every bio of the bot model's training collection (../shared/data/bot-profiles/
 * train.csv, or `--data FILE`) and prints, per source and class, the share of bios called spam, then the
 * markers' counts. Its humans say how often a real person's bio would be called spam, the cost of a wrong
 * spam call; `pronbots-2019` is a collection of adult-spam bots whose bios are mostly link bait. The split
 * is data/relevance's: `test` when the first byte of SHA-256(id) is 128 or more; rules are written on `dev`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { spamMarkers } from '../../src/engine/spam.js';

interface Row {
  id: string;
  screen_name: string;
  description: string;
  account_type: string;
  source: string;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const partOf = (id: string) => (createHash('sha256').update(id).digest()[0]! >= 128 ? 'test' : 'dev');

function main(): void {
  const part = arg('--part', 'dev');
  const show = arg('--show', '');
  const file = arg(
    '--data',
    new URL('../../../shared/data/bot-profiles/train.csv', import.meta.url).pathname,
  );
  if (!existsSync(file))
    throw new Error(
      `spam:check: no data at ${file}; it reads ../shared/data/bot-profiles/train.csv beside the checkout, or --data FILE`,
    );
  const rows = (parse(readFileSync(file), { columns: true }) as Row[]).filter(
    (r) => r.description.trim() !== '' && (part === 'all' || partOf(r.id) === part),
  );
  const groups = new Map<string, { bios: number; spam: number }>();
  const markers = new Map<string, number>();
  for (const r of rows) {
    const found = spamMarkers(r.description);
    const key = `${r.source} ${r.account_type === '1' ? 'bots' : 'humans'}`;
    const g = groups.get(key) ?? { bios: 0, spam: 0 };
    g.bios += 1;
    if (found.length > 0) g.spam += 1;
    groups.set(key, g);
    for (const m of found) {
      const name = m.replace(/ \(".*$/, '');
      markers.set(name, (markers.get(name) ?? 0) + 1);
    }
    const human = r.account_type !== '1';
    if ((show === 'flagged' && found.length > 0) || (show === 'missed' && !human && found.length === 0))
      console.log(
        `${human ? 'human' : 'bot  '} @${r.screen_name}: ${JSON.stringify(r.description)} → ${found.join('; ')}`,
      );
  }
  console.log(`part: ${part}, ${rows.length} bios with text`);
  for (const [key, g] of [...groups].sort())
    console.log(
      `${key.padEnd(36)} ${String(g.spam).padStart(4)} of ${String(g.bios).padStart(4)} called spam (${((100 * g.spam) / g.bios).toFixed(1)}%)`,
    );
  for (const [m, n] of [...markers].sort((a, b) => b[1] - a[1])) console.log(`  ${m}: ${n}`);
}

main();
