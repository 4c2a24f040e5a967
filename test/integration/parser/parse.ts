import { mergeProfile, normalizeForRecognizers, profileFromCompany, type FirmProfile } from '../../../src/domain/profile';
import { parseProfile, warmTestParser, WARM_UP_MS } from '../../helpers/parser';
import type { CompanyFound } from '../../../src/domain/company';

const NOW = new Date('2026-11-27T12:00:00Z');

beforeAll(warmTestParser, WARM_UP_MS);

describe('parseProfile: French', () => {
  test.each<[string, Partial<FirmProfile>]>([
    ['85 salariés', { headcount: 85 }],
    ['cent cinquante personnes', { headcount: 150 }],
    // The French model reads "cents" as the currency sub-unit: "trois cents" would be 3.
    ['trois cents salariés', { headcount: 300 }],
    ['deux cents salariés', { headcount: 200 }],
    ['six cents collaborateurs', { headcount: 600 }],
    // The 1990 spelling joins every part with hyphens; the model stops at the one before "cent",
    // "mille" or "et" ("deux-cent-cinquante" was read 2).
    ['deux-cent-cinquante salariés', { headcount: 250 }],
    ['mille-deux-cents salariés', { headcount: 1200 }],
    ['deux-mille salariés', { headcount: 2000 }],
    ['cent-vingt salariés', { headcount: 120 }],
    ['soixante-et-onze salariés', { headcount: 71 }],
    ['quatre-vingt-cinq salariés', { headcount: 85 }],
    ['mille deux cents salariés', { headcount: 1200 }],
    ['deux cent cinquante salariés', { headcount: 250 }],
    ['quatre-vingts salariés', { headcount: 80 }],
    ['une trentaine de salariés', { headcount: 30 }],
    ['effectif : 230', { headcount: 230 }],
    ['12 M€ de chiffre d’affaires', { turnoverEur: 12_000_000 }],
    ["CA de 3,5 millions d'euros", { turnoverEur: 3_500_000 }],
    ['CA de 800 k€', { turnoverEur: 800_000 }],
    ['un CA de 12 millions', { turnoverEur: 12_000_000 }],
    ["1,2 Md€ de chiffre d'affaires", { turnoverEur: 1_200_000_000 }],
    // The model multiplies by the fraction of the scale ("trois millions et demi" was 1.5 million).
    ["CA de trois millions et demi d'euros", { turnoverEur: 3_500_000 }],
    ['CA de 3 millions et demi', { turnoverEur: 3_500_000 }],
    ["un million et demi d'euros de chiffre d'affaires", { turnoverEur: 1_500_000 }],
    ['CA de deux millions et trois quarts', { turnoverEur: 2_750_000 }],
    ['bilan de 8 M€ et CA 2023 : 4 500 000 €', { balanceSheetEur: 8_000_000, turnoverEur: 4_500_000 }],
    ['depuis 2015', { foundedYear: 2015 }],
    ['entreprise créée il y a 30 ans', { foundedYear: 1996 }],
  ])('%p', async (text, expected) => {
    expect(await parseProfile(text, 'fr', { now: NOW })).toMatchObject(expected);
  });

  test('a realistic first message', async () => {
    const p = await parseProfile(
      'Bonjour, nous sommes une PME de plasturgie de 85 salariés à Oyonnax, CA de 12 M€, créée en 2015. On cherche à recruter un jeune ingénieur et à exporter.',
      'fr',
      { now: NOW },
    );
    expect(p).toMatchObject({
      headcount: 85,
      turnoverEur: 12_000_000,
      foundedYear: 2015,
      needs: ['recruter', 'exporter'],
      wantsYoungGraduate: true,
      nafSection: 'C',
    });
    expect(p.sectorWords?.map((s) => s.word)).toEqual(['plasturgie']);
  });

  test('an amount without a turnover word is not taken as turnover', async () => {
    const p = await parseProfile('nous voulons investir 2 M€ dans une nouvelle ligne de production', 'fr');
    expect(p.turnoverEur).toBeUndefined();
    expect(p.needs).toEqual(['investir']);
  });

  test('numbers that are not headcounts', async () => {
    const p = await parseProfile('nous sommes une PME située au 01100, depuis 2015', 'fr');
    expect(p.headcount).toBeUndefined();
  });

  test('company numbers are extracted and not read as figures', async () => {
    expect(await parseProfile('SIRET 123 456 782 00028, 40 salariés', 'fr')).toMatchObject({ siret: '12345678200028', siren: '123456782', headcount: 40 });
    expect(await parseProfile('siren 123456789', 'fr')).toEqual({ invalidCompanyNumber: '123456789' });
  });

  test('NAF code and group membership', async () => {
    expect(await parseProfile("filiale d'un groupe, code NAF 25.62B", 'fr')).toMatchObject({ naf: '25.62B', nafSection: 'C', independent: false });
    expect(await parseProfile('entreprise familiale indépendante', 'fr')).toMatchObject({ independent: true });
  });

  test.each<[string, Partial<FirmProfile>]>([
    ['nous voulons recruter des soudeurs', { needs: ['recruter'] }],
    ['besoin d’un terrain pour une extension, ou de locaux dans une friche', { needs: ['foncier-immobilier'] }],
    ['financer notre R&D', { needs: ['innover'] }],
    ['acheter une nouvelle machine', { needs: ['investir'] }],
    ['nous cherchons un financement', { needs: ['investir'] }],
    ['former nos opérateurs', { needs: ['former'], trainsJobseekers: false }],
    ['former des demandeurs d’emploi avant de les embaucher', { trainsJobseekers: true }],
    ['recruter un VIE pour les États-Unis', { needs: ['recruter', 'exporter'], wantsVie: true }],
    ['former nos opérateurs', { needs: ['former'] }],
    ['décarboner notre four', { needs: ['transition-ecologique'], ecologicalProject: true }],
    ['se développer à l’international', { needs: ['exporter'] }],
    ['nous cherchons un alternant', { wantsYoungGraduate: true }],
    ['on veut recruter un jeune ingé', { needs: ['recruter'], wantsYoungGraduate: true }],
    ['nous ne voulons pas de jeune diplômé', { wantsYoungGraduate: false }],
    ['atelier d’usinage', { nafSection: 'C', sectorWords: [{ word: 'usinage', section: 'C', division: '25', certainty: 'HIGH' }] }],
    ['fonderie', { nafSection: 'C' }],
    ['agroalimentaire', { nafSection: 'C' }],
  ])('keywords: %p', async (text, expected) => {
    expect(await parseProfile(text, 'fr')).toMatchObject(expected);
  });

  test('"vie" as a word of life is not a VIE', async () => {
    expect((await parseProfile('notre vie de famille et la vie locale', 'fr')).wantsVie).toBeUndefined();
    expect((await parseProfile('un VIE en Allemagne', 'fr')).wantsVie).toBe(true);
  });

  test('nothing to read', async () => {
    expect(await parseProfile('', 'fr')).toEqual({});
    expect(await parseProfile('bonjour', 'fr')).toEqual({});
  });
});

