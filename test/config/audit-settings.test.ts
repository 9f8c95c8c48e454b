import { describe, it, expect } from 'vitest';
import { loadAuditSettings } from '../../src/config/audit-settings.js';
import { DEFAULT_THRESHOLDS } from '../../src/model.js';

describe('audit settings', () => {
  it('uses the documented defaults when nothing is set', () => {
    const settings = loadAuditSettings({});
    expect(settings.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(settings.thresholds).toMatchObject({
      interactionWindowDays: 180,
      dormantDays: 365,
      cadenceDays: { close: 14, regular: 30, casual: 90 },
    });
  });

  it('reads the environment, and a flag overrides it', () => {
    const env = { TEND_DORMANT_DAYS: '200', TEND_BOT_THRESHOLD: '0.9', TEND_CADENCE_DAYS: '7, 21, 60' };
    const settings = loadAuditSettings(env, { dormantDays: '400' });
    expect(settings.thresholds.dormantDays).toBe(400);
    expect(settings.thresholds.botThreshold).toBe(0.9);
    expect(settings.thresholds.cadenceDays).toEqual({ close: 7, regular: 21, casual: 60 });
  });

  it('treats an empty variable as not set', () => {
    expect(loadAuditSettings({ TEND_DORMANT_DAYS: '' }).thresholds.dormantDays).toBe(365);
  });

  it('converts the archive size cap from megabytes', () => {
    expect(loadAuditSettings({ TEND_MAX_ZIP_MB: '1.5' }).zip.maxUncompressedBytes).toBe(1_572_864);
  });

  it.each([
    [{ window: '0' }, /--window must be at least 1 day: got "0"/],
    [{ window: '2.5' }, /--window must be a whole number of days/],
    [{ botThreshold: 'high' }, /--bot-threshold/],
    [{ cadence: '90,30,14' }, /close ≤ regular ≤ casual/],
    [{ maxZipMb: '-1' }, /--max-zip-mb must be at least 1 megabyte/],
    [{ maxZipMb: '1e-9' }, /--max-zip-mb must be at least 1 megabyte/],
    [{ window: 'abc' }, /--window must be a whole number of days: got "abc"/],
    [{ window: '' }, /--window must be a whole number of days: got ""/],
  ])('refuses %o with a message naming the flag', (flags, message) => {
    expect(() => loadAuditSettings({}, flags)).toThrow(message);
  });
});
