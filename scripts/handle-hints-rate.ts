/**
 * How often the handle hints (src/engine/handle-signals.ts) fire on labelled accounts: the share of humans
 * and of bots whose screen name alone gives a hint, per kind. The hints were written before this was run
 * and are not tuned on it; the accounts are X's, whose handles are shaped like Instagram's.
 *
 *   npx tsx scripts/handle-hints-rate.ts ../shared/data/bot-profiles/train.csv
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { handleHints } from '../src/engine/handle-signals.js';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx scripts/handle-hints-rate.ts <labelled profiles CSV>');
const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
const tally = new Map<string, { accounts: number; hinted: number; byKind: Map<string, number> }>();
for (const row of rows) {
  const label = row.account_type === '1' ? 'bot' : 'human';
  const t = tally.get(label) ?? { accounts: 0, hinted: 0, byKind: new Map<string, number>() };
  tally.set(label, t);
  t.accounts++;
  const hints = handleHints(row.screen_name, null);
  if (hints.length > 0) t.hinted++;
  for (const h of hints) t.byKind.set(h.label, (t.byKind.get(h.label) ?? 0) + 1);
}
for (const [label, t] of tally) {
  const share = ((100 * t.hinted) / t.accounts).toFixed(2);
  console.log(`${label}: ${t.hinted} of ${t.accounts} hinted (${share}%)`);
  for (const [kind, n] of t.byKind) console.log(`  ${kind}: ${n}`);
}
