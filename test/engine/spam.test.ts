import { describe, expect, it } from 'vitest';
import { spamMarkers } from '../../src/engine/spam.js';

describe('spamMarkers', () => {
  it('leaves real people who invite messages alone', () => {
    for (const bio of [
      'Illustrator. DM me for commissions',
      'DMs open',
      'DM for bookings and press',
      'Writer. Book giveaways every month.',
    ]) {
      expect(spamMarkers(bio)).toEqual([]);
    }
  });

  it('flags selling promotion and asking for follow-backs, quoting the words as written', () => {
    expect(spamMarkers('DM for promo 💰 follow back')).toEqual([
      'asks for follow-backs ("follow back")',
      'sells promotion ("DM for promo")',
    ]);
    expect(spamMarkers('Ich folge zurück')).toEqual(['asks for follow-backs ("Ich folge zurück")']);
    expect(spamMarkers('TAKİPÇİ SATIN AL')).toEqual(['sells followers ("TAKİPÇİ SATIN AL")']);
  });

  it('flags follow-for-follow in its spellings, including "fancy" letters', () => {
    for (const bio of ['F4F', 'follow for follow!', '#followback', '𝐅𝐨𝐥𝐥𝐨𝐰 𝐁𝐚𝐜𝐤']) {
      expect(spamMarkers(bio).some((m) => m.startsWith('asks for follow-backs'))).toBe(true);
    }
  });

  it('flags crypto and forex pitches and money promises, not writing about crypto', () => {
    expect(spamMarkers('Forex signals, guaranteed profits, DM')).toContain(
      'crypto or forex pitch ("Forex signals, guaranteed profits")',
    );
    expect(spamMarkers('Earn $500 a day from home').some((m) => m.startsWith('promises money'))).toBe(true);
    expect(spamMarkers('I write about crypto regulation for the FT')).toEqual([]);
  });

  it('looks for pitches at the start of words, and for symbols anywhere', () => {
    expect(spamMarkers('1000x gains, guaranteed')).toEqual(['crypto or forex pitch ("1000x gains")']);
    expect(spamMarkers('18+ vids, link below')).toEqual(['adult spam ("18+ vids")']);
    expect(spamMarkers('I learn Python and teach $5 workshops')).toEqual([]);
  });

  it('flags a bio that is only a link, not a bio with a link', () => {
    expect(spamMarkers('👉 https://t.co/abc123')).toEqual(['bio is only a link']);
    expect(spamMarkers('linktr.ee/xyz')).toEqual(['bio is only a link']);
    expect(spamMarkers('Soprano. Next: Tosca https://roh.org.uk')).toEqual([]);
  });

  it('flags cash giveaways and adult spam, not food lovers', () => {
    expect(spamMarkers('$1000 GIVEAWAY — follow & RT')).toEqual(['giveaway ("$1000 GIVEAWAY")']);
    expect(spamMarkers('New pics on OnlyFans 🔞')).toEqual(['adult spam ("OnlyFans")']);
    expect(spamMarkers('Eating my way around Soho, food porn daily')).toEqual([]);
  });

  it('flags a come-on pointing at a link in a short bio, not a person linking their work', () => {
    for (const bio of [
      'Do you like it slowly? Come in! 🍒🍒🍒 https://t.co/fQRe6J3DDm',
      'How do you like my site? 😙😙😙 https://t.co/awDkSgyvBU',
      'Model // DC fan. Waiting you at https://t.co/aHlAblhp3s',
      'Hi;) My login is Grace7 on https://t.co/Stkt1IQol9',
    ]) {
      expect(spamMarkers(bio).some((m) => m.startsWith('link bait'))).toBe(true);
    }
    for (const bio of [
      'Illustrator. Check out my work: https://example.com',
      'Click here for tickets https://example.com/tour',
      'Come in and say hello! We are a family bakery in Leeds, open every day but Monday, with bread, cakes and coffee https://bakery.example',
    ]) {
      expect(spamMarkers(bio)).toEqual([]);
    }
  });

  it('flags loan, escort, betting and freebie adverts, not the people in those trades', () => {
    expect(spamMarkers('Bad secured loans, as its name suggests, will clean up your credit history')).toEqual(
      ['loan advert ("secured loans")'],
    );
    expect(
      spamMarkers('The ultimate in dating companions covering Greater London. Call 02311 051 701'),
    ).toEqual(['escort or adult advert ("dating companions")']);
    expect(spamMarkers('Daily #freebets & #bettingtips')).toEqual(['betting tips ("freebets")']);
    expect(spamMarkers('Just received my free pair of Jordans in the mail!')).toEqual([
      'free-offer bait ("received my free pair")',
    ]);
    for (const bio of [
      'Loan officer at First Bank, NMLS 1234. Helping families buy their first home',
      'Sports journalist. I cover the Premier League and the betting industry',
      'Sneakerhead. Jordans, Yeezys and the odd pair of Vans',
    ]) {
      expect(spamMarkers(bio)).toEqual([]);
    }
  });

  it('lets a refusal unsay a pitch only in its own clause', () => {
    for (const bio of [
      'No DMs. Follow back 100%',
      "I don't bite. Follow me and I'll follow you back",
      'Not a bot, F4F',
      'フォローしてくれたらフォロバします',
    ]) {
      expect(spamMarkers(bio).some((m) => m.startsWith('asks for follow-backs'))).toBe(true);
    }
    for (const bio of [
      "I don't follow back",
      'Geri takip yapmıyorum',
      'フォロバ不要です',
      'Не читаю взаимно',
    ]) {
      expect(spamMarkers(bio)).toEqual([]);
    }
  });

  it('flags follow-back asks glued into hashtags and in Spanish and Portuguese', () => {
    for (const bio of ['#teamfollowback', 'me sigam eu sigo vocês tbm', 'sígueme y te sigo']) {
      expect(spamMarkers(bio).some((m) => m.startsWith('asks for follow-backs'))).toBe(true);
    }
  });

  it('flags follow-back asks in Japanese, Russian, Arabic, Turkish, Indonesian, Italian and German, and follow trains', () => {
    for (const bio of [
      'フォロバ100%無言フォロー失礼します。',
      'Читаю взаимно! Взаимная подписка',
      'تابعني واتابعك',
      'Takip edene takip ✌',
      'follback ya kak',
      'Ricambio sempre il follow',
      'Ich folge zurück',
      '#GainWithXtian #TeamFollow',
      'Seguo chi mi segue',
      'Sigo a quien me sigue 💯',
      'Sigo quem me segue',
      'I follow everyone who follows me',
    ]) {
      expect(spamMarkers(bio).some((m) => m.startsWith('asks for follow-backs'))).toBe(true);
    }
    for (const bio of [
      'Follow me on Instagram for my photos',
      'Takip ettiğim takımlar: Galatasaray',
      'Читаю книги',
    ]) {
      expect(spamMarkers(bio)).toEqual([]);
    }
  });

  it('flags words spelt with Cyrillic look-alike letters, not people who write both alphabets', () => {
    expect(spamMarkers('Неllо =) Dеlightful, dо yоu wаnt play with mе? https://t.co/abc')).toContain(
      'disguised letters ("Неllо", Cyrillic "Н" "е" "о")',
    );
    expect(spamMarkers('Неllо Swееt')).toEqual(['disguised letters ("Неllо", Cyrillic "Н" "е" "о")']);
    expect(spamMarkers('Fоllоw bасk')).toEqual(['disguised letters ("Fоllоw", Cyrillic "о")']);
    expect(spamMarkers('Swееt bаby')).toEqual(['disguised letters ("Swееt", Cyrillic "е")']);
    for (const bio of [
      'Москва / London. Пишу о tech и design',
      'Твой twitterинтереснее, чем ты',
      'Азат елiң азақ деген ұлымын!',
      'тяuεε sяk ғαη',
      'Tнε ฟ๑яℓ∂ ไร Mγ Яบทพαγ',
      'Пишіть у Telegramі або Viberі',
      'Продвижение Instagram-аккаунтов',
    ]) {
      expect(spamMarkers(bio)).toEqual([]);
    }
  });

  it('flags adult, betting, loan and money adverts in other languages', () => {
    const marked = (bio: string, marker: string) =>
      expect(spamMarkers(bio).some((m) => m.startsWith(marker))).toBe(true);
    marked('Acompanhantes de luxo em São Paulo', 'adult spam');
    marked('Venta de packs hot 🔥 DM', 'adult spam');
    marked('セフレ募集中 裏垢', 'adult spam');
    marked('Open BO area Jakarta', 'adult spam');
    marked('Canlı bahis siteleri ve bonuslar', 'betting tips');
    marked('Slot gacor hari ini, judi online terpercaya', 'betting tips');
    marked('Apuestas deportivas seguras, pronósticos gratis', 'betting tips');
    marked('Préstamos rápidos sin aval', 'loan advert');
    marked('Pinjaman online cepat cair', 'loan advert');
    marked('Gana dinero desde casa 💸', 'promises money');
    marked('Заработок в интернете без вложений', 'promises money');
    marked('Comprar seguidores reales', 'sells followers');
    marked('The biggest pump group on the internet', 'crypto or forex pitch');
    marked('RT & follow to win a PS5', 'giveaway');
    marked('Legit cash flips, DM me', 'promises money');
    marked('Learn to make money online with me', 'promises money');
    marked('#CamGirl and student 💗 https://t.co/abc', 'adult spam');
    marked('Premium snap available, link below', 'adult spam');
    marked('Buy real followers, cheap and fast', 'sells followers');
    marked('Ucuz takipçi satın al', 'sells followers');
    marked('Canlı bahis oranları', 'betting tips');
    marked('Find online escort girls directory', 'escort or adult advert');
    marked('Escort en #CDMX, agenda tu cita', 'escort or adult advert');
    for (const bio of [
      'Periodista deportivo. Fútbol y apuestas? Nunca.',
      'Open source developer. Rust and Go',
      'Acompanho o Flamengo desde criança',
      'Slot machine historian and writer',
      'Journaliste. Rencontres et portraits',
      'Skateboarding, pancake flips and coffee',
      'Webcam reviews and camera gear',
      'Selling my art prints at markets every weekend',
    ]) {
      expect(spamMarkers(bio)).toEqual([]);
    }
  });

  it('flags a short come-on that sends to a link, not a person pointing at their site', () => {
    for (const bio of [
      'Cosplay master // DC fan. Check this https://t.co/gTuLTpaZ4J',
      'Voice actress/Health. Come on https://t.co/KIvVCcTHIa',
      'You want me? 🔥🔥🔥 https://t.co/dxnYLlNpJq',
      'Rate me on ⤵️❤️ https://t.co/ZBZAvBR80D',
    ]) {
      expect(spamMarkers(bio).some((m) => m.startsWith('link bait'))).toBe(true);
    }
    for (const bio of [
      'Singer. For tickets go to https://example.com/tour',
      'Podcast host. New episodes every week, go to https://example.com',
      'Author of three novels. Go to https://janedoe.com',
    ]) {
      expect(spamMarkers(bio)).toEqual([]);
    }
  });
});
