/**
 * Words that say nothing about what someone is into, so they never become inferred interests:
 * English function words, contractions as the tokenizer leaves them ("don't" → "dont"), and the
 * vocabulary every social-media profile shares ("follow", "tweet", "views my own").
 */
const ENGLISH = `a about above after again against all almost also although always am among an and another any
anyone anything are around as at away back be became because become been before being below best better
between both but by came can cannot could did do does doing done down during each either else enough even
ever every few for from further get gets getting give go goes going gone got had has have having he her here
hers herself him himself his how however i if in into is it its itself just least less let lets like likely
made make makes many may maybe me might mine more most much must my myself near need never new next no nor
not now of off often on once one only or other others our ours ourselves out over own per perhaps put quite
rather really said same say says see seen several shall she should since so some someone something sometimes
soon still such than that the their theirs them themselves then there these they thing things this those
though through thus to together too toward towards under until up upon us use used very via was way we well
were what whatever when where whether which while who whom whose why will with within without would yet you
your yours yourself yourselves dont doesnt didnt cant couldnt wont wouldnt shouldnt isnt arent wasnt werent
im ive id ill youre youve youll theyre theyve weve were hes shes thats theres whats lets aint yes yeah ok okay
oh also etc amp via lot lots bit every everyone everything anybody nothing nobody`;

const SOCIAL = `follow follows followed following follower followers unfollow tweet tweets tweeted tweeting retweet
retweets rt rts post posts posted posting repost reposts share shares shared sharing like likes liked liking
comment comments reply replies dm dms message messages link links bio profile account accounts page pages
thread threads story stories reel reels pinned tag tags tagged mention mentions views view opinions opinion
endorsement endorsements personal official update updates news today tonight tomorrow yesterday day days
week weeks month months year years daily weekly monthly time times morning night people person thanks thank love loved loves
good great nice best amazing awesome cool happy lol lmao omg wow please check click watch look looking
want wants know think thought feel feels life world things stuff lol hey hi hello welcome see here there
first last big little long old young free help check out sure right left part full real true via http https
www com org net html`;

export const STOPWORDS: ReadonlySet<string> = new Set([...ENGLISH.split(/\s+/), ...SOCIAL.split(/\s+/)]);
