/**
 * Known names (lexicon.ts `KNOWN_NAMES`) that are also everyday words count only with a cue of their own
 * or a name of the same topic beside them; without one, their words are read by meaning like any other.
 */
import { describe, expect, it } from 'vitest';
import { knownNamesIn, type KnownName } from '../../src/engine/interest-matcher.js';
import { relevance } from '../../src/engine/interests.js';
import { KNOWN_NAMES } from '../../src/engine/lexicon.js';
import { wordsOf } from '../../src/engine/text.js';
import type { Interests } from '../../src/model.js';

const interests = (list: string): Interests => ({
  terms: list.split(',').map((t) => t.trim()),
  source: 'explicit',
});
const SPORTS = interests('sports, football, basketball');
const TECH = interests('tech, gadgets, gaming');
const MUSIC = interests('music, hip hop, concerts');
const BIRDS = interests('birds');
const NEWS = interests('news, politics, journalism');
const on = (bio: string, i: Interests) => relevance({ bio }, i).score >= 0.2;

describe('known names that are everyday words', () => {
  it.each<[string, Interests]>([
    ['the best among us', TECH],
    ['Above and beyond the call of duty', TECH],
    ['Barber. Clippers and fades', SPORTS],
    ['Proud Texans', SPORTS],
    ['Greetings, fellow Canucks', SPORTS],
    ['Raiders of the lost ark', SPORTS],
    ['Les Canadiens français du Québec', SPORTS],
    ['Hiking Red Rocks', MUSIC],
    ['open mic nights', MUSIC],
    ['military intel analyst', TECH],
    ['red hat', TECH],
    ['Birdwatcher. Orioles, cardinals, blue jays.', SPORTS],
    ['Jazz fan and saxophonist', SPORTS],
    ['Blues fan, guitar player', SPORTS],
    ['Monty Python fan', TECH],
  ])('"%s" is not read as the team, game or venue', (bio, i) => {
    expect(on(bio, i)).toBe(false);
  });

  it('reads the words of a name left without its cue by meaning: orioles at a feeder are birds', () => {
    const birds = relevance({ bio: 'orioles and blue jays at my feeder' }, BIRDS);
    expect(birds.score).toBeGreaterThanOrEqual(0.2);
    expect(birds.matched).toContain('birds (orioles)');
  });

  it('still reads them as their topic with a cue of their own or a name of the same topic', () => {
    expect(on('Go Buckeyes!', SPORTS)).toBe(true);
    expect(on('Spurs season ticket holder', SPORTS)).toBe(true);
    expect(on('Among Us player and streamer', TECH)).toBe(true);
    expect(on('Python developer', TECH)).toBe(true);
    expect(on('Senior Python engineer at a bank', TECH)).toBe(true);
    // A plain name of the same topic unlocks one; a plain name of another topic in the field does not.
    const found: KnownName[] = [];
    knownNamesIn(wordsOf('Seahawks and Giants'), found);
    expect(found.map((n) => n.topic)).toEqual(['football', 'football']);
    knownNamesIn(wordsOf('Seahawks and Orioles'), found);
    expect(found.map((n) => n.topic)).toEqual(['football']);
  });

  it('compiles every entry into a name that can match: each, written alone, is found in full', () => {
    const found: KnownName[] = [];
    const dead: string[] = [];
    for (const group of KNOWN_NAMES)
      for (const name of [...group.names, ...(group.ambiguous ?? [])]) {
        const words = wordsOf(name);
        knownNamesIn(words, found, true);
        if (!found.some((n) => n.start === 0 && n.end === words.length && words.length > 0)) dead.push(name);
      }
    expect(dead).toEqual([]);
  });
});

