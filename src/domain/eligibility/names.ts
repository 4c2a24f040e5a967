import Fuse from 'fuse.js';
import { foldKey } from '../normalize';
import type { Scheme } from './types';

/**
 * Which scheme a message names ("c'est quoi le VTE vert ?", "l'accélérateur bpi", "la POEI"):
 * the names a person uses for each scheme are its full name in both languages, the name without
 * what is in brackets, the acronym in brackets ("MRS", "label VTE" → "VTE"), what follows a colon
 * ("Banque des Territoires : cofinancement d'ingénierie") and its id's words ("vte vert"). The
 * longest name found word for word wins, so "VTE vert" is not the VTE; a question that names none
 * word for word is matched with fuse.js against the names (typos, "accelerateur bpi").
 */
export interface SchemeMention {
  scheme: Scheme;
  /** The message is nothing but the scheme's name ("VTE", "le VTE ?"). */
  whole: boolean;
}

interface Alias {
  words: string[];
  scheme: Scheme;
}

const ARTICLES = new Set(['le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'the', 'a', 'an']);
// Question words around a name: what is left once they are gone is what the fuzzy match reads.
const QUESTION_WORDS = new Set(
  'c est quoi ces koi qu ce que quest kesako explique expliquez moi nous parle parlez sur info infos information informations what is s are tell me about explain how does work comment fonctionne marche ca consiste en'.split(
    ' ',
  ),
);

// Words that many schemes' names hold: a message of these alone names none of them ("qu'est-ce
// qu'un territoire d'industrie ?" is about the programme).
const GENERIC = new Set(['territoire', 'industrie', 'aide', 'dispositif', 'programme', 'territory', 'industry', 'scheme', 'entreprise', 'france']);

/** Plural and singular alike ("accélérateurs"/"accélérateur"). */
const stem = (word: string) => (word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word);
const wordsOf = (text: string) => foldKey(text).split(' ').filter(Boolean).map(stem);

function aliasesOf(scheme: Scheme): string[] {
  const names = [scheme.name.fr, scheme.name.en];
  const out = [...names, scheme.id.replace(/-/g, ' ')];
  for (const name of names) {
    out.push(name.replace(/\([^)]*\)/g, ' '));
    for (const [, inside] of name.matchAll(/\(([^)]*)\)/g)) out.push(inside!.replace(/\blabel\b/i, ' '));
    const colon = name.indexOf(':');
    if (colon > 0) out.push(name.slice(colon + 1));
    // Without the operator's name at its end ("Accélérateurs Bpifrance" → "accélérateur"): people
    // say "l'accélérateur bpi" or "l'accélérateur", rarely the full name.
    const operator = scheme.operator?.replace(/-/g, ' ');
    const folded = foldKey(name);
    if (operator && folded.endsWith(` ${operator}`)) out.push(folded.slice(0, -operator.length - 1));
  }
  return out;
}

/**
 * The projects a message implies by naming a scheme ("a-t-on droit à l'accélérateur bpi ?" is an
 * innovation project): the scheme's needs, or none when no scheme is named word for word.
 */
export function needsOfSchemeNamed(schemes: readonly Scheme[], text: string): Scheme['needs'] {
  return schemeNamed(schemes, text)?.scheme.needs ?? [];
}

interface NameIndex {
  aliases: Alias[];
  /** A word to the aliases that start with it, by their rank in `aliases`: a message is read word by word, not alias by alias. */
  byFirstWord: Map<string, number[]>;
  fuse: Fuse<{ text: string; scheme: Scheme }>;
}

const indexes = new WeakMap<readonly Scheme[], NameIndex>();

function indexOf(schemes: readonly Scheme[]) {
  let index = indexes.get(schemes);
  if (index) return index;
  const aliases: Alias[] = [];
  const seen = new Set<string>();
  for (const scheme of schemes) {
    for (const alias of aliasesOf(scheme)) {
      const words = wordsOf(alias);
      const key = `${scheme.id}:${words.join(' ')}`;
      if (words.length === 0 || seen.has(key)) continue;
      seen.add(key);
      aliases.push({ words, scheme });
    }
  }
  // Longest names first: the first found word for word is the most precise.
  aliases.sort((a, b) => b.words.length - a.words.length);
  const byFirstWord = new Map<string, number[]>();
  aliases.forEach((a, rank) => {
    const first = a.words[0]!;
    const ranks = byFirstWord.get(first);
    if (ranks) ranks.push(rank);
    else byFirstWord.set(first, [rank]);
  });
  const fuse = new Fuse(
    aliases.map((a) => ({ text: a.words.join(' '), scheme: a.scheme })),
    { keys: ['text'], threshold: 0.3, ignoreLocation: true, includeScore: true },
  );
  index = { aliases, byFirstWord, fuse };
  indexes.set(schemes, index);
  return index;
}

function startsAt(words: readonly string[], at: number, part: readonly string[]): boolean {
  if (at + part.length > words.length) return false;
  for (let j = 0; j < part.length; j++) if (words[at + j] !== part[j]) return false;
  return true;
}

/** The first alias (in the index's order: longest first) that the words hold word for word. */
function firstAliasIn(words: readonly string[], { aliases, byFirstWord }: NameIndex): Alias | undefined {
  let best = aliases.length;
  for (let i = 0; i < words.length; i++) {
    for (const rank of byFirstWord.get(words[i]!) ?? []) {
      if (rank >= best) break;
      if (startsAt(words, i, aliases[rank]!.words)) {
        best = rank;
        break;
      }
    }
  }
  return aliases[best];
}

/**
 * `asked`: the message asks what something is ("c'est quoi …"); only then is a name matched
 * loosely, since any short word is close to some scheme's name ("Paris", "Ancenis").
 */
export function schemeNamed(schemes: readonly Scheme[], text: string, asked = false): SchemeMention | null {
  const words = wordsOf(text);
  if (words.length === 0 || words.length > 40) return null;
  const index = indexOf(schemes);
  const meaningful = words.filter((w) => !ARTICLES.has(w));
  const found = firstAliasIn(words, index);
  if (found) return { scheme: found.scheme, whole: meaningful.length === found.words.length };
  if (!asked) return null;
  const rest = meaningful.filter((w) => !QUESTION_WORDS.has(w));
  if (rest.length > 6 || rest.join(' ').length < 4 || rest.every((w) => GENERIC.has(w))) return null;
  const best = index.fuse.search(rest.join(' '), { limit: 1 })[0];
  return best ? { scheme: best.item.scheme, whole: false } : null;
}
