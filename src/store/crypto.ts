import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM: 32-byte key, 12-byte IV (the size GCM is designed for), 16-byte tag. */
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/**
 * The format's version leads every sealed value, so a later change of cipher or key can read the old
 * values and re-seal them rather than fail on them.
 */
const VERSION = 'v1';

/** Opening failed: the key is not the one the value was sealed with, or the value was altered. */
export class SealError extends Error {
  override readonly name = 'SealError';
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');

/**
 * Seals secrets (X tokens) before they reach Redis. The `context` (whose secret, what it is) is
 * authenticated with the value: a sealed value copied into another person's record does not open.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES)
      throw new Error(`An encryption key must be ${KEY_BYTES} bytes, not ${key.length}`);
    this.#key = Buffer.from(key);
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url: a fresh random IV every time, so equal secrets seal differently. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${VERSION}|${context}`, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join('.');
  }

  open(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) {
      throw new SealError(
        `Not a sealed value of a known format (expected ${VERSION}.<iv>.<tag>.<ciphertext>)`,
      );
    }
    const [, iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, 'base64url')) as [
      Buffer,
      Buffer,
      Buffer,
      Buffer,
    ];
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
      throw new SealError('The sealed value is truncated or altered');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${VERSION}|${context}`, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SealError(
        'Cannot open a sealed secret: TEND_ENCRYPTION_KEY is not the key it was sealed with, or the stored value was altered',
      );
    }
  }
}
