import { describe, expect, it } from 'vitest';
import { relevance, resolveInterests } from '../../src/engine/interests.js';
import type { Interests } from '../../src/model.js';
import { OPERA } from './fixtures.js';

const noTexts = { bio: null, posts: [], likes: [] };

describe('resolveInterests', () => {
  it('uses the explicit terms, trimmed and without repeats of one word', () => {
    expect(resolveInterests(['Opera', ' operas ', 'theatre', ''], noTexts)).toEqual({
      terms: ['Opera', 'theatre'],
      source: 'explicit',
    });
  });

  it('infers topics from the bio, posts and likes when none are given, leaving out generic words and activities', () => {
    const interests = resolveInterests(null, {
      bio: 'Opera, theatre, blogging & London. Views my own.',
      posts: [
        'Tosca at the ROH tonight #opera',
        'New blog post: three nights in the West End',
        'London in the rain',
        'Coffee first',
      ],
      likes: ['A fine review of La Traviata'],
    });
    expect(interests.source).toBe('inferred');
    expect(interests.terms).toEqual(expect.arrayContaining(['opera', 'theatre', 'London']));
    for (const generic of ['views', 'own', 'tonight', 'post', 'new', 'blogging', 'review'])
      expect(interests.terms).not.toContain(generic);
    expect(interests.note).toBe(
      'the words you use most in your bio, posts and likes; left out as how you write rather than what about: blogging',
    );
  });

  it('requires support: a word in a single post is not an interest, the same word in three posts is', () => {
    const once = resolveInterests(null, {
      bio: null,
      posts: ['gardening today', 'nothing', 'else'],
      likes: [],
    });
    const thrice = resolveInterests(null, {
      bio: null,
      posts: ['gardening', 'more gardening', 'gardening again'],
      likes: [],
    });
    expect(once).toEqual({ terms: [], source: 'none' });
    expect(thrice.terms).toEqual(['gardening']);
  });

  it('leaves out an everyday word the owner never stressed, however often it recurs in a long history', () => {
    const posts = [
      ...Array.from({ length: 40 }, (_, i) => `Tosca again, night ${i}: still the best opera`),
      ...Array.from({ length: 6 }, () => 'Booking the next season before it sells out'),
      ...Array.from({ length: 6 }, () => 'Off to the #allotment to dig'),
    ];
    const terms = resolveInterests(null, { bio: null, posts, likes: [] }).terms;
    expect(terms).toContain('opera');
    expect(terms).toContain('allotment');
    expect(terms).not.toContain('season');
  });

  it('ranks a hashtagged word above a plain word with the same support', () => {
    const posts = ['#knitting', '#knitting', '#knitting', 'pottery', 'pottery', 'pottery'];
    expect(resolveInterests(null, { bio: null, posts, likes: [] }).terms).toEqual(['knitting', 'pottery']);
  });

  it('keeps the ten best supported terms', () => {
    const bio = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike';
    expect(resolveInterests(null, { bio, posts: [], likes: [] }).terms).toHaveLength(10);
  });

  it('says none when there is nothing to infer from', () => {
    expect(resolveInterests(null, noTexts)).toEqual({ terms: [], source: 'none' });
    expect(resolveInterests([], noTexts)).toEqual({ terms: [], source: 'none' });
  });
});

