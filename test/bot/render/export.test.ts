import { gunzipSync } from 'node:zlib';
import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { DISCORD_UPLOAD_LIMIT, reportExport } from '../../../src/bot/render/export.js';
import { isUserError } from '../../../src/errors.js';
import { account, demoReport, largeReport, report } from './support.js';

describe('the report exports', () => {
  it('CSV: one row per account, as the CLI’s --csv writes it', async () => {
    const real = await demoReport();
    const { file, note } = reportExport(real, 'csv');
    expect(file.name).toBe('tend-audit-x-2026-11-20.csv');
    expect(note).toBeNull();
    const rows = parse(file.attachment.toString('utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.handle, r.verdict])).toEqual(
      real.accounts.map((a) => [a.id ?? '', a.handle ?? '', a.verdict]),
    );
    expect(rows[0]!.reasons).toBe(real.accounts[0]!.reasons.join('; '));
  });

  it('JSON: the report as `tend --json` prints it, parsing back to the same accounts', () => {
    const original = report(
      [
        account({ handle: 'a_b', reasons: ['naïve “quotes” 🎭'] }),
        account({ id: '2', verdict: 'keep', categories: [] }),
      ],
      {
        platform: 'instagram',
        xUsage: { calls: 3, users: 2, posts: 0 },
      },
    );
    const { file } = reportExport(original, 'json');
    expect(file.name).toBe('tend-audit-instagram-2026-11-20.json');
    const text = file.attachment.toString('utf8');
    expect(text).toBe(`${JSON.stringify(original, null, 2)}\n`);
    expect(JSON.parse(text)).toEqual(original);
  });

  it('a 22,000-account audit: its 13 MiB of JSON go gzip-compressed under Discord’s 10 MiB, and unzip to the report; its CSV fits as it is', async () => {
    const big = await largeReport(22_000);
    const json = reportExport(big, 'json');
    const plain = gunzipSync(json.file.attachment);
    expect(plain.length).toBeGreaterThan(13 * 1024 * 1024);
    expect(json.file.name).toBe('tend-audit-x-2026-11-20.json.gz');
    expect(json.file.attachment.length).toBeLessThanOrEqual(DISCORD_UPLOAD_LIMIT);
    expect(JSON.parse(plain.toString('utf8'))).toEqual(big);
    expect(json.note).toMatch(/^Compressed with gzip: 13\.\d MiB of JSON is over Discord's 10\.0 MiB a file/);
    const csv = reportExport(big, 'csv');
    expect(csv.file.name).toBe('tend-audit-x-2026-11-20.csv');
    expect(csv.file.attachment.length).toBeLessThanOrEqual(DISCORD_UPLOAD_LIMIT);
  }, 60_000);

  it('a CSV over the limit goes compressed too, and one too large even then is refused with a way out', async () => {
    const big = await largeReport(2_000);
    const limit = 256 * 1024;
    const csv = reportExport(big, 'csv', limit);
    expect(csv.file.name).toBe('tend-audit-x-2026-11-20.csv.gz');
    expect(csv.file.attachment.length).toBeLessThanOrEqual(limit);
    expect(gunzipSync(csv.file.attachment).toString('utf8').split('\n')[1]).toContain(big.accounts[0]!.id!);
    let refusal: unknown;
    try {
      reportExport(big, 'json', 64 * 1024);
    } catch (error) {
      refusal = error;
    }
    expect(isUserError(refusal)).toBe(true);
    expect((refusal as Error).message).toMatch(/too large for Discord even compressed .*command-line tool/);
  }, 60_000);
});
