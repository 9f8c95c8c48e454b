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
    pattern:
      /フォロバ|相互フォロー|フォロー返し|相互希望|взаимн\S* (?:подписк|фоллов|читаю)|взаимофоллов|читаю взаимно|подпишись[^.!?\n]{0,20}подпишусь|تابعني ?و ?[اأ]تابعك|[اأ]رد المتابع|\btakip ?edene ?takip|\btakibe ?takip|\bgeri takip|\bfoll?b[ae]c?k\b|\bricambio (?:il )?follow|\bricambio sempre\b|\bfolge (?:jedem )?zuruck|#gainwith|\bauto ?follow|\bsegu(?:o|iamo) (?:chi|tutti quelli che) (?:mi|ci) segu(?:e|ono)\b|\bchi (?:mi|ci) segue (?:lo |la |li )?(?:seguo|seguiamo|ricambio)\b|\bsigo a (?:quien|quienes|todos los que|todo el que) me sig(?:a|an|ue|uen)\b|\bsigo (?:quem|todos que|todos os que) me seg(?:ue|uem)\b|\b(?:i|we) follow (?:every(?:one|body)|all|anyone) (?:who|that) follows? (?:me|us)\b|\bje (?:suis|follow) (?:tous )?ceux qui me suivent\b/,
  },
  {
    marker: 'sells promotion',
    needs: [['promo', 'promote', 'collab', 'shout', 's/o', 'feature', 'ads', 'sponsor']],
    pattern:
      /\b(?:dm|message|inbox) (?:me |us )?(?:for|4) (?:(?:a|paid|your) )?(?:promo(?:tion)?s?|collabs?|collaborations?|shout ?outs?|s\/o|features?|ads|sponsorships?)\b|\bpaid promo(?:tion)?s?\b|\bpromo(?:tion)? (?:available|services?)\b|\bshout ?outs? (?:for sale|available)\b|\bpromote your (?:coins?|tokens?|projects?|ico|nfts?|brands?|business(?:es)?|products?|music|songs?|mixtapes?|pages?|accounts?|channels?|apps?)\b/,
  },
  {
    marker: 'sells followers',
    needs: [
      [
        'followers',
        'likes',
        'views',
        'engagement',
        'grow your',
        'seguidores',
        'takipci',
        'накрутк',
        'подписчик',
      ],
    ],
    // Also Spanish and Portuguese "comprar seguidores", Turkish "takipçi satın al", Russian "накрутка".
    pattern:
      /\b(?:buy|cheap|free|gain|get|instant)(?: (?:real|more|instant|active))? (?:followers|likes|views)\b|\bgrow your (?:account|followers|page)\b|\bincrease (?:your )?(?:followers|likes|views|engagement)\b|\b(?:compra(?:r)?|ganhe|ganhar|gana(?:r)?|consigue) (?:mais |mas )?seguidores\b|\bseguidores (?:gratis|reais|reales|brasileiros)\b|\btakipci (?:satin al|hilesi|kazan)|накрутк|купить подписчик/,
  },
  {
    marker: 'crypto or forex pitch',
    needs: [
      CRYPTO,
      ['signal', 'profit', 'return', 'invest', 'earn', 'account manager', 'mentor', 'guaranteed'],
    ],
    pattern:
      /\b(?:forex|crypto|bitcoin|btc|binary options?|nft)\b[^.!?\n]{0,40}\b(?:signals?|profits?|returns?|invest(?:ment|ing)?|earn(?:ing)?s?|account manager|mentor|guaranteed)\b|\b(?:invest(?:ment|ing)?|earn|profit)\b[^.!?\n]{0,30}\b(?:forex|crypto|bitcoin|btc)\b/,
  },
  {
    marker: 'crypto or forex pitch',
    needs: [['airdrop', '00x', 'pump', 'recover']],
    pattern:
      /\b(?:airdrops?|[1-9]0{2,}x|pump (?:and dump|signals?|groups?|channels?))\b|\brecover(?:y of)? (?:your )?(?:lost|stolen|scammed) (?:funds|crypto|bitcoin|money)\b/,
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
    pattern:
      /\bearn (?:up to )?\$|\bearn \d|\bmake \$\d|\$\d[\d,.]*k? ?(?:a|per|\/) ?(?:day|week)\b|\bpassive income\b|\bfinancial freedom\b|\bget paid to\b|\bwork from home (?:and|&) (?:earn|make)\b|\bbe your own boss\b|\bgan(?:a|ar|e) dinero (?:desde casa|facil|rapido|extra|online)|\bganh(?:e|ar) dinheiro (?:em casa|facil|online|na internet)|\brenda (?:extra|passiva)\b|\bingresos pasivos\b|\b(?:cash|money) ?flips?\b|\bflip (?:your )?\$\d|\bmake money (?:online|from home|fast)\b|\bearn (?:money )?(?:online|from home)\b|заработ\S* (?:в интернете|онлайн|без вложений)|пассивн\S* доход/,
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
      /\bgive ?aways?\b[^\n]{0,60}(?:\$\d|cash|iphone|ps5|gift ?cards?|bitcoin|crypto|\brt\b|retweet|follow (?:&|and|\+) (?:rt|like|retweet))|(?:\$\d[\d,.]*k?|cash|iphone|ps5)[^\n]{0,30}\bgive ?aways?\b/,
  },
  {
    marker: 'giveaway',
    needs: [['win', '2 win', 'jordan', 'yeezy', 'sneaker', 'nike', 'airpod', 'iphone', 'ps5', 'xbox']],
    pattern:
      /\bwin (?:a |an )?free\b|\b(?:rt|retweet|follow|like)(?: (?:&|and|\+) (?:rt|retweet|follow|like))*(?: this| us| me)? (?:to|2) win\b|\b(?:jordans?|yeezys?|sneakers?|nikes?|airpods|iphones?|ps5|xbox)\b[^\n]{0,30}\bgive ?aways?\b/,
  },
  {
    marker: 'free-offer bait',
    needs: [['free']],
    pattern:
      /\b(?:got|received|get|claim|grab|won)(?: (?:my|your|a|an|the))? free (?:pairs?|jordans?|yeezys?|sneakers|shoes|iphones?|ps5|xbox|gift ?cards?|robux|v-?bucks|money|cash|samples?|stuff)\b|\bfree (?:pairs? of|jordans?|yeezys?|iphones?|ps5|gift ?cards?|robux|v-?bucks|money|cash)\b|\bfree e-?books?\b[^a-z0-9\n]{0,8}(?:https?:\/\/|www\.)/,
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
    // a come-on that points at a link and names nothing there.
    needs: [
      ['http', 'www'],
      ['come', 'check', 'click', 'waiting', 'like', 'love', 'want', 'need', 'my site', 'meet', 'go'],
    ],
    pattern: new RegExp(
      String.raw`(?:^|[.!?|/\\\n]\s*)(go (?:to|here))` +
        LINK_AHEAD +
        String.raw`|\b(come (?:in|on|here)|come to (?:me|my (?:site|page|profile))|meet me(?: here| there| at| on)?|check (?:this|it|me)|click(?: (?:at|here|this|on|me))?|waiting (?:for )?you(?: at| here| on)?|(?:like|love) (?:me|my (?:site|page|profile))|(?:want|need) (?:me|you)(?: dear| baby| babe)?)\b` +
        LINK_AHEAD,
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
    pattern:
      /\b(?:escorts?|(?:dating|elite|vip|independent|adult) companions?|call ?girls?|sugar (?:daddy|daddies|baby|babies|mommy)|incalls?|outcalls?|findom|fetish (?:pro|content|model)|send (?:me )?tributes|tributes?\b[^.!?\n]{0,30}\bspoil(?:ed)?|keep me spoil(?:ed|t))\b/,
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
    pattern:
      /\b(?:free ?bets?|betting ?tips?|bet ?tips|tipsters?|fixed (?:matches|games|odds)|sure (?:odds|bets?|wins?)|betting (?:site|odds|offers?))\b|\b(?:canli |kacak |yasal )?bahis(?: siteleri| sitesi| oranlari)?\b|\bapuestas? (?:deportivas?|seguras?|gratis)\b|\bpronosticos? (?:seguros?|gratis|deportivos?)\b|\bapostas? (?:esportivas?|seguras?)\b|\bjudi (?:online|bola|slot)\b|\bslot (?:gacor|online)\b|\btogel\b|\b(?:online casino|casino (?:bonus|online)|no deposit bonus)\b/,
  },
  {
    marker: 'adult spam',
    needs: [
      [
        'fans',
        'nudes',
        'xxx',
        'horny',
        'hookup',
        'sext',
        '18+',
        'porn',
        '🔞',
        'nsfw',
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
        'custom vids',
        'dm for content',
        'dm me for content',
      ],
    ],
    pattern:
      /\b(?:onlyfans|only fans|fansly|nudes|xxx|horny|hookups?|sexting|18\+ ?(?:content|only|vids?|videos?|sw(?:er)?|nsfw)|nsfw (?:content|vids?|videos?|pics))\b|(?<!(?:food|book|ruin|car|earth|cabin) ?)\bporn\b|🔞|\b(?:wanna|want to|to) spend (?:a |the )?night with me\b|\b(?:venta de |vendo )?packs? (?:hot|xxx|\+18)|\bcontenido (?:\+18|xxx|hot|para adultos)|\bacompanhantes?\b|\bgarotas? de programa\b|\bplan cul\b|\brencontres? (?:coquines?|sexe|discretes?|adultes?)\b|\bsexkontakte?\b|\bopen ?(?:bo|vcs)\b|\bcam ?girls?\b|\bwebcam (?:models?|girls?|shows?)\b|\b(?:premium|vip) snap(?:chat)?\b|\bselling (?:my )?(?:nudes|pics|content)\b|\bcustom vids\b|\bdm (?:me )?for content\b|セフレ|裏垢|パパ活|出会い系|オフパコ|援交|[约約]炮|裸聊|조건만남|출장(?:안마|마사지)|интим|проститутк|индивидуалк|سكس|للسهرات/,
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

const CYRILLIC = /[\u0400-\u04ff]/;
/** Words holding both Latin and Cyrillic letters. */
const MIXED_WORDS = /[^\s.,!?;:()]*(?:[a-z][\u0430-\u045f]|[\u0430-\u045f][a-z])[^\s.,!?;:()]*/g;
const LATIN_LETTERS = /[a-z]/g;
const CYRILLIC_LETTERS = /[\u0430-\u045f]/g;
/** Cyrillic letters that look like Latin ones, lowercased: а е о р с у х і ј ѕ, and н т к м в of capitals. */
const LOOK_ALIKE = /^[аеорсухіјѕнткмв]+$/;
/** Two disguised words make a text made to slip past filters; one may be a slip of the keyboard. */
const MIN_DISGUISED = 2;

/**
 * The first of the words spelt mostly in Latin letters with Cyrillic look-alikes among them ("Неllо",
 * "Swееt"), when there are `MIN_DISGUISED` or more; else null. A word that runs two languages together
 * ("twitterинтереснее"), the Kazakh "елiң" or a band's "LoVendoЯ" has letters that look like none or
 * stands alone; "fancy" lettering of Cyrillic and Greek ("тяuεε") is mostly not Latin.
 */
function disguisedWord(folded: string): string | null {
  if (!CYRILLIC.test(folded)) return null;
  let first: string | null = null;
  let count = 0;
  for (const word of folded.match(MIXED_WORDS) ?? []) {
    const cyrillic = word.match(CYRILLIC_LETTERS)!;
    if (!LOOK_ALIKE.test(cyrillic.join('')) || (word.match(LATIN_LETTERS)?.length ?? 0) <= cyrillic.length)
      continue;
    first ??= word;
    count += 1;
  }
  return count >= MIN_DISGUISED ? first : null;
}

/** Markers found in a bio or a name, e.g. `asks for follow-backs ("f4f")`; empty for a clean text. */
export function spamMarkers(text: string): string[] {
  return [...foldedSpamMarkers(foldText(text))];
}

const NO_MARKERS: readonly string[] = [];

/**
 * `spamMarkers` of a text already through `foldText`, shared with the topic check that reads the same
 * bio. Most texts are clean: they get the one shared empty list rather than an array each.
 */
export function foldedSpamMarkers(folded: string): readonly string[] {
  let markers: string[] | null = null;
  const present = wordsPresent(folded);
  for (let r = 0; r < RULES.length; r++) {
    if ((present & RULE_MASKS[r]!) !== RULE_MASKS[r]) continue;
    const rule = RULES[r]!;
    const m = rule.pattern.exec(folded);
    if (!m || (rule.accept && !rule.accept(folded))) continue;
    markers ??= [];
    // Two rules may word one pitch ("crypto or forex pitch"): it is named once.
    if (!markers.some((marker) => marker.startsWith(`${rule.marker} (`)))
      markers.push(`${rule.marker} ("${quote(m[1] ?? m[2] ?? m[0])}")`);
  }
  const disguised = disguisedWord(folded);
  if (disguised) (markers ??= []).push(`disguised letters ("${quote(disguised)}")`);
  const withoutUrls = removeUrls(folded);
  if (withoutUrls !== folded && !LETTER.test(withoutUrls)) (markers ??= []).push('bio is only a link');
  return markers ?? NO_MARKERS;
}
