import { foldText, removeUrls } from './text.js';

/**
 * Spam markers in a bio or name. Each rule names a pitch, not a word: "DM me" or "DM for commissions"
 * is how real people talk, "DM for promo" is selling reach. The matched words are quoted in the
 * marker so the user sees why.
 */
interface SpamRule {
  marker: string;
  /**
   * Word lists the text must hold a word of each before the pattern is tried: a pitch needs all its
   * parts ("crypto" and "signals"), and most bios hold none, so most patterns never run.
   */
  needs: readonly (readonly string[])[];
  pattern: RegExp;
  /** A last look at the whole text, for a pattern that is a pitch only in a short bio. */
  accept?: (folded: string) => boolean;
}

const CRYPTO = ['forex', 'crypto', 'bitcoin', 'btc', 'binary', 'nft'];

/** A link with a scheme or `www.`: what a come-on points at. */
const LINK_AHEAD = String.raw`[^a-z0-9\n]{0,24}(?:https?:\/\/|www\.)`;
/** A bio this short, its link aside, has room for a come-on and little else. */
const SHORT_BIO_WORDS = 12;

function shortBio(folded: string): boolean {
  return (
    removeUrls(folded)
      .split(/\s+/)
      .filter((w) => LETTER.test(w)).length <= SHORT_BIO_WORDS
  );
}