describe('clubs, leagues and roles of other countries and trades', () => {
  // Each bio's topic is carried by the one name it tests: without that entry it reads as off-topic.
  it.each<[string, Interests]>([
    // Clubs abroad, their fans' names and the game's words in other languages.
    ['Futbolista.', SPORTS],
    ['Juventina dalla nascita.', SPORTS],
    ['Bianconeri per sempre.', SPORTS],
    // Australian rules and rugby league, a club with a cue; cricket by its competitions.
    ['Collingwood tragic.', SPORTS],
    ['NRLW.', SPORTS],
    ['Big Bash season is here', SPORTS],
    ['Weekday mornings on 97.1 Sportsradio', SPORTS],
    // Trades and roles the vectors miss.
    ['IT manager at a hospital.', TECH],
    ['IT admin', TECH],
    ['Councilmember for District 4.', NEWS],
    ['Metalhead.', MUSIC],
  ])('"%s" is on-topic', (bio, i) => {
    expect(on(bio, i)).toBe(true);
  });

  it.each<[string, Interests]>([
    ['Wildlife photographer: wolves, bears and eagles in the Rockies', SPORTS],
    ['Roma rights activist and lawyer', SPORTS],
    ['Hammers and nails, carpenter in Leeds', SPORTS],
    // Surnames and trousers that are also a language and a tool.
    ['Neil Haskell, dancer and actor', TECH],
    ['Khaki Dockers and a polo shirt, dad style', TECH],
    // Cricket's competitions that are also a phrase, a party, a firm and a think tank.
    ['Like a phoenix rising from the ashes', SPORTS],
    ['Planning a big bash for my 40th', SPORTS],
    ['Analyst at KKR. Private equity', SPORTS],
    ['Research fellow at ODI', SPORTS],
    // Rugby's nicknames and sides that are also animals and a people.
    ['Hens, roosters and a vegetable patch', SPORTS],
    ['Smoked eels', SPORTS],
    ['Sea eagles over the bay', SPORTS],
    ['Mohawk from Six Nations of the Grand River', SPORTS],
    ['Wildlife carer: kangaroos and wallabies', SPORTS],
    // The American unions, a surname, places and a council.
    ['AFL-CIO organizer', SPORTS],
    ['Maria Villarreal, realtor', SPORTS],
    ['Josh Alderman, chef', NEWS],
    ['Living in Crystal Palace', SPORTS],
    ['Works at Leicester City Council', SPORTS],
    // "IT" in lower case is "it"; Black Ops and EDM are also a soldier's and a machinist's words.
    ['Love it, support it', TECH],
    ['Black ops veteran', TECH],
    ['Product manager at Procter & Gamble', TECH],
    ['EDM machinist', MUSIC],
  ])('"%s" is not read as the club, league, role or tool', (bio, i) => {
    expect(on(bio, i)).toBe(false);
  });

  it.each<[string, string, string]>([
    ['The Ashes, Test cricket all summer', 'The Ashes', 'cricket sports'],
    ['KKR fan', 'KKR', 'cricket sports'],
    ['ODI and T20 cricketer', 'ODI', 'cricket sports'],
    ['Big Bash season', 'Big Bash', 'cricket sports'],
    ['Roosters fan', 'Roosters', 'rugby football'],
    ['Sydney Roosters', 'Sydney Roosters', 'rugby football'],
    ['Parramatta Eels', 'Parramatta Eels', 'rugby football'],
    ['Manly Sea Eagles', 'Manly Sea Eagles', 'rugby football'],
    ['Six Nations and Super Rugby', 'Six Nations', 'rugby football'],
    ['Wallabies fan', 'Wallabies', 'rugby football'],
    ['North Melbourne Kangaroos', 'North Melbourne Kangaroos', 'australian football'],
    ['AFL tragic', 'AFL', 'australian football'],
    ['Crystal Palace fan', 'Crystal Palace', 'soccer football'],
    ['Leicester City season tickets', 'Leicester City', 'soccer football'],
    ['Villarreal fan', 'Villarreal', 'soccer football'],
  ])('"%s" names %s, with its cue or its city, as %s', (bio, name, topic) => {
    const words = wordsOf(bio);
    const found: KnownName[] = [];
    knownNamesIn(words, found);
    const named = found.filter((n) => words.slice(n.start, n.end).join(' ') === wordsOf(name).join(' '));
    expect(named.map((n) => n.topic)).toEqual([topic]);
  });

  it('still reads a language, tool or genre that is also a name with a cue', () => {
    expect(on('Haskell developer and category theory nerd', TECH)).toBe(true);
    expect(on('Docker, Kubernetes and coffee', TECH)).toBe(true);
    expect(on('Docker containers and CI pipelines', TECH)).toBe(true);
    expect(on('EDM fan', MUSIC)).toBe(true);
    expect(on('Crystal Palace fan', SPORTS)).toBe(true);
    expect(on('Sydney Roosters', SPORTS)).toBe(true);
    const found: KnownName[] = [];
    knownNamesIn(wordsOf('Docker containers'), found);
    expect(found.map((n) => n.field)).toEqual(['tech']);
    knownNamesIn(wordsOf('Docker enthusiast'), found);
    expect(found).toEqual([]);
  });
});

