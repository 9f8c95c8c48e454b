import { describe, expect, it } from 'vitest';
import { emptyLedger } from '../../src/ledger.js';
import type { AccountReport, AuditReport, ImportedExport } from '../../src/model.js';
import { DEFAULT_THRESHOLDS } from '../../src/model.js';
import { runAudit } from '../../src/audit/run-audit.js';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { instagramProfiles } from '../../src/importers/instagram-snapshot.js';
import { parseSnapshotLine } from '../../src/importers/snapshot.js';

/**
 * The engine with Instagram profiles from the companion's snapshot: bot, dormant, gone, renamed and
 * off-topic judged from them, each account saying which evidence it was judged on.
 */
const NOW = Date.parse('2026-11-20T12:00:00Z');
const FETCHED = '2026-11-19T10:00:00.000Z';
const s = (daysAgo: number) => Math.floor((NOW - daysAgo * 86_400_000) / 1000);

type Line = Record<string, unknown>;
const row = (username: string, pk: string, fields: Line = {}, extra: Line = {}): Line => ({
  username,
  pk,
  fetched_at: FETCHED,
  from: 'following',
  fields: {
    full_name: '',
    is_private: false,
    is_verified: false,
    has_anonymous_profile_picture: false,
    latest_reel_media: null,
    ...fields,
  },
  ...extra,
});
const lookup = (username: string, pk: string, fields: Line): Line => ({
  username,
  pk,
  fetched_at: '2026-11-19T11:00:00.000Z',
  from: 'profile',
  fields: {
    full_name: username,
    biography: 'Soprano and opera lover in London',
    external_url: null,
    bio_links: [],
    follower_count: 800,
    following_count: 400,
    media_count: 120,
    is_private: false,
    is_verified: false,
    is_business_account: false,
    category_name: null,
    has_anonymous_profile_picture: false,
    latest_reel_media: null,
    posts: [{ taken_at: s(4), caption: 'Tosca at the Royal Opera House tonight', pinned: false }],
    ...fields,
  },
});

function auditWith(handles: string[], lines: Line[], followers: string[] = []): AuditReport {
  const records = lines.map((l) => {
    const parsed = parseSnapshotLine(JSON.stringify(l));
    if (!('instagram' in parsed)) throw new Error(`not an Instagram line: ${JSON.stringify(parsed)}`);
    return parsed.instagram;
  });
  const ledger = emptyLedger();
  ledger.sources = ['likes'];
  const imported: ImportedExport = {
    platform: 'instagram',
    owner: { id: null, handle: 'ottilie' },
    following: handles.map((h) => ({ key: `@${h}`, id: null, handle: h, profile: null })),
    followers: { ids: new Set(), handles: new Set(followers) },
    ledger,
    ownerTexts: { bio: null, posts: [], likes: [] },
    keepCandidates: [],
    muted: new Set(),
    blocked: new Set(),
    pendingRequests: [],
    generatedAt: null,
    warnings: [],
    unreadable: [],
  };
  return runAudit(
    {
      imported,
      profiles: instagramProfiles(records),
      interests: ['opera', 'theatre', 'london'],
      keep: [],
      now: NOW,
      thresholds: DEFAULT_THRESHOLDS,
    },
    { botScorer: defaultBotScorer(DEFAULT_THRESHOLDS.botThreshold) },
  );
}

const account = (report: AuditReport, handle: string): AccountReport =>
  report.accounts.find((a) => a.handle === handle)!;

