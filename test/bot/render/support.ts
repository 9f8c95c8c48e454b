import { expect } from 'vitest';
import { embedLength } from 'discord.js';
import { CATEGORIES, VERDICTS, type AccountReport, type AuditReport } from '../../../src/model.js';
import type { BotMessage } from '../../../src/discord/message.js';
import { DEMO } from '../../../src/cli/demo.js';
import { loadFiles } from '../../../src/audit/load-files.js';
import { runAudit } from '../../../src/audit/run-audit.js';
import { defaultBotScorer } from '../../../src/engine/default-bot-model.js';
import { DEFAULT_ZIP_LIMITS } from '../../../src/importers/zip.js';
import { DEFAULT_THRESHOLDS } from '../../../src/model.js';

export function account(overrides: Partial<AccountReport> = {}): AccountReport {
  return {
    id: '1',
    handle: 'someone',
    name: 'Someone',
    categories: ['bot', 'off_topic'],
    reasons: ['bot score 0.91: posts 96 times a day', 'spam: giveaway ("win an iphone")'],
    verdict: 'unfollow',
    verdictReason: 'likely a bot (0.91) and spam',
    botScore: 0.91,
    lastActiveAt: '2026-11-19T10:00:00.000Z',
    lastInteractionAt: null,
    strength: 0,
    tier: null,
    duplicateOf: null,
    ...overrides,
  };
}

/** A report whose summary counts are those of its accounts, as the engine's are. */
export function report(accounts: AccountReport[], overrides: Partial<AuditReport> = {}): AuditReport {
  const byCategory = Object.fromEntries(
    CATEGORIES.map((c) => [c, accounts.filter((a) => a.categories.includes(c)).length]),
  ) as AuditReport['summary']['byCategory'];
  const byVerdict = Object.fromEntries(
    VERDICTS.map((v) => [v, accounts.filter((a) => a.verdict === v).length]),
  ) as AuditReport['summary']['byVerdict'];
  return {
    platform: 'x',
    owner: { id: '9', handle: 'ottilie_at_the_opera' },
    generatedAt: '2026-11-20T12:00:00.000Z',
    interests: { terms: ['opera', 'theatre'], source: 'explicit' },
    accounts,
    warnings: [],
    summary: { following: accounts.length, followers: 420, byCategory, byVerdict, skippedChecks: [] },
    ...overrides,
  };
}

/** The engine's report on the bundled demo archive, as `npm run demo` prints it. */
export async function demoReport(): Promise<AuditReport> {
  const loaded = await loadFiles(DEMO.files, DEFAULT_ZIP_LIMITS, () => undefined);
  return runAudit(
    {
      ...loaded,
      interests: null,
      keep: DEMO.keep,
      now: Date.parse(DEMO.now),
      thresholds: DEFAULT_THRESHOLDS,
    },
    { botScorer: defaultBotScorer(DEFAULT_THRESHOLDS.botThreshold) },
  );
}

/** Every limit Discord rejects a message over. */
export function expectWithinDiscordLimits(message: BotMessage): void {
  expect((message.content ?? '').length).toBeLessThanOrEqual(2000);
  const embeds = message.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(10);
  for (const embed of embeds) {
    expect((embed.title ?? '').length).toBeLessThanOrEqual(256);
    expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeLessThanOrEqual(1024);
      expect(field.value.length).toBeGreaterThan(0);
    }
  }
  expect(embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(6000);
}

/** Everything a person reads in the message's embeds and content. */
export function visibleText(message: BotMessage): string {
  const embeds = (message.embeds ?? []).flatMap((e) => [
    e.title ?? '',
    e.description ?? '',
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    e.footer?.text ?? '',
  ]);
  return [message.content ?? '', ...embeds].join('\n');
}

/**
 * A report of `size` accounts made from the demo's, each with its own id, handle, name, scores, dates
 * and the numbers in its reasons, so it compresses no better than a real one would.
 */
export async function largeReport(size: number, seed = 7): Promise<AuditReport> {
  const demo = await demoReport();
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const word = () =>
    Array.from({ length: 3 + Math.floor(random() * 6) }, () =>
      String.fromCharCode(97 + Math.floor(random() * 26)),
    ).join('');
  const date = () =>
    new Date(Date.parse('2020-01-01') + Math.floor(random() * 7 * 365 * 86_400_000)).toISOString();
  const accounts = Array.from({ length: size }, (_, i): AccountReport => {
    const base = demo.accounts[i % demo.accounts.length]!;
    return {
      ...base,
      id: `1${digits(18)}`,
      handle: `${word()}_${digits(4)}`,
      name: `${word()} ${word()}`,
      reasons: base.reasons.map((reason) => reason.replace(/\d+/g, (n) => digits(n.length))),
      botScore: base.botScore === null ? null : Math.round(random() * 100) / 100,
      lastActiveAt: base.lastActiveAt === null ? null : date(),
      lastInteractionAt: base.lastInteractionAt === null ? null : date(),
      strength: Math.round(random() * 1000) / 100,
    };
  });
  return report(accounts, { owner: demo.owner, interests: demo.interests, warnings: demo.warnings });
}
