import { describe, expect, it } from 'vitest';
import { digestMessage, nudgePreview } from '../../src/nudges/digest-message.js';
import { DEFAULT_NUDGE_SETTINGS } from '../../src/nudges/settings.js';
import { expectWithinDiscordLimits, visibleText } from '../bot/render/support.js';
import { NOW, daysAgo, digestPerson, planOf } from './fixtures.js';

const five = ['maria_c', 'tomas', 'ines', 'olu', 'kai'].map((h) => digestPerson(h));

function shown(message: ReturnType<typeof digestMessage>) {
  const [embed] = message.embeds!;
  return {
    title: embed!.title!,
    // Each person starts with a number emoji, or is the only one.
    entries: embed!.description!.split('\n\n'),
    legend: embed!.fields!.find((f) => f.name === 'React to act' || f.name === 'In the DM, react to act')
      ?.value,
    note: embed!.fields!.find((f) => f.name === 'Note')?.value,
  };
}

describe('the digest DM', () => {
  it('names each person with a link, why they matter and what they posted lately', () => {
    const digest = shown(digestMessage(planOf(five), NOW));
    expect(digest.title).toBe('5 people to get back in touch with');
    expect(digest.entries[0]).toBe(
      [
        '1️⃣ [@maria\\_c](https://x.com/maria_c) · maria\\_c',
        '↳ mutual and on-topic; you last replied 47 days ago',
        '↳ 🗨️ posted 2 days ago: “Opening night at the Royal Opera House tonight” · [open the post](https://x.com/maria_c/status/1790000000000000001)',
      ].join('\n'),
    );
    expect(digest.entries.map((e) => e.slice(0, 3))).toEqual(['1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣']);
    expect(digest.legend).toBe(
      '1️⃣–5️⃣ pick people, then:\n✅ done — counts as an interaction\n💤 snooze for 30 days\n🔕 never nudge me about them',
    );
  });

  it('says how many more are due, for the digests to come', () => {
    const digest = shown(digestMessage(planOf(five, 7), NOW));
    expect(digest.entries).toHaveLength(6);
    expect(digest.entries[5]).toBe('…and 7 more people in the digests to come.');
    expect(shown(digestMessage(planOf(five, 1), NOW)).entries[5]).toBe(
      '…and 1 more person in the digests to come.',
    );
  });

  it('needs no picking when it names one person', () => {
    const digest = shown(digestMessage(planOf([digestPerson('solo', { name: null })]), NOW));
    expect(digest.title).toBe('Someone to get back in touch with');
    expect(digest.entries[0]!.startsWith('[@solo](https://x.com/solo)\n')).toBe(true);
    expect(digest.legend).toBe(
      '✅ done — counts as an interaction\n💤 snooze for 30 days\n🔕 never nudge me about them',
    );
  });

  it('says when they last posted where the words are unknown, and nothing where nothing is known', () => {
    const people = [
      digestPerson('dated', { recent: { text: null, at: daysAgo(12), url: null } }),
      digestPerson('unknown', { recent: null }),
    ];
    const digest = shown(digestMessage(planOf(people), NOW));
    expect(digest.entries[0]).toContain('\n↳ last posted 12 days ago');
    expect(digest.entries[1]).toBe(
      '2️⃣ [@unknown](https://x.com/unknown) · unknown\n↳ mutual and on-topic; you last replied 47 days ago',
    );
  });

  it('shows a stranger’s words as typed, never as markdown, pings or a broken link', () => {
    const person = digestPerson('troll', {
      name: '**Free** @everyone',
      recent: {
        text: '<@123> click [here](https://evil.example)\n\nnow',
        at: daysAgo(1),
        url: 'https://x.com/troll/status/1) [x](https://evil.example',
      },
    });
    const text = visibleText(digestMessage(planOf([person]), NOW));
    expect(text).toContain('\\*\\*Free\\*\\* @\u200beveryone');
    expect(text).toContain('posted 1 day ago: “<@\u200b123> click \\[here](https://evil.example) now”');
    expect(text).not.toContain('open the post');
  });

  it('marks who is picked and what was done, and shows a note', () => {
    const outcomes = new Map([
      [0, { outcome: 'done' as const, at: NOW }],
      [1, { outcome: 'snooze' as const, at: NOW }],
      [2, { outcome: 'never' as const, at: NOW }],
    ]);
    const digest = shown(
      digestMessage(planOf(five), NOW, { selected: [3], outcomes, note: 'Pick people first.' }),
    );
    expect(digest.entries[0]).toMatch(/\n↳ ✅ done: counted as getting in touch$/);
    expect(digest.entries[1]).toMatch(/\n↳ 💤 snoozed for 30 days$/);
    expect(digest.entries[2]).toMatch(/\n↳ 🔕 you will not be nudged about them again$/);
    expect(digest.entries[3]!.startsWith('4️⃣ ☑️ [@olu]')).toBe(true);
    expect(digest.entries.filter((e) => e.includes('☑️'))).toHaveLength(1);
    expect(digest.note).toBe('Pick people first.');
  });

  it('stays within Discord’s limits with the longest names, reasons and posts', () => {
    const long = Array.from({ length: 5 }, (_, i) =>
      digestPerson(`a_b_c_d_e_f_g_${i}`, {
        name: '_*'.repeat(200),
        why: `${'mutual and on-topic; '.repeat(40)}`,
        recent: {
          text: '𝄞_*'.repeat(400),
          at: daysAgo(1),
          url: `https://x.com/a_b_c_d_e_f_g_${i}/status/1790000000000000001`,
        },
      }),
    );
    const outcomes = new Map(long.map((_, i) => [i, { outcome: 'snooze' as const, at: NOW }]));
    expectWithinDiscordLimits(
      digestMessage(planOf(long, 99_999), NOW, {
        selected: [0, 1, 2, 3, 4],
        outcomes,
        note: 'x'.repeat(2000),
      }),
    );
  });
});

