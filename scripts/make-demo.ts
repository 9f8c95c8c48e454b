/**
 * Builds the bundled demo data in samples/: an X archive, a profile snapshot, an Instagram export and the
 * Instagram profile snapshot her browser companion made, for the demo persona (scripts/demo-persona.ts). Deterministic: running it again rewrites the same bytes.
 *
 *   npm run demo:build
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { writeXArchive } from './lib/x-archive-writer.js';
import { buildInstagramExport, companionSnapshot } from './lib/instagram-writer.js';
import { formatSnapshot, type SnapshotRecord } from '../src/importers/snapshot.js';
import {
  buildDemo,
  buildInstagramCompanionDemo,
  buildInstagramDemo,
  followerHistory,
  goneRecords,
  DEMO_NOW,
} from './demo-persona.js';
import { formatFollowerHistory } from '../src/cli/follower-history.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const samples = join(root, 'samples');

const { archive, snapshot } = buildDemo();
await mkdir(samples, { recursive: true });
await writeXArchive(archive, join(samples, 'demo-x-archive.zip'));

const fetchedAt = new Date(Date.parse(DEMO_NOW) - 3 * 86_400_000).toISOString();
const records: SnapshotRecord[] = [
  ...snapshot.map((user) => ({ id: user.id, handle: user.username, fetchedAt, user })),
  ...goneRecords().map(({ id, handle, kind, detail }) => ({
    id,
    handle,
    fetchedAt,
    error: { kind, detail },
  })),
];
await writeFile(join(samples, 'demo-profiles.jsonl'), formatSnapshot(records, fetchedAt));
await writeFile(join(samples, 'demo-follower-history.json'), formatFollowerHistory(followerHistory()));
await writeFile(join(samples, 'demo-instagram.zip'), await buildInstagramExport(buildInstagramDemo()));
const companion = buildInstagramCompanionDemo();
await writeFile(
  join(samples, 'demo-instagram-profiles.jsonl'),
  companionSnapshot(companion.accounts, companion.fetchedAt),
);
console.log(
  `samples/demo-x-archive.zip: ${archive.following.length} following, ${archive.followers.length} followers, ${archive.tweets.length} posts`,
);
console.log(`samples/demo-profiles.jsonl: ${snapshot.length} profiles, ${goneRecords().length} gone`);
console.log(
  `samples/demo-follower-history.json: ${followerHistory().length} follower snapshots of earlier audits`,
);
console.log('samples/demo-instagram.zip: her Instagram export');
console.log(
  `samples/demo-instagram-profiles.jsonl: ${companion.accounts.length} accounts as her browser companion read them`,
);
