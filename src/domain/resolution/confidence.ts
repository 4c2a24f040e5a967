import { ARTICLES, normalizeWords } from '../normalize';
import type { Lexicon } from './lexicon';

/**
 * Whether a run of words that matches a place name is meant as that place. The answer weighs, in
 * log-odds (base 10), what speaks for the place (its population, a locative cue such as "à",
 * "usine de" or "based in", how much of the message the name explains, a capital letter
 * mid-sentence) against what speaks for an ordinary reading (the word's own frequency in French
 * or English, a first name or surname, a typo needed to reach the name). "je ne sais pas" is not
 * Le Pas, "Anne Roux" is not Le Roux, "alert" is not Albert; "on est à Nice" is Nice.
 */

export interface Token {
  /** Normalised: lower case, no accents, "st" expanded. */
  word: string;
  /** Typed with a leading capital in a message that is not all capitals. */
  capital: boolean;
  /** As typed, in lower case with its accents ("péré"). */
  typed: string;
  /** As typed, case kept, after its hyphen or apostrophe when joined ("-sur", "'Or"): what an answer quotes back. */
  raw: string;
  /** Joined to the previous word by a hyphen or an apostrophe: "Saint-Didier-au-Mont-d'Or" is one name. */
  joined: boolean;
}

/** A run of tokens [start, end) that matched a place name, exactly (distance 0) or with typos. */
export interface SpanMatch {
  start: number;
  end: number;
  distance: number;
  /** Population of the most populous place the name designates (territories count as large). */
  population: number;
  /** The name was matched without its leading article ("marche" for La Marche). */
  withoutArticle: boolean;
  /** The matched names as written, in lower case with accents ("les cluses"), to compare accents. */
  names: readonly string[];
  /** The message also gives a department ("Méré (89)"), which only a place needs. */
  departmentGiven: boolean;
}

/** Words that frame a place query without being part of it; they do not lower the coverage. */
export const FILLER = new Set(
  (
    'a au aux avec ce cette chez d dans de des du en est et il ils j je l la le les leur ma mes mon nos notre nous on ou ' +
    'par pour pres proche qu que qui sa se ses son sur un une vers vos votre vous y ' +
    'entreprise societe usine site atelier siege pme eti tpe situe situee situes basee base basees implante implantee installe installee ' +
    'sommes suis avons ai sont commune ville code postal insee territoire territoires industrie referent referents quel quelle ' +
    'salaries salarie personnes employes ca chiffre affaires millions euros bonjour merci svp aide ' +
    'aides dispositif dispositifs subvention subventions financement financements eligible eligibles eligibilite accompagnement ' +
    'schemes scheme funding grants grant support eligibility which what where for with and from about ' +
    'quels quelles comment combien pourquoi peux pouvez puis faire avoir besoin besoins cherche cherchons voudrais voulons veut ' +
    'souhaite souhaitons obtenir droit merci possible possibles projet projets recruter embaucher exporter innover former ' +
    'the of in at near our we are is my company factory plant located based site town city hello please cedex'
  ).split(' '),
);

/** What may stand around a name that is the whole message: "Bonjour, Oyonnax svp". */
const POLITE = new Set(['bonjour', 'merci', 'svp', 'stp', 'hello', 'hi', 'please', 'thanks', 'salut', 'le', 'la', 'les', 'l']);
/** Right before a place: "à Lyon", "au Creusot", "in Lyon", "près de" is handled as a phrase. */
const STRONG_BEFORE = new Set(['a', 'au', 'aux', 'in', 'at', 'near', 'pres', 'proche', 'vers', 'around', 'outside']);
/**
 * Prepositions that sometimes introduce a place. "en" and "dans" go with regions and countries
 * ("en Savoie"), rarely with a town ("je suis en réunion", "on est dans le bois").
 */
const WEAK_BEFORE = new Set(['sur', 'en', 'dans', 'pour', 'for', 'from', 'to', 'cote']);
/** "de", "du", "sur": a town's after a place word ("usine de Cluses", "situé sur Oyonnax"). */
const FRAMED_BY = new Set(['de', 'd', 'du', 'des', 'of', 'sur']);
/** Words that make the preposition after them a place's: "usine de", "situé sur", "based in". */
const PLACE_FRAMES = new Set(
  (
    'usine usines site sites siege atelier ateliers entrepot agence etablissement commune ville mairie agglomeration agglo ' +
    'region secteur zone bassin territoire territory town city village environs alentours cote coin code ' +
    'base basee bases basees situe situee situes situees implante implantee implantes implantees installe installee installes ' +
    'installees localise localisee domicilie domiciliee located based originaire factory plant office headquarters hq ' +
    'est sommes suis sont trouve trouvons'
  ).split(' '),
);
/** A person's or a firm's name follows these: "M. Roux", "chez Martin", "SARL Morel". */
const PERSON_BEFORE = new Set([
  'm',
  'mr',
  'mme',
  'mlle',
  'madame',
  'monsieur',
  'mrs',
  'ms',
  'miss',
  'dr',
  'docteur',
  'signe',
  'cordialement',
  'appelle',
  'part',
]);
const FIRM_BEFORE = new Set(
  (
    'chez societe ste sarl sas sasu sa eurl ets etablissements groupe group marque atelier fonderie fonderies forges menuiserie ' +
    'chaudronnerie decolletage plastiques plasturgie imprimerie verrerie mecanique usinage industries transports ateliers'
  ).split(' '),
);

