import type { Activity } from 'botbuilder';
import type { SchemeCatalog } from '../../../../src/domain/eligibility';
import { loadSchemes } from '../../../../src/infrastructure/schemes';
import { adaptiveCards } from '../../../../src/presentation/cards/renderer';
import type { Lang } from '../../../../src/presentation/lang';
import { MESSAGES } from '../../../../src/presentation/messages';
import { chat, dialogDeps } from '../../../helpers/dialogs';

/**
 * Eligibility cases as a firm meets them, through the main dialog on the real knowledge base
 * and schemes: micro-firm, subsidiary, ETI, large group, each kind of project, in and out of a
 * territory, and a place that was only in the 2019-2022 list. The verdicts are read from the
 * schemes card the firm sees: its "Accessibles a priori" and "À vérifier" sections, and the
 * "Pourquoi pas ?" list. Fictional firms; real places.
 */

type Verdict = 'eligible' | 'unknown' | 'not-eligible';

let catalog: SchemeCatalog;
beforeAll(async () => {
  catalog = await loadSchemes();
});

interface Node {
  type?: string;
  text?: string;
  weight?: string;
  items?: Node[];
  body?: Node[];
  card?: Node;
  actions?: Node[];
}

const plain = (s: string) => s.replace(/\\/g, '').replace(/\*\*/g, '');

/** The scheme names of each section of a schemes card, in order. */
function verdicts(card: Node, lang: Lang): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  let section: Verdict = 'eligible';
  for (const node of card.body ?? []) {
    if (node.type === 'TextBlock' && node.text === MESSAGES[lang].card.unknownHeading) section = 'unknown';
    if (node.type === 'Container') {
      const name = node.items?.find((i) => i.weight === 'Bolder')?.text;
      if (name) out.set(plain(name), section);
    }
  }
  const whyNot = (card.actions ?? []).find((a) => a.type === 'Action.ShowCard')?.card;
  for (const line of whyNot?.body?.slice(1) ?? []) out.set(plain(line.text ?? '').split(lang === 'fr' ? ' : ' : ': ')[0]!, 'not-eligible');
  return out;
}

function schemesCardOf(replies: Array<Partial<Activity>>, lang: Lang): Node | undefined {
  const cards = replies.flatMap((r) => r.attachments ?? []).map((a) => a.content as Node);
  return cards.filter((c) => JSON.stringify(c).includes(MESSAGES[lang].card.schemesTitle)).at(-1);
}

interface Case {
  name: string;
  says: string[];
  expect: Partial<Record<string, Verdict | 'absent'>>;
  /** Something the firm must read (card or text). */
  reads?: RegExp;
  /** The firm writes in English (its client says en-US). French otherwise. */
  lang?: Lang;
}

