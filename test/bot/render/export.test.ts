import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { reportExport } from '../../../src/bot/render/export.js';
import { account, demoReport, report } from './support.js';

describe('the report exports', () => {
  it('CSV: one row per account, as the CLI’s --csv writes it', async () => {
    const real = await demoReport();
    const file = reportExport(real, 'csv');
    expect(file.name).toBe('tend-audit-x-2026-11-20.csv');
    const rows = parse(file.attachment.toString('utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.handle, r.verdict])).toEqual(real.accounts.map((a) => [a.id ?? '', a.handle ?? '', a.verdict]));
    expect(rows[0]!.reasons).toBe(real.accounts[0]!.reasons.join('; '));
  });

  it('JSON: the report as `tend --json` prints it, parsing back to the same accounts', () => {
    const original = report([account({ handle: 'a_b', reasons: ['naïve “quotes” 🎭'] }), account({ id: '2', verdict: 'keep', categories: [] })], {
      platform: 'instagram', xUsage: { calls: 3, users: 2, posts: 0 },
    });
    const file = reportExport(original, 'json');
    expect(file.name).toBe('tend-audit-instagram-2026-11-20.json');
    const text = file.attachment.toString('utf8');
    expect(text).toBe(`${JSON.stringify(original, null, 2)}\n`);
    expect(JSON.parse(text)).toEqual(original);
  });
});
