import { advise } from '../../../src/domain/eligibility/advice';
import type { LookupAnswer } from '../../../src/domain/resolution/lookup';
import { loadSchemes } from '../../../src/infrastructure/schemes';
import { adaptiveCards } from '../../../src/presentation/cards/renderer';
import { cardFor, present, presentTogether, underSchemes } from '../../../src/presentation/present';
import * as f from './fixtures';

// Clearly fictional answers: the presenter shows what it is given, nothing more.
const territory = { id: 'TI-TEST-1', name: 'Territoire Fictif de Test', wave: 2023, region: 'Provence-Fictive' };
const resolved: LookupAnswer = {
  query: 'Villefictive',
  status: 'resolved',
  wave: 2023,
  matchedBy: 'commune',
  territory,
  commune: { code: '99001', name: 'Villefictive', department: '99' },
  candidates: [],
  referents: f.referents(),
};
const ambiguous: LookupAnswer = {
  ...resolved,
  query: 'Saint-Fictif',
  status: 'ambiguous',
  territory: null,
  commune: null,
  referents: [],
  candidates: [
    { commune: { code: '99010', name: 'Saint-Fictif', department: '99' }, territory, label: 'Saint-Fictif (99) · Territoire Fictif de Test' },
    { commune: { code: '98010', name: 'Saint-Fictif', department: '98' }, territory: null, label: 'Saint-Fictif (98) · hors territoire' },
  ],
};
const contactSummary = (({ locale: _locale, ...rest }) => rest)(f.contactData());

