import { PassThrough } from 'node:stream';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** Runs the CLI in this process with captured output, as a pipe (not a terminal) would see it. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const code = await main(argv, { stdout, stderr, env });
  return { code, stdout: out(), stderr: err() };
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `tend` as its own process, exactly as `npm run audit` does. */
export function spawnCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return spawnScript('src/cli/tend.ts', argv, env);
}

/** Runs a TypeScript entry point of the project as its own process, as its npm script does. */
export function spawnScript(script: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...argv],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
