/** Telling an X archive from an Instagram export by the names in its central directory alone. */

export type ExportKind = 'x-archive' | 'instagram';

const X_NAMES = /^data\/(?:manifest|account|following|follower|tweets?|like)(?:-part\d+)?\.js$/;
const INSTAGRAM_NAMES =
  /(?:^|\/)(?:followers(?:_\d+)?|following)\.json$|(?:^|\/)(?:connections\/followers_and_following|your_instagram_activity|personal_information)\//;

/** An X archive unzipped and zipped again as its folder: `twitter-2026-11-02-abc/data/manifest.js`. */
const NESTED_X = /^([^/]+)\/data\/(?:manifest|following)\.js$/;
/** What macOS adds next to a folder it zips (resource forks); not part of the export. */
const MAC_METADATA = '__MACOSX';

/**
 * Collects hints while a ZIP's directory is read; an X marker wins over an Instagram one. An X archive is
 * also recognised one folder down, when the ZIP holds that single folder only (someone unzipped the
 * archive and zipped the folder again).
 */
export class ExportKindVote {
  private x = false;
  private instagram = false;
  /** Distinct top-level names (folders or files), up to two: all that matters is whether there is one. */
  private readonly tops = new Set<string>();
  private readonly nestedX = new Set<string>();

  see(name: string): void {
    const top = name.split('/', 1)[0]!;
    if (top !== MAC_METADATA && this.tops.size < 2) this.tops.add(top);
    const nested = NESTED_X.exec(name);
    if (nested) this.nestedX.add(nested[1]!);
    if (!this.x && X_NAMES.test(name)) this.x = true;
    else if (!this.instagram && INSTAGRAM_NAMES.test(name)) this.instagram = true;
  }

  /**
   * Where an X archive's `data/` folder is, once every name has been seen: '' at the root, `<folder>/`
   * when the archive was zipped again as its folder, null when the ZIP is not an X archive.
   */
  get xRoot(): string | null {
    if (this.x) return '';
    const [top] = this.tops;
    return this.tops.size === 1 && top !== undefined && this.nestedX.has(top) ? `${top}/` : null;
  }

  get kind(): ExportKind | null {
    return this.xRoot !== null ? 'x-archive' : this.instagram ? 'instagram' : null;
  }
}
