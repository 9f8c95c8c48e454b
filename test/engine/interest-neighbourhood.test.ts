import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/classify.js';
import { defaultBotScorer } from '../../src/engine/default-bot-model.js';
import { neighbourhoodOf, talkedWith } from '../../src/engine/interest-neighbourhood.js';
import { relevance } from '../../src/engine/interests.js';
import type { InteractionEvent } from '../../src/model.js';
import { daysAgo, followed, input, ledgerOf, OPERA, person } from './fixtures.js';
import { entryView } from '../../src/ledger.js';

const botScorer = defaultBotScorer();

const reply = (id: string, days: number, direction: 'in' | 'out' = 'out'): InteractionEvent => ({
  who: { id },
  kind: 'reply',
  direction,
  at: daysAgo(days),
});

describe('the neighbourhood learnt from the people the owner talks with', () => {
  it('keeps the telling words two or more of their bios share, not common words or one bio', () => {
    const n = neighbourhoodOf([
      'Sourdough baker and fermentation nerd in Bristol. Love my family',
      'Sourdough, rye and wild yeast. Fermentation classes on Sundays',
      'Bread enthusiast. Mum of three',
    ]);
    expect([...n.words.values()].sort()).toEqual(['fermentation', 'sourdough']);
    expect(n.from).toBe(3);
    expect(neighbourhoodOf(['Sourdough baker'])).toEqual(neighbourhoodOf([]));
  });

  it('learns nothing from spam bios', () => {
    const n = neighbourhoodOf([
      'Sourdough giveaway! Follow back for follow',
      'Sourdough 🍒 Come in! https://t.co/abc',
    ]);
    expect(n.stems.size).toBe(0);
  });

  it('counts a conversation, not a single like of theirs', () => {
    expect(talkedWith(null)).toBe(false);
    const entry = entryView(ledgerOf([reply('a', 3), reply('a', 9)]).entries.get('id:a')!);
    expect(talkedWith(entry)).toBe(true);
    const once = entryView(ledgerOf([reply('b', 3)]).entries.get('id:b')!);
    expect(talkedWith(once)).toBe(false);
    const answered = entryView(ledgerOf([reply('c', 3), reply('c', 2, 'in')]).entries.get('id:c')!);
    expect(talkedWith(answered)).toBe(true);
  });

  it('makes a bio near the accounts the owner talks to relevant, naming what it shares with them', () => {
    const n = neighbourhoodOf([
      'Sourdough baker and fermentation nerd in Bristol',
      'Sourdough, rye and wild yeast. Fermentation classes on Sundays',
    ]);
    const bio = { bio: 'Sourdough workshops every Saturday, bread for the whole street' };
    expect(relevance(bio, OPERA).score).toBe(0);
    const near = relevance(bio, OPERA, n);
    expect(near.score).toBeGreaterThanOrEqual(0.2);
    expect(near.matched).toEqual(['like people you talk with: sourdough']);
  });
});

describe("off_topic with the owner's conversations", () => {
  const bakers = [
    followed(person('fermenta', { bio: 'Sourdough baker and fermentation nerd in Bristol' })),
    followed(person('levain', { bio: 'Sourdough, rye and wild yeast. Fermentation classes on Sundays' })),
  ];
  const crumb = followed(
    person('crumb', {
      bio: 'Sourdough workshops every Saturday, bread for the whole street',
      followsOwner: false,
    }),
  );
  const offTopic = (ledger = ledgerOf([])) =>
    audit(input([...bakers, crumb], { ledger }), { botScorer })
      .accounts.find((a) => a.handle === 'crumb')!
      .categories.includes('off_topic');

  it('is not claimed for a bio near the accounts the owner talks to', () => {
    const talks = ledgerOf([
      reply('id-fermenta', 3),
      reply('id-fermenta', 20),
      reply('id-levain', 5),
      reply('id-levain', 1, 'in'),
    ]);
    expect(offTopic()).toBe(true);
    expect(offTopic(talks)).toBe(false);
  });

  it('is still claimed when the owner only reached out once to each', () => {
    expect(offTopic(ledgerOf([reply('id-fermenta', 3), reply('id-levain', 5)]))).toBe(true);
  });
});