describe('parseProfile: English', () => {
  test.each<[string, Partial<FirmProfile>]>([
    ['150 employees', { headcount: 150 }],
    ['three hundred staff', { headcount: 300 }],
    ['we employ 45 people', { headcount: 45 }],
    ['turnover of €12m', { turnoverEur: 12_000_000 }],
    ['revenue: 12 million euros', { turnoverEur: 12_000_000 }],
    ['EUR 3.5 million turnover', { turnoverEur: 3_500_000 }],
    ['turnover of two and a half million euros', { turnoverEur: 2_500_000 }],
    ['founded in 1987', { foundedYear: 1987 }],
    ['since 2015', { foundedYear: 2015 }],
    ['we want to hire a young graduate', { needs: ['recruter'], wantsYoungGraduate: true }],
    ['we need land for a new plant', { needs: ['foncier-immobilier'] }],
    ['decarbonise our energy use', { needs: ['transition-ecologique'] }],
    ['a machining company', { nafSection: 'C' }],
    ['we are a subsidiary of a larger group', { independent: false }],
  ])('%p', async (text, expected) => {
    expect(await parseProfile(text, 'en', { now: NOW })).toMatchObject(expected);
  });

  test('non-euro amounts are left out', async () => {
    expect(await parseProfile('turnover $2m, 20 staff', 'en')).toEqual({ headcount: 20 });
  });
});