describe('Instagram profiles in the engine', () => {
  it('scores a bot from what Instagram shows, with its reasons in words', () => {
    const report = auditWith(
      ['f4f_train_uk', 'mira_sings'],
      [
        lookup('f4f_train_uk', '102', {
          biography: '',
          follower_count: 30,
          following_count: 7400,
          media_count: 0,
          posts: [],
          has_anonymous_profile_picture: true,
        }),
        lookup('mira_sings', '101', {}),
      ],
    );
    const bot = account(report, 'f4f_train_uk');
    expect(bot.categories).toContain('bot');
    expect(bot.verdict).toBe('unfollow');
    const reason = bot.reasons.find((r) => r.startsWith('bot score'))!;
    expect(reason).toMatch(/a mass follower \(follows 7,400\)/);
    expect(reason).toMatch(/follows 7,400, followed by 30/);
    expect(reason).toMatch(/has never posted/);
    expect(reason).toMatch(/no profile picture/);
    expect(reason).toMatch(/the handle suggests a follow-for-follow account/);
    const person = account(report, 'mira_sings');
    expect(person.categories).not.toContain('bot');
    expect(person.botScore).toBe(0);
  });

  it('calls dormant only on a dated silence: pinned posts date nothing, a story disproves it, private accounts are never dormant for lack of data', () => {
    const old = [
      { taken_at: s(30), caption: 'pinned: welcome to my page', pinned: true },
      { taken_at: s(500), caption: 'Last night at the opera', pinned: false },
    ];
    const report = auditWith(
      ['silent_singer', 'story_teller', 'closed_doors'],
      [
        lookup('silent_singer', '201', { posts: old }),
        lookup('story_teller', '202', { posts: old }),
        row('story_teller', '202', { latest_reel_media: s(2) }),
        lookup('closed_doors', '203', { is_private: true, media_count: 300, posts: [] }),
      ],
    );
    const silent = account(report, 'silent_singer');
    expect(silent.categories).toContain('dormant');
    expect(silent.reasons).toContain('no post or story since 2025-07-08');
    expect(account(report, 'story_teller').categories).not.toContain('dormant');
    expect(account(report, 'closed_doors').categories).not.toContain('dormant');
    expect(report.summary.skippedChecks.join('\n')).toMatch(
      /dormant: no time of the last post .* for the one account|dormant: no time of the last post .* 1 of 3 accounts/,
    );
  });

  it('calls a null user gone, and a renamed account (same pk, new username) renamed, not gone', () => {
    const report = auditWith(
      ['vanished_tenor', 'user88127734'],
      [
        { username: 'vanished_tenor', pk: null, fetched_at: FETCHED, not_found: true },
        row('lena_sings', '104', {}, { formerly: ['user88127734'] }),
        lookup('lena_sings', '104', {}),
        { username: 'user88127734', pk: '104', fetched_at: FETCHED, not_found: true },
      ],
    );
    const gone = account(report, 'vanished_tenor');
    expect(gone.categories).toEqual(expect.arrayContaining(['gone']));
    expect(gone.verdict).toBe('unfollow');
    expect(gone.reasons.join(' ')).toMatch(
      /not found on Instagram \(no account @vanished_tenor on 2026-11-19/,
    );
    const renamed = account(report, 'user88127734');
    expect(renamed.categories).not.toContain('gone');
    expect(renamed.reasons).toContain('renamed to @lena_sings');
    // Judged as the account it is now: an opera singer, not a generated handle.
    expect(renamed.categories).not.toContain('bot');
    expect(renamed.categories).not.toContain('off_topic');
  });

  it('judges the topic from the bio, the category and recent captions', () => {
    const report = auditWith(
      ['goal_machine', 'opera_house'],
      [
        lookup('goal_machine', '301', {
          biography: 'Football every weekend. Premier League goals and transfer news',
          posts: [{ taken_at: s(1), caption: 'What a goal from the striker in the derby', pinned: false }],
        }),
        lookup('opera_house', '302', { biography: '', category_name: 'Opera house', posts: [] }),
      ],
    );
    expect(account(report, 'goal_machine').categories).toContain('off_topic');
    expect(account(report, 'opera_house').categories).not.toContain('off_topic');
  });

  it('says for every account which checks it got from which evidence', () => {
    const report = auditWith(
      ['mira_sings', 'listed_only', 'no_snapshot'],
      [lookup('mira_sings', '101', {}), row('listed_only', '401', { latest_reel_media: s(1) })],
      ['mira_sings'],
    );
    for (const a of report.accounts) {
      expect(a.evidence).toBeTruthy();
      expect(a.reasons).toContain(`checked: ${a.evidence}`);
    }
    expect(account(report, 'mira_sings').evidence).toBe(
      "bot, dormant, off-topic and gone from the companion's profile of 2026-11-19; follow-back and interactions from the export",
    );
    expect(account(report, 'listed_only').evidence).toMatch(
      /^no profile lookup yet, only the companion's following list of 2026-11-19 \(a story time/,
    );
    expect(account(report, 'listed_only').categories).not.toContain('dormant');
    // Their latest story, from the following list, is their last activity.
    expect(account(report, 'listed_only').lastActiveAt).toBe(new Date(s(1) * 1000).toISOString());
    expect(account(report, 'no_snapshot').evidence).toMatch(
      /^no profile: bot and off-topic by the handle alone/,
    );
  });
});
