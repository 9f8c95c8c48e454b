import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelledProfiles } from '../../src/importers/bot-csv.js';
import { spawnScript } from '../support/run-cli.js';

/** The cresci-2017 users.csv layout (X API v1.1 names, the authors' crawl time), cut to the columns read. */
const HEADER =
  'id,name,screen_name,statuses_count,followers_count,friends_count,favourites_count,location,default_profile_image,description,created_at,crawled_at';
const GENUINE = `${HEADER}\n"101","Ada","ada_reads","2000","300","250","900","Pisa","","Reader, ""walker"", cook","Tue Jun 11 11:20:35 +0000 2013","2015-05-02 06:41:46"\n`;
const SPAM = `${HEADER}\n"202","x","davideb66","5000","40","1200","0","","1","","Tue Mar 17 08:51:12 +0000 2009","2014-04-19 14:46:19"\n`;

describe('scripts/bots/prepare-cresci-2017.ts', () => {
  it('writes the genuine accounts as humans and the spambots as bots, in the training layout, aged at the crawl', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tend-cresci-'));
    await writeFile(join(dir, 'genuine_users.csv'), GENUINE);
    await writeFile(join(dir, 'spam_user.csv'), SPAM);
    const out = join(dir, 'cresci-2017.csv');
    const run = await spawnScript('scripts/bots/prepare-cresci-2017.ts', ['--from', dir, '--out', out]);
    expect(run.code).toBe(0);

    const rows = [];
    for await (const p of readLabelledProfiles(out, 0)) rows.push(p);
    expect(rows.map((r) => [r.id, r.label, r.source])).toEqual([
      ['101', 0, 'cresci-2017'],
      ['202', 1, 'cresci-2017'],
    ]);
    const [ada, spam] = rows;
    expect(ada!.profile).toMatchObject({
      handle: 'ada_reads',
      bio: 'Reader, "walker", cook',
      location: 'Pisa',
      defaultAvatar: false,
      postCount: 2000,
      followersCount: 300,
      followingCount: 250,
      likeCount: 900,
    });
    expect(spam!.profile).toMatchObject({ defaultAvatar: true, bio: '' });
    // Created 2013-06-11, crawled 2015-05-02: 690 days old when its counts were taken, not as of today.
    expect(ada!.profile.createdAt).toBe(Date.parse('2013-06-11T11:20:35Z'));
    expect(Math.round((ada!.collectedAt - ada!.profile.createdAt!) / 86_400_000)).toBe(690);
    // Only what the model reads is kept: not the display name, nor the crawl's other columns.
    expect((await readFile(out, 'utf8')).split('\n')[0]).toBe(
      'created_at,default_profile_image,description,favourites_count,followers_count,friends_count,id,location,screen_name,statuses_count,account_age_days,account_type,source',
    );
  });

  it('refuses, saying what it needs, without --from', async () => {
    const run = await spawnScript('scripts/bots/prepare-cresci-2017.ts', []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--from DIR');
  });
});