describe('present', () => {
  test.each`
    name                    | answer                                                                             | card     | choices
    ${'a resolved place'}   | ${{ kind: 'lookup', answer: resolved }}                                            | ${true}  | ${0}
    ${'an ambiguous place'} | ${{ kind: 'lookup', answer: ambiguous }}                                           | ${true}  | ${2}
    ${'an unknown place'}   | ${{ kind: 'lookup', answer: { ...ambiguous, status: 'unknown', candidates: [] } }} | ${false} | ${0}
    ${'a contact summary'}  | ${{ kind: 'contact-summary', summary: contactSummary }}                            | ${true}  | ${2}
  `('$name: text always, a card where there is one, quick answers where the user must choose', ({ answer, card, choices }) => {
    const withCards = present(answer, 'fr', adaptiveCards);
    const textOnly = present(answer, 'fr', null);
    expect(withCards.text.length).toBeGreaterThan(0);
    expect(withCards.card !== null).toBe(card);
    expect(textOnly.card).toBeNull();
    expect(withCards.choices?.length ?? 0).toBe(choices);
    expect(textOnly.choices).toEqual(withCards.choices);
  });

  test('the same facts in French and English', () => {
    expect(present({ kind: 'lookup', answer: resolved }, 'fr', null).text).toBe(
      "Villefictive (99) est dans le Territoire d'industrie « Territoire Fictif de Test » (liste 2023-2027, Provence-Fictive). Vos référents sont ci-dessous (3 sur 4 pas encore désignés : je vous donne alors le point d'entrée de l'opérateur).",
    );
    expect(present({ kind: 'lookup', answer: resolved }, 'en', null).text).toBe(
      'Villefictive (99) is in the Territoire d\'industrie "Territoire Fictif de Test" (2023-2027 list, Provence-Fictive). Your referents are below (3 of 4 not designated yet: I give you the operator\'s entry point instead).',
    );
  });

  test('an intercommunality partly in a territory is answered "en partie", never "in no territory"', () => {
    const partial: LookupAnswer = {
      ...resolved,
      query: 'cc fictive',
      matchedBy: 'epci',
      commune: null,
      intercommunality: { code: '999999999', name: 'CC Fictive', kind: 'epci', member: false },
      partial: { communes: [resolved.commune!], total: 12 },
    };
    expect(present({ kind: 'lookup', answer: partial }, 'fr', null).text).toMatch(
      /^L'intercommunalité « CC Fictive » est en partie dans le Territoire d'industrie « Territoire Fictif de Test » \(liste 2023-2027, Provence-Fictive\) : 1 de ses 12 communes en fait partie\./,
    );
    expect(present({ kind: 'lookup', answer: partial }, 'en', null).text).toContain(
      'is partly in the Territoire d\'industrie "Territoire Fictif de Test" (2023-2027 list, Provence-Fictive): 1 of its 12 communes belong to it.',
    );
  });

  test('an ambiguous place offers each candidate as a quick answer that names it', () => {
    const { choices } = present({ kind: 'lookup', answer: ambiguous }, 'fr', null);
    expect(choices).toEqual(ambiguous.candidates.map((c) => ({ title: c.label, value: c.label })));
  });

  test('without a card, the contact summary carries the consent text itself', () => {
    const withCard = present({ kind: 'contact-summary', summary: contactSummary }, 'fr', adaptiveCards);
    const textOnly = present({ kind: 'contact-summary', summary: contactSummary }, 'fr', null);
    expect(withCard.text).not.toContain('vous acceptez');
    expect(textOnly.text).toContain('vous acceptez que ces informations');
    expect(textOnly.textFormat).toBe('plain');
  });

  test('territory lists: the area named, or the count of every list', () => {
    const area = { kind: 'region' as const, code: '99', name: 'Provence-Fictive' };
    expect(present({ kind: 'territory-list', list: { kind: 'area', area, wave: 2023, territories: [territory] } }, 'fr', null).text).toMatch(
      /^Provence-Fictive : 1 Territoire d'industrie \(liste 2023-2027\) : Territoire Fictif de Test\. /,
    );
    const counts = {
      kind: 'counts' as const,
      counts: [
        { wave: 2023, count: 183 },
        { wave: 2019, count: 149 },
      ],
    };
    expect(present({ kind: 'territory-list', list: counts }, 'en', null).text).toMatch(
      /^The 2023-2027 list has 183 Territoires d'industrie \(the 2019-2022 list had 149\)\./,
    );
  });

  test('Teams search always gets a card, a text card when the answer has none', () => {
    const unknown = { ...ambiguous, status: 'unknown' as const, candidates: [] };
    expect(JSON.stringify(cardFor(unknown, 'en', adaptiveCards))).toContain('I could not find a place matching \\"Saint-Fictif\\"');
    expect(cardFor(resolved, 'fr', adaptiveCards)).toBe(adaptiveCards.territory(resolved, 'fr'));
  });

  test('schemes advice: a text naming what is open, the card with each scheme, French and English typography', async () => {
    const catalog = await loadSchemes();
    const context = { commune: resolved.commune, wave: 2023, territories: { 2019: null, 2023: territory }, referents: f.referents() };
    const advice = advise(catalog, { headcount: 85, turnoverEur: 12_000_000, needs: ['recruter'], wantsYoungGraduate: true }, context);
    const fr = present({ kind: 'advice', advice }, 'fr', adaptiveCards);
    const en = present({ kind: 'advice', advice }, 'en', adaptiveCards);
    expect(fr.text).toMatch(
      /^Pour votre établissement \(Territoire d'industrie « Territoire Fictif de Test »\) : \d+ dispositifs vous sont ouverts : .*\. À préciser : /,
    );
    expect(en.text).toMatch(
      /^For your establishment \(Territoire d'industrie "Territoire Fictif de Test"\): \d+ schemes are open to you: .*\. Needing details: /,
    );
    const lines = (card: object | null) => JSON.stringify(card).match(/"text":"[^"]*"/g) ?? [];
    expect(lines(en.card).some((l) => / : /.test(l))).toBe(false);
    expect(present({ kind: 'advice', advice }, 'fr', null).card).toBeNull();
  });

  test("schemes advice shows each scheme's conditions, and since when an offer that may have ended was last attested", async () => {
    const catalog = await loadSchemes();
    const context = { commune: resolved.commune, wave: 2023, territories: { 2019: null, 2023: territory }, referents: f.referents() };
    const advice = advise(catalog, { headcount: 5, turnoverEur: 600_000, needs: ['recruter', 'exporter'], wantsYoungGraduate: true }, context);
    const card = JSON.stringify(present({ kind: 'advice', advice }, 'fr', adaptiveCards).card);
    // The VTE's own conditions (5 in the base), shown to check rather than silently assumed.
    expect(card).toContain('Conditions à vérifier : Siège social en France ;');
    expect(card).toContain('Signature de la Charte VTE');
    // Sources that disagree stay visible (the VTE's diploma level).
    expect(card).toContain('Sources divergentes : Niveau de diplôme minimum : bac+2 selon les sources 2020-2021, bac+3 à partir de 2023.');
    // Team France Export's newest source is from 2020: not shown as open, and its date is said.
    expect(advice.relevant.find((o) => o.schemeId === 'team-france-export')!.status).toBe('unknown');
    expect(card).toContain("Dispositif attesté jusqu'en février 2020");
    // Still undecided for another reason (the firm's size): the date gets its own line.
    const noFigures = advise(catalog, { needs: ['exporter'] }, context);
    const text = present({ kind: 'advice', advice: noFigures }, 'fr', adaptiveCards);
    expect(JSON.stringify(text.card)).toContain("Offre attestée jusqu'en février 2020 : à confirmer");
    // A figure's date once: the VIE's text names its years, a figure whose text does not gets its date.
    const unescaped = card.replace(/\\/g, '');
    expect(unescaped).toContain('versés au volontaire (chiffres 2019-2020)"');
    expect(unescaped).toContain('jusqu’à 12 000 € en cumul avec l’aide VTE Territoires d’industrie (octobre 2023)"');
  });

  test('answers together: every text a paragraph in order and unchanged, the first card named on top, every quick answer kept', async () => {
    const catalog = await loadSchemes();
    const context = { commune: resolved.commune, wave: 2023, territories: { 2019: null, 2023: territory }, referents: f.referents() };
    const advice = present({ kind: 'advice', advice: advise(catalog, { headcount: 85, needs: ['recruter'] }, context) }, 'fr', adaptiveCards);
    const place = {
      ...present({ kind: 'lookup', answer: resolved }, 'fr', adaptiveCards),
      choices: [{ title: 'Villefictive (98)', value: 'Villefictive (98)' }],
    };
    // Reply texts go out as plain text: a part is never escaped.
    const notice = { text: 'Un *avis* (sans Markdown)\nsur deux lignes', card: null, textFormat: 'plain' as const };
    const together = presentTogether([place, notice, advice], advice);
    expect(together.text).toBe(`${place.text}\n\n${notice.text}\n\n${advice.text}`);
    expect(together.cards).toEqual([advice.card, place.card]);
    expect(together.card).toBe(advice.card);
    expect(together.choices).toEqual(place.choices);
    expect(together.textFormat).toBe('plain');
    // One card alone is the card, not a list.
    expect(presentTogether([place])).toEqual({ text: place.text, card: place.card, choices: place.choices });
    expect(presentTogether([notice, { text: '', card: null }])).toEqual({ text: notice.text, card: null, textFormat: 'plain' });
  });

  test('under the schemes card, a territory card leaves out "Voir mes aides" and "Recommencer", keeps its other buttons and content', () => {
    const actionsOf = (card: object | null) => ((card as { actions?: Array<{ data?: { action?: string } }> }).actions ?? []).map((a) => a.data?.action);
    const place = present({ kind: 'lookup', answer: resolved }, 'fr', adaptiveCards);
    expect(actionsOf(place.card)).toEqual(['eligibility', 'restart']);
    const under = underSchemes(place);
    expect(under.text).toBe(place.text);
    expect(under.card).not.toHaveProperty('actions');
    expect({ ...under.card, actions: (place.card as { actions: unknown }).actions }).toEqual(place.card);
    // The card itself is unchanged (it may be shared), and the namesake to choose stays.
    expect(actionsOf(place.card)).toEqual(['eligibility', 'restart']);
    const withNamesake = present(
      { kind: 'lookup', answer: { ...resolved, query: 'Villefictive-bis', namesakes: ambiguous.candidates.slice(1) } },
      'fr',
      adaptiveCards,
    );
    expect(actionsOf(withNamesake.card)).toEqual(['choose', 'eligibility', 'restart']);
    expect(actionsOf(underSchemes(withNamesake).card)).toEqual(['choose']);
    const notice = { text: 'Un avis', card: null };
    expect(underSchemes(notice)).toBe(notice);
  });
});
