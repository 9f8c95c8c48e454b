import { foldText } from './text.js';

/**
 * Keys that put accounts likely run by one owner in the same bucket: a normalized website, a handle
 * stripped of decorations, a display name reduced to its words.
 */

/** Sites whose front page says nothing about who links it; a path on them (linktr.ee/jane) still does. */
const GENERIC_ROOTS = new Set([
  'linktr.ee',
  'beacons.ai',
  'bio.link',
  'lnk.bio',
  'linkin.bio',
  'carrd.co',
  'about.me',
  'instagram.com',
  'twitter.com',
  'x.com',
  'facebook.com',
  'fb.com',
  'youtube.com',
  'youtu.be',
  'tiktok.com',
  'linkedin.com',
  'medium.com',
  'substack.com',
  'patreon.com',
  'ko-fi.com',
  'etsy.com',
  'amazon.com',
  'amazon.co.uk',
  'google.com',
  'wordpress.com',
  'blogspot.com',
  'github.com',
  't.me',
  'wa.me',
  'onlyfans.com',
  'spotify.com',
  'open.spotify.com',
  'apple.com',
  'music.apple.com',
  'bandcamp.com',
  'soundcloud.com',
  'twitch.tv',
  'threads.net',
  'bsky.app',
  'wikipedia.org',
  'en.wikipedia.org',
  'gov.uk',
]);

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const MOBILE_OR_WWW = /^(?:www\d?|m|mobile)\./;
const TRACKING_PARAM = /^(?:utm_[a-z]+|fbclid|gclid|igshid|igsh|ref|ref_src|s|si|mc_cid)=/;
const TRAILING_INDEX = /\/(?:index\.html?)?$/;

/** "https://www.JaneDoe.com/?utm_source=x" → "janedoe.com"; null for an empty or generic link. */
export function normalizeWebsite(url: string): string | null {
  const [beforeHash = ''] = url.trim().toLowerCase().split('#');
  const [address = '', query = ''] = beforeHash.split('?');
  let u = address.replace(SCHEME, '').replace(MOBILE_OR_WWW, '');
  while (TRAILING_INDEX.test(u) && u.length > 0) u = u.replace(TRAILING_INDEX, '');
  if (!u) return null;
  const slash = u.indexOf('/');
  if (slash < 0 && GENERIC_ROOTS.has(u)) return null;
  const kept = query.split('&').filter((p) => p && !TRACKING_PARAM.test(p));
  return kept.length > 0 ? `${u}?${kept.join('&')}` : u;
}

const DIGITS_AND_SEPARATORS = /[\d_.-]+/g;
/** Words people put before or after a handle for a second account of the same owner. */
const DECORATION_PREFIXES = ['the', 'real', 'official'];
const DECORATION_SUFFIXES = ['official', 'backup', 'bak', 'archive', 'hq', 'alt', 'old', 'new', 'main'];
const MIN_BASE = 4;
/**
 * A run of this many digits makes a handle look generated ("news48213377"): what is left is a stock
 * word shared by unrelated accounts, not someone's name.
 */
const GENERATED_DIGITS = /\d{5,}/;

/**
 * "The_JaneDoe2", "janedoe_backup", "realjanedoe" → "janedoe"; null when too little is left to mean anything
 * or the handle looks generated.
 */
export function handleBase(handle: string): string | null {
  if (GENERATED_DIGITS.test(handle)) return null;
  let base = handle.toLowerCase().replace(DIGITS_AND_SEPARATORS, '');
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of DECORATION_PREFIXES) {
      if (base.startsWith(p) && base.length - p.length >= MIN_BASE) {
        base = base.slice(p.length);
        changed = true;
      }
    }
    for (const s of DECORATION_SUFFIXES) {
      if (base.endsWith(s) && base.length - s.length >= MIN_BASE) {
        base = base.slice(0, -s.length);
        changed = true;
      }
    }
  }
  return base.length >= MIN_BASE ? base : null;
}

const NON_WORD = /[^\p{L}\p{N}]+/u;
/** Words that mark which of one owner's accounts this is, not who the owner is. */
const NAME_NOISE = new Set([
  'backup',
  'official',
  'old',
  'new',
  'account',
  'acc',
  'archive',
  'alt',
  'the',
  'real',
  'hq',
  'main',
  'page',
]);

export function nameWords(name: string): string[] {
  return foldText(name)
    .split(NON_WORD)
    .filter((w) => w && !NAME_NOISE.has(w));
}

/** Same words, one name inside the other ("Jane Doe" / "Jane Doe Writes"), or most words shared. */
export function similarNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const joinedA = a.join(' ');
  const joinedB = b.join(' ');
  if (joinedA === joinedB) return true;
  if (
    Math.min(joinedA.length, joinedB.length) >= MIN_BASE &&
    (joinedA.includes(joinedB) || joinedB.includes(joinedA))
  ) {
    return true;
  }
  const setB = new Set(b);
  const shared = a.filter((w) => setB.has(w)).length;
  return shared / new Set([...a, ...b]).size >= 0.5;
}