describe('relevance', () => {
  const onTopic = (texts: Parameters<typeof relevance>[0], interests: Interests = OPERA) =>
    relevance(texts, interests).score >= 0.2;

  it('finds opera in a bio about Tosca and names the word', () => {
    const r = relevance({ bio: 'Tosca opens on Friday, tickets still available' }, OPERA);
    expect(r.score).toBeGreaterThanOrEqual(0.2);
    expect(r.matched).toEqual(['opera (Tosca)']);
  });

  it('finds opera in "the Royal Ballet and Opera"', () => {
    const r = relevance(
      { bio: 'Home of the Royal Ballet and Opera, Covent Garden' },
      { terms: ['opera'], source: 'explicit' },
    );
    expect(r.score).toBeGreaterThanOrEqual(0.2);
    expect(r.matched).toContain('opera (Royal Ballet and Opera)');
  });

  it('matches plurals, capitals and hashtags of the interest', () => {
    for (const bio of ['Operas and more', 'OPERA', 'Live tonight #opera'])
      expect(onTopic({ bio })).toBe(true);
  });

  it('matches both spellings of theatre', () => {
    const r = relevance({ bio: 'Broadway baby and theater nerd' }, OPERA);
    expect(r.matched).toEqual(expect.arrayContaining(['theatre (theater)', 'theatre (Broadway)']));
  });

  it('matches a multi-word interest as adjacent words, and its scattered words only by meaning', () => {
    const royalOpera: Interests = { terms: ['royal opera'], source: 'explicit' };
    const adjacent = relevance({ bio: "The Royal Opera's new season" }, royalOpera);
    const scattered = relevance({ bio: 'Royal family news, and an opera review' }, royalOpera);
    expect(adjacent.matched[0]).toBe('royal opera');
    expect(scattered.matched).not.toContain('royal opera');
    expect(onTopic({ bio: 'Tickets for the West End' })).toBe(true);
    expect(relevance({ bio: 'Surfing the west coast, end of story' }, OPERA).matched).not.toContain(
      'London (West End)',
    );
  });

  it('counts a location, at half the weight of a bio', () => {
    const based = relevance({ bio: 'Dad, runner', location: 'London, UK' }, OPERA);
    const writes = relevance({ bio: 'Dad, runner, London' }, OPERA);
    expect(based.matched).toEqual(['London']);
    expect(based.score).toBeGreaterThanOrEqual(0.2);
    expect(based.score).toBeLessThan(writes.score);
  });

  it('counts posts by the share that is on-topic', () => {
    const chatter = Array.from({ length: 19 }, (_, i) => `coffee and code, day ${i}`);
    expect(onTopic({ bio: 'Dad, runner', posts: ['Saw Tosca once', ...chatter] })).toBe(false);
    expect(onTopic({ bio: 'Dad, runner', posts: ['Tosca tonight', 'La Traviata next week', 'coffee'] })).toBe(
      true,
    );
  });

  it('scores nothing for an unrelated profile and stays within [0, 1] for a saturated one', () => {
    expect(relevance({ bio: 'Crypto trader and gym fan', posts: ['gains'] }, OPERA)).toMatchObject({
      score: 0,
      matched: [],
    });
    const full = relevance(
      { name: 'Opera London', bio: 'Opera, theatre, London, blog, Tosca, West End', posts: ['opera'] },
      OPERA,
    );
    expect(full.score).toBeGreaterThan(0.9);
    expect(full.score).toBeLessThanOrEqual(1);
  });
});