/**
 * Words that say nothing besides the place: they do not lower its coverage ("Oyonnax svp",
 * "quel territoire pour Oyonnax ?"). Anything else does: "je suis en réunion", "industrie du bois".
 */
const NEUTRAL = new Set([
  ...ARTICLES,
  ...POLITE,
  ...STRONG_BEFORE,
  ...WEAK_BEFORE,
  ...FRAMED_BY,
  ...PLACE_FRAMES,
  ...'quel quelle quels quelles which what where ou territoire territoires territory referent referents postal insee cedex mon ma mes notre nos our my is are we nous on et and svp'.split(
    ' ',
  ),
]);

/** The territory is the site's: "le siège est à Nantes mais l'usine est à Cholet" is Cholet. */
const SITE_WORDS = new Set(['usine', 'usines', 'site', 'atelier', 'ateliers', 'production', 'entrepot', 'etablissement', 'factory', 'plant', 'workshop']);
const HEAD_OFFICE_WORDS = new Set(['siege', 'headquarters', 'hq', 'social']);
const SITE = 1;
const SITE_WINDOW = 4;

const PLACE_PRIOR_MIN = 1.5;
const PLACE_PRIOR_MAX = 6;
const STRONG_CUE = 3;
const WEAK_CUE = 1;
const FRAMED_CUE = 3;
const COVERAGE = 2.5;
/** The message is a place's full name and nothing else. */
const EXACT_WHOLE = 1;
/** Typed with the name's own accents ("Péré", not "père"), or without them when it needs some. */
const ACCENTS_TYPED = 1;
const ACCENTS_MISSING = 1;
const CAPITAL = 1.5;
const PER_TYPO = 1;
/** A typo is believed in a place's name alone or after a cue, not amid other words ("chais pas"). */
const TYPO_AMID_WORDS = 1.5;
const MONTHS = new Set(
  'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre january february march april may june july august september october november december'.split(
    ' ',
  ),
);
const PERSON = 4;
const FIRM = 2;
/** "en marche" is not La Marche: French puts "à la" / "de la" before such a name. */
const ARTICLE_GRAMMAR = 1;
/** A match is taken when the odds for the place reach this. */
export const ACCEPT = 2.5;

