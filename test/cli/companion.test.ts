import { describe, expect, it } from 'vitest';
import type { CompanionOptions } from '../../src/companion/script.js';
import { runCli } from '../support/run-cli.js';

/** `tend --companion`: the userscript on stdout, asking first for what the export could not decide. */
function optionsOf(script: string): CompanionOptions {
  const json = /\}\)\((\{.*\})\);\n$/s.exec(script)?.[1];
  if (!json) throw new Error('no options in the script');
  return JSON.parse(json) as CompanionOptions;
}

describe('tend --companion', () => {
  it('prints the userscript with its safe defaults when given no export', async () => {
    const { code, stdout, stderr } = await runCli(['--companion']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^\/\/ ==UserScript==/);
    const options = optionsOf(stdout);
    expect(options).toMatchObject({ dailyBudget: 200, delayMs: [15_000, 20_000], priority: [], skip: [] });
  });

  it('given the Instagram demo export, asks first for its undecided accounts and never for kept ones', async () => {
    const { code, stdout, stderr } = await runCli([
      '--companion',
      'samples/demo-instagram.zip',
      '--now',
      '2026-11-20',
    ]);
    expect(code, stderr).toBe(0);
    const options = optionsOf(stdout);
    // The handle hints of the export alone put these to review: they come before the accounts it let be.
    const first = options.priority.slice(0, 6);
    expect(first).toEqual(expect.arrayContaining(['f4f_train_uk', 'giveaway_queen22']));
    // Close friends and Favourites are kept whatever a profile says: looking them up would spend the budget.
    expect(options.skip.length).toBeGreaterThan(0);
    for (const kept of options.skip) expect(options.priority).not.toContain(kept);
  });

  it('refuses an X archive', async () => {
    const { code, stderr } = await runCli(['--companion', 'samples/demo-x-archive.zip']);
    expect(code).toBe(2);
    expect(stderr).toContain('--companion reads Instagram profiles');
  });
});
