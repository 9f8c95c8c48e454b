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
import { createLogger } from '../log.js';
import { PROJECT_ROOT } from '../paths.js';
import { parseCliArgs, USAGE, UsageError } from './args.js';
import { loadFiles, type ProgressListener } from './load-files.js';
import { DEMO } from './demo.js';

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
          { stream: stderr, format: 'Reading {bar} {percentage}% | {value}/{total} MB', clearOnComplete: true, hideCursor: true },
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
  return text.split(/\r?\n/).map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
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
  if (options.demo && options.files.length > 0) throw new UsageError('--demo audits the bundled sample data: give no files with it');
  if (!options.demo && options.files.length === 0) throw new UsageError('no file given');
  const settings = loadAuditSettings(io.env, options.settings);
  const files = options.demo ? DEMO.files : options.files;
  const keep = [...options.keep, ...(options.demo ? DEMO.keep : []), ...(options.keepFile ? await readKeepFile(options.keepFile) : [])];
  const now = options.now ?? (options.demo ? Date.parse(DEMO.now) : Date.now());

  const progress = progressOnTerminal(io.stderr);
  const loaded = await loadFiles(files, settings.zip, progress.listener).finally(progress.stop);
  const report = runAudit(
    { ...loaded, interests: options.interests, keep, now, thresholds: settings.thresholds },
    { botScorer: defaultBotScorer(settings.thresholds.botThreshold) },
  );

  if (options.csv) {
    await writeFile(options.csv, reportToCsv(report)).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`--csv ${options.csv}: cannot write the file (${error.code ?? error.message})`);
    });
    io.stderr.write(`Wrote ${report.accounts.length} accounts to ${options.csv}\n`);
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const color = options.color ?? (Boolean(io.stdout.isTTY) && !io.env.NO_COLOR);
  io.stdout.write(renderText(report, { colors: pc.createColors(color), all: options.all }));
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
    createLogger({ level: 'error', destination: io.stderr, enabled: Boolean(io.env.TEND_DEBUG) }).error({ err: error, ref }, 'audit failed');
    io.stderr.write(`tend: something went wrong (ref ${ref}); run again with TEND_DEBUG=1 for details\n`);
    return 70;
  }
}