describe('/nudges preview', () => {
  const on = { ...DEFAULT_NUDGE_SETTINGS, enabled: true, timeZone: 'Europe/London' };

  it('shows the next digest now, says when it comes, and that reactions work in the DM', () => {
    const preview = nudgePreview({ plan: planOf(five), settings: on, paused: null, now: NOW });
    expect(preview.content).toBe(
      'Your next digest comes Monday 8 June, 09:00, every Monday at 09:00 (Europe/London). Were it now, it would say:',
    );
    expect(shown(preview).title).toBe('5 people to get back in touch with');
    expect(shown(preview).legend).toContain('✅ done — counts as an interaction');
    expectWithinDiscordLimits(preview);
  });

  it('says when nudges are off or paused, and why nobody is due', () => {
    const off = nudgePreview({
      plan: planOf([], 0),
      settings: DEFAULT_NUDGE_SETTINGS,
      paused: null,
      now: NOW,
    });
    expect(off.content).toBe(
      'Nudges are off. With /nudges on, a digest like this comes to your DMs every Monday at 09:00 (UTC).',
    );
    expect(visibleText(off)).toContain(
      'Nobody to nudge right now\nYour last audit found no genuine follower you have gone quiet with.',
    );
    const held = nudgePreview({
      plan: { ...planOf([]), nurture: 3 },
      settings: on,
      paused: 'dm_closed',
      now: NOW,
    });
    expect(held.content).toMatch(/^Your nudges are paused: Discord would not deliver Tend’s DM/);
    expect(visibleText(held)).toContain(
      'All 3 genuine followers your last audit found gone quiet are snoozed, muted, or were nudged or in touch within their cadence.',
    );
    const none = nudgePreview({ plan: null, settings: on, paused: null, now: NOW });
    expect(none.content).toMatch(/\n\nTend has no audit of yours to find people in: run \/audit first\.$/);
    expect(none.embeds).toBeUndefined();
  });
});
