import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Lexicon } from '../domain/resolution/lexicon';

/**
 * The word lists of @zxcvbn-ts/language-fr and -en (MIT; the common words derive from
 * OpenSubtitles 2024 via OPUS, ODC-BY, attribution in the packages' NOTICE.md): only their JSON
 * data files are read, not the password-strength code. In language-fr 4.1.2 the two name files
 * are swapped (firstnames.json holds surnames, lastnames.json first names); the version is pinned
 * and test/unit/domain/lexicon.test.ts fails if an upgrade changes that.
 */
// The head of the English list: past it a word is rare enough not to matter against a place
// (rank 20,000 adds 0.7), and the tail is mostly other languages' words, names and places. The
// English surnames (89,000, a third of the parsing time) are left out: the messages are French.
const ENGLISH_WORDS_KEPT = 20_000;

function list(dir: string, file: string): string[] {
  return JSON.parse(readFileSync(path.join(dir, 'src', file), 'utf8')) as string[];
}

export function loadLexicon(): Lexicon {
  const steps = lexiconInSteps();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The lexicon read and built a list at a time (see Lexicon.inSteps). */
export function lexiconInSteps(): Generator<void, Lexicon, undefined> {
  const fr = path.dirname(require.resolve('@zxcvbn-ts/language-fr/package.json'));
  const en = path.dirname(require.resolve('@zxcvbn-ts/language-en/package.json'));
  return Lexicon.inSteps({
    frenchWords: () => list(fr, 'commonWords.json'),
    englishWords: () => list(en, 'commonWords.json').slice(0, ENGLISH_WORDS_KEPT),
    firstNames: () => [...list(fr, 'lastnames.json'), ...list(en, 'firstnames.json')],
    surnames: () => list(fr, 'firstnames.json'),
    writtenWords: () => list(fr, 'wikipedia.json'),
  });
}
