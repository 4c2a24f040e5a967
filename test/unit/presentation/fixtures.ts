import type {
  ChoicesCardData,
  ContactConfirmationCardData,
  ContactSummaryCardData,
  SchemesCardData,
  TerritoryCardData,
} from '../../../src/presentation/cards/data';
import type { EntryPoint, ReferentView } from '../../../src/domain/types';

/** Every name, address and number below is fictional (.test domains, 01 99 00 … numbers). */

export const HOSTILE = '[clic](http://evil.test) <img src=x onerror=alert(1)> **gras** ${secret} {{DATE(2017-02-14T06:00:00Z, SHORT)}}';

export const regionalEntry: EntryPoint = {
  operator: 'banque-des-territoires',
  scope: 'regional',
  regionCode: '99',
  regionName: 'Provence-Fictive',
  officeName: 'Banque des Territoires – direction régionale Fictive',
  city: 'Villefictive',
  url: 'https://bdt.example.test/region-fictive',
  sourceUrl: 'https://source.example.test/bdt',
  sourceIsLink: true,
  sourceDate: '2024-03-12',
  certainty: 'high',
  note: 'fictional fixture',
};

export const nationalEntry: EntryPoint = {
  operator: 'banque-des-territoires',
  scope: 'national',
  regionCode: '00',
  regionName: 'France (national)',
  officeName: 'Banque des Territoires – site national fictif',
  phone: '01 99 00 00 01',
  url: 'https://bdt.example.test/',
  sourceUrl: 'https://source.example.test/bdt-national',
  sourceIsLink: true,
  sourceDate: '2024-10',
  certainty: 'high',
  note: 'fictional fixture',
};

function nationalOnly(operator: EntryPoint['operator'], officeName: string, phone?: string): EntryPoint {
  const e: EntryPoint = {
    operator,
    scope: 'national',
    regionCode: '00',
    regionName: 'France (national)',
    officeName,
    url: `https://${operator}.example.test/`,
    sourceUrl: `https://source.example.test/${operator}`,
    sourceIsLink: true,
    sourceDate: '2020-03-10',
    certainty: 'high',
    note: 'fictional fixture',
  };
  if (phone) e.phone = phone;
  return e;
}

export function referents(overrides: { bpifranceName?: string; bpifranceRole?: string } = {}): ReferentView[] {
  return [
    { operator: 'banque-des-territoires', operatorName: 'Banque des Territoires', kind: 'regional', entryPoints: [regionalEntry, nationalEntry] },
    {
      operator: 'bpifrance',
      operatorName: 'Bpifrance',
      kind: 'named',
      name: overrides.bpifranceName ?? 'Camille Exemple',
      role: overrides.bpifranceRole ?? "Chargée d'affaires",
      email: 'camille.exemple@example.test',
      phone: '01 99 00 00 02',
      source: 'fixture',
      verifiedAt: '2025-01-15',
    },
    {
      operator: 'business-france',
      operatorName: 'Business France / Team France Export',
      kind: 'regional',
      entryPoints: [nationalOnly('business-france', 'Business France – siège fictif')],
    },
    {
      operator: 'france-travail',
      operatorName: 'France Travail',
      kind: 'regional',
      entryPoints: [nationalOnly('france-travail', 'France Travail – ligne entreprises fictive', '3999')],
    },
  ];
}

export function territoryData(locale: 'fr' | 'en' = 'fr'): TerritoryCardData {
  return {
    locale,
    wave: 2023,
    territory: { id: 'TI-TEST-1', name: 'Territoire Fictif de Test', wave: 2023, region: 'Provence-Fictive' },
    commune: { code: '99001', name: 'Villefictive', department: '99' },
    referents: referents(),
  };
}

export function outsideData(locale: 'fr' | 'en' = 'fr'): TerritoryCardData {
  return {
    locale,
    wave: 2023,
    territory: null,
    commune: { code: '99002', name: 'Hameau-Fictif', department: '99' },
    region: 'Provence-Fictive',
    referents: referents().map((r) =>
      r.kind === 'named'
        ? {
            operator: r.operator,
            operatorName: r.operatorName,
            kind: 'regional' as const,
            entryPoints: [nationalOnly('bpifrance', 'Bpifrance – numéro national fictif', '01 99 00 00 04')],
          }
        : r,
    ),
  };
}

export function choicesData(locale: 'fr' | 'en' = 'fr', count = 3): ChoicesCardData {
  return {
    locale,
    query: 'Saint-Fictif',
    choices: Array.from({ length: count }, (_, i) => ({
      label: `Saint-Fictif (9${i}) · Territoire Fictif ${i + 1}`,
      value: `9${i}0${String(i).padStart(2, '0')}`,
    })),
  };
}

export function schemesData(locale: 'fr' | 'en' = 'fr'): SchemesCardData {
  const [bdt, bpi] = referents();
  return {
    locale,
    territoryName: 'Territoire Fictif de Test',
    schemes: [
      {
        id: 'scheme-a',
        name: 'Dispositif Fictif A',
        verdict: 'eligible',
        reason: 'Votre entreprise est une PME industrielle du territoire.',
        amount: 'Aide fictive de 1 000 € (2022)',
        toConfirm: true,
        conditions: ['Siège fictif en France', 'Contrat fictif d’au moins un an'],
        conflicts: ['Montant fictif : 1 000 € selon une source, 1 200 € selon une autre.'],
        contact: { kind: 'referent', referent: bpi! },
      },
      {
        id: 'scheme-b',
        name: 'Dispositif Fictif B',
        verdict: 'eligible',
        reason: 'Projet de foncier industriel dans un Territoire d’industrie.',
        contact: { kind: 'referent', referent: bdt! },
      },
      {
        id: 'scheme-c',
        name: 'Appel à projets fictif C',
        verdict: 'eligible',
        reason: 'Projet industriel à forte ambition environnementale.',
        contact: { kind: 'apply', text: 'Déposer le dossier en ligne', url: 'https://demarches.example.test/fictif-c' },
      },
      {
        id: 'scheme-d',
        name: 'Dispositif Fictif D',
        verdict: 'unknown',
        reason: 'Dépend de la taille du groupe.',
        missing: ['effectif du groupe', "chiffre d'affaires"],
        staleSince: '2019',
      },
      { id: 'scheme-e', name: 'Dispositif Fictif E', verdict: 'not-eligible', reason: 'Réservé aux entreprises de moins de 10 salariés.' },
      { id: 'scheme-f', name: 'Dispositif Fictif F (fermé)', verdict: 'not-eligible', reason: 'Clos depuis le 1er juin 2021.' },
    ],
  };
}

export function contactData(
  locale: 'fr' | 'en' = 'fr',
  target: ContactSummaryCardData['target'] = { kind: 'named', name: 'Camille Exemple', role: "Chargée d'affaires" },
): ContactSummaryCardData {
  return {
    locale,
    operator: 'bpifrance',
    operatorName: 'Bpifrance',
    territoryName: 'Territoire Fictif de Test',
    target,
    firm: { name: 'Société Fictive Test SAS', contactName: 'Dominique Essai', email: 'dominique.essai@example.test', phone: '+33199000003' },
    need: 'Financer une nouvelle ligne de production',
    retentionDays: 365,
    privacyContact: '',
    draftId: 'draft-0001',
  };
}

export function confirmationData(locale: 'fr' | 'en' = 'fr'): ContactConfirmationCardData {
  return {
    locale,
    reference: 'TI-TEST-000042',
    delivery: 'automatic',
    operatorName: 'Bpifrance',
    target: { kind: 'named', name: 'Camille Exemple', role: "Chargée d'affaires" },
  };
}