const cases: Case[] = [
  {
    name: 'a micro-firm hiring a young engineer is an SME: the VTE is open to it',
    says: ['Nous sommes 5 salariés à Oyonnax, 600 000 € de CA, nous voulons recruter un jeune ingénieur'],
    expect: { vte: 'eligible', 'bpifrance-accelerateurs': 'absent' },
  },
  {
    name: "a subsidiary of a group: its own figures do not make it an SME, the group's size is asked",
    says: ["Filiale d'un groupe américain, 120 salariés, à Oyonnax, nous voulons recruter un jeune diplômé"],
    expect: { vte: 'unknown' },
    reads: /taille du groupe à préciser|effectif du groupe/,
  },
  {
    name: 'an ETI is in the VTE',
    says: ['ETI de 1 200 salariés à Oyonnax, 400 M€ de CA, nous voulons recruter un jeune diplômé'],
    expect: { vte: 'eligible' },
  },
  {
    name: 'a large group is not',
    says: ['Entreprise de 8000 salariés, 3 Md€ de CA, usine à Oyonnax, nous voulons recruter un jeune diplômé'],
    expect: { vte: 'not-eligible', mrs: 'eligible' },
  },
  {
    name: 'innovation: the Bpifrance accelerators, not the recruitment schemes',
    says: ['PME de 40 salariés à Oyonnax, 8 M€ de CA, nous voulons innover'],
    expect: { 'bpifrance-accelerateurs': 'eligible', vte: 'absent', mrs: 'absent' },
  },
  {
    name: 'investment in a machine: the schemes for investment only',
    says: ['PME de 40 salariés à Oyonnax, 8 M€ de CA, nous voulons investir dans une nouvelle machine'],
    expect: { 'fonds-vert-territoires-industrie': 'unknown', 'fonds-acceleration-investissements-industriels': 'not-eligible', vte: 'absent' },
  },
  {
    name: 'decarbonisation in a 2023-2027 territory: the Fonds vert, "à confirmer" since nothing says it still runs',
    says: ['PME de 40 salariés à Oyonnax, 8 M€ de CA, nous voulons décarboner notre production'],
    expect: { 'fonds-vert-territoires-industrie': 'unknown', 'bdt-investissement': 'unknown', mrs: 'absent' },
  },
  {
    name: 'export: Team France Export "à confirmer" with its date (newest source 2020), not shown as open',
    says: ['PME de 40 salariés à Oyonnax, 8 M€ de CA, nous voulons exporter'],
    expect: { 'team-france-export': 'unknown', vte: 'absent' },
    reads: /attesté jusqu'en février 2020/,
  },
  {
    name: 'outside every territory: the schemes reserved to territories are excluded, the others stay',
    says: ['Nous sommes 30 salariés à Carcassonne, 5 M€ de CA, nous voulons recruter un jeune diplômé'],
    expect: { vte: 'eligible', 'france-travail-conseiller-territoire': 'not-eligible' },
  },
  {
    name: 'a 2023-2027 territory that was not in the 2019 list is not promised the dedicated France Travail advisor',
    says: ['Nous sommes 30 salariés à Nice, 5 M€ de CA, nous voulons recruter un jeune diplômé'],
    expect: { vte: 'eligible', 'france-travail-conseiller-territoire': 'not-eligible', 'vte-territoires-industrie': 'not-eligible' },
  },
  {
    name: 'a place only in the 2019-2022 list: the 2019 aids are "à vérifier", never open',
    says: ['Nous sommes 30 salariés à Saint-Malo, 5 M€ de CA, nous voulons recruter un jeune diplômé'],
    expect: { vte: 'eligible', 'vte-territoires-industrie': 'unknown', 'france-travail-conseiller-territoire': 'unknown' },
  },
  {
    name: 'in English: an SME hiring a young graduate in a territory',
    lang: 'en',
    says: ['We are a 45-person machining SME in Oyonnax, €6m turnover, we want to hire a young graduate'],
    expect: { vte: 'eligible', mrs: 'eligible', 'bpifrance-accelerateurs': 'absent' },
  },
  {
    name: 'in English: a large group is not in the VTE',
    lang: 'en',
    says: ['8,000 employees, €3bn turnover, our plant is in Oyonnax, we want to hire a young graduate'],
    expect: { vte: 'not-eligible', mrs: 'eligible' },
  },
  {
    name: 'a 250-person firm wanting a young engineer is asked its turnover, which makes it a mid-cap: the VTE is open to it',
    says: ['bonjour, on est une boite de plasturgie de 250 salariés à Oyonnax, on veut recruter un jeune ingé', '80 millions'],
    expect: { vte: 'eligible' },
    reads: /Quel est votre chiffre d'affaires annuel/,
  },
  {
    name: 'in English: export is "to be checked" with its date, never shown as open',
    lang: 'en',
    says: ['SME with 40 staff in Oyonnax, €8m turnover, we want to export'],
    expect: { 'team-france-export': 'unknown', vte: 'absent' },
    reads: /attested until February 2020/,
  },
];

describe('eligibility cases, as a firm meets them', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const conversation = await chat({ deps: (state) => dialogDeps(state, { schemes: catalog, cards: adaptiveCards }) });
    let replies: Array<Partial<Activity>> = [];
    const lang = c.lang ?? 'fr';
    for (const text of c.says) replies = replies.concat(await conversation.turn(lang === 'en' ? { type: 'message', text, locale: 'en-US' } : text));
    const card = schemesCardOf(replies, lang);
    expect(card).toBeDefined();
    const seen = verdicts(card!, lang);
    const got: Record<string, Verdict | 'absent'> = {};
    for (const id of Object.keys(c.expect)) got[id] = seen.get(catalog.get(id)!.name[lang]) ?? 'absent';
    expect(got).toEqual(c.expect);
    if (c.reads) expect(plain(JSON.stringify(card)) + replies.map((r) => r.text).join('\n')).toMatch(c.reads);
  });

  it('training its own staff: no scheme of the base is open to the firm, so it is given the operator to ask, with a way to reach it', async () => {
    const conversation = await chat({ deps: (state) => dialogDeps(state, { schemes: catalog, cards: adaptiveCards }) });
    const replies = await conversation.turn('PME de 40 salariés à Oyonnax, 8 M€ de CA, nous voulons former nos salariés');
    expect(replies.map((r) => r.text).join('\n')).toContain(
      "Pour votre projet (former / développer les compétences), ma base ne contient aucun dispositif ouvert à votre entreprise : l'opérateur à qui le demander est France Travail (3995).",
    );
    // No question about a project the firm did not describe ("recruter un jeune diplômé ?").
    expect(replies.map((r) => r.text).join('\n')).not.toMatch(/jeune diplômé/);
  });
});

