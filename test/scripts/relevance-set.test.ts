import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  GROUPS,
  RANDOM_BOTS,
  RANDOM_HUMANS,
  partOf,
  selectRound,
  type Candidate,
} from '../../scripts/relevance/select-round.js';

const DIR = new URL('../../data/relevance/', import.meta.url);
const read = (file: string) =>
  parse(readFileSync(new URL(file, DIR)), { columns: true }) as Record<string, string>[];
const LISTS = [
  'sports, football, basketball',
  'music, hip hop, concerts',
  'news, politics, journalism',
  'tech, gadgets, gaming',
  'opera, theatre, london',
  'cycling, climbing, outdoors',
];

describe('data/relevance: the hand-labelled evaluation set as `npm run eval:relevance` reads it', () => {
  const bios = read('bios.csv');
  const labels = read('labels.csv');

  it('holds each bio once, with its part fixed by the split rule on its id', () => {
    expect(new Set(bios.map((b) => b.id)).size).toBe(bios.length);
    expect(bios.filter((b) => b.part !== partOf(b.id!)).map((b) => b.id)).toEqual([]);
    expect(bios.every((b) => b.description!.trim() !== '' && (b.bot === '0' || b.bot === '1'))).toBe(true);
  });

  it('labels every bio once against each of the six interest lists, with a known label and a rationale', () => {
    const seen = new Map<string, string[]>();
    for (const p of labels) seen.set(p.id!, [...(seen.get(p.id!) ?? []), p.interests!]);
    expect([...seen.keys()].sort()).toEqual(bios.map((b) => b.id).sort());
    for (const [, lists] of seen) expect(lists.sort()).toEqual([...LISTS].sort());
    const unknown = labels.filter(
      (p) => !['relevant', 'unrelated', 'spam', 'ambiguous'].includes(p.label!) || p.rationale!.trim() === '',
    );
    expect(unknown).toEqual([]);
  });

  it('keeps the three earlier rounds as they were (813 bios) and adds the fourth after them', () => {
    expect(bios.length).toBeGreaterThan(813);
    expect(bios[812]!.id).toBe('822549026');
  });
});

describe('scripts/relevance/select-round.ts: the fourth round is picked by a fixed rule', () => {
  const human = (id: number, description: string): Candidate => ({
    id: String(id),
    screen_name: `h${id}`,
    description,
    bot: '0',
  });
  const pool: Candidate[] = [];
  for (let i = 0; i < 400; i++) {
    pool.push(human(i, `big football fan and music lover, news and tech ${i}`));
    pool.push(human(1000 + i, `theatre in london, cycling and hiking, team coach number ${i}`));
    pool.push({ id: String(5000 + i), screen_name: `b${i}`, description: `followback ${i}`, bot: '1' });
    pool.push(human(9000 + i, `just a person who likes bread ${i}`));
  }

  it('gives the same bios in the same order on every run, whatever the order of the pool', () => {
    const once = selectRound(pool, []);
    const again = selectRound([...pool].reverse(), []);
    expect(again.map((c) => c.id)).toEqual(once.map((c) => c.id));
    const want = GROUPS.reduce((n, g) => n + g.take, 0) + RANDOM_HUMANS + RANDOM_BOTS;
    expect(once).toHaveLength(want);
    expect(once.filter((c) => c.bot === '1')).toHaveLength(RANDOM_BOTS);
    for (const c of once) expect(c.part).toBe(partOf(c.id));
  });

  it('leaves out bios already in the set, empty bios, and copies of a bio already taken', () => {
    const fans = Array.from({ length: 30 }, (_, i) => human(30000 + i, `season ticket holder ${i}`));
    const earlier = human(31000, 'season ticket holder 99');
    const others = pool.map((c) => ({
      ...c,
      description: c.description.replace('big football fan and ', ''),
    }));
    const chosen = selectRound(
      [
        ...others,
        ...fans,
        earlier,
        human(31001, ' SEASON ticket  holder 3 '),
        human(31002, 'season ticket holder 99'),
        human(31003, '   '),
      ],
      [earlier],
    );
    const sports = chosen.filter((c) => c.group === 'sports').map((c) => c.id);
    expect(sports).toHaveLength(30);
    expect(sports).not.toContain('31000');
    expect(sports).not.toContain('31002');
    expect(sports.filter((id) => id === '30003' || id === '31001')).toHaveLength(1);
    expect(chosen.map((c) => c.id)).not.toContain('31003');
  });

  it('says so when a group cannot be filled, rather than taking fewer', () => {
    expect(() => selectRound(pool.slice(0, 50), [])).toThrow(/found \d+ bios of/);
  });
});
