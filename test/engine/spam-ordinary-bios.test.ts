import { describe, expect, it } from 'vitest';
import { spamMarkers } from '../../src/engine/spam.js';

/**
 * A spam call recommends an unfollow on its own, so calling a person spam is the costly mistake. These
 * are ordinary people's bios in many languages, each holding a word or a phrase that a spam pitch also
 * uses; none of them is spam.
 */
const ORDINARY_BIOS: readonly (readonly [string, string])[] = [
  // Words a pitch shares with everyday talk.
  ['English', 'Chess player and dad. I like to win, but I love to learn.'],
  ['English', 'UGC creator | skincare & travel | DM for content collabs'],
  ['English', 'Photographer. Selling pics of my travels as prints'],
  ['English', 'Social media manager. I help small businesses increase engagement and sales.'],
  ['English', 'Barber in Leeds. Book a slot online: https://booksy.com/leedsbarber'],
  ['English', 'Historian of finance: pump and dump schemes and fraud'],
  ['English', 'Author of three novels. Go to https://janedoe.com'],
  ['English', 'Career coach. Meet me at https://calendly.com/jane'],
  ['English', 'Come on you Irons! ⚒️ https://whufc.com'],
  ['English', 'Makeup artist. Soft glam, nudes and bold reds'],
  ['English', 'Mum of two, tea addict, Strictly fan xxx'],
  ['English', 'Campground in Wyoming with full hookups and hot showers'],
  ['English', 'Fan artist. Occasional 🔞 art, minors DNI'],
  ['English', 'Rapper from Atlanta. DM for features'],
  ['English', 'Ford Escort Mk2 restorer and rally fan'],
  ['Spanish', 'Vendo Ford Escort en buen estado'],
  ['English', 'Journalist. I get paid to ask awkward questions'],
  ['English', 'Dad, runner, saving towards financial freedom'],
  ['English', 'I write about crypto investing for a personal finance site'],
  ['English', 'Marketing consultant: I help you promote your business'],
  ['English', 'Band from Leeds. New album out now, click here https://bandcamp.com/band'],
  ['English', 'Food bank volunteer. We need you! https://foodbank.example/volunteer'],
  ['English', 'Never buy followers. Social media tips for small shops'],
  ['English', "I don't follow back, sorry. Birds and bad puns"],
  ['English', 'Wedding videographer, custom vids for your big day'],
  ['English', 'Only fans of the 1998 squad will get this bio'],
  ['English', 'Counsellor helping people recover from porn addiction'],
  // Portuguese: a therapeutic companion and a carer are jobs; a baker's extra income is honest.
  ['Portuguese', 'Acompanhante terapêutica e psicóloga em São Paulo'],
  ['Portuguese', 'Cuidadora e acompanhante de idosos'],
  ['Portuguese', 'Professora e confeiteira, renda extra com bolos caseiros'],
  ['Portuguese', 'Acompanho o Flamengo desde criança'],
  // Russian and Ukrainian: a psychologist's subject, refusals, Latin names with case endings.
  ['Russian', 'Психолог. Семейные и интимные отношения'],
  ['Russian', 'Не читаю взаимно'],
  ['Russian', 'Веду блог в Instagramе и в TikTokе'],
  ['Russian', 'Пишу код в Pythonе и Djangoе'],
  ['Russian', 'Продвижение Instagram-аккаунтов и сайтов'],
  ['Russian', 'Москва / London. Пишу о tech и design'],
  ['Ukrainian', 'Пишіть у Telegramі або Viberі'],
  ['Serbian', 'Radim u IT-u, volim planine i dobru kafu'],
  ['Serbian', 'Програмер из Београда, волим планине'],
  ['Serbian', 'Goшке и кафа'],
  ['Kazakh', 'Азат елiң азақ деген ұлымын!'],
  // Arabic: evening dresses and a wedding band play "for evenings" too.
  ['Arabic', 'فرقة موسيقية للأفراح وللسهرات'],
  ['Arabic', 'متجر فساتين للسهرات والأعراس'],
  // Indonesian warnings against what they name.
  ['Indonesian', 'Stop judi online, lindungi keluarga!'],
  ['Indonesian', 'waspada pinjaman online ilegal'],
  // Turkish: no betting, "the matter in question", no follow-backs, thanks for following.
  ['Turkish', 'Bahis yok, sadece futbol'],
  ['Turkish', 'Bu bahis konusu çok önemli'],
  ['Turkish', 'Geri takip yapmıyorum'],
  ['Turkish', 'Takip edene teşekkürler'],
  ['Turkish', 'Takip ettiğim takımlar: Galatasaray'],
  // German: "Folge" is also an episode.
  ['German', 'Podcast über Geschichte – jede Woche mit einer neuen Folge zurück!'],
  // Japanese: "no need to follow back", "I follow back as the mood takes me", "I value meeting people".
  ['Japanese', '社会人/ゲーム好き/フォロバ不要です'],
  ['Japanese', '相互フォローは気まぐれです'],
  ['Japanese', '出会いを大切に'],
  ['Japanese', 'イラスト描きます。フォロバはしません'],
  // Spanish, Italian and French.
  ['Spanish', 'Periodista deportivo. Fútbol y apuestas? Nunca.'],
  ['Spanish', 'No sigo de vuelta, lo siento'],
  ['Italian', 'Non ricambio follow, scrivo di cucina'],
  ['Italian', 'Meccanico, vendo ricambio sempre originale'],
  ['Spanish', 'Meteoróloga. Pronósticos gratis cada mañana en la radio'],
  ['English', 'Retweet this to win nothing, I just like history'],
  ['French', 'Journaliste. Rencontres et portraits'],
  // Malay and Indonesian shop talk: a pre-order, not "open BO".
  ['Indonesian', 'Open PO kue kering lebaran, DM ya'],
];

describe('spamMarkers on ordinary bios', () => {
  it.each(ORDINARY_BIOS)('calls no %s bio spam: %s', (_language, bio) => {
    expect(spamMarkers(bio)).toEqual([]);
  });
});
