import { Lexicon } from '../../../src/domain/resolution/lexicon';
import { loadLexicon } from '../../../src/infrastructure/lexicon-files';

const lexicon = loadLexicon();

describe('the word lists the resolver weighs place names against', () => {
  it('reads first names and surnames from the right files (language-fr 4.1.2 swaps them)', () => {
    for (const first of ['nathalie', 'isabelle', 'kevin', 'anne', 'albert']) expect(lexicon.isFirstName(first)).toBe(true);
    for (const surname of ['dubois', 'durand', 'moreau', 'roux']) {
      expect(lexicon.isSurname(surname)).toBe(true);
      expect(lexicon.isFirstName(surname)).toBe(false);
    }
  });

  it('ranks everyday words by frequency, accents folded', () => {
    expect(lexicon.frenchRank('pas')).toBeLessThan(10);
    expect(lexicon.frenchRank('marche')).toBeLessThan(lexicon.frenchRank('rafale')!);
    expect(lexicon.wordness('pas')).toBeGreaterThan(lexicon.wordness('marche'));
    expect(lexicon.wordness('marche')).toBeGreaterThan(lexicon.wordness('rafale'));
  });

  it('knows ordinary and technical words but not the names of small towns', () => {
    for (const word of ['alert', 'canada', 'coute', 'fonderie', 'usinage']) expect(lexicon.isKnown(word)).toBe(true);
    for (const town of ['oyonnax', 'bellignat', 'cluses', 'romorantin']) expect(lexicon.wordness(town)).toBe(0);
  });

  it('is empty when no lists are given', () => {
    expect(Lexicon.empty().isKnown('pas')).toBe(false);
    expect(Lexicon.empty().wordness('pas')).toBe(0);
  });
});
