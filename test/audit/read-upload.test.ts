/**
 * An upload's thread started ahead (`keepUploadThreadReady`): the upload it is given is read and
 * classified exactly as by a thread started for it, and once an upload takes it, the next is started.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  keepUploadThreadReady,
  readUpload,
  stopUploadThreadReady,
  readyUploadThread,
  type ClassifyRequest,
  type UploadReadLimits,
} from '../../src/audit/read-upload.js';
import { DEFAULT_ZIP_LIMITS } from '../../src/importers/index.js';
import { DEFAULT_THRESHOLDS } from '../../src/model.js';
import { writeXArchive } from '../../scripts/lib/x-archive-writer.js';
import { baseSpec, NOW } from '../fixtures/x-archive-spec.js';

const LIMITS: UploadReadLimits = { zip: DEFAULT_ZIP_LIMITS, cpuMs: 60_000, memoryMb: 512 };
const REQUEST: ClassifyRequest = {
  profiles: null,
  interests: null,
  keep: [],
  told: [],
  warnings: [],
  maxFollowing: null,
  xUsage: null,
  now: NOW,
  thresholds: DEFAULT_THRESHOLDS,
};

let dir: string;
let archive: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tend-read-upload-'));
  archive = join(dir, 'archive.zip');
  await writeXArchive(baseSpec(), archive);
});

afterAll(async () => {
  await stopUploadThreadReady();
  await rm(dir, { recursive: true, force: true });
});

async function readAndClassify() {
  const reading = await readUpload(archive, 'archive.zip', LIMITS);
  const { platform, owner, followingIds } = reading;
  const audit = await reading.classify(REQUEST);
  return {
    read: { platform, owner, followingIds },
    threadId: reading.threadId,
    report: audit.report,
    ledger: audit.ledger.bytes,
  };
}

describe('an upload thread started ahead', () => {
  it('reads and classifies an upload as a thread started for it does, and is replaced once taken', async () => {
    expect(readyUploadThread()).toBeNull();
    const fresh = await readAndClassify();
    expect(fresh.read.followingIds.length).toBeGreaterThan(0);

    keepUploadThreadReady(LIMITS.memoryMb);
    const waiting = readyUploadThread();
    expect(waiting).not.toBeNull();
    const ahead = await readAndClassify();
    expect(ahead.threadId).toBe(waiting);
    expect(ahead.read).toEqual(fresh.read);
    expect(ahead.report.equals(fresh.report)).toBe(true);
    expect(ahead.ledger.equals(fresh.ledger)).toBe(true);
    // The upload took the thread waiting; another now waits for the next upload, and takes it.
    const next = readyUploadThread();
    expect(next).not.toBeNull();
    expect(next).not.toBe(waiting);
    const again = await readAndClassify();
    expect(again.threadId).toBe(next);
    expect(again.read).toEqual(fresh.read);

    await stopUploadThreadReady();
    expect(readyUploadThread()).toBeNull();
    expect((await readAndClassify()).read).toEqual(fresh.read);
    expect(readyUploadThread()).toBeNull();
  });

  it('is not used for an upload given another heap', async () => {
    keepUploadThreadReady(256);
    const waiting = readyUploadThread();
    const reading = await readUpload(archive, 'archive.zip', LIMITS);
    expect(reading.threadId).not.toBe(waiting);
    expect(readyUploadThread()).toBe(waiting);
    await reading.close();
    await stopUploadThreadReady();
  });
});