describe('normalizeForRecognizers', () => {
  test('fixes the French model slips and keeps the rest', async () => {
    expect(normalizeForRecognizers('trois cents salariés', 'fr')).toBe('trois cent salariés');
    expect(normalizeForRecognizers('1,2 Md€', 'fr')).toBe("1,2 milliards d'euros");
    expect(normalizeForRecognizers('EUR 12m', 'en')).toBe('€12m');
    expect(normalizeForRecognizers('85 salariés', 'fr')).toBe('85 salariés');
    expect(normalizeForRecognizers('deux-cent-cinquante, mille-deux-cents', 'fr')).toBe('deux cent cinquante, mille deux cent');
    // Only hyphens between number words: a town keeps its own.
    expect(normalizeForRecognizers('Saint-Cyr-et-Deux, Les Trois-Moutiers', 'fr')).toBe('Saint-Cyr-et-Deux, Les Trois-Moutiers');
  });
});

describe('mergeProfile', () => {
  test('later values win, needs and sectors accumulate', async () => {
    const a = mergeProfile({}, await parseProfile('85 salariés, on veut recruter, usinage', 'fr'));
    const b = mergeProfile(a, await parseProfile('pardon, 95 salariés ; et exporter aussi ; fonderie', 'fr'));
    expect(b.headcount).toBe(95);
    expect(b.needs).toEqual(['recruter', 'exporter']);
    expect(b.sectorWords?.map((s) => s.word)).toEqual(['usinage', 'fonderie']);
  });

  test('undefined does not erase, a valid number clears a mistyped one', async () => {
    const a = mergeProfile({ headcount: 85, needs: [], invalidCompanyNumber: '123456789' }, { turnoverEur: undefined });
    expect(a.headcount).toBe(85);
    expect(mergeProfile(a, { siren: '123456782', needs: [] }).invalidCompanyNumber).toBeUndefined();
  });

  test('directory data as profile fields', async () => {
    const found = {
      status: 'found',
      siren: '123456782',
      name: 'SOCIETE FICTIVE TEST SAS',
      locatedBy: 'siret',
      establishment: {
        siret: '12345678200028',
        communeCode: '01283',
        communeName: 'OYONNAX',
        postalCode: '01100',
        isHeadOffice: false,
        active: true,
        naf: '22.29A',
        headcountBand: null,
      },
      headOffice: null,
      naf: '22.29A',
      nafLabel: null,
      nafSection: 'C',
      headcountBand: { code: '21', min: 50, max: 99 },
      headcountYear: '2022',
      registryCategory: 'PME',
      registryCategoryYear: '2022',
      allowedCategories: ['MICRO', 'PME'],
      active: true,
      source: 'http://127.0.0.1/search',
    } satisfies CompanyFound;
    expect(profileFromCompany(found)).toEqual({
      siren: '123456782',
      siret: '12345678200028',
      companyName: 'SOCIETE FICTIVE TEST SAS',
      communeCode: '01283',
      naf: '22.29A',
      nafSection: 'C',
      headcount: { min: 50, max: 99 },
      registryCategory: 'PME',
    });
  });
});
