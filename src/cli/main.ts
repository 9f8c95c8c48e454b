import { readFile, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import pc from 'picocolors';
import cliProgress from 'cli-progress';
import { isUserError, UserError } from '../errors.js';
import { loadAuditSettings } from '../config/audit-settings.js';
import { runAudit } from '../audit/run-audit.js';
import { defaultBotScorer } from '../engine/default-bot-model.js';
import { renderText } from '../report/render-text.js';
import { reportToCsv } from '../report/csv.js';
import { followersCsvPath, followersToCsv } from '../report/followers.js';
import { createLogger } from '../log.js';
import { PROJECT_ROOT } from '../paths.js';
import { parseCliArgs, USAGE, UsageError } from './args.js';
import { loadFiles, type LoadedFiles, type ProgressListener } from '../audit/load-files.js';
import { hydrateFromX, importFromX } from './x-mode.js';
import type { AuditReport, Profile } from '../model.js';
import { usageOf, type XMeter } from '../sources/x-client.js';
import { DEMO } from './demo.js';
import { cliFollowers } from './followers.js';
import { companionFor } from './companion.js';

export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Inputs smaller than this finish before a progress bar would be worth drawing. */
const PROGRESS_MIN_BYTES = 20 * 1024 * 1024;

/** A progress bar on stderr for large inputs read on a terminal; `stop` clears it, even after an error. */
function progressOnTerminal(stderr: CliIo['stderr']): { listener: ProgressListener; stop: () => void } {
  let bar: cliProgress.SingleBar | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  const listener: ProgressListener = () => {
    if (!stderr.isTTY) return undefined;
    return (done, total) => {
      if (total < PROGRESS_MIN_BYTES) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: stderr,
            format: 'Reading {bar} {percentage}% | {value}/{total} MB',
            clearOnComplete: true,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.ceil(total / 1024 ** 2), 0);
      }
      bar.update(Math.floor(done / 1024 ** 2));
    };
  };
  return { listener, stop };
}

async function readKeepFile(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UserError(`--keep-file ${path}: cannot read the file`);
  });
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function run(argv: string[], io: CliIo): Promise<void> {
  const options = parseCliArgs(argv);
  if (options.help) {
    io.stdout.write(USAGE);
    return;
  }
  if (options.version) {
    io.stdout.write(`tend ${await version()}\n`);
    return;
  }
  if (options.companion) {
    io.stdout.write(await companionFor(options, loadAuditSettings(io.env, options.settings)));
    return;
  }
  if (options.demo && options.files.length > 0)
    throw new UsageError('--demo audits the bundled sample data: give no files with it');
  if (options.x && options.files.length > 0)
    throw new UsageError(
      "--x audits through the X API: give no files with it (--hydrate looks up an archive's profiles)",
    );
  if (options.x && options.hydrate)
    throw new UsageError(
      '--hydrate looks up the profiles of an X archive; --x reads them with the following list already',
    );
  if (!options.demo && !options.x && options.files.length === 0) throw new UsageError('no file given');
  const settings = loadAuditSettings(io.env, options.settings);
  const files = options.demo ? DEMO.files : options.files;
  const keep = [
    ...options.keep,
    ...(options.demo ? DEMO.keep : []),
    ...(options.keepFile ? await readKeepFile(options.keepFile) : []),
  ];
  const now = options.now ?? (options.demo ? Date.parse(DEMO.now) : Date.now());
  const x = {
    env: io.env,
    interactionPages: options.xPages,
    onWait: (until: number) =>
      io.stderr.write(
        `Waiting on X's rate limit until ${new Date(until).toISOString().slice(11, 16)} UTC…\n`,
      ),
  };

  const progress = progressOnTerminal(io.stderr);
  const loaded: LoadedFiles & {
    meter?: XMeter;
    ownerFollowers?: number | null;
    ownerFollowersAt?: number | null;
  } = options.x
    ? await importFromX(x).then(({ imported, meter, ownerFollowers, ownerFollowersAt }) => ({
        imported,
        profiles: null,
        warnings: [],
        meter,
        ownerFollowers,
        ownerFollowersAt,
      }))
    : await loadFiles(files, settings.zip, progress.listener).finally(progress.stop);
  if (options.hydrate) Object.assign(loaded, await hydrate(loaded, x));
  const botScorer = defaultBotScorer(settings.thresholds.botThreshold);
  const audited = runAudit(
    { ...loaded, interests: options.interests, keep, now, thresholds: settings.thresholds },
    { botScorer },
  );
  const report: AuditReport = loaded.meter ? { ...audited, xUsage: usageOf(loaded.meter) } : audited;

  // The followers side (`--followers`; the demo always shows it): after the following audit, apart.
  if (options.followers !== null || options.demo) {
    const followers = await cliFollowers(
      loaded,
      { ...options, followers: options.followers ?? (options.demo ? 'all' : null) },
      now,
      {
        x,
        botScorer,
        thresholds: settings.thresholds,
        say: (line) => io.stderr.write(`${line}\n`),
        readOnlyHistory: options.demo ? DEMO.followerHistory : undefined,
      },
    );
    if (followers.audit) report.followers = followers.audit;
    if (followers.warning) report.warnings.push(followers.warning);
  }

  if (options.csv) {
    await writeFile(options.csv, reportToCsv(report)).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`--csv ${options.csv}: cannot write the file (${error.code ?? error.message})`);
    });
    io.stderr.write(`Wrote ${report.accounts.length} accounts to ${options.csv}\n`);
    if (report.followers) {
      const path = followersCsvPath(options.csv);
      await writeFile(path, followersToCsv(report.followers)).catch((error: NodeJS.ErrnoException) => {
        throw new UserError(`--csv ${path}: cannot write the file (${error.code ?? error.message})`);
      });
      io.stderr.write(`Wrote ${report.followers.followers.length} followers to ${path}\n`);
    }
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const color = options.color ?? (Boolean(io.stdout.isTTY) && !io.env.NO_COLOR);
  io.stdout.write(renderText(report, { colors: pc.createColors(color), all: options.all }));
}

/** Looks up the profiles of an X archive's followed accounts that no snapshot gave, through the X API. */
async function hydrate(
  loaded: LoadedFiles,
  x: Parameters<typeof hydrateFromX>[0],
): Promise<{ profiles: Map<string, Profile>; meter: XMeter }> {
  if (loaded.imported.platform !== 'x')
    throw new UsageError('--hydrate looks up X accounts: give an X archive');
  const known = loaded.profiles ?? new Map<string, Profile>();
  const ids = loaded.imported.following
    .map((f) => f.id)
    .filter((id): id is string => id !== null && !known.has(id));
  const { profiles, meter } = await hydrateFromX(x, ids);
  const merged = new Map(known);
  for (const [id, profile] of profiles) {
    merged.set(id, profile);
    if (profile.handle) merged.set(`@${profile.handle.toLowerCase()}`, profile);
  }
  return { profiles: merged, meter };
}

/** Runs the CLI; resolves to the exit code. Bad input: one line on stderr and a non-zero code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`tend: ${error.message} (see tend --help)\n`);
      return 2;
    }
    if (isUserError(error)) {
      io.stderr.write(`tend: ${error.message}\n`);
      return 1;
    }
    const ref = randomUUID().slice(0, 8);
    createLogger({ level: 'error', destination: io.stderr, enabled: Boolean(io.env.TEND_DEBUG) }).error(
      { err: error, ref },
      'audit failed',
    );
    io.stderr.write(`tend: something went wrong (ref ${ref}); run again with TEND_DEBUG=1 for details\n`);
    return 70;
  }
}
