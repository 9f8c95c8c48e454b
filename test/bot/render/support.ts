import { expect } from 'vitest';
import { embedLength } from 'discord.js';
import { CATEGORIES, VERDICTS, type AccountReport, type AuditReport } from '../../../src/model.js';
import type { BotMessage } from '../../../src/bot/render/message.js';
import { DEMO } from '../../../src/cli/demo.js';
import { loadFiles } from '../../../src/audit/load-files.js';
import { runAudit } from '../../../src/audit/run-audit.js';
import { defaultBotScorer } from '../../../src/engine/default-bot-model.js';
import { DEFAULT_ZIP_LIMITS } from '../../../src/importers/zip.js';
import { DEFAULT_THRESHOLDS } from '../../../src/model.js';

export function account(overrides: Partial<AccountReport> = {}): AccountReport {
  return {
    id: '1', handle: 'someone', name: 'Someone', categories: ['bot', 'off_topic'],
    reasons: ['bot score 0.91: posts 96 times a day', 'spam: giveaway ("win an iphone")'],
    verdict: 'unfollow', verdictReason: 'likely a bot (0.91) and spam', botScore: 0.91,
    lastActiveAt: '2026-11-19T10:00:00.000Z', lastInteractionAt: null, strength: 0, tier: null, duplicateOf: null,
    ...overrides,
  };
}

/** A report whose summary counts are those of its accounts, as the engine's are. */
export function report(accounts: AccountReport[], overrides: Partial<AuditReport> = {}): AuditReport {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, accounts.filter((a) => a.categories.includes(c)).length])) as AuditReport['summary']['byCategory'];
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, accounts.filter((a) => a.verdict === v).length])) as AuditReport['summary']['byVerdict'];
  return {
    platform: 'x', owner: { id: '9', handle: 'ottilie_at_the_opera' }, generatedAt: '2026-11-20T12:00:00.000Z',
    interests: { terms: ['opera', 'theatre'], source: 'explicit' }, accounts, warnings: [],
    summary: { following: accounts.length, followers: 420, byCategory, byVerdict, skippedChecks: [] },
    ...overrides,
  };
}

/** The engine's report on the bundled demo archive, as `npm run demo` prints it. */
export async function demoReport(): Promise<AuditReport> {
  const loaded = await loadFiles(DEMO.files, DEFAULT_ZIP_LIMITS, () => undefined);
  return runAudit(
    { ...loaded, interests: null, keep: DEMO.keep, now: Date.parse(DEMO.now), thresholds: DEFAULT_THRESHOLDS },
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
  const embeds = (message.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? '']);
  return [message.content ?? '', ...embeds].join('\n');
}
