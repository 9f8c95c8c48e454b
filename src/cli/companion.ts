import { UsageError } from './args.js';
import type { CliOptions } from './args.js';
import type { AuditSettings } from '../config/audit-settings.js';
import { loadFiles } from '../audit/load-files.js';
import { runAudit } from '../audit/run-audit.js';
import { defaultBotScorer } from '../engine/default-bot-model.js';
import { lookupPlan } from '../companion/lookup-plan.js';
import { companionScript } from '../companion/script.js';

/**
 * `tend --companion [EXPORT [SNAPSHOT…]]`: the Instagram browser companion as a userscript. Given an
 * Instagram export, it asks first for the accounts the export left undecided, most suspicious first, and
 * not for the accounts kept whatever the signals nor those a given snapshot already describes.
 */
export async function companionFor(options: CliOptions, settings: AuditSettings): Promise<string> {
  if (options.files.length === 0) return companionScript();
  const loaded = await loadFiles(options.files, settings.zip, () => undefined);
  if (loaded.imported.platform !== 'instagram')
    throw new UsageError('--companion reads Instagram profiles: give an Instagram export, or no file');
  const report = runAudit(
    {
      ...loaded,
      interests: options.interests,
      keep: options.keep,
      now: options.now ?? Date.now(),
      thresholds: settings.thresholds,
    },
    { botScorer: defaultBotScorer(settings.thresholds.botThreshold) },
  );
  const plan = lookupPlan(report);
  const known = (handle: string) => {
    const profile = loaded.profiles?.get(`@${handle.toLowerCase()}`);
    return Boolean(profile && !profile.listOnly);
  };
  return companionScript({
    priority: plan.priority.filter((h) => !known(h)),
    skip: [...plan.skip, ...plan.priority.filter(known)],
  });
}