const RULES: readonly SpamRule[] = [
  {
    marker: 'asks for follow-backs',
    needs: [['follow', 'folow', 'teamfollow', 'f4f', 'fb4fb', 'l4l', 'like4', 'like 4', 'ifb', 'tfb']],
    pattern:
      /\b(?:fol?low ?(?:back|4 ?fol?low|for ?fol?low|train)|fol?lows? (?:me |us |them |you |u )back|f4f|fb4fb|l4l|like ?4 ?like|ifb|tfb|team ?fol?low ?back|fol?low me (?:and|&) i(?:'?ll| will)? fol?low(?: you)?(?: back)?|fol?low ?n? ?gain|(?:gain|get) (?:more )?fol?lowers? (?:fast|free|daily|now))\b/,
  },
  {
    marker: 'asks for follow-backs',
    // Spanish and Portuguese: "sígueme y te sigo", "me sigam eu sigo", "sigo de volta".
    needs: [['sig', 'seg', 'sdv']],
    pattern:
      /\b(?:sig(?:ue|a)me ?y ?te ?sigo|te sigo de vuelta|me sig(?:am|a|ue) (?:que )?(?:eu )?(?:sigo|te sigo)|sigo de volta|segue de volta|seguindo de volta|sdv)\b/,
  },
  {
    marker: 'asks for follow-backs',
    // "Seguiamo chi ci segue", "sigo a quien me sigue", "I follow everyone who follows me"; Japanese "フォロバ100%", Russian "взаимная подписка", Arabic "تابعني وأتابعك", Turkish "takip edene
    // takip", Indonesian "follback", Italian "ricambio follow", German "ich folge zurück", and the
    // follow trains of English ("#GainWithXtian", "autofollow").
    needs: [
      [
        'フォロバ',
        '相互',
        'フォロー返',
        'взаимн',
        'взаимо',
        'подпиш',
        'تابعني',
        'المتابع',
        'takip',
        'follback',
        'folback',
        'folbek',
        'ricambio',
        'folge',
        'gainwith',
        'autofollow',
        'auto follow',
        'segu',
        'sigo',
        'follows',
        'suivent',
      ],
    ],
    // Japanese asks say what they promise ("フォロバ100%", "フォロバします", "相互希望"): "フォロバ不要" and
    // "相互フォローは気まぐれです" say the opposite. German "Folge" is also an episode ("mit einer neuen
    // Folge zurück"): the ask has a subject ("ich folge zurück") or an object ("folge jedem zurück").
    pattern:
      /フォロバ(?:100|率|します|する|確定|希望|必ず|絶対)|(?:必ず|絶対)フォロバ|#フォロバ|#?相互(?:フォロー)?(?:希望|募集|歓迎|大歓迎|100)|#相互フォロー|フォロー返し(?:ます|100)|(?<![а-яё])взаимн[а-яё]{0,4} (?:подписк|фоллов|читаю)|взаимофоллов|читаю взаимно|подпишись[^.!?\n]{0,20}подпишусь|تابعني ?و ?[اأ]تابعك|[اأ]رد المتابع|\btakip ?edene ?takip|\btakibe ?takip|\bgeri takip|\bfoll?b[ae]c?k\b|\bricambio (?:il )?follow|\bricambio sempre(?= ?(?:[.!,|\n]|$| (?:il |i )?follow))|\b(?:ich folge|wir folgen) (?:(?:jedem|allen|euch|dir|auch) )?zuruck|\bfolgen? (?:jedem|allen) zuruck|#gainwith|\bauto ?follow|\bsegu(?:o|iamo) (?:chi|tutti quelli che) (?:mi|ci) segu(?:e|ono)\b|\bchi (?:mi|ci) segue (?:lo |la |li )?(?:seguo|seguiamo|ricambio)\b|\bsigo a (?:quien|quienes|todos los que|todo el que) me sig(?:a|an|ue|uen)\b|\bsigo (?:quem|todos que|todos os que) me seg(?:ue|uem)\b|\b(?:i|we) follow (?:every(?:one|body)|all|anyone) (?:who|that) follows? (?:me|us)\b|\bje (?:suis|follow) (?:tous )?ceux qui me suivent\b/,
  },
  {
    marker: 'sells promotion',
    // Collabs, features (a verse on a song) and sponsorships are what creators and musicians ask for,
    // and "promote your business" is a marketer's trade: only reach for sale and coins to pump count.
    needs: [['promo', 'promote', 'shout', 's/o']],
    pattern:
      /\b(?:dm|message|inbox) (?:me |us )?(?:for|4) (?:(?:a|paid|your) )?(?:promo(?:tion)?s?|shout ?outs?|s\/o)\b|\bpaid promo(?:tion)?s?\b|\bpromo(?:tion)? (?:available|services?)\b|\bshout ?outs? (?:for sale|available)\b|\bpromote your (?:coins?|tokens?|ico|nfts?|mixtapes?)\b/,
  },
  {
    marker: 'sells followers',
    needs: [['followers', 'likes', 'views', 'seguidores', 'takipci', 'накрутк', 'подписчик']],
    // Also Spanish and Portuguese "comprar seguidores", Turkish "takipçi satın al", Russian "накрутка".
    // Not "increase engagement" nor "get more views": a social media manager's and a vlogger's words.
    pattern:
      /\b(?:buy|cheap|free|instant)(?: (?:real|instant|active))? (?:followers|likes|views)\b|\bincrease (?:your )?(?:followers|likes)\b|\b(?:compra(?:r)?|ganhe|ganhar|gana(?:r)?|consigue) (?:mais |mas )?seguidores\b|\bseguidores (?:gratis|reais|reales|brasileiros)\b|\b(?:ucuz |gercek )?takipci (?:satin al|hilesi|kazan)|\bucuz takipci|накрутк[аиу] (?:подписчик|лайк|просмотр)|купить подписчик/,
  },
  {
    marker: 'crypto or forex pitch',
    needs: [CRYPTO, ['signal', 'profit', 'return', 'invest', 'earn', 'account manager', 'guaranteed']],
    // Not "crypto investing" nor "a forex mentor": people write about and teach trading.
    pattern:
      /\b(?:forex|crypto|bitcoin|btc|binary options?|nft)\b[^.!?\n]{0,40}\b(?:signals?|profits?|(?:daily|weekly|guaranteed) returns|investment (?:plans?|platform|opportunit(?:y|ies))|earn(?:ing)?s? (?:daily|weekly|\$)|account manager|guaranteed)\b|\b(?:earn|profit)\b[^.!?\n]{0,30}\b(?:forex|crypto|bitcoin|btc)\b/,
  },
  {
    marker: 'crypto or forex pitch',
    needs: [['airdrop', '00x', 'pump', 'recover']],
    pattern:
      /\b(?:(?:free|claim|join|crypto|token) airdrops?|airdrops? (?:is live|live|now|alerts?|hunters?)|[1-9]0{2,}x (?:gains?|returns?|potential|gems?|coins?|tokens?|profits?)|pump (?:signals?|groups?|channels?))\b|\brecover(?:y of)? (?:your )?(?:lost|stolen|scammed) (?:funds|crypto|bitcoin|money)\b/,
  },
  {
    marker: 'promises money',
    needs: [
      [
        'earn',
        'make $',
        '$',
        'passive',
        'financial',
        'get paid',
        'work from',
        'be your own',
        'gan',
        'renda',
        'ingresos',
        'заработ',
        'пассивн',
        'flip',
        'make money',
        'earn money',
        'earn from',
      ],
    ],
    // Also Spanish and Portuguese "gana dinero desde casa", "renda extra", Russian "заработок в интернете".
    // Not "financial freedom" (a goal), "I get paid to write" (a job) nor a baker's "renda extra com bolos".
    pattern:
      /\bearn (?:up to )?\$|\bearn \d|\bmake \$\d|\$\d[\d,.]{0,12}k? ?(?:a|per|\/) ?(?:day|week)\b|\bpassive income\b|\bget paid to (?:tweet|chat|click|text|take surveys|watch videos)\b|\bwork from home (?:and|&) (?:earn|make)\b|\bbe your own boss\b|\bgan(?:a|ar|e) dinero (?:desde casa|facil|rapido|extra|online)|\bganh(?:e|ar) dinheiro (?:em casa|facil|online|na internet)|\brenda extra (?:online|na internet|em casa|sem sair de casa|garantida|pelo celular)|\brenda passiva\b|\bingresos pasivos\b|\b(?:cash|money) ?flips?\b|\bflip (?:your )?\$\d|\bmake money (?:online|from home|fast)\b|\bearn (?:money )?(?:online|from home)\b|(?<![а-яё])заработ[а-яё]{0,6} (?:в интернете|онлайн|без вложений)|(?<![а-яё])пассивн[а-яё]{0,4} доход/,
  },
  {
    marker: 'loan advert',
    needs: [['loan', 'credit', 'lend', 'prestamo', 'emprestimo', 'pinjaman']],
    // Also Spanish "préstamos rápidos", Portuguese "empréstimo consignado", Indonesian "pinjaman online".
    pattern:
      /\bprestamos? (?:rapidos?|personales?|inmediatos?|sin (?:aval|buro|historial))\b|\bemprestimos? (?:rapidos?|pessoais?|consignados?|online)\b|\bpinjaman (?:online|dana|tanpa)\b|\b(?:(?:bad|poor|no) credit|(?:un)?secured|payday|instant|quick|easy|cash|personal|guaranteed) loans?\b|\bloans?\b[^.!?\n]{0,60}\b(?:availed|approv(?:al|ed)|bad credit|credit history|no credit check|with (?:so much )?ease|apply (?:now|today|online))\b|\bno credit check\b/,
  },
  {
    marker: 'giveaway',
    needs: [['give'], ['$', 'cash', 'iphone', 'ps5', 'gift', 'bitcoin', 'crypto', 'rt', 'retweet', 'follow']],
    pattern:
      /\bgive ?aways?\b[^\n]{0,60}(?:\$\d|cash|iphone|ps5|gift ?cards?|bitcoin|crypto|\brt\b|retweet|follow (?:&|and|\+) (?:rt|like|retweet))|(?:\$\d[\d,.]{0,12}k?|cash|iphone|ps5)[^\n]{0,30}\bgive ?aways?\b/,
  },
  {
    marker: 'giveaway',
    needs: [['win', '2 win', 'jordan', 'yeezy', 'sneaker', 'nike', 'airpod', 'iphone', 'ps5', 'xbox']],
    pattern:
      /\bwin (?:a |an )?free\b|\b(?:(?:rt|retweet|follow)|like (?:&|and|\+) (?:rt|retweet|follow))(?: (?:&|and|\+) (?:rt|retweet|follow|like)){0,3}(?: this| us| me)? (?:to|2) win\b(?! nothing)|\blike this (?:to|2) win\b|\b(?:jordans?|yeezys?|sneakers?|nikes?|airpods|iphones?|ps5|xbox)\b[^\n]{0,30}\bgive ?aways?\b/,
  },
  {
    marker: 'free-offer bait',
    needs: [['free']],
    pattern:
      /\b(?:got|received|get|claim|grab|won)(?: (?:my|your|a|an|the))? free (?:pairs?|jordans?|yeezys?|sneakers|shoes|iphones?|ps5|xbox|gift ?cards?|robux|v-?bucks|money|cash)\b|(?<!debt[ -])\bfree (?:pairs? of|jordans?|yeezys?|iphones?|ps5|gift ?cards?|robux|v-?bucks|money|cash)\b|\bfree e-?books?\b[^a-z0-9\n]{0,8}(?:https?:\/\/|www\.)/,
  },
  {
    marker: 'click bait',
    needs: [
      ['regret', 'believe', 'crazy', 'insane', 'click', 'check', 'link'],
      ['http', 'www', 'link', 'click'],
    ],
    pattern:
      /\b(?:you )?(?:won'?t|wont|will not) (?:regret|believe)\b|\bthis is (?:crazy|insane)\b|\bcheck (?:my|the) (?:profile|bio) link\b|\bclick (?:the |my )?link (?:in|on) (?:my )?(?:bio|profile)\b/,
  },
  {
    marker: 'link bait',
    // "Come in! 🍒🍒🍒 https://…", "How do you like my site? https://…", "Model // DC fan. Waiting you at https://…":
    // a come-on that points at a link and names nothing there. Not "Go to https://…", "Meet me at
    // https://calendly…", "Click here https://…" nor "Like my page https://…": how authors, coaches,
    // bands and shops point at their own site.
    needs: [
      ['http', 'www'],
      ['come', 'check', 'click', 'waiting', 'like', 'love', 'want', 'need', 'rate me'],
    ],
    pattern: new RegExp(
      String.raw`\b(come (?:in|on|here)|rate me(?: on| at)?|come to (?:me|my (?:site|page|profile))|check (?:this|me)|click (?:at|me)|waiting you(?: at| here| on)?|you (?:like|love) (?:me|my (?:site|page|profile))|(?:i (?:want|need) you|(?:do )?you (?:want|need) me)(?: dear| baby| babe)?)\b` +
        LINK_AHEAD,
      'd',
    ),
    accept: shortBio,
  },
  {
    marker: 'link bait',
    // The dating-site template: "Hi;) My login is Grace7 on https://…".
    needs: [
      ['http', 'www'],
      ['login', 'contact', 'nick', 'username', 'user name', 'profile'],
    ],
    pattern: new RegExp(
      String.raw`\b(my (?:login|contact|nick(?:name)?|user ?name|profile) is \S{1,30} (?:on|at))` +
        LINK_AHEAD,
      'd',
    ),
    accept: shortBio,
  },
  {
    marker: 'escort or adult advert',
    needs: [
      [
        'escort',
        'companion',
        'call girl',
        'sugar',
        'incall',
        'outcall',
        'fetish',
        'findom',
        'tribute',
        'spoil',
      ],
    ],
    // An escort is also a Ford and a police motorcade: the advert's words come with it.
    pattern:
      /\b(?:escorts? (?:girls?|services?|agenc(?:y|ies)|directory|ladies|models?)|(?<!ford )escorts? (?:en|de lujo|vip)\b|(?:independent|agency|elite|vip|luxury|high class|female|call) escorts?|(?:dating|elite|vip|independent|adult) companions?|call ?girls?|sugar (?:daddy|daddies|baby|babies|mommy)(?! watermelon)|incalls?|outcalls?|findom|fetish (?:pro|content|model)|send (?:me )?tributes|tributes?\b[^.!?\n]{0,30}\bspoil(?:ed)?|keep me spoil(?:ed|t))\b/,
  },
  {
    marker: 'betting tips',
    needs: [
      [
        'bet',
        'tipster',
        'fixed',
        'sure',
        'bahis',
        'apuesta',
        'aposta',
        'pronostico',
        'judi',
        'slot',
        'togel',
        'casino',
      ],
    ],
    // Also Turkish "canlı bahis", Spanish "apuestas deportivas", Portuguese "apostas esportivas",
    // Indonesian "judi online", "slot gacor", and online casino bonuses.
    // Not bare "bahis" ("bahis konusu" is "the matter in question") nor "book a slot online".
    pattern:
      /\b(?:free ?bets?|betting ?tips?|bet ?tips|tipsters?|fixed (?:matches|games|odds)|sure (?:odds|bets?)|betting (?:site|odds|offers?))\b|\b(?:canli|kacak|yasal|guvenilir) bahis\b|\bbahis (?:siteleri|sitesi|oranlari|bonusu|tahminleri|kuponu)\b|\bapuestas? (?:deportivas?|seguras?|gratis)\b|\bpronosticos? (?:seguros?|deportivos?|de futbol)\b|\bapostas? (?:esportivas?|seguras?)\b|\bjudi (?:online|bola|slot)\b|\b(?:slot gacor|situs slot)\b|\btogel\b|\b(?:online casino|casino (?:bonus|online)|no deposit bonus)\b/,
  },
  {
    marker: 'adult spam',
    needs: [
      [
        'onlyfans',
        'fansly',
        'nudes',
        'xxx',
        'horny',
        'hookup',
        'sext',
        '18+',
        'porn',
        'night with me',
        'packs',
        'contenido',
        'acompanhante',
        'garota',
        'plan cul',
        'rencontre',
        'sexkontakt',
        'open',
        'セフレ',
        '裏垢',
        'パパ活',
        '出会い',
        'オフパコ',
        '援交',
        '约炮',
        '約炮',
        '裸聊',
        '조건',
        '출장',
        'интим',
        'проститу',
        'индивидуалк',
        'سكس',
        'للسهرات',
        'cam',
        'webcam',
        'premium snap',
        'vip snap',
        'selling',
        'sell',
        'vendo',
      ],
    ],
    // Words with everyday senses need the advert's company: "nudes" is a lipstick shade, "xxx" a
    // British sign-off, RV parks have "full hookups", "🔞" and "18+ only" warn minors off a fan's
    // art, "DM for content collabs" and "selling pics of my travels" are trades, an "acompanhante" is a
    // carer or a therapeutic companion in Brazil, "интимные отношения" a psychologist's subject, and
    // "للسهرات" also names evening dresses and party bands (the escort ad pays by phone card, "شحن").
    pattern:
      /\b(?:onlyfans|fansly|horny|sexting|18\+ ?(?:vids?|videos?|sw(?:er)?)|nsfw (?:vids?|videos?|pics))\b|\b(?:sell(?:ing)?|buy|vendo) (?:my )?nudes\b|\bnudes (?:for sale|available)\b|\bxxx (?:content|videos?|vids?|pics|movies?|sites?|cams?)\b|#xxx\b|\b(?:casual|local|discreet) hookups?\b|\bhookups? (?:tonight|near you|in your area)\b|\bporn (?:videos?|vids?|pics|content|sites?|links?|movies?|clips?)\b|#porn\b|\b(?:wanna|want to|to) spend (?:a |the )?night with me\b|\b(?:venta de |vendo )?packs? (?:hot|xxx|\+18)|\bcontenido (?:\+18|xxx|hot|para adultos)|\bacompanhantes? (?:de luxo|vip|sensua(?:l|is)|gostosas?|safadas?)\b|\bgarotas? de programa\b|\bplan cul\b|\brencontres? (?:coquines?|sexe|discretes?|adultes?)\b|\bsexkontakte?\b|\bopen ?(?:bo|vcs)\b|\bcam ?girls?\b|\bwebcam (?:models?|girls?|shows?)\b|\b(?:premium|vip) snap(?:chat)?\b|セフレ|裏垢|パパ活|出会い系|オフパコ|援交|[约約]炮|裸聊|조건만남|출장(?:안마|마사지)|(?<![а-яё])интим[ -]?(?:услуг|досуг|знакомств|встреч)|проститутк|индивидуалк|سكس|للسهرات[^.!?\n]{0,30}(?:شحن|بطاي?قات?|سناب|كيك)|(?:ممونات|شحن)[^.!?\n]{0,30}للسهرات/,
  },
];

/**
 * All needed words in one pattern, longest first, so one scan of the text says which rules are due.
 * Words are only tried at the start of a word ("earn" is not in "learn"); the few symbols anywhere.
 * Each rule's word lists own one bit of a mask; a word found sets the bits of every list holding it or
 * a word inside it ("followers" holds "follow"). A rule is due when all its bits are set.
 */
const NEEDED_WORDS = [...new Set(RULES.flatMap((r) => r.needs.flat()))].sort((a, b) => b.length - a.length);
const escape = (w: string) => w.replace(/[$+/]/g, '\\$&');
const STARTS_WITH_LETTER = /^[a-z]/;
const ANY_NEEDED = new RegExp(
  `\\b(?:${NEEDED_WORDS.filter((w) => STARTS_WITH_LETTER.test(w))
    .map(escape)
    .join('|')})|` +
    NEEDED_WORDS.filter((w) => !STARTS_WITH_LETTER.test(w))
      .map(escape)
      .join('|'),
  'g',
);
let nextBit = 0;
const LIST_BITS = RULES.map((rule) => rule.needs.map(() => 1 << nextBit++));
const RULE_MASKS = LIST_BITS.map((bits) => bits.reduce((mask, bit) => mask | bit, 0));
const BITS_OF_WORD = new Map(
  NEEDED_WORDS.map((word) => {
    let mask = 0;
    RULES.forEach((rule, r) =>
      rule.needs.forEach((list, l) => {
        if (list.some((w) => word.includes(w))) mask |= LIST_BITS[r]![l]!;
      }),
    );
    return [word, mask];
  }),
);

function wordsPresent(folded: string): number {
  let present = 0;
  for (const word of folded.match(ANY_NEEDED) ?? []) present |= BITS_OF_WORD.get(word) ?? 0;
  return present;
}

const LETTER = /\p{L}/u;
const MAX_QUOTE = 40;

function quote(matched: string): string {
  const text = matched.trim();
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
}

/** Each rule's pattern, searched from a place (`lastIndex`), with where its groups start and end. */
const SEARCHES = RULES.map((rule) => new RegExp(rule.pattern.source, 'gd'));

/** Where a clause ends: a negation before it says nothing of what follows. */
const CLAUSE_END = /[.!?;|\n•,،]/g;
/**
 * A negation at most two words before a pitch, in its clause: "never buy followers", "don't follow
 * back", "stop judi online", "waspada pinjaman online" (beware of), "не читаю взаимно".
 */
const NEGATION_BEFORE =
  /(?:^|[^\p{L}])(?:never|don['’]?t|do not|doesn['’]?t|does not|not|no|stop|avoid|beware|against|anti|nunca|jamas|nao|jangan|waspada|hindari|tolak|bukan|tidak|nie|не|нет|против|nicht|kein|keine|jamais|pas|non|mai|asla)(?:[^\p{L}\n]+\p{L}+){0,2}[^\p{L}\n]*$/u;
/**
 * A refusal right after a pitch: Japanese "不要" (no need), "お断り" (declined), "しません" (I don't),
 * Turkish "yapmıyorum" (I don't), "yok" (none).
 */
const NEGATION_AFTER =
  /^[\s、。,:：]*(?:は|も|を|が)?\s*(?:不要|いらない|いりません|お断り|しません|しない|してません|していません|できません|無し|なし|禁止|ng\b|気まぐれ|yapmiyorum|yapmiyoruz|yapmam|etmiyorum|etmem|istemiyorum|yok\b|degil|yasak)/u;
const NEGATION_REACH = 40;

function negated(folded: string, start: number, end: number): boolean {
  let before = folded.slice(Math.max(0, start - NEGATION_REACH), start);
  CLAUSE_END.lastIndex = 0;
  let clause = 0;
  for (let m = CLAUSE_END.exec(before); m !== null; m = CLAUSE_END.exec(before)) clause = m.index + 1;
  before = before.slice(clause);
  return NEGATION_BEFORE.test(before) || NEGATION_AFTER.test(folded.slice(end, end + NEGATION_REACH));
}

/** The first match of rule `r` not negated, as [start, end] of its quoted part; null if none. */
function pitch(r: number, folded: string): [number, number] | null {
  const search = SEARCHES[r]!;
  search.lastIndex = 0;
  for (let m = search.exec(folded); m !== null; m = search.exec(folded)) {
    if (!negated(folded, m.index, m.index + m[0].length))
      return m.indices![1] ?? m.indices![2] ?? m.indices![0]!;
    search.lastIndex = m.index + 1;
  }
  return null;
}

/** Turkish dotless ı, which no Unicode folding makes an i: "satın al" is read as "satin al". */
const DOTLESS_I = /ı/g;

function readable(folded: string): string {
  return folded.includes('ı') ? folded.replace(DOTLESS_I, 'i') : folded;
}

/**
 * The text of `original` that folded to `folded.slice(start, end)`, so a reason quotes what the
 * person wrote ("Folge zurück", not "folge zuruck"). Each character is folded alone; when that does
 * not give back `folded` (a Greek final sigma, or a text folded some other way) the folded words are
 * quoted instead. Run only for a marker found, which is rare.
 */
function originalOf(original: string | undefined, folded: string, start: number, end: number): string {
  if (original === undefined) return folded.slice(start, end);
  const chars = [...original];
  const from: number[] = [];
  let refolded = '';
  for (const ch of chars) {
    from.push(refolded.length);
    refolded += readable(foldText(ch));
  }
  if (refolded !== folded) return folded.slice(start, end);
  let first = 0;
  while (first + 1 < chars.length && from[first + 1]! <= start) first += 1;
  let last = first;
  while (last + 1 < chars.length && from[last + 1]! < end) last += 1;
  return chars.slice(first, last + 1).join('');
}

const CYRILLIC = /[\u0400-\u04ff]/;
/** Words, a hyphen or a slash ending one too ("Instagram-аккаунтов"). */
const WORDS = /[^\s.,!?;:()\-–—/\\|#@'"’]+/g;
/** A letter neither Latin nor Cyrillic: Greek and Thai "fancy" lettering ("Tнε", "ฟ๑яℓ∂") is no disguise. */
const OTHER_LETTER = /[^a-z\u0400-\u04ff\P{L}]/u;
const LATIN_LETTER = /[a-z]/;
const RUNS = /[a-z]+|[\u0400-\u04ff]+/g;
/** Cyrillic letters that look like Latin ones, lowercased: а е о р с у х і ј ѕ, and н т к м в of capitals. */
const LOOK_ALIKE = /^[аеорсухіјѕнткмв]+$/;
/** Latin letters no Cyrillic letter looks like, in either case: a word holding one is a Latin word. */
const NO_CYRILLIC_TWIN = /[dfglnqruvwz]/;
/**
 * Russian and Ukrainian case endings spelt only with look-alikes: a Latin name takes them as it is
 * ("Telegramі", "Viberі", "в Instagramе", "TikTokе", "в Pythonе").
 */
const CASE_ENDINGS = new Set(['а', 'у', 'е', 'і', 'ом', 'ем', 'ам', 'ах', 'ов', 'ові']);
/** Prepositions glued onto a Latin word ("вinstagram"). */
const GLUED_PREPOSITIONS = new Set(['в', 'к', 'с', 'у', 'о']);
/** Two disguised words make a text made to slip past filters; one may be a slip of the keyboard. */
const MIN_DISGUISED = 2;

/**
 * Whether a word of Latin and Cyrillic letters is a Latin word with Cyrillic look-alikes among them
 * ("неllо", "swееt", "bасk"): every Cyrillic letter looks like a Latin one, and a Latin letter no
 * Cyrillic one looks like is there, or the Latin letters are as many. Not a Russian word with a Latin
 * "e" slipped in ("тeкст"), a Latin name with a case ending ("telegramі") or a preposition glued on.
 */
function disguised(word: string): boolean {
  const runs = word.match(RUNS)!;
  if (runs.length < 2) return false;
  let latin = 0;
  let cyrillic = 0;
  let twinless = false;
  for (const run of runs) {
    if (LATIN_LETTER.test(run)) {
      latin += run.length;
      twinless ||= NO_CYRILLIC_TWIN.test(run);
    } else {
      if (!LOOK_ALIKE.test(run)) return false;
      cyrillic += run.length;
    }
  }
  if (runs.length === 2) {
    const [head, tail] = runs as [string, string];
    if (LATIN_LETTER.test(head) ? CASE_ENDINGS.has(tail) : GLUED_PREPOSITIONS.has(head)) return false;
  }
  return twinless || latin >= cyrillic;
}

/**
 * Where the first of the disguised words is, when there are `MIN_DISGUISED` or more; else null. A word
 * that runs two languages together ("twitterинтереснее"), the Kazakh "елiң" or a band's "LoVendoЯ" has
 * letters that look like none; "fancy" lettering of Cyrillic and Greek ("тяuεε") is mostly not Latin.
 * Each word is read once, so a long text costs its length.
 */
function disguisedWord(folded: string): [number, number] | null {
  if (!CYRILLIC.test(folded)) return null;
  let first: [number, number] | null = null;
  let count = 0;
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(folded); m !== null; m = WORDS.exec(folded)) {
    const word = m[0];
    if (!LATIN_LETTER.test(word) || !CYRILLIC.test(word) || OTHER_LETTER.test(word) || !disguised(word))
      continue;
    first ??= [m.index, m.index + word.length];
    count += 1;
  }
  return count >= MIN_DISGUISED ? first : null;
}

/** "Неllо" with its Cyrillic letters named, since they look like the Latin ones. */
function disguisedQuote(word: string): string {
  const cyrillic = [...new Set(word.match(/[\u0400-\u04ff]/g) ?? [])];
  return `"${quote(word)}", Cyrillic ${cyrillic.map((c) => `"${c}"`).join(' ')}`;
}

/** Markers found in a bio or a name, e.g. `asks for follow-backs ("F4F")`; empty for a clean text. */
export function spamMarkers(text: string): string[] {
  return [...foldedSpamMarkers(foldText(text), text)];
}

const NO_MARKERS: readonly string[] = [];

/**
 * `spamMarkers` of a text already through `foldText`, shared with the topic check that reads the same
 * bio. With the `original` text the markers quote it as written; without, its folded words. Most texts
 * are clean: they get the one shared empty list rather than an array each.
 */
export function foldedSpamMarkers(lowered: string, original?: string): readonly string[] {
  const folded = readable(lowered);
  let markers: string[] | null = null;
  const present = wordsPresent(folded);
  for (let r = 0; r < RULES.length; r++) {
    if ((present & RULE_MASKS[r]!) !== RULE_MASKS[r]) continue;
    const rule = RULES[r]!;
    // Two rules may word one pitch ("crypto or forex pitch"): it is named once.
    if (markers?.some((marker) => marker.startsWith(`${rule.marker} (`))) continue;
    const found = pitch(r, folded);
    if (!found || (rule.accept && !rule.accept(folded))) continue;
    (markers ??= []).push(`${rule.marker} ("${quote(originalOf(original, folded, found[0], found[1]))}")`);
  }
  const disguisedAt = disguisedWord(folded);
  if (disguisedAt)
    (markers ??= []).push(
      `disguised letters (${disguisedQuote(originalOf(original, folded, disguisedAt[0], disguisedAt[1]))})`,
    );
  const withoutUrls = removeUrls(folded);
  if (withoutUrls !== folded && !LETTER.test(withoutUrls)) (markers ??= []).push('bio is only a link');
  return markers ?? NO_MARKERS;
}