describe('what a scheme is ("c\'est quoi le VTE ?"), as a firm asks it', () => {
  const conversation = () => chat({ deps: (state) => dialogDeps(state, { schemes: catalog, cards: adaptiveCards }) });

  it.each`
    message                         | names
    ${"c'est quoi le VTE ?"}        | ${/^Volontariat Territorial en Entreprise \(label VTE\)\nLabel pour recruter un jeune diplômé/}
    ${'c koi le vte vert'}          | ${/^Aide VTE Vert\n/}
    ${'VTE'}                        | ${/^Volontariat Territorial en Entreprise \(label VTE\)\n/}
    ${'c quoi un accélérateur bpi'} | ${/^Accélérateurs Bpifrance\n/}
    ${"qu'est-ce que la POEI ?"}    | ${/^Préparation opérationnelle à l’emploi individuelle \(POEI\)\n/}
    ${'what is the VIE?'}           | ${/^International Volunteer in Business \(VIE\)\nSend a young person/}
  `('"$message" gets the scheme, who runs it, for whom, and how to find out whether it fits', async ({ message, names }) => {
    // In English as a channel sends it: with the user's locale.
    const said = await (await conversation()).say(/^what /.test(message) ? { type: 'message', text: message, locale: 'en-US' } : message);
    expect(said).toMatch(names);
    expect(said).toMatch(/(Porté par : |Run by: ).*\n(Pour qui : |For whom: )/);
    expect(said).toMatch(/(Pour savoir s'il vous concerne|To find out whether it applies to you)/);
  });

  it('says a closed scheme is closed, and offers no eligibility check for it', async () => {
    const said = await (await conversation()).say("c'est quoi l'AFPR ?");
    expect(said).toMatch(/^Action de formation préalable au recrutement \(AFPR\)\n/);
    expect(said).toMatch(/Supprimée par une délibération France Travail du 24 avril 2024/);
    expect(said).not.toMatch(/Pour savoir s'il vous concerne/);
  });

  it('answers on the side while a profile question waits, then asks it again; a description naming a scheme stays a description', async () => {
    const c = await conversation();
    await c.say('PME de 40 salariés à Oyonnax, 8 M€ de CA, nous voulons recruter');
    const aside = await c.say("c'est quoi le VTE ?");
    expect(aside).toMatch(/^Volontariat Territorial en Entreprise \(label VTE\)\n/);
    expect(aside).toMatch(/jeune diplômé.*\?/s);
    expect(await c.say('on voudrait faire un VTE à Oyonnax, 40 salariés')).not.toMatch(/^Volontariat Territorial en Entreprise/);
  });
});

describe('a place given with more about the firm, where a question waits', () => {
  const conversation = () => chat({ deps: (state) => dialogDeps(state, { schemes: catalog, cards: adaptiveCards }) });

  it('keeps the project and the size said with the place asked for ("mes aides", then the town and the project)', async () => {
    const c = await conversation();
    expect(await c.say('mes aides')).toMatch(/dans quelle commune/);
    const said = await c.say('on est à Cluses, 60 salariés, on veut investir dans une machine');
    expect(said).toMatch(/^Cluses \(74\) est dans le Territoire d'industrie « Vallée de l'Arve »/);
    expect(said).not.toMatch(/Quel est votre projet/);
    expect((await c.memory()).profile).toMatchObject({ headcount: 60, needs: ['investir'] });
  });
});

describe('"pourquoi pas ?" when no scheme of the project is ruled out', () => {
  it('says so rather than an empty list', async () => {
    const c = await chat({ deps: (state) => dialogDeps(state, { schemes: catalog, cards: adaptiveCards }) });
    await c.say('PME de décolletage à Scionzier, 35 personnes, 4 millions de CA, on voudrait décarboner notre process');
    const said = await c.say('pourquoi pas ?');
    expect(said).toMatch(/^Aucun dispositif de ma base n'est écarté pour vous avec ce que je sais/);
    expect(said).not.toMatch(/Ces dispositifs ne vous concernent pas :$/m);
  });
});
