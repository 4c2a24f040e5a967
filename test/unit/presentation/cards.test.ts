import { readCardAction } from '../../../src/presentation/cards/actions';
import { MAX_CHOICES, choicesCardData, renderChoicesCard } from '../../../src/presentation/cards/choices';
import { consentWordingFingerprint, renderContactConfirmationCard, renderContactSummaryCard } from '../../../src/presentation/cards/contact';
import { renderSchemesCard } from '../../../src/presentation/cards/schemes';
import { CONSENT_TEXT_FINGERPRINT, MESSAGES } from '../../../src/presentation/messages';
import { expandCard, type AdaptiveCardJson } from '../../../src/presentation/cards/template';
import { choicesText, consentText } from '../../../src/presentation/text';
import { renderTerritoryCard, territoryCardData } from '../../../src/presentation/cards/territory';
import type { LookupResult } from '../../../src/domain/types';
import * as f from './fixtures';
import { strings, structuralErrors, typedNodes, webChatParserErrors } from './validate';

type MarkdownIt = { render(src: string): string };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- markdown-it ships no types; the one method used is declared above
const MarkdownItCtor = require('markdown-it') as new (options: object) => MarkdownIt;
const md = new MarkdownItCtor({ html: true, linkify: false, typographer: false });

const cards: Array<[string, () => AdaptiveCardJson]> = [
  ['territory fr', () => renderTerritoryCard(f.territoryData('fr'))],
  ['territory en', () => renderTerritoryCard(f.territoryData('en'))],
  ['outside fr', () => renderTerritoryCard(f.outsideData('fr'))],
  ['outside en', () => renderTerritoryCard(f.outsideData('en'))],
  ['choices fr', () => renderChoicesCard(f.choicesData('fr'))],
  ['choices en, truncated', () => renderChoicesCard(f.choicesData('en', 12))],
  ['schemes fr', () => renderSchemesCard(f.schemesData('fr'))],
  ['schemes en', () => renderSchemesCard(f.schemesData('en'))],
  [
    'schemes fr, none eligible',
    () => renderSchemesCard({ locale: 'fr', territoryName: null, schemes: f.schemesData().schemes.filter((s) => s.verdict !== 'eligible') }),
  ],
  ['contact fr, named referent', () => renderContactSummaryCard(f.contactData('fr'))],
  [
    'contact en, regional entry point',
    () =>
      renderContactSummaryCard(
        f.contactData('en', {
          kind: 'entry-point',
          operatorName: 'Bpifrance',
          entryPoint: { officeName: 'Bpifrance – direction régionale fictive', scope: 'regional', regionCode: '99', regionName: 'Provence-Fictive' },
        }),
      ),
  ],
  ['contact confirmation fr', () => renderContactConfirmationCard(f.confirmationData('fr'))],
  ['contact confirmation en', () => renderContactConfirmationCard(f.confirmationData('en'))],
];

function submitData(card: unknown): Array<Record<string, unknown>> {
  return typedNodes(card)
    .filter((n) => n.type === 'Action.Submit')
    .map((n) => n.data as Record<string, unknown>);
}

function textBlocks(card: unknown): string[] {
  return typedNodes(card)
    .filter((n) => n.type === 'TextBlock')
    .map((n) => n.text as string);
}

function titles(card: unknown): string[] {
  return typedNodes(card)
    .filter((n) => typeof n.type === 'string' && (n.type as string).startsWith('Action.'))
    .map((n) => n.title as string);
}

describe.each(cards)('%s', (_name, render) => {
  const card = render();

  test('matches the snapshot', () => {
    expect(card).toMatchSnapshot();
  });

  test('is a valid Adaptive Card 1.5 for the structural validator and for Web Chat’s parser', () => {
    expect(card.version).toBe('1.5');
    expect(structuralErrors(card)).toEqual([]);
    expect(webChatParserErrors(card)).toEqual([]);
  });

  test('has no templating expression left and renders the same twice', () => {
    expect(strings(card).filter((s) => s.value.includes('${'))).toEqual([]);
    expect(render()).toEqual(card);
  });

  test('every TextBlock renders to Markdown without raw HTML or images', () => {
    for (const text of textBlocks(card)) expect(md.render(text)).not.toMatch(/&lt;img|<img|<script|<iframe/);
  });

  test('every button sends a card action the dialogs read back as it is', () => {
    for (const data of submitData(card)) expect(readCardAction(data)).toEqual(data);
  });
});

