import { describe, expect, it } from 'vitest';
import {
  parseAuditJob,
  parseNudgeJob,
  parseUnfollowJob,
  type AuditJob,
  type UnfollowJob,
} from '../../src/queues/payloads.js';
import { findSecret } from '../../src/queues/secret-scan.js';

const audit: AuditJob = {
  personId: '123456789012345678',
  source: 'x',
  auditId: '0c6f3a52-9a1e-4f7e-b1b2-5d2f8c9e7a10',
  requestedAt: Date.UTC(2026, 10, 20),
  options: { interactionPages: 3 },
};
const unfollow: UnfollowJob = {
  personId: '123456789012345678',
  auditId: 'a1',
  target: { id: '1400000002261706706', handle: 'mk95636874' },
  xUserId: '1598765432101234567',
  confirmedAt: Date.UTC(2026, 10, 20),
};

const SECRETS = {
  'an OAuth 2.0 access token': 'bWVzc2FnZXM6MTpPYXV0aDJBY2Nlc3NUb2tlbjpYeVo5OHF3ZXJ0eQ',
  'an OAuth 1.0a access token': '1400000002261706706-kT9fQwErTy7UiOp3AsDfGhJkL4zXcVbNm',
  'an X app bearer token':
    'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F',
  'a bearer header': 'Bearer abc.def',
  'a Discord bot token': 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB',
  'a JWT': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig',
  'a hex key': 'a1'.repeat(32),
  'a URL with a token parameter': 'https://cdn.example.org/f.zip?access_token=abc',
  'a URL with credentials': 'https://user:pass@cdn.example.org/f.zip',
};

