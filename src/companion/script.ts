import { COMPANION_BODY } from './body.js';

/**
 * The browser companion as the person installs it: a userscript (Tampermonkey, Violentmonkey) for
 * instagram.com, or the same text pasted into the browser's console there. Its options are written into
 * it as JSON, so what runs is what the person can read.
 */
export interface CompanionOptions {
  /** Usernames to look up first, most suspicious first (the accounts the export left undecided). */
  priority: string[];
  /** Usernames not to look up (the export already decided them: kept, close friends, Favourites). */
  skip: string[];
  /** After the priority list, look up the rest of the following list too, most suspicious first. */
  lookupOthers: boolean;
  /** Wait between two profile lookups: a random time in [min, max) milliseconds. */
  delayMs: [number, number];
  /** Wait between two pages of the following list. */
  pageDelayMs: [number, number];
  /** At most this many profile lookups a day. */
  dailyBudget: number;
  /** How long to pause after Instagram asks to slow down (401 "Please wait a few minutes", 429). */
  cooldownMs: number;
  /** The following list is read again when the last reading is older than this. */
  relistAfterMs: number;
  /**
   * Lookups the browser keeps at most (its storage for a site is a few MB): past this, those already
   * downloaded are let go, and if none were, the companion asks for a download first.
   */
  maxKeptLines: number;
  /** A caption is kept to this many characters: enough to judge the topic by. */
  captionChars: number;
  /** Accounts a page of the following list asks for. */
  pageSize: number;
  /** The web app's id, which instagram.com sends on its own API calls (not a secret). */
  appId: string;
  /** Where progress is kept in the browser (localStorage). */
  storageKey: string;
  /** Starts without waiting for the Start button (tests). */
  autoStart: boolean;
  /** The API's origin; the page's own (https://www.instagram.com) when null. */
  origin: string | null;
}

const HOUR_MS = 3_600_000;

/** Defaults: about 15–20 s between lookups and at most 200 a day, as InstagramUnfollowers-style tools advise. */
export const COMPANION_DEFAULTS: CompanionOptions = {
  priority: [],
  skip: [],
  lookupOthers: true,
  delayMs: [15_000, 20_000],
  pageDelayMs: [3_000, 6_000],
  dailyBudget: 200,
  cooldownMs: 6 * HOUR_MS,
  relistAfterMs: 24 * HOUR_MS,
  maxKeptLines: 1_500,
  captionChars: 500,
  pageSize: 100,
  appId: '936619743392459',
  storageKey: 'tend-companion-v1',
  autoStart: false,
  origin: null,
};

/** The JSON of the options, safe inside a script: no `</script>` or line separators can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The whole companion: a userscript header, then the code run with its options. */
export function companionScript(options: Partial<CompanionOptions> = {}): string {
  const merged: CompanionOptions = { ...COMPANION_DEFAULTS, ...options };
  const asked = merged.priority.length;
  return [
    '// ==UserScript==',
    '// @name         Tend companion (read-only)',
    '// @description  Reads the profiles of the accounts you follow, slowly, for a Tend audit. Changes nothing.',
    '// @match        https://www.instagram.com/*',
    '// @grant        none',
    '// @run-at       document-idle',
    '// ==/UserScript==',
    '//',
    "// Tend's browser companion. Run it on instagram.com, logged in as yourself: it reads the accounts you",
    '// follow and looks up their public profiles one at a time, at most ' +
      `${merged.dailyBudget} a day, and offers them as a file to give to Tend.`,
    '// It follows, unfollows, likes and writes nothing, and sends nothing anywhere but instagram.com.',
    asked > 0 ? `// It looks up the ${asked} accounts your export left undecided first.` : '//',
    `(function (OPTIONS) {${COMPANION_BODY}})(${scriptJson(merged)});`,
    '',
  ].join('\n');
}
