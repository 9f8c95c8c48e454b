import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { personRef, personRefKey, personRefWith, usePersonRefKey } from '../src/log.js';

const DISCORD_ID = '123456789012345678';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the person reference in logs', () => {
  it('is not the plain sha256 of the Discord id, which anyone could compute from the id', () => {
    const ref = personRef(DISCORD_ID);
    expect(ref).toMatch(/^[0-9a-f]{12}$/);
    expect(sha256(DISCORD_ID).startsWith(ref)).toBe(false);
  });

  it('differs under two secrets, and is the same for one person under one secret', () => {
    const [one, two] = [randomBytes(32), randomBytes(32)];
    expect(personRefWith(one, DISCORD_ID)).not.toBe(personRefWith(two, DISCORD_ID));
    expect(personRefWith(one, DISCORD_ID)).toBe(personRefWith(one, DISCORD_ID));
    expect(personRefWith(one, DISCORD_ID)).not.toBe(personRefWith(one, '123456789012345679'));
  });

  it('uses the key the process was started with, derived from TEND_ENCRYPTION_KEY', () => {
    const encryptionKey = randomBytes(32);
    usePersonRefKey(personRefKey(encryptionKey));
    expect(personRef(DISCORD_ID)).toBe(personRefWith(personRefKey(encryptionKey), DISCORD_ID));
    expect(personRefKey(encryptionKey).equals(encryptionKey)).toBe(false);
    expect(personRef(DISCORD_ID)).not.toBe(personRefWith(personRefKey(randomBytes(32)), DISCORD_ID));
  });
});