describe('job payloads', () => {
  it('accepts the jobs the bot queues', () => {
    expect(parseAuditJob(audit)).toEqual(audit);
    expect(parseUnfollowJob(unfollow)).toEqual(unfollow);
    const archive = {
      ...audit,
      source: 'x-archive',
      options: {
        hydrateProfiles: true,
        attachment: {
          url:
            'https://cdn.discordapp.com/attachments/1/2/twitter-2026.zip?ex=6740&is=673e&hm=' +
            'ab'.repeat(32),
          name: 'twitter-2026.zip',
          bytes: 1234,
        },
      },
    };
    expect(parseAuditJob(archive)).toEqual(archive);
    const followers = {
      ...archive,
      options: {
        ...archive.options,
        followers: { sample: 1000, budgetCents: 1000, seed: 20261120, asOf: 1_790_000_000_000 },
      },
    };
    expect(parseAuditJob(followers)).toEqual(followers);
  });

  it('checks the followers audit a job asks for: a sample, a budget in whole cents, an upload', () => {
    const upload = {
      ...audit,
      source: 'x-archive',
      options: { attachment: { url: 'https://cdn.discordapp.com/a/b/x.zip', name: 'x.zip', bytes: 1 } },
    };
    const asking = (followers: unknown) => ({ ...upload, options: { ...upload.options, followers } });
    expect(parseAuditJob(asking({ sample: 'all', budgetCents: 0, seed: 1 })).options.followers!.sample).toBe(
      'all',
    );
    expect(() => parseAuditJob(asking({ sample: 1000, budgetCents: 9.5, seed: 1 }))).toThrow(
      /options.followers.budgetCents/,
    );
    expect(() => parseAuditJob(asking({ sample: 1000, budgetCents: -1, seed: 1 }))).toThrow(
      /options.followers.budgetCents/,
    );
    expect(() => parseAuditJob(asking({ sample: 0, budgetCents: 0, seed: 1 }))).toThrow(
      /options.followers.sample/,
    );
    expect(() => parseAuditJob(asking({ sample: 10, budgetCents: 0, seed: 1, spend: 'more' }))).toThrow(
      /Refused audit job/,
    );
    // Through X alone: offered first, then completed by reading the newest followers.
    const api = {
      ...audit,
      options: { followers: { sample: 10, budgetCents: 10, seed: 1, completes: 'a1' } },
    };
    expect(parseAuditJob(api)).toEqual(api);
    expect(() => parseAuditJob(asking({ sample: 10, budgetCents: 10, seed: 1, completes: 'a1' }))).toThrow(
      /options.followers.completes only an audit through X is completed/,
    );
  });

  it('takes a profile snapshot beside an Instagram export, as an address only, and beside nothing else', () => {
    const file = (name: string) => ({ url: `https://cdn.discordapp.com/a/b/${name}`, name, bytes: 10 });
    const instagram = {
      ...audit,
      source: 'instagram',
      options: { attachment: file('instagram.zip'), profiles: file('profiles.jsonl') },
    };
    expect(parseAuditJob(instagram)).toEqual(instagram);
    expect(() => parseAuditJob({ ...instagram, source: 'x-archive' })).toThrow(
      /options.profiles a profile snapshot is read beside an Instagram export only/,
    );
    expect(() =>
      parseAuditJob({
        ...instagram,
        options: { ...instagram.options, profiles: { ...file('p.jsonl'), text: '{}' } },
      }),
    ).toThrow(/Refused audit job: options.profiles/);
    expect(() =>
      parseAuditJob({
        ...instagram,
        options: {
          ...instagram.options,
          profiles: { ...file('p.jsonl'), url: 'http://example.org/p.jsonl' },
        },
      }),
    ).toThrow(/options.profiles.url must be an https URL/);
  });

  it.each(Object.entries(SECRETS))('refuses %s anywhere in a job, without repeating it', (_, secret) => {
    for (const [parse, job] of [
      [parseAuditJob, { ...audit, options: { ...audit.options, note: secret } }],
      [parseUnfollowJob, { ...unfollow, target: { ...unfollow.target, handle: secret } }],
    ] as const) {
      let message = '';
      try {
        parse(job);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/looks like a secret, and job data carries ids, never secrets/);
      expect(message).not.toContain(secret);
    }
  });

  it('refuses a field named like a secret, whatever it holds', () => {
    expect(() => parseAuditJob({ ...audit, accessToken: 'x' })).toThrow(/"accessToken" looks like a secret/);
    expect(() =>
      parseUnfollowJob({ ...unfollow, target: { ...unfollow.target, oauth: { refresh_token: '' } } }),
    ).toThrow(/"target.oauth.refresh_token" looks like a secret/);
    expect(() => parseAuditJob({ ...audit, options: { codeVerifier: 'short' } })).toThrow(
      /"options.codeVerifier"/,
    );
  });

  it('refuses malformed jobs, naming the field', () => {
    expect(() => parseAuditJob({ ...audit, source: 'bluesky' })).toThrow(/^Refused audit job: source/);
    expect(() => parseAuditJob({ ...audit, personId: 'a:b' })).toThrow(
      /personId must be a Discord user id or a CLI id/,
    );
    expect(() => parseAuditJob({ ...audit, source: 'instagram' })).toThrow(
      /options.attachment an export source needs its attachment/,
    );
    expect(() => parseUnfollowJob({ ...unfollow, target: { id: '@someone', handle: null } })).toThrow(
      /target.id must be an X user id/,
    );
    expect(() => parseUnfollowJob({ ...unfollow, extra: 1 })).toThrow(/Refused unfollow job/);
  });

  it('takes a digest job as a person id and nothing else', () => {
    expect(parseNudgeJob({ personId: '123456789012345678' })).toEqual({ personId: '123456789012345678' });
    expect(() => parseNudgeJob({ personId: 'a:b' })).toThrow(/^Refused nudge job: personId/);
    expect(() =>
      parseNudgeJob({ personId: '123456789012345678', token: SECRETS['a Discord bot token'] }),
    ).toThrow(/^Refused nudge job: .* looks like a secret/);
  });

  it('does not take ids, handles, UUIDs or words for secrets', () => {
    expect(
      findSecret({
        ...audit,
        words: ['opera', 'The Royal Opera House, Covent Garden'],
        handle: 'Ottilie_At_The_Opera',
      }),
    ).toBeNull();
  });
});