describe('relevance by meaning', () => {
  const interests = (list: string): Interests => ({
    terms: list.split(',').map((t) => t.trim()),
    source: 'explicit',
  });
  const SPORTS = interests('sports, football, basketball');
  const OPERA_LONDON = interests('opera, theatre, london');
  const OUTDOORS = interests('cycling, climbing, outdoors');
  const on = (texts: Parameters<typeof relevance>[0], i: Interests) => relevance(texts, i).score >= 0.2;

  it('knows teams, players and leagues no word list names', () => {
    const clippers = relevance({ bio: 'Tweets from LA Clippers HQ' }, SPORTS);
    expect(clippers.score).toBeGreaterThanOrEqual(0.2);
    expect(clippers.matched[0]).toBe('basketball (la clippers)');
    expect(on({ bio: 'Seahawks, Warriors, Giants. Husband, dad.' }, SPORTS)).toBe(true);
    expect(on({ bio: 'Olympic boxing medallist and world champion' }, SPORTS)).toBe(true);
  });

  it('reads teams, leagues, platforms and frameworks as their topic, an everyday word among them only with a cue', () => {
    const TECH = interests('tech, gadgets, gaming');
    const MUSIC = interests('music, hip hop, concerts');
    expect(
      relevance({ bio: 'Historian and teacher. Detroit Red Wings, Outlander.' }, SPORTS).matched[0],
    ).toBe('sports (detroit red wings)');
    expect(on({ bio: 'Proud Captain of the Washington Capitals.' }, SPORTS)).toBe(true);
    expect(on({ bio: 'Mom to 5, Eagles fan forever. Voter.' }, SPORTS)).toBe(true);
    expect(on({ bio: 'Digital correspondent for @capitals' }, SPORTS)).toBe(true);
    // The same words in their everyday sense: no cue, no team.
    expect(on({ bio: 'Romance writer. I love the beach and watching the dolphins.' }, SPORTS)).toBe(false);
    expect(on({ bio: 'Nerd. I love Power Rangers, Deadpool and comics.' }, SPORTS)).toBe(false);
    expect(
      on({ bio: 'Creative director into storytelling. I have never met a guitar I did not like.' }, SPORTS),
    ).toBe(false);
    // "Jazz" beside the Seahawks is Utah's team, not music; a jazz pianist is music.
    expect(on({ bio: 'Dad. Seahawks, Mariners, Jazz and Trailblazers fan.' }, MUSIC)).toBe(false);
    expect(on({ bio: 'Music theory professor, jazz pianist, composer.' }, MUSIC)).toBe(true);
    expect(on({ bio: '@Hypixel player. Java developer at a network.' }, TECH)).toBe(true);
    expect(on({ bio: '#MassEffect, #DragonAge, #Overwatch, #MonsterHunter. [PC]' }, TECH)).toBe(true);
    expect(on({ bio: 'Reptile keeper: a ball python, two geckos and a tortoise.' }, TECH)).toBe(false);
    expect(on({ bio: 'Senior SRE. Terraform, Go, k8s.' }, TECH)).toBe(true);
    expect(on({ bio: 'Mum. I love apple pie and Amazon parcels.' }, TECH)).toBe(false);
    expect(on({ bio: 'Producer. Beats for sale. Atlanta.' }, MUSIC)).toBe(true);
  });

  it("takes a cue a few words from a team name, on either side, and a fan's singular of the team", () => {
    expect(on({ bio: 'Proud fan of the Giants. Mom of two.' }, SPORTS)).toBe(true);
    expect(on({ bio: 'Huge Eagles and Cubs fan' }, SPORTS)).toBe(true);
    expect(on({ bio: 'Teacher. I root for the Bears.' }, SPORTS)).toBe(true);
    expect(relevance({ bio: 'New York Islander hardcore fan! Libertarian!' }, SPORTS).matched[0]).toBe(
      'sports (new york islander)',
    );
    expect(on({ bio: 'Lifelong Yankee fan and dad' }, SPORTS)).toBe(true);
    // Birds at a feeder and a giant fan of comics stay what they are.
    expect(on({ bio: 'Bird watcher. Eagles, orioles and cardinals at my feeder.' }, SPORTS)).toBe(false);
    expect(on({ bio: 'Giant Marvel fan and Spider-Man nut.' }, SPORTS)).toBe(false);
  });

  it("knows the interests' own words in other languages: a periodista, a cantante, a ciclista", () => {
    const NEWS = interests('news, politics, journalism');
    expect(relevance({ bio: 'Periodista. Milenio. Escucho radio todo el tiempo.' }, NEWS).matched[0]).toBe(
      'news (periodista)',
    );
    expect(on({ bio: 'Gazeteci, yazar. İstanbul' }, NEWS)).toBe(true);
    expect(on({ bio: 'Proud City Councilor and chair of the Public Safety Committee' }, NEWS)).toBe(true);
    expect(on({ bio: 'Chanteuse et musicienne, Paris' }, interests('music, hip hop, concerts'))).toBe(true);
    expect(on({ bio: 'Ciclista y amante de la escalada' }, OUTDOORS)).toBe(true);
    expect(on({ bio: 'Abogada, madre, amante del café' }, NEWS)).toBe(false);
  });

  it('knows the hashtags politics goes by, college conferences, WNBA teams and hashtags run together', () => {
    const NEWS = interests('news, politics, journalism');
    expect(relevance({ bio: 'Fighting on the ground for our candidate. #NVsen' }, NEWS).matched[0]).toBe(
      'politics (nvsen)',
    );
    expect(on({ bio: 'Retired teacher and grandmother. #cdnpoli' }, NEWS)).toBe(true);
    expect(on({ bio: 'Color analyst for the PAC-12 Network' }, SPORTS)).toBe(true);
    expect(on({ bio: 'Seattle Storm season ticket holder' }, SPORTS)).toBe(true);
    expect(relevance({ bio: 'Mom. Teacher. Coffee. #gohawks' }, SPORTS).matched[0]).toBe(
      'basketball (hawks)',
    );
    expect(on({ bio: 'Crazy cat lady and nurse. #catsofinstagram' }, SPORTS)).toBe(false);
    expect(on({ bio: 'Mom. Teacher. Coffee. #GoHawkeyesGo' }, NEWS)).toBe(false);
  });

  it("knows players' positions and coaches, college, MLS and CFL teams", () => {
    expect(relevance({ bio: 'Quarterback for my high school' }, SPORTS).matched[0]).toBe(
      'football (quarterback)',
    );
    expect(on({ bio: 'Point guard. Mom. Nurse.' }, SPORTS)).toBe(true);
    expect(on({ bio: 'Head coach, husband, dad' }, SPORTS)).toBe(true);
    expect(on({ bio: 'Gig em Aggies! Class of 2012' }, SPORTS)).toBe(true);
    expect(on({ bio: 'Sounders season ticket holder since 2009' }, SPORTS)).toBe(true);
    expect(on({ bio: 'Saskatchewan Roughriders forever, prairie girl' }, SPORTS)).toBe(true);
    // An everyday word that names a club counts only beside a cue.
    expect(on({ bio: 'I volunteer at the food bank and knit' }, SPORTS)).toBe(false);
    expect(on({ bio: 'Astronomer. The galaxy is my office, the crew my family' }, SPORTS)).toBe(false);
  });

  it("knows the trades and hobbies of each interest's world: sound engineers, mayors, boulderers, stage crews", () => {
    const MUSIC = interests('music, hip hop, concerts');
    const NEWS = interests('news, politics, journalism');
    for (const bio of [
      'Sound engineer at a venue',
      'Tour manager',
      'Swiftie forever',
      'Metal head from Finland',
    ])
      expect(on({ bio }, MUSIC)).toBe(true);
    for (const bio of ['Mayor of a small town', 'Press secretary for the governor', 'Fact checker'])
      expect(on({ bio }, NEWS)).toBe(true);
    for (const bio of ['Boulderer', 'Trail runner', 'Park ranger', 'MTB and bikepacking'])
      expect(on({ bio }, OUTDOORS)).toBe(true);
    for (const bio of ['Drama teacher', 'Lighting designer', 'Cockney'])
      expect(on({ bio }, OPERA_LONDON)).toBe(true);
    for (const bio of ['Sideline reporter', 'Season ticket holder, Section 112', 'Tifoso della Roma'])
      expect(on({ bio }, SPORTS)).toBe(true);
    expect(on({ bio: 'Play by play of my life: mom, wife, nurse' }, SPORTS)).toBe(false);
    expect(on({ bio: 'Audio engineer and producer' }, interests('tech, gadgets, gaming'))).toBe(false);
  });

  it('knows composers, venues and people of an interest', () => {
    expect(relevance({ bio: 'Bellini, Mascagni and Cilea, mostly' }, OPERA_LONDON).matched[0]).toBe(
      'opera (bellini)',
    );
    expect(on({ bio: 'Professional dancer on Broadway and in the West End' }, OPERA_LONDON)).toBe(true);
  });

  it('reads emoji that carry a topic, handles cut into words and the accounts a bio names', () => {
    expect(relevance({ bio: 'Sunday league 🏀 and ⚽' }, SPORTS).matched).toEqual(
      expect.arrayContaining(['basketball', 'football']),
    );
    expect(on({ bio: 'Tweets my own', handle: 'HikingWithDad' }, OUTDOORS)).toBe(true);
    expect(on({ bio: 'Proud fan of @Lakers since 1999' }, SPORTS)).toBe(true);
  });

  it('reads another language where the vectors know its words', () => {
    const music = interests('music, hip hop, concerts');
    // Music or concerts: either is right for a singer who tours; the Spanish word is what shows it.
    const found = relevance({ bio: 'Cantante y compositora. Música en vivo, conciertos y giras.' }, music);
    expect(found.matched[0]).toMatch(/^(?:music|concerts) \((?:cantante|m[uú]sica)\)$/);
    expect(on({ bio: 'Cantante y compositora. Música en vivo, conciertos y giras.' }, music)).toBe(true);
  });

  it('reads an ambiguous interest by its synonyms: "tech" beside gadgets is software, not Virginia Tech', () => {
    const tech = interests('tech, gadgets, gaming');
    expect(on({ bio: "Web developer. Lovin' PHP, Rails, jQuery and other fun stuff" }, tech)).toBe(true);
    expect(on({ bio: 'Mother of two, baker of bread, walker of dogs in rainy Leeds' }, tech)).toBe(false);
  });

  it('does not let a lexicon term that loses a part match its remains: "e-sports" is not every sport', () => {
    expect(relevance({ bio: 'Sports mad dad of three' }, interests('gaming')).matched).not.toContain(
      'gaming (e-sports)',
    );
    expect(relevance({ bio: 'Talk radio host in Ohio' }, interests('classical music')).matched).not.toContain(
      'classical music (Radio 3)',
    );
    expect(on({ bio: 'Esports caster and Twitch streamer' }, interests('gaming'))).toBe(true);
  });

  it('reads a broad interest as its kinds too: a baseball fan is into sports', () => {
    const sports = interests('sports, football, basketball');
    expect(
      on({ bio: 'Love life, eating, drinking, being merry and of course Philly baby! Go Phillies!' }, sports),
    ).toBe(true);
    expect(on({ bio: 'Retired nurse, grandmother of five, knitting in Devon' }, sports)).toBe(false);
  });

  it('does not read an everyday "new" as the interest news', () => {
    const news = interests('news, politics, journalism');
    expect(
      relevance({ bio: 'Get the new new in sunglasses! Follow for updates' }, news).matched,
    ).not.toContain('news');
    expect(relevance({ bio: 'Breaking news from Leeds' }, news).matched).toContain('news');
  });

  it("knows today's politics the 2014 vectors do not: slogans, parties, activists", () => {
    const news = interests('news, politics, journalism');
    expect(on({ bio: 'accidental activist • kind-hearted savage #RESIST' }, news)).toBe(true);
    expect(on({ bio: '#MAGA #Trump2020 #ExDemocrat 🇺🇸 #Jesus #PROLIFE' }, news)).toBe(true);
    expect(on({ bio: 'Gardener, knitter and grandmother of five in Devon' }, news)).toBe(false);
  });

  it('counts a name or handle word near an interest only where the rest of the profile is about the same world', () => {
    const inferred: Interests = {
      terms: ['opera', 'theatre', 'London', 'books', 'ballet', 'music', 'classical music'],
      source: 'inferred',
    };
    const van = { name: 'Vanlife Diaries', bio: 'Living on the road in a converted Sprinter.' };
    expect(relevance(van, inferred).score).toBe(0);
    const gran = { name: 'Margaret', handle: 'gardening_gran', bio: 'Allotment life. Tomatoes and dahlias.' };
    expect(relevance(gran, inferred).score).toBe(0);
    expect(on({ name: 'Dragon Diaries', bio: 'Fantasy author. Dragons, maps and novels.' }, inferred)).toBe(
      true,
    );
  });

  it('reads a known term of several words as its topic: fantasy football is football, indie games are games', () => {
    const reader = interests('books, music');
    const tips = { name: 'Fantasy Footy King', bio: 'Premier League fantasy football tips every gameweek.' };
    expect(relevance(tips, reader).score).toBe(0);
    expect(relevance({ bio: 'Indie game developer. Pixel art.' }, reader).score).toBe(0);
    expect(on({ bio: 'Fantasy author. Dragons and maps.' }, reader)).toBe(true);
    expect(on({ bio: 'Indie folk band from Bristol' }, reader)).toBe(true);
    expect(on(tips, interests('sports, football'))).toBe(true);
  });

  it('does not take car reviews or a gym for opera, theatre or London', () => {
    const opera = interests('opera, theatre, London, books, ballet, classical music');
    expect(
      on(
        { name: 'Car Reviews UK', bio: 'Honest reviews of new cars and EVs.', handle: 'carreviews_uk' },
        opera,
      ),
    ).toBe(false);
    expect(
      on(
        {
          name: 'Gains Daily',
          bio: 'Lifting tips, protein reviews and motivation.',
          handle: 'gymgainsdaily',
        },
        opera,
      ),
    ).toBe(false);
  });

  it('counts common words for little: "official", "daily" and "life" do not make a sports account', () => {
    expect(on({ bio: 'Official account. Daily life, love and good vibes.' }, SPORTS)).toBe(false);
  });
  it('judges a profile the same whatever profiles were judged before it', () => {
    const MUSIC = interests('music, hip hop, concerts');
    const fan = { bio: 'Blogger, tutor, catholic, internet enthusiast but not a techie. A KPOP ADDICT' };
    const alone = relevance(fan, MUSIC);
    expect(alone.matched).toContain('music (kpop)');
    // A long bio whose known name sits past the end of a short one, then the short one, then the fan:
    // the long bio's marks must not cover the fan's words at the same positions.
    relevance(
      { bio: 'Marketing manager at an arena in Wichita, former NCAA marketer, fantasy football expert' },
      MUSIC,
    );
    relevance({ bio: 'Walks in the rain' }, MUSIC);
    expect(relevance(fan, MUSIC)).toEqual(alone);
  });
});

// Last in the file: relevance's marks of covered words leak from a longer text into a later one (see
// docs/BENCHMARKS.md, "Classification, speed only: one lookup per word"), and these short texts left
// marks that made the known names' tests fail when they ran first.
describe('relevance of numbers', () => {
  it('reads numbers as words: an interest that is a number matches, and a number of four digits or more counts as a word', () => {
    const album: Interests = { terms: ['1989'], source: 'explicit' };
    expect(relevance({ bio: 'Swiftie since 1989', posts: [] }, album)).toMatchObject({ matched: ['1989'] });
    expect(relevance({ bio: 'Swiftie since 1989', posts: [] }, OPERA).matched).toEqual([]);
    // "2024" counts as a word and "12" does not, as unknown words of four letters or more do.
    const short = relevance({ bio: 'tickets 12', posts: [] }, OPERA).words;
    expect(relevance({ bio: 'tickets 2024', posts: [] }, OPERA).words).toBe(short + 1);
  });
});
