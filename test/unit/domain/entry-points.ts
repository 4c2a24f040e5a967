import { readFileSync } from 'node:fs';
import { designatedSummary, entryPointCoverage } from '../../../src/domain/coverage';
import { entryPointsFromCsv, researchNoteIn } from '../../../src/domain/sources';
import type { OperatorsDoc } from '../../../src/domain/knowledge-base';
import { OPERATOR_IDS } from '../../../src/domain/types';
import { realKnowledge } from '../../helpers/kb';

const SOURCE = readFileSync('data/sources/operator-contacts.csv', 'utf8');
const DISPLAY = readFileSync('data/curation/operator-contacts-display.csv', 'utf8');
const HEADER = 'operator,region_code,region_name,office_name,city,address,phone,url,source_url,source_date';
const DISPLAY_HEADER = 'operator,region_code,source_url,office,city,address,date,date_approx,certainty,basis';

describe('entry points shown to firms', () => {
  it('for every territory of both lists, the first contact of each operator has a phone or a link', async () => {
    const { kb } = await realKnowledge();
    let walked = 0;
    for (const wave of kb.waves()) {
      for (const territory of kb.territories(wave)) {
        for (const view of kb.referents(territory)) {
          walked++;
          if (view.kind !== 'regional') continue;
          const first = view.entryPoints[0];
          expect({ territory: territory.id, wave, operator: view.operator, reachable: !!(first?.phone || first?.url) }).toEqual({
            territory: territory.id,
            wave,
            operator: view.operator,
            reachable: true,
          });
          expect(first?.scope).toBe('national');
        }
      }
    }
    expect(walked).toBe((149 + 183) * 4);
  });

  it('no displayed field holds a research note, and every date is ISO or empty', async () => {
    const { kb } = await realKnowledge();
    for (const wave of kb.waves()) {
      for (const territory of kb.territories(wave)) {
        for (const view of kb.referents(territory)) {
          if (view.kind !== 'regional') continue;
          for (const e of view.entryPoints) {
            const shown = [e.officeName, e.city, e.address, e.phone, e.url].filter((v): v is string => !!v);
            expect(shown.filter((v) => researchNoteIn(v))).toEqual([]);
            expect(shown.join(' ')).not.toMatch(/Rhône-Alpes à l'époque|now France Travail|undated|public-code-file|no street number/);
            expect(e.sourceDate).toMatch(/^(\d{4}(-\d{2}(-\d{2})?)?)?$/);
            if (e.url) expect(e.url).toMatch(/^https?:\/\/\S+$/);
          }
        }
      }
    }
  });

  it('the committed knowledge base is what the sources and their reading give', () => {
    const { entryPoints, errors } = entryPointsFromCsv(SOURCE, DISPLAY);
    expect(errors).toEqual([]);
    expect(entryPoints).toHaveLength(49);
    const committed = JSON.parse(readFileSync('data/kb/operators.json', 'utf8')) as OperatorsDoc;
    expect(committed.entryPoints).toEqual(entryPoints);
  });

  it('keeps the certainty of the second research pass: medium and low rows exist, and the surest are high', () => {
    const { entryPoints } = entryPointsFromCsv(SOURCE, DISPLAY);
    const bretagne = entryPoints.find((e) => e.operator === 'banque-des-territoires' && e.regionCode === '53' && e.city === 'Rennes');
    expect(bretagne).toMatchObject({ certainty: 'high', sourceDate: '2023-04-13' });
    const strasbourg = entryPoints.find((e) => e.operator === 'bpifrance' && e.regionCode === '44');
    expect(strasbourg).toMatchObject({ certainty: 'low', city: 'Strasbourg' });
    // The "votre contact" pages of the Banque des Territoires: read from a code file, never opened.
    const pages = entryPoints.filter((e) => e.url?.includes('direction-regionale-votre-contact'));
    expect(pages).toHaveLength(17);
    expect(pages.every((e) => e.certainty === 'medium' && e.sourceDate === '')).toBe(true);
    for (const op of OPERATOR_IDS) expect(entryPoints.some((e) => e.operator === op && e.scope === 'national')).toBe(true);
  });

  it('keeps what was said about each row as a note, never in the shown fields', () => {
    const { entryPoints } = entryPointsFromCsv(SOURCE, DISPLAY);
    const lyon = entryPoints.find((e) => e.operator === 'bpifrance' && e.regionCode === '84')!;
    expect(lyon).toMatchObject({ officeName: 'Bpifrance – direction régionale', city: 'Lyon', sourceDate: '2013', certainty: 'low' });
    expect(lyon.address).toBeUndefined();
    expect(lyon.note).toMatch(/Rhône-Alpes à l'époque/);
    const reunion = entryPoints.find((e) => e.operator === 'france-travail' && e.regionCode === '04')!;
    expect(reunion).toMatchObject({ officeName: 'France Travail – direction régionale La Réunion', sourceDate: '', sourceIsLink: false });
    expect(reunion.note).toMatch(/now France Travail/);
  });

  it.each<[string, string, string, RegExp]>([
    [
      'a research row without its reading',
      `${HEADER}\nbpifrance,00,France,Bpifrance,,,0 000 000 000,,https://example.test/a,2024\n`,
      `${DISPLAY_HEADER}\n`,
      /no reading in the display file/,
    ],
    [
      'a reading that shows a note',
      `${HEADER}\nbpifrance,00,France,Bpifrance,,,0 000 000 000,,https://example.test/a,2024\n`,
      `${DISPLAY_HEADER}\nbpifrance,00,https://example.test/a,Bpifrance (now closed),,,2024,,high,fictional\n`,
      /holds a research note/,
    ],
    [
      'a reading that adds a city',
      `${HEADER}\nbpifrance,00,France,Bpifrance,,,0 000 000 000,,https://example.test/a,2024\n`,
      `${DISPLAY_HEADER}\nbpifrance,00,https://example.test/a,Bpifrance,Lyon,,2024,,high,fictional\n`,
      /city is set but the research row has none/,
    ],
    [
      'a date that is not ISO',
      `${HEADER}\nbpifrance,00,France,Bpifrance,,,0 000 000 000,,https://example.test/a,2024\n`,
      `${DISPLAY_HEADER}\nbpifrance,00,https://example.test/a,Bpifrance,,,c. 2024,,high,fictional\n`,
      /is not YYYY/,
    ],
    [
      'a reading without certainty',
      `${HEADER}\nbpifrance,00,France,Bpifrance,,,0 000 000 000,,https://example.test/a,2024\n`,
      `${DISPLAY_HEADER}\nbpifrance,00,https://example.test/a,Bpifrance,,,2024,,sure,fictional\n`,
      /certainty "sure"/,
    ],
    [
      'a reading of no research row',
      `${HEADER}\n`,
      `${DISPLAY_HEADER}\nbpifrance,00,https://example.test/a,Bpifrance,,,2024,,high,fictional\n`,
      /matches no research row/,
    ],
  ])('refuses %s', (_label, source, display, message) => {
    const { errors } = entryPointsFromCsv(source, display);
    expect(errors.map((e) => e.message).join('\n')).toMatch(message);
  });
});

describe('coverage stated in the README', () => {
  it('matches what the knowledge base holds', async () => {
    const { kb } = await realKnowledge();
    const c = entryPointCoverage(kb);
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    const first = c.firstContacts;
    expect(readme).toContain(
      `${c.filled} of ${c.cells} filled, ${c.withPhoneOrLink} with a phone or a link, ${c.dated2022} with a source dated 2022 or later, ${c.toCheck} of the ${c.filled} only of medium or low certainty`,
    );
    expect(readme).toContain(`${first.withPhoneOrLink} of ${first.total} (332 × 4) with a phone or a link`);
    expect(readme).toContain(`${first.dated2022} of ${first.total} (${Math.round((100 * first.dated2022) / first.total)} %) from a source dated 2022 or later`);
    expect(first.withPhoneOrLink).toBe(first.total);
    expect(readme).toContain(`per operator (${OPERATOR_IDS.join(', ')}): ${designatedSummary(c)}.`);
    expect(c.designated.map((d) => [d.wave, d.territories])).toEqual([
      [2023, 183],
      [2019, 149],
    ]);
  });
});
