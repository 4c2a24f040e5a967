import { parseProfile } from './parse';

// Sentences that walk every recognizer path parseProfile uses (numbers in digits and words,
// euro amounts with multipliers, founding dates), in both languages.
const SAMPLES: Array<[string, 'fr' | 'en']> = [
  ['Nous sommes une PME de plasturgie de 85 salariés à Oyonnax, CA de 12 M€, créée en 2015 ; nous voulons recruter un jeune diplômé.', 'fr'],
  ['trois cents salariés, une trentaine de techniciens, depuis 1950, 3,5 millions d’euros de chiffre d’affaires, bilan de 800 k€', 'fr'],
  ['cent cinquante personnes, deux cent cinquante collaborateurs, un CA de 12 millions, fondée il y a 30 ans', 'fr'],
  ['We are a 150 employees company, turnover €12m, founded in 2015, we want to hire a young graduate and export.', 'en'],
  ['three hundred staff, sales of 8 million euros, balance sheet EUR 3.5 million, since 1990', 'en'],
];

let warmed = false;

/**
 * Builds the recognizers' French and English models now: each costs over a second on its first
 * calls, which no user's turn should pay. Synchronous and idempotent; call it at server start-up.
 */
export function warmUpRecognizers(): void {
  if (warmed) return;
  for (let round = 0; round < 2; round++) for (const [text, locale] of SAMPLES) parseProfile(text, locale);
  warmed = true;
}
