export { importXArchive } from './x-archive.js';
export { importInstagram, followersLookPartial } from './instagram.js';
export { detectKind } from './detect.js';
export type { InputKind } from './detect.js';
export type { ExportKind } from './export-kind.js';
export {
  readProfileSnapshot,
  joinProfiles,
  formatSnapshot,
  snapshotHeader,
  snapshotLine,
  parseSnapshotLine,
  profileOfRecord,
  SNAPSHOT_VERSION,
} from './snapshot.js';
export type { ProfileSnapshot, SnapshotHeader, SnapshotLine, SnapshotRecord } from './snapshot.js';
export { openZip, withZip, DEFAULT_ZIP_LIMITS } from './zip.js';
export type { ZipArchive, ZipLimits, OpenZipOptions } from './zip.js';
export type { ImportOptions } from './options.js';
