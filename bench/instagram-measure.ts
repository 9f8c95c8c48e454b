/**
 * The Instagram import, measured in a fresh process so that its peak RSS is its own. Prints one JSON line:
 *   tsx bench/instagram-measure.ts import
 */
import { performance } from 'node:perf_hooks';
import { entryView } from '../src/ledger.js';
import { INSTAGRAM_EXPORT } from './instagram-dataset.js';

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function measureImport(): Promise<Record<string, number>> {
  const { importInstagram } = await import('../src/importers/index.js');
  const cpu = process.cpuUsage();
  const start = performance.now();
  const imported = await importInstagram(INSTAGRAM_EXPORT);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const followed = new Set(imported.following.map((a) => `@${a.handle!.toLowerCase()}`));
  let likes = 0;
  let likedFollowed = 0;
  let storyReactions = 0;
  for (const [key, packed] of imported.ledger.entries) {
    const entry = entryView(packed);
    const liked = entry.kinds.like?.count ?? 0;
    likes += liked;
    if (followed.has(key)) {
      likedFollowed += liked;
      storyReactions += entry.kinds.story?.count ?? 0;
    }
  }
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMb: peakRssMb(),
    following: imported.following.length,
    followers: imported.followers?.handles.size ?? 0,
    likes,
    likedFollowed,
    storyReactions,
    // Every story row of a followed account (a view or a reaction) dates its owner as active.
    datedByStory: imported.following.filter((a) => a.seenActiveAt != null).length,
  };
}

if (process.argv[2] !== 'import') {
  console.error('usage: tsx bench/instagram-measure.ts import');
  process.exit(2);
}
console.log(JSON.stringify(await measureImport()));
