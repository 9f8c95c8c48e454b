import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SealError, SecretBox } from '../../src/store/crypto.js';

const box = new SecretBox(randomBytes(32));
const SECRET = 'oauth2-access-token-Qm9vbXNoYWth';

/** Flips one bit of one base64url part of a sealed value. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0]! ^= 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox (AES-256-GCM)', () => {
  it('opens what it sealed, and seals the same secret differently each time', () => {
    const first = box.seal(SECRET, 'x-tokens/p1');
    const second = box.seal(SECRET, 'x-tokens/p1');
    expect(box.open(first, 'x-tokens/p1')).toBe(SECRET);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(first).not.toContain(SECRET);
  });

  it.each([
    ['the IV', 1],
    ['the tag', 2],
    ['the ciphertext', 3],
  ])('refuses a value whose %s was altered', (_, part) => {
    const sealed = box.seal(SECRET, 'x-tokens/p1');
    expect(() => box.open(tamper(sealed, part), 'x-tokens/p1')).toThrow(SealError);
    expect(() => box.open(tamper(sealed, part), 'x-tokens/p1')).toThrow(
      /not the key it was sealed with, or the stored value was altered/,
    );
  });

  it('refuses to open with another key, naming the setting to check', () => {
    const sealed = box.seal(SECRET, 'x-tokens/p1');
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'x-tokens/p1')).toThrow(
      /TEND_ENCRYPTION_KEY is not the key it was sealed with/,
    );
  });

  it("refuses a value moved into another person's record", () => {
    const sealed = box.seal(SECRET, 'x-tokens/p1');
    expect(() => box.open(sealed, 'x-tokens/p2')).toThrow(SealError);
  });

  it('refuses values of an unknown format or version', () => {
    const sealed = box.seal(SECRET, 'ctx');
    expect(() => box.open(sealed.replace(/^v1/, 'v2'), 'ctx')).toThrow(/known format/);
    expect(() => box.open(SECRET, 'ctx')).toThrow(/known format/);
    expect(() => box.open(sealed.split('.').slice(0, 3).join('.') + '.', 'ctx')).toThrow(SealError);
  });

  it('takes only a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes, not 16/);
  });
});