describe('cues in the same sentence, and hashtags cut by guess', () => {
  const ALL_SPORTS = interests('sports, football, basketball, baseball, hockey');
  const teams = (bio: string, i: Interests) =>
    relevance({ bio }, i).matched.filter((l) =>
      /cardinals|orioles|oriole|eagles|hawks|magic|thunder|lightning|wings|maple leafs/.test(l),
    );

  it.each([
    'Birder. I go out for cardinals and orioles every morning.',
    'Big fan of cardinals, orioles and finches',
    'Go outside. Eagles soar, hawks hunt.',
    'Feeding the orioles this season.',
    'Magician. Magic shows nightly, tickets below',
    'Storm chaser. Thunder, lightning and tornado season.',
    // A cue in the sentence before is another sentence's.
    'Huge fan. Eagles soar over my house',
    'Let us go! Eagles over the lake',
  ])('"%s" is not about sports: its birds, magic and weather are not teams', (bio) => {
    expect(on(bio, ALL_SPORTS)).toBe(false);
    expect(on(bio, SPORTS)).toBe(false);
    expect(teams(bio, ALL_SPORTS)).toEqual([]);
  });

  it('reads no team in a birder who goes birding; birding is what the score is made of', () => {
    const bio = 'Retired teacher. I go birding for eagles, hawks and orioles.';
    expect(teams(bio, ALL_SPORTS)).toEqual([]);
    expect(relevance({ bio }, ALL_SPORTS).score).toBeLessThan(0.3);
  });

  it.each(['Birder #redwings', '#orioleseason', '#goldeneagles', 'Gardener #mapleleafs'])(
    '"%s", a hashtag that cut into words is a team\'s name, is not the team\'s own account',
    (bio) => {
      expect(on(bio, ALL_SPORTS)).toBe(false);
      expect(teams(bio, ALL_SPORTS)).toEqual([]);
    },
  );

  it('still reads a team beside its cue: fan of the Giants, Eagles and Cubs fan, #GoHawks', () => {
    for (const bio of [
      'Proud fan of the Giants. Mom of two.',
      'Huge Eagles and Cubs fan',
      'Teacher. I root for the Bears.',
      'Mom. Teacher. Coffee. #gohawks',
      'Mom. Teacher. Coffee. #GoHawks',
      'Go Hawks!',
      'Orioles fan',
      'Lifelong Yankee fan',
      'Maple Leafs beat reporter',
      'Toronto Star. #LeafsNation',
    ])
      expect(on(bio, ALL_SPORTS), bio).toBe(true);
    expect(relevance({ bio: '#GoHawks' }, SPORTS).matched[0]).toBe('basketball (hawks)');
    // The cue of the next sentence is its own: "Cubs fan" is the Cubs, not the eagles before it.
    const found: KnownName[] = [];
    const text = 'I love eagles. Cubs fan.';
    knownNamesIn(wordsOf(text), found, false, [], undefined, text);
    expect(found.map((n) => n.topic)).toEqual(['baseball']);
    const words = wordsOf('I love eagles and cubs fan');
    knownNamesIn(words, found);
    expect(found.filter((n) => n.start === words.indexOf('eagles')).map((n) => n.topic)).toContain(
      'football',
    );
  });

  it("takes a fan's word for one of a team only with a fan's cue: Oriole season is the birds'", () => {
    const found: KnownName[] = [];
    knownNamesIn(wordsOf('Oriole season'), found);
    expect(found).toEqual([]);
    knownNamesIn(wordsOf('Oriole fan'), found);
    expect(found.map((n) => n.topic)).toEqual(['baseball']);
  });
});
