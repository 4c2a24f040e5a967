import { choicesText, consentText, contactConfirmationText, contactSummaryText, schemesText, territoryText } from '../../../src/presentation/text';
import { entryPointDetail, entryPointText } from '../../../src/presentation/entry-points';
import * as f from './fixtures';

describe('plain-text fallbacks', () => {
  test('territory: same facts as the card, no Markdown escapes', () => {
    const text = territoryText(f.territoryData('fr'));
    expect(text).toContain("Territoire d'industrie « Territoire Fictif de Test » (liste 2023-2027, Provence-Fictive)");
    expect(text).toContain("- Bpifrance : Camille Exemple · Chargée d'affaires · camille.exemple@example.test · 01 99 00 00 02");
    expect(text).toContain('- Banque des Territoires : Référent non encore désigné.');
    expect(text).toContain('Bureau régional signalé en dernier à Villefictive (source 12/03/2024) : Banque des Territoires – direction régionale Fictive');
    expect(text.indexOf('Bureau régional signalé')).toBeLessThan(text.indexOf("Point d'entrée national (source 10/2024)"));
    expect(text).not.toContain('\\');
    expect(text.split('\n').length).toBeLessThan(15);
  });

  test('an undated source says so instead of an empty date', () => {
    const undated = { ...f.regionalEntry, sourceDate: '' };
    expect(entryPointText(undated, 'fr')).toMatch(/^Bureau régional signalé en dernier à Villefictive \(source non datée\) : /);
    expect(entryPointText(undated, 'en')).toMatch(/^Regional office last reported in Villefictive \(undated source\): /);
    expect(entryPointDetail(undated)[1]).toBe('régional (Provence-Fictive) · source non datée : https://source.example.test/bdt');
  });

  test('an entry point of medium or low certainty is "à vérifier"; an estimated date says "vers"', () => {
    const medium = { ...f.regionalEntry, certainty: 'medium' as const, sourceDate: '2018', sourceDateApprox: true };
    expect(entryPointText(medium, 'fr')).toMatch(/^Bureau régional signalé en dernier à Villefictive \(source vers 2018, à vérifier\) : /);
    expect(entryPointText(medium, 'en')).toMatch(/^Regional office last reported in Villefictive \(source around 2018, to be checked\): /);
    expect(entryPointText({ ...f.regionalEntry, certainty: 'low', sourceDate: '' }, 'fr')).toContain('(source non datée, à vérifier)');
    expect(entryPointText(f.regionalEntry, 'fr')).not.toContain('vérifier');
  });

  test('an intercommunality partly in the territory, and the door to the project lead (a member of a 2023-2027 territory only)', () => {
    const partial = {
      ...f.territoryData('fr'),
      commune: null,
      intercommunality: { name: 'CC Fictive du Plateau', member: false },
      partial: { name: 'CC Fictive du Plateau', communes: ['Villefictive', 'Hameau-Fictif'], total: 12 },
    };
    const text = territoryText(partial);
    expect(text).toContain("CC Fictive du Plateau n'en fait partie qu'en partie : 2 de ses 12 communes (Villefictive, Hameau-Fictif).");
    // Not a member: it hosts none of the territory's team.
    expect(text).not.toContain('chef de projet');
    expect(territoryText({ ...partial, locale: 'en' })).toContain(
      'CC Fictive du Plateau is only partly in it: 2 of its 12 communes (Villefictive, Hameau-Fictif).',
    );

    const member = territoryText({ ...f.territoryData('fr'), intercommunality: { name: 'CC Fictive des Vallées', member: true } });
    expect(member).toContain('Intercommunalité : CC Fictive des Vallées');
    expect(member).toContain("votre intercommunalité est la porte d'entrée locale");
    // No person is ever named as the project lead.
    expect(member).not.toMatch(/chef de projet :/);
    // The 2019-2022 list had no project lead: the intercommunality is named, no door is offered.
    const old = territoryText({
      ...f.territoryData('fr'),
      intercommunality: { name: 'CC Fictive des Vallées', member: true },
      territory: { ...f.territoryData().territory!, wave: 2019 },
    });
    expect(old).toContain('Intercommunalité : CC Fictive des Vallées');
    expect(old).not.toContain('chef de projet');
  });

  test('outside any territory, in English', () => {
    const text = territoryText(f.outsideData('en'));
    expect(text.split('\n')[0]).toBe("Hameau-Fictif (99) is not in any Territoire d'industrie (2023-2027 list).");
    expect(text).toContain('National entry point (source 2020-03-10): Bpifrance – numéro national fictif · Phone 01 99 00 00 04');
  });

  test('choices are numbered, capped at 10, with the department hint', () => {
    const text = choicesText(f.choicesData('fr', 12));
    expect(text).toContain('1. Saint-Fictif (90) · Territoire Fictif 1');
    expect(text).toContain('10. Saint-Fictif (99) · Territoire Fictif 10');
    expect(text).not.toContain('11.');
    expect(text).toContain('précisez le département ou le code postal');
  });

  test('schemes: eligible, to check, not eligible with reasons', () => {
    const text = schemesText(f.schemesData('fr'));
    expect(text).toContain('- Dispositif Fictif A : Votre entreprise est une PME industrielle du territoire.');
    expect(text).toContain('Aide fictive de 1 000 € (2022) (à confirmer auprès du référent)');
    expect(text).toContain("- Dispositif Fictif D : Il me manque : effectif du groupe, chiffre d'affaires");
    expect(text).toContain('- Dispositif Fictif E : Réservé aux entreprises de moins de 10 salariés.');
    expect(text.indexOf('Dispositif Fictif D')).toBeLessThan(text.indexOf('Dispositif Fictif E'));
    expect(text).toContain('  Conditions à vérifier : Siège fictif en France ; Contrat fictif d’au moins un an');
    expect(text).toContain("  Offre attestée jusqu'en 2019 : à confirmer");
    expect(text).toContain('  Sources divergentes : Montant fictif : 1 000 € selon une source, 1 200 € selon une autre.');
    // An undecided scheme says why even when nothing is missing.
    const stale = schemesText({
      locale: 'en',
      schemes: [{ id: 'x', name: 'Fictive offer', verdict: 'unknown', reason: 'Attested until 2019; to be confirmed.' }],
    });
    expect(stale).toContain('- Fictive offer: Attested until 2019; to be confirmed.');
  });

  test('contact summary carries the consent text; confirmation the reference', () => {
    const data = f.contactData('fr');
    const text = contactSummaryText(data);
    expect(text).toContain('- Entreprise : Société Fictive Test SAS');
    expect(text).toContain(consentText(data));
    expect(contactConfirmationText(f.confirmationData('en'))).toContain('Reference: TI-TEST-000042');
  });

  test('user text is cleaned of control characters and line breaks but not escaped', () => {
    const data = f.contactData('fr');
    data.need = 'ligne 1\nligne 2\u0000 **gras**';
    expect(contactSummaryText(data)).toContain('- Besoin : ligne 1 ligne 2 **gras**');
  });
});
