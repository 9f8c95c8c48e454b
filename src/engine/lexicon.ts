/**
 * A hand-curated map from common interests to the words that show a profile is about them: spellings
 * and synonyms (`names`, as good as the interest itself) and related works, people, venues and trade
 * words (`related`, good evidence but weaker). So an opera house whose bio says "the Royal Ballet and
 * Opera" or a singer who posts about Tosca is on-topic for someone into opera.
 *
 * Entries avoid words that are also common names or everyday words ("Carmen", "Norma", "play",
 * "fringe"): a false "on-topic" would hide an account the user would have pruned. Terms are matched on
 * stems (text.ts), so one spelling per word is enough; phrases match as consecutive words.
 */
export interface LexiconEntry {
  /** The first name is the interest's canonical name, shown when interests are inferred. */
  names: readonly string[];
  related: readonly string[];
}

export const LEXICON: readonly LexiconEntry[] = [
  {
    names: ['opera', 'operatic', 'operetta'],
    related: [
      'Tosca', 'La Bohème', 'Madama Butterfly', 'La Traviata', 'Rigoletto', 'Don Giovanni', 'Nozze di Figaro',
      'Marriage of Figaro', 'Magic Flute', 'Zauberflöte', 'Rosenkavalier', 'Turandot', 'Il Trovatore', 'Nabucco',
      'Fidelio', 'Parsifal', 'Tristan und Isolde', 'Götterdämmerung', 'Walküre', 'Lohengrin', 'Tannhäuser',
      'Eugene Onegin', 'Peter Grimes', 'Billy Budd', 'Wozzeck', 'Così fan tutte', 'Barber of Seville',
      'Lucia di Lammermoor', 'Der Ring des Nibelungen', 'Verdi', 'Puccini', 'Wagner', 'Wagnerian', 'Rossini',
      'Donizetti', 'Monteverdi', 'Janáček', 'Bizet', 'Gounod', 'Massenet', 'Pavarotti', 'Callas', 'Netrebko',
      'soprano', 'mezzo-soprano', 'contralto', 'countertenor', 'tenor', 'baritone', 'aria', 'libretto',
      'librettist', 'bel canto', 'recitative', 'prima donna', 'zarzuela', 'Royal Opera House', 'Royal Ballet and Opera',
      'English National Opera', 'Glyndebourne', 'Garsington', 'Opera North', 'Welsh National Opera',
      'Scottish Opera', 'Metropolitan Opera', 'Met Opera', 'La Scala', 'Staatsoper', 'Bayreuth',
      'Salzburg Festival',
    ],
  },
  {
    names: ['theatre', 'theater', 'theatrical', 'theatregoer', 'theatreland'],
    related: [
      'West End', 'Broadway', 'playwright', 'dramaturg', 'dramaturgy', 'stage manager', 'stage management',
      'drama school', 'actor', 'actress', 'RADA', 'LAMDA', 'National Theatre', 'Old Vic', 'Young Vic', 'Donmar',
      'Almeida', 'Royal Court', "Shakespeare's Globe", 'Royal Shakespeare Company', 'RSC', 'Shakespeare',
      'Les Misérables', 'Edinburgh Fringe', 'matinee', 'curtain call', 'press night', 'opening night',
      'understudy', 'stagecraft', 'Olivier Awards', 'Tony Awards', 'WhatsOnStage', 'Sondheim', 'Lloyd Webber',
      'Pinter', 'Chekhov', 'Ibsen', 'musical theatre', 'pantomime', 'panto',
    ],
  },
  {
    names: ['ballet', 'dance', 'dancer', 'ballerina'],
    related: [
      'Royal Ballet', 'English National Ballet', "Sadler's Wells", 'Northern Ballet', 'Bolshoi', 'Mariinsky',
      'Swan Lake', 'Nutcracker', 'Giselle', 'choreographer', 'choreography', 'pas de deux', 'Nureyev',
      'Balanchine', 'Akram Khan', 'Matthew Bourne', 'Diaghilev', 'Ballets Russes', 'Rambert',
    ],
  },
  {
    names: ['classical music', 'orchestra', 'orchestral'],
    related: [
      'symphony', 'symphonic', 'concerto', 'sonata', 'philharmonic', 'chamber music', 'string quartet',
      'composer', 'Mozart', 'Beethoven', 'Bach', 'Brahms', 'Chopin', 'Schubert', 'Handel', 'Haydn', 'Vivaldi',
      'Tchaikovsky', 'Mahler', 'Debussy', 'Rachmaninoff', 'Rachmaninov', 'Elgar', 'Vaughan Williams',
      'Shostakovich', 'Stravinsky', 'Sibelius', 'Dvořák', 'BBC Proms', 'Proms', 'Wigmore Hall',
      'Royal Albert Hall', 'Royal Festival Hall', 'Radio 3', 'Classic FM', 'pianist', 'violinist', 'cellist',
      'violin', 'cello', 'harpsichord', 'oboe',
    ],
  },
  {
    names: ['blogging', 'blog', 'blogger', 'writing', 'writer'],
    related: [
      'newsletter', 'Substack', 'essay', 'essayist', 'columnist', 'copywriter', 'poet', 'poetry', 'WordPress',
      'memoir', 'guest post', 'NaNoWriMo', 'Blogspot',
    ],
  },
  {
    names: ['London', 'Londoner'],
    related: [
      'West End', 'Soho', 'Shoreditch', 'Camden', 'Hackney', 'Brixton', 'Islington', 'Peckham', 'Greenwich',
      'Southwark', 'Covent Garden', 'South Bank', 'Southbank', 'Notting Hill', 'Mayfair', 'Kensington', 'Thames',
      'TfL', 'Barbican', 'Tate Modern', 'Tate Britain', 'British Museum', 'Victoria and Albert Museum',
      'National Gallery', 'Hyde Park', "Regent's Park", 'Borough Market', 'Big Ben', 'Trafalgar Square',
      'Piccadilly', "Sadler's Wells", 'Royal Opera House', 'Old Vic', 'Young Vic',
    ],
  },
  {
    names: ['books', 'reading', 'reader', 'bookish', 'literature', 'literary', 'novel', 'bookworm'],
    related: [
      'novelist', 'author', 'bookshop', 'bookstore', 'bookseller', 'book club', 'BookTok', 'Bookstagram',
      'Goodreads', 'Booker Prize', 'library', 'librarian', 'fiction', 'publisher', 'publishing', 'paperback',
      'hardback', 'Waterstones', 'Hay Festival', 'poetry',
    ],
  },
  {
    names: ['film', 'movies', 'cinema', 'cinephile', 'filmmaker', 'filmmaking'],
    related: [
      'screenplay', 'screenwriter', 'Academy Awards', 'BAFTA', 'Cannes', 'Sundance', 'Berlinale', 'BFI',
      'Letterboxd', 'box office', 'documentary', 'Hitchcock', 'Kubrick', 'Scorsese', 'Tarantino', 'Spielberg',
      'Ghibli', 'Criterion Collection', 'IMDb', 'actor', 'actress',
    ],
  },
  {
    names: ['food', 'foodie', 'cooking', 'chef', 'cuisine', 'recipes', 'baking'],
    related: [
      'restaurant', 'street food', 'vegan', 'vegetarian', 'brunch', 'bakery', 'pastry', 'Michelin', 'sourdough',
      'sommelier', 'gastronomy', 'gastropub', 'MasterChef', 'Bake Off',
    ],
  },
  {
    names: ['football', 'footballer', 'soccer'],
    related: [
      'Premier League', 'Champions League', 'FA Cup', 'World Cup', 'UEFA', 'FIFA', 'goalkeeper', 'striker',
      'midfielder', 'La Liga', 'Bundesliga', 'Serie A', 'Arsenal', 'Tottenham', 'Spurs', 'Manchester United',
      'Man Utd', 'Man City', 'Liverpool FC', 'Everton', 'West Ham', 'Aston Villa', 'Newcastle United', 'Fulham',
      'Brentford', 'Real Madrid', 'FC Barcelona', 'Juventus', 'Bayern Munich', 'PSG', 'transfer window',
      'matchday', 'COYS', 'COYG',
    ],
  },
  {
    names: ['tech', 'technology', 'software', 'programming', 'programmer', 'coder'],
    related: [
      'startup', 'open source', 'JavaScript', 'TypeScript', 'Python', 'GitHub', 'AI', 'machine learning',
      'artificial intelligence', 'LLM', 'SaaS', 'DevOps', 'web dev', 'frontend', 'backend', 'full stack',
      'Linux', 'iOS', 'Android', 'Kubernetes', 'cybersecurity', 'data science', 'computer science', 'gadgets',
      'Silicon Valley',
    ],
  },
  {
    names: ['gaming', 'video games', 'videogames', 'gamer'],
    related: [
      'Twitch', 'streamer', 'esports', 'e-sports', 'Xbox', 'PlayStation', 'PS4', 'PS5', 'PSN', 'Nintendo',
      'Switch games', 'Steam', 'speedrun', 'speedrunner', 'Let’s Play', 'Minecraft', 'Fortnite', 'League of Legends',
      'Call of Duty', 'Pokémon', 'FGC', 'MMO', 'RPG', 'PvP', 'Epic Games', 'game dev', 'indie games',
    ],
  },
  {
    names: ['photography', 'photographer', 'photo', 'photograph'],
    related: [
      'camera', 'lens', 'Nikon', 'Fujifilm', 'Leica', '35mm', 'portrait', 'Lightroom', 'Photoshop', 'aperture',
      'golden hour', 'darkroom', 'analogue', 'photojournalist', 'photojournalism',
    ],
  },
  {
    names: ['art', 'artist', 'artwork', 'fine art'],
    related: [
      'painting', 'painter', 'illustrator', 'illustration', 'sculpture', 'sculptor', 'gallery', 'exhibition',
      'museum', 'drawing', 'watercolour', 'watercolor', 'printmaking', 'ceramics', 'Tate', 'National Gallery',
      'Royal Academy', 'Frieze', 'Saatchi', 'Serpentine', 'Turner Prize', 'commissions', 'Rembrandt', 'Picasso',
      'Van Gogh', 'Monet', 'Hockney', 'Banksy',
    ],
  },
];
