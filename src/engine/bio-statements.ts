import { foldText } from './text.js';

/**
 * What an account's bio says about the owner's other accounts: "moved to @x", "backup of @x",
 * "old account". Matched on the folded, lowercased bio.
 */
export interface BioPointer {
  /** The handle pointed at, lowercased, without `@`. */
  pointsTo: string;
  /** `newer`: the owner moved there; `main`: this is a backup or alt of it. */
  role: 'newer' | 'main';
}

const H = '@([a-z0-9_.]*[a-z0-9_])';
const NEWER = [
  new RegExp(`\\b(?:moved|moving|migrated|relocated|switched)(?: over)? to ${H}`),
  new RegExp(`\\bnew (?:account|acc|acct|profile|handle|home|page)\\b[^@\\n]{0,15}${H}`),
  new RegExp(`\\b(?:now|find (?:me|us))(?: over)? (?:at|on) ${H}`),
  new RegExp(`\\bfollow (?:me |us )?(?:at |on )?${H} instead\\b`),
];
const MAIN = [
  new RegExp(
    `\\b(?:backup|back-up|back up|alt|alternate|second|spare|secondary|side)(?: account| acc| acct)? (?:of|for|to) ${H}`,
  ),
  // Not `\s*(?:is|…)?\s*`: two `\s*` side by side split a long run of spaces in every possible way (the
  // square of its length) before failing.
  new RegExp(`\\bmain(?: account| acc| acct| page)?\\s*(?:(?:is|at|[:=\\-–—>→]+)\\s*)?${H}`),
];
const RETIRED =
  /\b(?:old|former|previous|backup|back-up|archived?|inactive) (?:account|acc|acct)\b|\bno longer (?:active|used|in use|updated|monitored)\b|\bnot (?:active|used|monitored) anymore\b|\b(?:this account|account) is (?:inactive|abandoned|archived|retired)\b/;
const ANY_HANDLE = new RegExp(H, 'g');

function firstMatch(patterns: readonly RegExp[], bio: string, own: string | null): string | null {
  for (const p of patterns) {
    const handle = p.exec(bio)?.[1];
    if (handle && handle !== own) return handle;
  }
  return null;
}

/** The bio says this account is old, a backup, or no longer used. */
export function saysRetired(bio: string): boolean {
  return RETIRED.test(foldText(bio));
}

/** The account a bio points at as the owner's newer or main one; null for most bios, which name none. */
export function readBioPointer(bio: string, ownHandle: string | null): BioPointer | null {
  if (!bio.includes('@')) return null;
  const text = foldText(bio);
  const own = ownHandle?.toLowerCase() ?? null;
  const newer = firstMatch(NEWER, text, own);
  if (newer) return { pointsTo: newer, role: 'newer' };
  const main = firstMatch(MAIN, text, own);
  if (main) return { pointsTo: main, role: 'main' };
  // "Old account. Follow @x": a retired account naming exactly one other handle points to its successor.
  if (RETIRED.test(text)) {
    const others = [...new Set([...text.matchAll(ANY_HANDLE)].map((m) => m[1]!))].filter((h) => h !== own);
    if (others.length === 1) return { pointsTo: others[0]!, role: 'newer' };
  }
  return null;
}
