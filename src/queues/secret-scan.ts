/**
 * Finds what looks like a secret in a value bound for job data (or a log line): job data is stored in
 * Redis in the clear, shown by queue dashboards and kept after the job ends, so a token there is a
 * leak. It looks at names (an `accessToken` field, a `token=` query parameter) and at shapes (bearer
 * headers, JWTs, Discord tokens, long hex, long runs mixing upper case, lower case and digits as
 * OAuth tokens and API keys do). Ids, handles, UUIDs and plain words do not match.
 */

const SECRET_NAME =
  /token|secret|passw|authori[sz]ation|cookie|verifier|api[_-]?key|private[_-]?key|credential|bearer|session/i;
const SECRET_PARAM = /^(code|key|sig|signature|auth)$/i;
const PREFIXED = /^(bearer|basic|token|oauth)\s+\S/i;
const JWT = /^eyJ[\w-]{5,}\.[\w-]{5,}\./;
const DISCORD_TOKEN = /^[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}$/;
const LONG_HEX = /^[0-9a-f]{40,}$/i;

function isMixedRun(text: string): boolean {
  return text.length >= 32 && !/\s/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text);
}

function strongShape(text: string): boolean {
  return PREFIXED.test(text) || JWT.test(text) || DISCORD_TOKEN.test(text);
}

function asUrl(text: string): URL | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * A URL is judged by its parts: credentials in it or secret-named parameters are refused, while a
 * signed download link's opaque signature is not taken for a token.
 */
function urlLeaks(url: URL): boolean {
  if (url.username || url.password) return true;
  for (const [name, value] of url.searchParams) {
    if (SECRET_NAME.test(name) || SECRET_PARAM.test(name) || strongShape(value)) return true;
  }
  return false;
}

function looksSecret(text: string): boolean {
  const url = asUrl(text.trim());
  if (url) return urlLeaks(url);
  return strongShape(text) || LONG_HEX.test(text) || isMixedRun(text);
}

/** The path (`options.attachment.url`) of the first secret-looking field or value, or null. */
export function findSecret(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return looksSecret(value) ? path || '(the value)' : null;
  if (value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value)
    ? value.map((item, i) => [String(i), item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) {
    const where = path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && SECRET_NAME.test(key)) return where;
    const found = findSecret(item, where);
    if (found) return found;
  }
  return null;
}
