import { normalizeName } from '../normalize';

/**
 * How ordinary a word is, so that a commune named like a word ("Le Pas", "La Marche", "Albert")
 * is matched only when the message gives a reason to read it as a place. The lists are handed in
 * (see infrastructure/lexicon-files): everyday French and English words ranked by frequency, and
 * people's first names and surnames.
 */
export interface LexiconLists {
  /** Most frequent first. */
  frenchWords: readonly string[];
  /** Most frequent first. */
  englishWords: readonly string[];
  firstNames: readonly string[];
  surnames: readonly string[];
  /**
   * Words of written text (encyclopaedia vocabulary, technical terms) in any order: they only
   * say that a word exists, so that it is not read as a misspelt town ("fonderie", "usinage").
   */
  writtenWords: readonly string[];
}

// Zipf's law: a word's frequency is about inversely proportional to its rank, so log10(rank)
// measures how rare it is. WORD_CEILING - log10(rank) is then the log-odds a word of that rank
// adds against reading it as a place (rank 3 "pas" ≈ 5.5, rank 463 "marche" ≈ 3.3, rank 20,000
// ≈ 1.7). Messages are mostly French: an English-only reading weighs one unit less.
const WORD_CEILING = 6;
const ENGLISH_DISCOUNT = 1;
const FIRST_NAME = 2.5;
// A surname alone is rarely how a message names a person; "Anne Roux" is caught by its first name.
const SURNAME = 1;

const EMPTY_LISTS: LexiconLists = { frenchWords: [], englishWords: [], firstNames: [], surnames: [], writtenWords: [] };

export class Lexicon {
  private readonly french = new Map<string, number>();
  private readonly english = new Map<string, number>();
  private readonly firstNames = new Set<string>();
  private readonly surnames = new Set<string>();
  private readonly written = new Set<string>();

  constructor(lists: LexiconLists) {
    const steps = Lexicon.inSteps(lists, this);
    while (!steps.next().done);
  }

  /**
   * The same lexicon built a list at a time, each list read when its step comes (a server builds it
   * once listening, between two requests: about 0.13 s in one piece on a quiet machine).
   */
  static *inSteps(
    lists: Record<keyof LexiconLists, readonly string[] | (() => readonly string[])>,
    into: Lexicon = new Lexicon(EMPTY_LISTS),
  ): Generator<void, Lexicon, undefined> {
    const read = (key: keyof LexiconLists): readonly string[] => {
      const list = lists[key];
      return typeof list === 'function' ? list() : list;
    };
    rank(read('frenchWords'), into.french);
    yield;
    rank(read('englishWords'), into.english);
    yield;
    for (const n of read('firstNames')) into.firstNames.add(keyOf(n));
    for (const n of read('surnames')) into.surnames.add(keyOf(n));
    yield;
    for (const w of read('writtenWords')) into.written.add(keyOf(w));
    return into;
  }

  /** For tests and tools that do not care about ordinary words: nothing is a word. */
  static empty(): Lexicon {
    return new Lexicon(EMPTY_LISTS);
  }

  /** Frequency rank of a normalised word in everyday French (1 = most frequent). */
  frenchRank(word: string): number | undefined {
    return this.french.get(word);
  }

  /** Frequency rank of a normalised word in everyday English (1 = most frequent). */
  englishRank(word: string): number | undefined {
    return this.english.get(word);
  }

  isFirstName(word: string): boolean {
    return this.firstNames.has(word);
  }

  isSurname(word: string): boolean {
    return this.surnames.has(word);
  }

  /** A normalised word (lower case, no accents) that exists as a word or a person's name. */
  isKnown(word: string): boolean {
    return this.french.has(word) || this.english.has(word) || this.firstNames.has(word) || this.surnames.has(word) || this.written.has(word);
  }

  /** Log-odds (base 10) the word adds against being a place name; 0 for a word nobody uses. */
  wordness(word: string): number {
    const fr = this.french.get(word);
    const en = this.english.get(word);
    return Math.max(
      0,
      fr === undefined ? 0 : WORD_CEILING - Math.log10(fr),
      en === undefined ? 0 : WORD_CEILING - Math.log10(en) - ENGLISH_DISCOUNT,
      this.firstNames.has(word) ? FIRST_NAME : 0,
      this.surnames.has(word) ? SURNAME : 0,
    );
  }
}

/** Most list entries are already plain lower-case words: only the others need the full normalisation. */
function keyOf(word: string): string {
  if (/^[a-z]+$/.test(word)) return word;
  const folded = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return /^[a-z]+$/.test(folded) ? folded : normalizeName(word);
}

/** Single words only, first (most frequent) spelling kept: "été" and "ete" meet on one key. */
function rank(words: readonly string[], into: Map<string, number>): void {
  words.forEach((w, i) => {
    const key = keyOf(w);
    if (key && !key.includes(' ') && !into.has(key)) into.set(key, i + 1);
  });
}
