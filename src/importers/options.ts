import type { ZipLimits } from './zip.js';

export interface ImportOptions {
  limits?: ZipLimits;
  /** Called as the data files are read: bytes done and bytes to do (uncompressed). */
  onProgress?: (done: number, total: number) => void;
  /** How the file is named in messages, e.g. an upload's file name; defaults to the path's base name. */
  name?: string;
}
