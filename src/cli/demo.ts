import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

/**
 * The bundled demo: an X archive and a profile snapshot of an opera and theatre blogger in London,
 * built by scripts/make-demo.ts. Audited as of a fixed date so the demo reads the same every day.
 */
export const DEMO = {
  files: [
    join(PROJECT_ROOT, 'samples', 'demo-x-archive.zip'),
    join(PROJECT_ROOT, 'samples', 'demo-profiles.jsonl'),
  ],
  now: '2026-11-20T12:00:00.000Z',
  /** Her follower snapshots of earlier audits: the demo's new, lost and churned followers. Read only. */
  followerHistory: join(PROJECT_ROOT, 'samples', 'demo-follower-history.json'),
  /** A bot she loves: the demo shows the keep list overriding the signals. */
  keep: ['AriaOfTheDay'],
};