/** Words with their case, aligned with normalizeWords(text). */
export function tokenize(text: string): Token[] {
  const pieces = text.normalize('NFC').split(/([^\p{L}\p{M}\p{N}]+)/u);
  const letters = pieces.filter((_, i) => i % 2 === 0).join('');
  const shouting = letters === letters.toUpperCase();
  const tokens: Token[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const r = pieces[i]!;
    if (!r) continue;
    const capital = !shouting && /^\p{Lu}/u.test(r);
    const joined = tokens.length > 0 && /^\s*['’-]\s*$/.test(pieces[i - 1] ?? '');
    const words = normalizeWords(r);
    const typed = words.length === 1 ? r.toLowerCase() : null;
    const raw = words.length === 1 ? r : null;
    const joiner = joined ? (pieces[i - 1] ?? '').trim() : '';
    words.forEach((word, k) =>
      tokens.push({ word, capital, typed: typed ?? word, raw: raw ? joiner + raw : k > 0 ? ` ${word}` : joiner + word, joined: joined || k > 0 }),
    );
  }
  return tokens;
}

/** A name as typed when compared for accents: lower case, words separated by one space. */
export function typedForm(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

const NON_ASCII = /[^\u0000-\u007f]/;

function accented(text: string): boolean {
  return NON_ASCII.test(text);
}

function accentEvidence(tokens: readonly Token[], m: SpanMatch): number {
  if (m.distance > 0) return 0;
  const typed = tokens
    .slice(m.start, m.end)
    .map((t) => t.typed)
    .join(' ');
  if (accented(typed)) return m.names.some((n) => n.endsWith(typed)) ? ACCENTS_TYPED : 0;
  return m.names.some((n) => accented(n)) ? -ACCENTS_MISSING : 0;
}

/** "à", "au", "in", "near" right before the name (an article between allowed): the place reading's strongest cue. */
export function locativeBefore(tokens: readonly Token[], start: number): boolean {
  if (tokens[start]?.joined) return false;
  let i = start - 1;
  if (i >= 0 && ARTICLES.has(tokens[i]!.word)) i--;
  return i >= 0 && STRONG_BEFORE.has(tokens[i]!.word);
}

/**
 * A French word typed without accents that matches a place only once the place's accents are
 * folded ("moules" for Moulès-et-Baucels, "macon" for Mâcon): the word is what was written unless
 * a locative says otherwise ("usine à Moules"), or it is the whole message and the place's full name.
 */
export function foldedWord(tokens: readonly Token[], m: SpanMatch, lexicon: Lexicon, fullName: boolean): boolean {
  if (m.distance > 0 || m.departmentGiven || locativeBefore(tokens, m.start)) return false;
  const span = tokens.slice(m.start, m.end);
  const typed = span.map((t) => t.typed).join(' ');
  if (/[^\u0000-\u007f]/.test(typed) || m.names.some((n) => n.includes(typed))) return false;
  if (fullName && isWholeMessage(tokens, m)) return false;
  return span.every((t) => ARTICLES.has(t.word) || lexicon.frenchRank(t.word) !== undefined);
}

function cueBefore(tokens: readonly Token[], start: number): number {
  // "au" in "Saint-Didier-au-Mont-d'Or" is part of the name, not a cue for "Mont-d'Or".
  if (tokens[start]?.joined) return 0;
  let i = start - 1;
  // "à la Réunion" when the name was matched without its article.
  if (i >= 0 && ARTICLES.has(tokens[i]!.word)) i--;
  const prev = tokens[i]?.word;
  if (prev === undefined) return 0;
  if (STRONG_BEFORE.has(prev)) return STRONG_CUE;
  const before = tokens[i - 1]?.word;
  if (FRAMED_BY.has(prev) && before !== undefined && (PLACE_FRAMES.has(before) || before === 'pres')) return FRAMED_CUE;
  return WEAK_BEFORE.has(prev) ? WEAK_CUE : 0;
}

/** Log-odds against the place from who is named around it: "Anne Roux", "M. Vincent", "chez Morel". */
function nameContext(tokens: readonly Token[], m: SpanMatch, lexicon: Lexicon): number {
  const prev = tokens[m.start - 1]?.word;
  const next = tokens[m.end]?.word;
  const own = tokens.slice(m.start, m.end).map((t) => t.word);
  if (prev !== undefined && (PERSON_BEFORE.has(prev) || (lexicon.isFirstName(prev) && !FILLER.has(prev)))) return PERSON;
  // "Marie Dupont", "Pierre Fontaine" (read with a typo as Pierrefontaine): a first name, then a surname.
  const after = own.length > 1 ? own[1] : next;
  const afterToken = own.length > 1 ? tokens[m.start + 1] : tokens[m.end];
  // A hyphen makes one name ("Berny-Rivière"), where "Jean Dupont" is two.
  if (lexicon.isFirstName(own[0]!) && after !== undefined && !afterToken!.joined && (lexicon.isSurname(after) || afterToken!.capital)) return PERSON;
  if (prev !== undefined && FIRM_BEFORE.has(prev)) return FIRM;
  // "Forges Delaunay", "Plastiques Girard": a word, then a surname, is a firm's name.
  const following = tokens[m.end];
  if (m.start === 0 && following && !following.joined && following.capital && lexicon.isSurname(following.word)) return FIRM;
  // "le 15 mars" is a date.
  if (own.length === 1 && MONTHS.has(own[0]!) && prev !== undefined && /^\d{1,2}$/.test(prev)) return PERSON;
  return 0;
}

/** The words around the name are more often English-only than French-only: "it's nice", "we are in Nice". */
function englishAround(tokens: readonly Token[], m: SpanMatch, lexicon: Lexicon): boolean {
  let balance = 0;
  tokens.forEach((t, i) => {
    if (i >= m.start && i < m.end) return;
    // Subtitles mix languages ("it" is also a French-list word, far down): a word belongs to the
    // language where it is a hundred times more frequent.
    const lean = Math.log10(lexicon.frenchRank(t.word) ?? 1e6) - Math.log10(lexicon.englishRank(t.word) ?? 1e6);
    if (lean > 2) balance++;
    else if (lean < -2) balance--;
  });
  return balance > 0;
}

/** Rank past which an English word is too rare to be what an English sentence meant instead of a town. */
const COMMON_ENGLISH = 10_000;

/**
 * In an English sentence, a lower-case everyday English word is that word ("it's nice", "that's
 * nice, thanks"), unless a preposition or the whole message says it is the town ("in nice", "for gap", "nice").
 */
export function englishWord(tokens: readonly Token[], m: SpanMatch, lexicon: Lexicon): boolean {
  if (m.end - m.start !== 1 || m.departmentGiven || tokens[m.start]!.capital || cueBefore(tokens, m.start) > 0 || isWholeMessage(tokens, m)) return false;
  const word = tokens[m.start]!.word;
  const en = lexicon.englishRank(word);
  return en !== undefined && en <= COMMON_ENGLISH && en < (lexicon.frenchRank(word) ?? Infinity) && englishAround(tokens, m, lexicon);
}

/** How ordinary the matched words are; several words together are rarely an ordinary phrase. */
function wordness(words: string[], lexicon: Lexicon): number {
  const content = words.length > 1 && ARTICLES.has(words[0]!) ? words.slice(1) : words;
  const each = content.map((w) => lexicon.wordness(w));
  return Math.max(0, Math.min(...each) - 2 * (content.length - 1));
}

/** Share of the message's meaningful words that the name explains (1 when it is the whole message). */
export function coverage(tokens: readonly Token[], m: SpanMatch): number {
  const inside = m.end - m.start;
  let outside = 0;
  tokens.forEach((t, i) => {
    if ((i < m.start || i >= m.end) && !NEUTRAL.has(t.word) && !/^\d+$/.test(t.word)) outside++;
  });
  return inside / (inside + outside);
}

function isWholeMessage(tokens: readonly Token[], m: SpanMatch): boolean {
  return tokens.every((t, i) => (i >= m.start && i < m.end) || POLITE.has(t.word));
}

function siteEvidence(tokens: readonly Token[], start: number): number {
  for (let i = start - 1; i >= Math.max(0, start - SITE_WINDOW); i--) {
    if (SITE_WORDS.has(tokens[i]!.word)) return SITE;
    if (HEAD_OFFICE_WORDS.has(tokens[i]!.word)) return -SITE;
  }
  return 0;
}

export function placeConfidence(tokens: readonly Token[], m: SpanMatch, lexicon: Lexicon): number {
  const words = tokens.slice(m.start, m.end).map((t) => t.word);
  const prior = Math.min(PLACE_PRIOR_MAX, Math.max(PLACE_PRIOR_MIN, Math.log10(m.population + 1)));
  const cue = cueBefore(tokens, m.start);
  const capital = m.start > 0 && tokens[m.start]!.capital && tokens.some((t) => !t.capital) ? CAPITAL : 0;
  const grammar = m.withoutArticle && ['a', 'en'].includes(tokens[m.start - 1]?.word ?? '') ? ARTICLE_GRAMMAR : 0;
  const covered = coverage(tokens, m);
  const typoAmidWords = m.distance > 0 && cue === 0 && covered < 1 ? TYPO_AMID_WORDS : 0;
  const whole = m.distance === 0 && !m.withoutArticle && isWholeMessage(tokens, m) ? EXACT_WHOLE : 0;
  return (
    prior +
    Math.max(cue, m.departmentGiven ? STRONG_CUE : 0) +
    COVERAGE * covered +
    whole +
    siteEvidence(tokens, m.start) +
    accentEvidence(tokens, m) +
    capital -
    wordness(words, lexicon) -
    nameContext(tokens, m, lexicon) -
    PER_TYPO * m.distance -
    typoAmidWords -
    grammar
  );
}

/**
 * A misspelt place is a word nobody uses: a real word ("alert", "Canada", "coûte") is that word,
 * not a typo for the town one letter away.
 */
export function mayBeTypo(words: readonly string[], lexicon: Lexicon): boolean {
  const content = words.filter((w) => !FILLER.has(w) && !ARTICLES.has(w));
  // Several words typed as one name ("Sant-Dyé-sur-Loire") may each be a word somewhere.
  return content.length > 1 || (content.length === 1 && !lexicon.isKnown(content[0]!));
}

/** Tokens [start, end) as typed, for an answer to quote: "Saint-Trucville-sur-Mer", "L'Isle-d'Abeau". */
export function typedRun(tokens: readonly Token[], start: number, end: number): string {
  return tokens
    .slice(start, end)
    .map((t, i) => (i === 0 ? t.raw.replace(/^['’-]/, '').trimStart() : t.joined ? t.raw : ` ${t.raw}`))
    .join('');
}
