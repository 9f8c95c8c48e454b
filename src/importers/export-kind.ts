/** Telling an X archive from an Instagram export by the names in its central directory alone. */

export type ExportKind = 'x-archive' | 'instagram';

const X_NAMES = /^data\/(?:manifest|account|following|follower|tweets?|like)(?:-part\d+)?\.js$/;
const INSTAGRAM_NAMES =
  /(?:^|\/)(?:followers(?:_\d+)?|following)\.json$|(?:^|\/)(?:connections\/followers_and_following|your_instagram_activity|personal_information)\//;

/** Collects hints while a ZIP's directory is read; an X marker wins over an Instagram one. */
export class ExportKindVote {
  private x = false;
  private instagram = false;

  see(name: string): void {
    if (!this.x && X_NAMES.test(name)) this.x = true;
    else if (!this.instagram && INSTAGRAM_NAMES.test(name)) this.instagram = true;
  }

  get kind(): ExportKind | null {
    return this.x ? 'x-archive' : this.instagram ? 'instagram' : null;
  }
}
