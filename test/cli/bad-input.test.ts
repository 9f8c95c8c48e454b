import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { runCli, spawnCli } from '../support/run-cli.js';
import { DEMO } from '../../src/cli/demo.js';
import { rawZip } from '../fixtures/raw-zip.js';

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tend-cli-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Bad input ends with one line on stderr, a non-zero exit code, and nothing on stdout. */
function expectOneLineError(result: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

describe('bad command lines', () => {
  it('names an unknown option and exits 2, as its own process', async () => {
    const result = await spawnCli(['--frobnicate', 'x.zip']);
    expectOneLineError(result, /^tend: unknown option --frobnicate \(see tend --help\)$/m);
    expect(result.code).toBe(2);
  });

  it('asks for a file when none is given', async () => {
    expectOneLineError(await runCli([]), /no file given/);
  });

  it('rejects a date it cannot read', async () => {
    expectOneLineError(await runCli(['--demo', '--now', 'next tuesday']), /--now must be a date/);
  });

  it('names the threshold flag and its allowed range', async () => {
    expectOneLineError(
      await runCli(['--demo', '--bot-threshold', '1.5']),
      /--bot-threshold must be between 0 and 1: got "1.5"/,
    );
  });

  it('names the environment variable when a setting there is wrong', async () => {
    expectOneLineError(
      await runCli(['--demo'], { TEND_DORMANT_DAYS: 'soon' }),
      /TEND_DORMANT_DAYS \(environment\)/,
    );
  });

  it('explains the cadence format', async () => {
    expectOneLineError(await runCli(['--demo', '--cadence', '30']), /close,regular,casual/);
  });
});

describe('bad files', () => {
  it('says a missing file is missing', async () => {
    expectOneLineError(
      await runCli(['/nonexistent/archive.zip']),
      /\/nonexistent\/archive\.zip: no such file/,
    );
  });

  it('says a file that is neither an export nor a snapshot is not one', async () => {
    const path = await tempFile('notes.txt', 'just some notes\n');
    expectOneLineError(
      await runCli([path]),
      /not an X archive, an Instagram export or a Tend profile snapshot/,
    );
  });

  it('wants an export, not a profile snapshot alone', async () => {
    expectOneLineError(await runCli([DEMO.files[1]!]), /no export given/);
  });

  it('audits one export at a time', async () => {
    expectOneLineError(await runCli([DEMO.files[0]!, DEMO.files[0]!]), /one export per audit/);
  });

  it('says a truncated archive was cut short', async () => {
    const whole = await readFile(DEMO.files[0]!);
    const path = await tempFile('twitter-2026-11-18.zip', whole.subarray(0, Math.floor(whole.length * 0.6)));
    expectOneLineError(await runCli([path]), /twitter-2026-11-18\.zip is incomplete/);
  });

  it('says a ZIP of something else is neither export', async () => {
    const photos = await tempFile(
      'holiday.zip',
      rawZip([{ name: 'IMG_0001.jpg', data: 'not really a photo' }]),
    );
    expectOneLineError(
      await runCli([photos]),
      /holiday\.zip is a ZIP, but neither an X archive .* nor an Instagram export/,
    );
  });

  it('refuses to join X profiles to an Instagram export', async () => {
    expectOneLineError(
      await runCli(['samples/demo-instagram.zip', DEMO.files[1]!]),
      /demo-profiles\.jsonl holds X profiles; it cannot describe the accounts of an Instagram export/,
    );
  });

  it('refuses an archive over the entry cap, naming the cap', async () => {
    expectOneLineError(
      await runCli([DEMO.files[0]!, '--max-zip-entries', '3']),
      /more than the 3 Tend accepts in one export \(setting TEND_MAX_ZIP_ENTRIES\)/,
    );
  });

  it('keeps going after a bad run: the next audit in the same process works', async () => {
    await runCli(['--frobnicate']);
    const ok = await runCli(['--demo', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveProperty('accounts');
  });
});

describe('keep list and interests from the command line', () => {
  it('keeps accounts named in --keep and --keep-file, with or without @', async () => {
    const keepFile = await tempFile('keep.txt', '# people I keep\n@cryptochad_eth\n');
    const { code, stdout } = await runCli([
      '--demo',
      '--json',
      '--keep',
      '@giveaway_queen22',
      '--keep-file',
      keepFile,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { accounts: { handle: string; verdict: string }[] };
    const verdictOf = (h: string) => report.accounts.find((a) => a.handle === h)?.verdict;
    expect(verdictOf('giveaway_queen22')).toBe('keep');
    expect(verdictOf('cryptochad_eth')).toBe('keep');
  });

  it('uses the interests given instead of inferring them', async () => {
    const { stdout } = await runCli(['--demo', '--json', '--interests', 'golf, cars']);
    const report = JSON.parse(stdout) as { interests: { terms: string[]; source: string } };
    expect(report.interests).toEqual({ terms: ['golf', 'cars'], source: 'explicit' });
  });
});

describe('output into a pipe', () => {
  it('ends quietly when the reader stops early (tend --json | head)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/tend.ts', '--demo', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.destroy();
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});

describe('help and version', () => {
  it('prints the usage with every option on stdout', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const option of [
      '--json',
      '--csv',
      '--interests',
      '--keep',
      '--keep-file',
      '--now',
      '--window',
      '--dormant-days',
      '--bot-threshold',
      '--cadence',
      '--demo',
    ]) {
      expect(stdout).toContain(option);
    }
  });

  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect((await runCli(['--version'])).stdout).toBe(`tend ${version}\n`);
  });
});
