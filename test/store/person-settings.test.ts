import { describe, expect, it } from 'vitest';
import { DEFAULT_PERSON_SETTINGS, PersonSettingsStore } from '../../src/store/person-settings.js';
import { useTestRedis } from '../support/redis.js';

const db = useTestRedis('person-settings');
const store = () => new PersonSettingsStore(db.redis, db.prefix);

describe('person settings', () => {
  it('starts from the defaults: interests inferred, no time zone', async () => {
    expect(await store().get('1')).toEqual(DEFAULT_PERSON_SETTINGS);
    expect(DEFAULT_PERSON_SETTINGS).toEqual({ interests: null, timeZone: null });
  });

  it('saves each setting without touching the others', async () => {
    const settings = store();
    await settings.update('2', { interests: [' opera ', 'theatre', 'London'] });
    const after = await settings.update('2', { timeZone: 'Europe/London' });
    expect(after).toEqual({ interests: ['opera', 'theatre', 'London'], timeZone: 'Europe/London' });
    expect(await settings.get('2')).toEqual(after);
    expect(await settings.update('2', { interests: null })).toEqual({
      interests: null,
      timeZone: 'Europe/London',
    });
  });

  it('refuses bad values with a message naming the setting, and saves nothing', async () => {
    const settings = store();
    await expect(settings.update('3', { timeZone: 'Mars/Olympus' })).rejects.toThrow(
      /^Time zone: not one Tend knows/,
    );
    await expect(settings.update('3', { interests: ['opera', ''] })).rejects.toThrow(
      /^Interests: an interest cannot be empty/,
    );
    expect(await settings.get('3')).toEqual(DEFAULT_PERSON_SETTINGS);
  });
});
