/** Telling an X archive from an Instagram export by the names in its central directory alone. */

import { UserError } from '../errors.js';

export type ExportKind = 'x-archive' | 'instagram';

/** Where an X archive's data parts sit in the ZIP (docs/FORMATS.md). */
export interface XLayout {
  /** The folder holding the archive: '' at the ZIP's root, `<folder>/` when it was zipped again as its folder. */
  root: string;
  /** Where the `.js` parts are below `root`: `data/` today, '' in 2018 archives (at the root, no manifest). */
  dataDir: 'data/' | '';
}

const X_NAMES = /^data\/(?:manifest|account|following|follower|tweets?|like)(?:-part\d+)?\.js$/;
/** 2018 archives: the same parts at the root, the messages in `direct-message.js` (singular). */
const X_2018_NAMES = /^(?:account|following|follower|tweets?|like|direct-messages?)(?:-part\d+)?\.js$/;
/**
 * X's tweets-only archive of 2016 and earlier (the "Grailbird" viewer): `tweets.csv` and
 * `data/js/tweets/YYYY_MM.js`, no follow lists.
 */
const X_TWEETS_ONLY =
  /^(?:[^/]+\/)?(?:tweets\.csv|data\/js\/tweet_index\.js|data\/js\/tweets\/\d{4}_\d{2}\.js)$/;
const INSTAGRAM_NAMES =
  /(?:^|\/)(?:followers(?:_\d+)?|following)\.json$|(?:^|\/)(?:connections\/followers_and_following|your_instagram_activity|personal_information)\//;

/** An X archive unzipped and zipped again as its folder: `twitter-2026-11-02-abc/data/manifest.js`, or 2018's `<folder>/following.js`. */
const NESTED_X = /^([^/]+)\/(data\/)?(?:manifest|account|following)\.js$/;
/** What macOS adds next to a folder it zips (resource forks); not part of the export. */
const MAC_METADATA = '__MACOSX';

/**
 * Collects hints while a ZIP's directory is read; an X marker wins over an Instagram one. An X archive is
 * also recognised one folder down, when the ZIP holds that single folder only (someone unzipped the
 * archive and zipped the folder again).
 */
export class ExportKindVote {
  private x = false;
  private x2018 = false;
  private tweetsOnly = false;
  private instagram = false;
  /** Distinct top-level names (folders or files), up to two: all that matters is whether there is one. */
  private readonly tops = new Set<string>();
  /** Folders holding an X archive's parts, with where the parts are inside them. */
  private readonly nestedX = new Map<string, XLayout['dataDir']>();

  see(name: string): void {
    const top = name.split('/', 1)[0]!;
    if (top !== MAC_METADATA && this.tops.size < 2) this.tops.add(top);
    const nested = NESTED_X.exec(name);
    // A folder holding both is today's layout, whatever else it holds.
    if (nested && this.nestedX.get(nested[1]!) !== 'data/')
      this.nestedX.set(nested[1]!, nested[2] ? 'data/' : '');
    if (!this.tweetsOnly && X_TWEETS_ONLY.test(name)) this.tweetsOnly = true;
    if (!this.x && X_NAMES.test(name)) this.x = true;
    else if (!this.x2018 && X_2018_NAMES.test(name)) this.x2018 = true;
    else if (!this.instagram && INSTAGRAM_NAMES.test(name)) this.instagram = true;
  }

  /** Where an X archive's parts are, once every name has been seen; null when the ZIP is not an X archive. */
  get xLayout(): XLayout | null {
    if (this.x) return { root: '', dataDir: 'data/' };
    if (this.x2018) return { root: '', dataDir: '' };
    const [top] = this.tops;
    const dataDir = this.tops.size === 1 && top !== undefined ? this.nestedX.get(top) : undefined;
    return dataDir === undefined ? null : { root: `${top}/`, dataDir };
  }

  get kind(): ExportKind | null {
    return this.xLayout !== null ? 'x-archive' : this.instagram ? 'instagram' : null;
  }

  /** X's tweets-only archive from before 2018, which Tend cannot audit: `xTweetsOnlyError` says why. */
  get xTweetsOnly(): boolean {
    return this.kind === null && this.tweetsOnly;
  }
}

export function xTweetsOnlyError(label: string): UserError {
  return new UserError(
    `${label} is an X archive from before 2018: it has your posts (tweets.csv) but no following list, so there is ` +
      'nothing to audit. Download a new archive from X: Settings → Your account → Download an archive of your data.',
  );
}
