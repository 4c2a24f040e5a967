import { detectLanguage } from '../../../src/presentation/lang';

describe('the language of a turn', () => {
  it.each`
    text                                                    | locale       | previous     | lang
    ${'help'}                                               | ${undefined} | ${'fr'}      | ${'fr'}
    ${'ok'}                                                 | ${undefined} | ${'fr'}      | ${'fr'}
    ${'thanks'}                                             | ${undefined} | ${'fr'}      | ${'fr'}
    ${'merci'}                                              | ${undefined} | ${'en'}      | ${'en'}
    ${'Oyonnax'}                                            | ${undefined} | ${'en'}      | ${'en'}
    ${'Which territory is my factory in? It is in Oyonnax'} | ${undefined} | ${'fr'}      | ${'en'}
    ${'notre usine est à Cluses, on cherche à exporter'}    | ${undefined} | ${'en'}      | ${'fr'}
    ${'hello'}                                              | ${undefined} | ${undefined} | ${'en'}
    ${'thanks'}                                             | ${undefined} | ${undefined} | ${'en'}
    ${'Bonjour'}                                            | ${'en-US'}   | ${undefined} | ${'en'}
    ${'Oyonnax'}                                            | ${undefined} | ${undefined} | ${'fr'}
    ${'Oyonnax'}                                            | ${'en-GB'}   | ${undefined} | ${'en'}
    ${'<at>Assistant</at> Oyonnax'}                         | ${undefined} | ${undefined} | ${'fr'}
    ${'<at>Assistant</at> where is our plant in Oyonnax?'}  | ${undefined} | ${'fr'}      | ${'en'}
  `('"$text" (locale $locale, conversation in $previous) → $lang', ({ text, locale, previous, lang }) => {
    expect(detectLanguage(text, locale, previous)).toBe(lang);
  });
});