describe('readCardAction', () => {
  test.each([
    [undefined],
    ['restart'],
    [{ action: 'submit' }],
    [{ action: 'choose' }],
    [{ action: 'choose', value: 'x'.repeat(201) }],
    [{ action: 'contact-cancel', draftId: 7 }],
  ])('refuses what no card sends: %j', (value) => expect(readCardAction(value)).toBeNull());

  test('an unknown operator is dropped, so the contact flow asks which one', () => {
    expect(readCardAction({ action: 'contact', operator: 'evil-corp' })).toEqual({ action: 'contact' });
  });
});

describe('validators can fail', () => {
  test('structural validator and Web Chat parser reject broken cards', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.6',
      body: [{ type: 'TextBlock', text: 'x', $when: '${x}', weight: 'Heavy' }, { type: 'Carousel' }, { type: 'ActionSet', actions: [] }],
      actions: [
        { type: 'Action.OpenUrl', title: 'x', url: 'javascript:alert(1)' },
        { type: 'Action.Submit', title: '' },
      ],
    };
    const errors = structuralErrors(broken);
    for (const expected of [
      'version must be "1.5"',
      'unexpected property "$when"',
      'invalid weight',
      'Carousel is not Adaptive Cards 1.5',
      'empty action set',
      'disallowed url',
      'action without a title',
      'Submit without an object data',
    ])
      expect(errors.join('\n')).toContain(expected);
    expect(
      webChatParserErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Carousel' }, { type: 'TextBlock', text: 'x', weight: 'Heavy' }] }).length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('territory card', () => {
  test('one block per operator: named referent with mailto and tel, others "not designated" with entry points, regional first, with source dates', () => {
    const card = renderTerritoryCard(f.territoryData('fr'));
    const texts = textBlocks(card);
    expect(texts.filter((t) => t === 'Référent non encore désigné')).toHaveLength(3);
    expect(texts).toContain("**Camille Exemple** — Chargée d'affaires");
    expect(texts).toContain('Tél. [01 99 00 00 02](tel:0199000002)');
    const regional = texts.findIndex((t) => t.startsWith('Bureau régional signalé en dernier à Villefictive (source 12/03/2024)'));
    const national = texts.findIndex((t) => t.startsWith("Point d'entrée national (source 10/2024) : Banque des Territoires"));
    expect(regional).toBeGreaterThan(-1);
    expect(national).toBeGreaterThan(regional);
    const openUrls = typedNodes(card).filter((n) => n.type === 'Action.OpenUrl');
    expect(openUrls.map((a) => a.url)).toEqual(['mailto:camille.exemple@example.test']);
    // An entry point is never presented as a named referent.
    expect(texts.filter((t) => t.startsWith('**'))).toEqual(["**Camille Exemple** — Chargée d'affaires"]);
  });

  test('buttons send eligibility, restart and one contact per operator, for the commune of the card', () => {
    const data = submitData(renderTerritoryCard(f.territoryData('fr')));
    expect(data).toEqual([
      { action: 'contact', operator: 'banque-des-territoires', place: '99001' },
      { action: 'contact', operator: 'bpifrance', place: '99001' },
      { action: 'contact', operator: 'business-france', place: '99001' },
      { action: 'contact', operator: 'france-travail', place: '99001' },
      { action: 'eligibility' },
      { action: 'restart' },
    ]);
    expect(titles(renderTerritoryCard(f.territoryData('fr')))).toContain('Contacter mon référent Bpifrance');
  });

  test("outside any territory: the sentence, the region, entry points, and a contact button per operator's entry point", () => {
    const card = renderTerritoryCard(f.outsideData('fr'));
    expect(textBlocks(card)).toContain("Hameau-Fictif (99) n'est dans aucun Territoire d'industrie (liste 2023-2027).");
    expect(textBlocks(card)).toContain('Liste 2023-2027 · Région Provence-Fictive');
    expect(submitData(card)).toEqual([
      ...['banque-des-territoires', 'bpifrance', 'business-france', 'france-travail'].map((operator) => ({ action: 'contact', operator, place: '99002' })),
      { action: 'eligibility' },
      { action: 'restart' },
    ]);
    // Without a commune the region of the request is not known: no contact button.
    expect(submitData(renderTerritoryCard({ ...f.outsideData('fr'), commune: null }))).toEqual([{ action: 'eligibility' }, { action: 'restart' }]);
    expect(textBlocks(card).some((t) => t.startsWith('**'))).toBe(false);
  });

  test('French and English use their own strings', () => {
    const fr = JSON.stringify(renderTerritoryCard(f.territoryData('fr')));
    const en = JSON.stringify(renderTerritoryCard(f.territoryData('en')));
    expect(fr).toContain('Liste 2023-2027');
    expect(fr).toContain('Voir mes aides');
    expect(en).toContain('2023-2027 list');
    expect(en).toContain('No referent designated yet');
    expect(en).toContain('Regional office last reported in Villefictive (source 2024-03-12)');
    for (const french of ['Voir mes aides', 'Recommencer', 'non encore désigné', 'Bureau signalé', 'Contacter']) expect(en).not.toContain(french);
    expect(renderTerritoryCard(f.territoryData('en')).lang).toBe('en');
  });

  test('an intercommunality partly in the territory says which communes are in; a 2023-2027 commune gets its intercommunality as the door to the project lead', () => {
    const result: LookupResult = {
      query: 'cc fictive',
      status: 'resolved',
      wave: 2023,
      matchedBy: 'epci',
      territory: f.territoryData().territory,
      commune: null,
      candidates: [],
      referents: f.referents(),
      intercommunality: { code: '999999999', name: 'CC Fictive du Plateau', kind: 'epci', member: false },
      partial: { communes: [{ code: '99001', name: 'Villefictive', department: '99' }], total: 12 },
    };
    const data = territoryCardData(result, 'fr');
    expect(data.partial).toEqual({ name: 'CC Fictive du Plateau', communes: ['Villefictive'], total: 12 });
    const texts = textBlocks(renderTerritoryCard(data));
    expect(texts).toContain("CC Fictive du Plateau n'en fait partie qu'en partie : 1 de ses 12 communes (Villefictive).");
    // Named once, by the partial line; not a member, so not the door to the territory's team.
    expect(texts.filter((t) => t.includes('CC Fictive du Plateau'))).toHaveLength(1);
    expect(texts.some((t) => t.includes("aucun annuaire n'en est publié"))).toBe(false);

    const member = { ...result.intercommunality!, member: true };
    const commune = territoryCardData(
      { ...result, matchedBy: 'commune', commune: f.territoryData().commune, partial: undefined, intercommunality: member },
      'en',
    );
    const en = textBlocks(renderTerritoryCard(commune));
    expect(en).toContain('Intercommunality: CC Fictive du Plateau');
    expect(en.some((t) => t.includes('only partly'))).toBe(false);
    expect(en.some((t) => t.includes('no directory of them is published'))).toBe(true);
    // 2019-2022 list: the intercommunality is named, but there is no project lead behind it.
    const old = textBlocks(renderTerritoryCard({ ...commune, locale: 'fr', territory: { ...commune.territory!, wave: 2019 } }));
    expect(old).toContain('Intercommunalité : CC Fictive du Plateau');
    expect(old.some((t) => t.includes('chef de projet'))).toBe(false);
    expect(textBlocks(renderTerritoryCard({ ...commune, territory: null })).some((t) => t.startsWith('Intercommunality'))).toBe(false);
    // The names are escaped like every other value of the card.
    for (const partial of [{ name: f.HOSTILE, communes: [f.HOSTILE], total: 2 }, undefined]) {
      const hostile = renderTerritoryCard({ ...data, intercommunality: { name: f.HOSTILE, member: true }, partial });
      expect(JSON.stringify(hostile)).not.toContain('[clic](http://evil.test)');
    }
  });

  test('maps a LookupResult (and the SIRET establishment name)', () => {
    const result: LookupResult & { company: { status: 'found'; name: string } } = {
      query: '99001',
      status: 'resolved',
      wave: 2023,
      territory: f.territoryData().territory,
      commune: f.territoryData().commune,
      candidates: [],
      referents: f.referents(),
      company: { status: 'found', name: 'Société Fictive Test SAS' },
    };
    const data = territoryCardData(result, 'fr');
    expect(data.establishmentName).toBe('Société Fictive Test SAS');
    expect(data.region).toBe('Provence-Fictive');
    expect(textBlocks(renderTerritoryCard(data))).toContain('Établissement : Société Fictive Test SAS');
    const outside = territoryCardData({ ...result, territory: null, company: { status: 'found', name: 'x' } }, 'en');
    expect(outside.region).toBe('Provence-Fictive');
  });
});

describe('hostile text', () => {
  const hostileCards = (): AdaptiveCardJson[] => {
    const territory = f.territoryData('fr');
    territory.territory = { ...territory.territory!, name: f.HOSTILE };
    territory.commune = { code: '99001', name: f.HOSTILE, department: '99' };
    territory.referents = f.referents({ bpifranceName: f.HOSTILE, bpifranceRole: f.HOSTILE });
    const contact = f.contactData('fr', { kind: 'named', name: f.HOSTILE, role: f.HOSTILE });
    contact.firm = { name: f.HOSTILE, contactName: f.HOSTILE, email: 'dominique.essai@example.test' };
    contact.need = `${f.HOSTILE}\n# titre\n- liste`;
    const schemes = f.schemesData('fr');
    schemes.schemes = schemes.schemes.map((s) => ({ ...s, name: f.HOSTILE, reason: f.HOSTILE, missing: s.missing ? [f.HOSTILE] : undefined }));
    return [
      renderTerritoryCard(territory),
      renderChoicesCard({ locale: 'fr', query: f.HOSTILE, choices: [{ label: f.HOSTILE, value: '99001' }] }),
      renderSchemesCard(schemes),
      renderContactSummaryCard(contact),
      renderContactConfirmationCard({ ...f.confirmationData(), reference: f.HOSTILE }),
    ];
  };

  test('arrives escaped: no link to evil.test, no image, no emphasis of the user text, no templating', () => {
    for (const card of hostileCards()) {
      expect(structuralErrors(card)).toEqual([]);
      expect(webChatParserErrors(card)).toEqual([]);
      expect(strings(card).filter((s) => s.value.includes('${'))).toEqual([]);
      for (const text of textBlocks(card)) {
        const html = md.render(text);
        expect(html).not.toMatch(/<img|<em>|<h1>|<ul>|<li>/);
        expect(html).not.toContain('href="http://evil.test');
        for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) expect(href).toMatch(/^(tel:|mailto:|https:\/\/[a-z-]+\.example\.test\/)/);
        for (const [, strong] of html.matchAll(/<strong>(.*?)<\/strong>/g)) expect(strong).not.toMatch(/<|gras<\/strong>/);
      }
      const fallback = md.render(card.fallbackText as string);
      expect(fallback).not.toMatch(/<img|<a |<em>|<strong>|<h1>|<ul>/);
    }
  });

  test('the hostile text is still shown, literally', () => {
    const [territory] = hostileCards();
    const shown = textBlocks(territory).map((t) => md.render(t).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    expect(shown.some((h) => h.includes('[clic](http://evil.test) <img src=x onerror=alert(1)> **gras** ${secret}'))).toBe(true);
    // Button titles are plain text (not Markdown), capped; `${` is broken by a zero-width space.
    expect(titles(territory)).toContain('Écrire à [clic](http://evil.test) <img src=x onerror=alert(…');
    const choices = hostileCards()[1]!;
    expect(titles(choices)).toEqual([
      expect.stringMatching(/^\[clic\]\(http:\/\/evil\.test\) <img src=x onerror=alert\(1\)> \*\*gras\*\* \$\u200b\{secret\} \{\{DATE.*…$/),
    ]);
  });

  test('adaptivecards-templating does not re-expand `${` found in data values', () => {
    const card = expandCard(
      { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Nom : ${name}' }] },
      { name: '${secret}', secret: 'FUITE' },
    );
    expect(card.body).toEqual([{ type: 'TextBlock', text: 'Nom : ${secret}' }]);
  });
});

describe('choices card', () => {
  test('one button per candidate with the value that resolves it; at most 10, then the department hint', () => {
    const card = renderChoicesCard(f.choicesData('fr', 12));
    const data = submitData(card);
    expect(data).toHaveLength(MAX_CHOICES);
    expect(data[0]).toEqual({ action: 'choose', value: '90000' });
    expect(textBlocks(card)).toContain('Seuls 10 lieux sur 12 sont proposés : précisez le département ou le code postal.');
    expect(textBlocks(renderChoicesCard(f.choicesData('fr', 2)))).toContain('Vous pouvez aussi préciser le département ou le code postal.');
  });

  test.each`
    locale  | omitted | byPostalCode | hint
    ${'fr'} | ${0}    | ${true}      | ${'Vous pouvez aussi taper le nom de votre commune.'}
    ${'fr'} | ${21}   | ${true}      | ${"Seules les 2 communes les plus peuplées sur 23 sont proposées : si la vôtre n'y est pas, tapez son nom."}
    ${'fr'} | ${21}   | ${false}     | ${'Seuls 2 lieux sur 23 sont proposés : précisez le département ou le code postal.'}
    ${'en'} | ${21}   | ${true}      | ${'Only the 2 most populous of 23 towns are listed: if yours is not there, type its name.'}
  `('says how to find a place left out ($locale, $omitted left out, postal code: $byPostalCode)', ({ locale, omitted, byPostalCode, hint }) => {
    const data = { ...f.choicesData(locale, 2), omitted, byPostalCode };
    expect(textBlocks(renderChoicesCard(data))).toContain(hint);
    expect(choicesText(data)).toContain(hint);
  });

  test('choicesCardData uses the INSEE code, then the territory name', () => {
    const t = f.territoryData().territory!;
    const result: LookupResult = {
      query: 'Saint-Fictif',
      status: 'ambiguous',
      wave: 2023,
      territory: null,
      commune: null,
      referents: [],
      candidates: [
        { commune: { code: '99003', name: 'Saint-Fictif', department: '99' }, territory: t, label: 'Saint-Fictif (99)' },
        { commune: null, territory: t, label: 'Territoire Fictif de Test' },
      ],
    };
    expect(choicesCardData(result, 'fr').choices).toEqual([
      { label: 'Saint-Fictif (99)', value: '99003' },
      { label: 'Territoire Fictif de Test', value: 'Territoire Fictif de Test' },
    ]);
  });
});

describe('schemes card', () => {
  test('eligible first with reason, amount caveat and contact; then unknown with what is missing; not eligible behind "Pourquoi pas ?"', () => {
    const card = renderSchemesCard(f.schemesData('fr'));
    const texts = textBlocks(card);
    const order = ['Dispositif Fictif A', 'Dispositif Fictif B', 'Appel à projets fictif C', 'Dispositif Fictif D'].map((n) => texts.indexOf(n));
    expect(order.every((i, k) => i > -1 && (k === 0 || i > order[k - 1]!))).toBe(true);
    expect(texts).toContain('Aide fictive de 1 000 € \\(2022\\) (à confirmer auprès du référent)');
    expect(texts).toContain('Contact : **Camille Exemple** (Bpifrance)');
    expect(texts).toContain('Contact : Banque des Territoires : référent non encore désigné');
    expect(texts).toContain('Comment faire : Déposer le dossier en ligne · [Site web](https://demarches.example.test/fictif-c)');
    expect(texts).toContain("Il me manque : effectif du groupe, chiffre d'affaires");
    // What the assistant does not check is shown, to check with the referent; and an offer that may have ended says since when.
    expect(texts).toContain('Conditions à vérifier : Siège fictif en France ; Contrat fictif d’au moins un an');
    expect(texts).toContain("Offre attestée jusqu'en 2019 : à confirmer");
    expect(texts.indexOf("Offre attestée jusqu'en 2019 : à confirmer")).toBeGreaterThan(texts.indexOf('Dispositif Fictif D'));
    const showCard = typedNodes(card).find((n) => n.type === 'Action.ShowCard')!;
    expect(showCard.title).toBe('Pourquoi pas ?');
    expect(textBlocks(showCard.card)).toEqual([
      'Aides non accessibles et pourquoi',
      '**Dispositif Fictif E** : Réservé aux entreprises de moins de 10 salariés.',
      '**Dispositif Fictif F \\(fermé\\)** : Clos depuis le 1er juin 2021.',
    ]);
    expect(textBlocks(card.body).some((t) => t.includes('Dispositif Fictif E'))).toBe(false);
    expect(submitData(card)).toEqual([
      { action: 'contact', operator: 'bpifrance' },
      { action: 'contact', operator: 'banque-des-territoires' },
      { action: 'restart' },
    ]);
  });

  test("each scheme's block is expanded once and shared by the cards that show it, in the card's order", () => {
    const data = f.schemesData('fr');
    const card = renderSchemesCard(data);
    // Another firm: one scheme less, another territory's name, no contact buttons (no territory).
    const other = renderSchemesCard({ ...data, territoryName: null, schemes: data.schemes.slice(1) });
    const blocks = (c: { body: unknown[] }) => c.body.filter((e) => (e as { type?: string }).type === 'Container');
    const kept = blocks(card);
    expect(kept.every((b) => Object.isFrozen(b))).toBe(true);
    // Scheme B's block offered a contact in the territory's card; without a territory it is another block.
    expect(blocks(other)).not.toContain(kept[1]);
    // Unknown schemes offer no contact: their blocks are the same objects in both cards.
    const unknownIn = (c: { body: unknown[] }) => blocks(c).slice(-data.schemes.filter((x) => x.verdict === 'unknown').length);
    expect(unknownIn(other)).toEqual(unknownIn(card));
    unknownIn(other).forEach((b, i) => expect(b).toBe(unknownIn(card)[i]));
    // Nor do they name a contact: another territory's contact gives the same blocks.
    const elsewhere = renderSchemesCard({
      ...data,
      schemes: data.schemes.map((x) => (x.verdict === 'unknown' ? { ...x, contact: { kind: 'apply' as const, text: 'Ailleurs, fictif' } } : x)),
    });
    unknownIn(elsewhere).forEach((b, i) => expect(b).toBe(unknownIn(card)[i]));
    // Headings stand where they did: eligible blocks between the two headings, unknown ones after.
    const texts = card.body.map((e) => (e as { text?: string }).text ?? (e as { type: string }).type);
    expect(texts.slice(0, 3)).toEqual(['Vos aides possibles', expect.stringMatching(/Territoire Fictif de Test/), 'Accessibles a priori']);
    expect(texts.indexOf('À vérifier')).toBe(3 + data.schemes.filter((x) => x.verdict === 'eligible').length);
  });

  test('an undecided scheme whose reason is what is missing says it once', () => {
    const texts = textBlocks(
      renderSchemesCard({
        locale: 'fr',
        schemes: [{ id: 'x', name: 'Dispositif Fictif X', verdict: 'unknown', reason: 'Effectif à préciser', missing: ['Effectif à préciser'] }],
      }),
    );
    expect(texts.filter((t) => t.includes('Effectif à préciser'))).toEqual(['Il me manque : Effectif à préciser']);
  });

  test('nothing eligible: says so, no contact button, no "Pourquoi pas ?" when nothing is excluded', () => {
    const card = renderSchemesCard({ locale: 'en', schemes: [] });
    expect(textBlocks(card)).toContain('No scheme appears to be open to you with the information given.');
    expect(typedNodes(card).some((n) => n.type === 'Action.ShowCard')).toBe(false);
    expect(submitData(card)).toEqual([{ action: 'restart' }]);
  });
});

describe('contact cards', () => {
  test('summary: facts, recipient kind, RGPD text with retention, consent and cancel buttons', () => {
    const card = renderContactSummaryCard(f.contactData('fr'));
    const facts = typedNodes(card).find((n) => n.type === 'FactSet')!.facts as Array<{ title: string; value: string }>;
    expect(facts.map((x) => x.title)).toEqual(['Entreprise', 'Interlocuteur', 'Courriel', 'Tél.', 'Besoin', 'Territoire', 'Destinataire']);
    expect(facts.at(-1)!.value).toBe("Camille Exemple, Chargée d'affaires (Bpifrance), référent du territoire");
    expect(textBlocks(card).some((t) => t.includes('conservées 365 jours puis supprimées'))).toBe(true);
    expect(submitData(card)).toEqual([
      { action: 'contact-consent', operator: 'bpifrance', draftId: 'draft-0001' },
      { action: 'contact-cancel', draftId: 'draft-0001' },
    ]);
    const regional = renderContactSummaryCard(
      f.contactData('fr', {
        kind: 'entry-point',
        operatorName: 'Bpifrance',
        entryPoint: { officeName: 'Bpifrance – direction régionale fictive', scope: 'regional', regionCode: '99', regionName: 'Provence-Fictive' },
      }),
    );
    expect(JSON.stringify(regional)).toContain("point d'entrée de l'opérateur, aucun référent n'étant désigné");
  });

  test('the consent wording is versioned: changing it without a new version fails here', () => {
    expect(consentWordingFingerprint()).toBe(CONSENT_TEXT_FINGERPRINT);
    const consent = (privacyContact: string) =>
      consentText({ locale: 'en', operatorName: 'Bpifrance', target: { kind: 'entry-point', operatorName: 'Bpifrance' }, retentionDays: 90, privacyContact });
    expect(consent('')).toContain('kept for 90 days');
    // Whom to ask to see, correct or delete the data: the configured contact, else the publisher.
    expect(consent('')).toContain('contact the organisation that offers you this assistant');
    expect(consent('dpo@territoire-fictif.example.test')).toContain('write to dpo@territoire-fictif.example.test');
    expect(() => renderContactSummaryCard({ ...f.contactData(), retentionDays: 0 })).toThrow(RangeError);
  });

  test('confirmation shows the reference', () => {
    expect(textBlocks(renderContactConfirmationCard(f.confirmationData('fr')))).toContain('Référence : TI-TEST-000042');
    expect(textBlocks(renderContactConfirmationCard(f.confirmationData('en')))).toContain('Reference: TI-TEST-000042');
  });

  test('confirmation says "transmise" of nothing: sent automatically, or passed on by hand and when', () => {
    const automatic = textBlocks(renderContactConfirmationCard(f.confirmationData('fr')));
    expect(automatic).toContain("Votre demande part par envoi automatique à Camille Exemple, Chargée d'affaires (Bpifrance), référent du territoire.");
    const manual = textBlocks(renderContactConfirmationCard({ ...f.confirmationData('fr'), delivery: 'manual', reviewDays: 3 }));
    expect(manual).toContain(
      "Votre demande est enregistrée pour Camille Exemple, Chargée d'affaires (Bpifrance), référent du territoire. Aucun envoi automatique n'est configuré : un administrateur la transmettra à la main sous 3 jours ouvrés.",
    );
    const noPromise = textBlocks(renderContactConfirmationCard({ ...f.confirmationData('en'), delivery: 'manual' }));
    expect(noPromise.join(' ')).toMatch(/pass it on by hand, with no guaranteed delay/);
    for (const card of [automatic, manual]) expect(card.join(' ')).not.toMatch(/a été transmise/);
  });
});

describe('fixed strings', () => {
  test('contain no Markdown syntax (they are inserted unescaped), in both languages', () => {
    for (const { card } of Object.values(MESSAGES)) {
      for (const [key, value] of Object.entries(card)) {
        const text = typeof value === 'function' ? (value as (...a: unknown[]) => string)('X', 'Y', 'Z') : value;
        const html = md.render(text);
        expect({ key, html }).toEqual({ key, html: expect.stringMatching(/^<p>[^<]*<\/p>\n$/) });
      }
    }
  });
});
