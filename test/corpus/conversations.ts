/**
 * The conversation corpus: how firm managers, advisors and English speakers actually talk to the
 * assistant, as tables of turns and what each turn's answer must show (territories by their id in
 * data/kb, operators by id). Every class of issue 11 has its section; the place forms and the
 * messages that name no place are the resolver's fixtures, played as one-turn conversations.
 */
import { NO_PLACE_MESSAGES } from '../fixtures/no-place-messages';
import { PLACE_MESSAGES } from '../fixtures/place-messages';
import { messages } from '../../src/presentation/messages';
import type { ProfileField } from '../../src/domain/profile/types';
import type { Conversation, Expect, Turn } from './types';

const say = (text: string, expect?: Expect): Turn => ({ say: text, ...(expect ? { expect } : {}) });
const click = (title: string | RegExp, expect?: Expect, fromEarlier = false): Turn => ({
  click: title,
  ...(fromEarlier ? { fromEarlier } : {}),
  ...(expect ? { expect } : {}),
});
const chip = (title: string | RegExp, expect?: Expect): Turn => ({ chip: title, ...(expect ? { expect } : {}) });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (s: string) => new RegExp(escape(s));
const fr = messages('fr');
const en = messages('en');

/** The question asked for a profile field (French unless said). */
const asks = (field: ProfileField, lang: 'fr' | 'en' = 'fr') => exactly(messages(lang).eligibility.questions[field].slice(0, 40));
const ASKS_ANY_FIELD = new RegExp(
  Object.values(fr.eligibility.questions)
    .map((q) => escape(q.slice(0, 30)))
    .join('|'),
);
const ASKS_ANY_FIELD_EN = new RegExp(
  Object.values(en.eligibility.questions)
    .map((q) => escape(q.slice(0, 30)))
    .join('|'),
);
const ELIGIBILITY_PLACE = /(dans quelle commune|quelle commune|which town|where is your)/i;
const CONTACT_PLACE = exactly(fr.contact.askPlace.slice(0, 50));
const ADVICE =
  /(dispositifs? vous (sont ouverts|est ouvert)|Aucun dispositif n'est ouvert|À préciser : |ma base ne contient aucun dispositif|schemes? (are|is) open to you|No scheme is open|ma base)/;
const WHY_NOT = new RegExp(
  `${escape(fr.eligibility.whyNotHead)}|${escape(fr.eligibility.whyNotNone.slice(0, 40))}|${escape(fr.eligibility.whyNotFirst.slice(0, 30))}|${escape(en.eligibility.whyNotHead)}`,
);
const RESTART = exactly(fr.chat.restart.slice(0, 20));
const HELP = /^Je peux/m;
const FIRM = exactly(fr.contact.askFirm);
const PERSON = exactly(fr.contact.askPerson.slice(0, 30));
const DETAILS = exactly(fr.contact.askDetails.slice(0, 30));
const NEED = /En une phrase, quel est votre besoin/;
const SUMMARY = exactly(fr.contact.summaryIntro.slice(0, 30));
const RECORDED = /enregistrée sous la référence TI-\d{4}-[A-Z0-9]{5}/;
const OPERATOR_QUESTION = exactly(fr.contact.whichOperator);
/** A question asked again, with an example of an answer. */
const EXAMPLE = /(par exemple|for example|e\.g\.|« \d+ »|"\d+")/i;

const CLUSES_FIRM = 'on est une boite de décolletage à Cluses, 45 personnes, on cherche à exporter au Canada';
/** A firm description of over 2,000 characters, its town at the very end. */
const LONG_FIRM = [
  'Bonjour, je me permets de vous écrire au nom de notre entreprise familiale de plasturgie, créée par mon grand-père en 1968.',
  'Nous concevons et fabriquons des pièces techniques injectées pour la cosmétique, le médical et l’automobile, avec un bureau d’études intégré et un atelier de moules.',
  'Nous employons 85 salariés, dont une quinzaine de régleurs et de techniciens, et notre chiffre d’affaires était de 14 M€ l’an dernier, en légère hausse malgré la hausse des prix de l’énergie et des matières.',
  'Nos clients historiques sont en France, mais nous travaillons de plus en plus avec des donneurs d’ordre suisses et allemands qui nous demandent des garanties sur notre empreinte carbone.',
  'Nous voulons investir dans deux presses électriques, robotiser la sortie des presses et remplacer notre compresseur, ce qui réduirait notre consommation d’énergie d’environ un tiers.',
  'Nous aimerions aussi recruter un ou deux jeunes diplômés pour la méthode et la qualité, et former nos opérateurs aux nouveaux équipements, sans quoi le projet ne tiendra pas.',
  'Nous avons déjà rencontré notre banque, qui nous demande de chercher les aides publiques possibles avant de boucler le financement, et un cabinet de conseil nous a parlé des Territoires d’industrie sans savoir nous dire qui contacter.',
  'Nous avons besoin d’y voir clair rapidement car les délais de livraison des presses sont longs et nous devons passer commande avant la fin du trimestre.',
  'Côté organisation, nous travaillons en deux équipes, avec un atelier de maintenance interne et un laboratoire de contrôle qui mesure chaque série, et nous sommes certifiés pour le médical depuis quatre ans.',
  'Nous nous demandons aussi si un accompagnement à l’export existe pour prospecter en Suisse, et qui pourrait nous aider à monter un dossier sérieux sans y passer nos soirées.',
  'Merci d’avance pour votre retour, même partiel, et pour les noms des bonnes personnes à appeler, chez Bpifrance comme ailleurs ; nous restons joignables toute la semaine au standard de l’usine.',
  'Notre usine est à Bellignat',
].join(' ');

// -------------------------------------------------------------------------------------------------
// 1. Crash: the place question asked twice, then "pourquoi pas ?"
// -------------------------------------------------------------------------------------------------
const crash: Conversation[] = [
  {
    id: 'crash-place-asked-twice',
    kind: 'crash',
    turns: [
      say('mes aides', { says: ELIGIBILITY_PLACE, noPlace: true }),
      say('blabla', { noPlace: true, says: ELIGIBILITY_PLACE }),
      say('Oyonnax', { territory: 'ti-8413', says: asks('needs') }),
      say('pourquoi pas ?', { says: WHY_NOT }),
    ],
  },
  {
    id: 'crash-place-asked-once',
    kind: 'crash',
    turns: [say('mes aides'), say('Oyonnax', { territory: 'ti-8413' }), say('pourquoi pas ?', { says: WHY_NOT })],
  },
  {
    id: 'crash-place-asked-three-times',
    kind: 'crash',
    turns: [
      say('mes aides'),
      say('xyz', { noPlace: true }),
      say('je sais pas', { noPlace: true }),
      say('Oyonnax', { territory: 'ti-8413' }),
      say('et pourquoi pas ?', { says: WHY_NOT }),
    ],
  },
  { id: 'crash-why-not-first', kind: 'crash', turns: [say('pourquoi pas ?', { says: exactly(fr.eligibility.whyNotFirst.slice(0, 30)) })] },
  {
    id: 'crash-why-not-in-english',
    kind: 'crash',
    turns: [
      say('which schemes can I get?', { says: /which town|Where is your|town/i, lang: 'en' }),
      say('blah', { noPlace: true }),
      say('Oyonnax', { territory: 'ti-8413' }),
      say('why not?', { lang: 'en' }),
    ],
  },
  {
    id: 'crash-why-not-during-question',
    kind: 'crash',
    turns: [
      say('on veut innover, usine à Thiers', { territory: 'ti-8408', says: asks('headcount') }),
      say('pourquoi pas ?', { says: WHY_NOT }),
      say('45', { says: ADVICE }),
    ],
  },
  {
    id: 'crash-why-not-after-place-question-and-help',
    kind: 'crash',
    turns: [
      say('mes aides'),
      say('aide', { says: HELP }),
      say('bof', { noPlace: true }),
      say('Oyonnax', { territory: 'ti-8413' }),
      say('pourquoi pas', { says: WHY_NOT }),
    ],
  },
];

// -------------------------------------------------------------------------------------------------
// 2. Buttons: every card button in every state (the Action.Submit data as value, no text)
// -------------------------------------------------------------------------------------------------
const OPERATORS = [
  ['banque-des-territoires', 'Contacter Banque des Territoires'],
  ['bpifrance', 'Contacter Bpifrance'],
  ['business-france', 'Contacter Business France'],
  ['france-travail', 'Contacter France Travail'],
] as const;

const buttons: Conversation[] = [
  {
    id: 'buttons-choice-reunion-then-schemes-then-restart',
    kind: 'buttons',
    turns: [
      say('Saint-Denis', { card: 'choices', offers: ['Saint-Denis (La Réunion, 974)', 'Saint-Denis (Seine-Saint-Denis, 93)'] }),
      click('Saint-Denis (La Réunion, 974)', { commune: 'Saint-Denis (974)', outside: true }),
      click('Voir mes aides', { says: asks('needs') }),
      click('Recommencer', { says: RESTART }, true),
    ],
  },
  {
    id: 'buttons-choice-gers',
    kind: 'buttons',
    turns: [
      say('Saint-Martin', { card: 'choices' }),
      click('Saint-Martin (Gers, 32)', { commune: 'Saint-Martin (32)', territory: 'ti-7608', card: 'territory' }),
    ],
  },
  {
    id: 'buttons-choice-hautes-pyrenees',
    kind: 'buttons',
    turns: [say('Saint-Martin'), click('Saint-Martin (Hautes-Pyrénées, 65)', { commune: 'Saint-Martin (65)', territory: 'ti-7510' })],
  },
  {
    id: 'buttons-choice-seine-saint-denis',
    kind: 'buttons',
    turns: [say('saint denis'), click('Seine-Saint-Denis', { commune: 'Saint-Denis (93)', outside: true })],
  },
  {
    id: 'buttons-choice-valence-drome',
    kind: 'buttons',
    turns: [say('Valence'), click('Valence (Drôme, 26)', { territory: 'ti-8421' })],
  },
  {
    id: 'buttons-choice-clicked-twice',
    kind: 'buttons',
    turns: [
      say('Saint-Martin'),
      click('Saint-Martin (Gers, 32)', { territory: 'ti-7608' }),
      click('Saint-Martin (Hautes-Pyrénées, 65)', { territory: 'ti-7510' }, true),
    ],
  },
  {
    id: 'buttons-choice-chip',
    kind: 'buttons',
    turns: [say('Saint-Martin'), chip('Saint-Martin (Gers, 32)', { territory: 'ti-7608' })],
  },
  {
    id: 'buttons-choice-in-teams',
    kind: 'buttons',
    channelId: 'msteams',
    turns: [say('Valence'), click('Valence (Tarn-et-Garonne, 82)', { commune: 'Valence (82)' })],
  },
  ...OPERATORS.map(([operator, title]): Conversation => ({
    id: `buttons-territory-contact-${operator}`,
    kind: 'buttons',
    turns: [say('Oyonnax', { territory: 'ti-8413', offers: title }), click(title, { operator, says: FIRM })],
  })),
  {
    id: 'buttons-territory-schemes',
    kind: 'buttons',
    turns: [say('Cluses', { territory: 'ti-8422' }), click('Voir mes aides', { says: asks('needs') }), say('exporter', { says: ADVICE, card: 'schemes' })],
  },
  { id: 'buttons-territory-restart', kind: 'buttons', turns: [say('Grenoble', { territory: 'ti-8420' }), click('Recommencer', { says: RESTART })] },
  {
    id: 'buttons-outside-territory-card',
    kind: 'buttons',
    turns: [say('Paris', { outside: true }), click('Voir mes aides', { says: asks('needs') }), say('recruter', { says: ADVICE })],
  },
  {
    id: 'buttons-outside-contact',
    kind: 'buttons',
    // Outside every territory the request goes to the operator's entry point (the region's or the national one).
    turns: [
      say('Lyon', { outside: true, offers: 'Contacter Bpifrance' }),
      say('contacter Bpifrance', {
        says: [/Votre site n'est dans aucun Territoire d'industrie : votre demande sera transmise au point d'entrée/, FIRM],
        operator: 'bpifrance',
      }),
    ],
  },
  {
    id: 'buttons-schemes-contact',
    kind: 'buttons',
    turns: [
      say('PME de 40 salariés à Oyonnax, on veut recruter', { territory: 'ti-8413', card: 'schemes', offers: 'Contacter France Travail' }),
      click('Contacter France Travail', { operator: 'france-travail', says: FIRM }),
    ],
  },
  {
    id: 'buttons-schemes-restart',
    kind: 'buttons',
    turns: [say('PME de 40 salariés à Oyonnax, on veut recruter', { card: 'schemes' }), click('Recommencer', { says: RESTART })],
  },
  {
    id: 'buttons-old-territory-card-during-question',
    kind: 'buttons',
    turns: [say('Oyonnax', { territory: 'ti-8413' }), say('Saint-Martin', { card: 'choices' }), click('Voir mes aides', { says: asks('needs') }, true)],
  },
  {
    id: 'buttons-old-territory-contact-during-question',
    kind: 'buttons',
    turns: [say('Oyonnax'), say('Saint-Martin'), click('Contacter Bpifrance', { operator: 'bpifrance', says: FIRM }, true)],
  },
  {
    id: 'buttons-choice-during-contact',
    kind: 'buttons',
    turns: [
      say('Saint-Martin'),
      click('Saint-Martin (Gers, 32)'),
      click('Contacter Bpifrance', { says: FIRM }),
      click('Saint-Martin (Hautes-Pyrénées, 65)', { territory: 'ti-7510' }, true),
    ],
  },
  {
    id: 'buttons-schemes-button-during-contact',
    kind: 'buttons',
    turns: [say('Oyonnax'), click('Contacter Bpifrance', { says: FIRM }), click('Voir mes aides', { says: asks('needs') }, true)],
  },
  {
    id: 'buttons-other-operator-during-contact',
    kind: 'buttons',
    turns: [
      say('Oyonnax'),
      click('Contacter Bpifrance'),
      say('Plasturgie Exemple', { says: PERSON }),
      click('Contacter France Travail', { operator: 'france-travail', says: FIRM }, true),
    ],
  },
  {
    id: 'buttons-restart-during-contact',
    kind: 'buttons',
    turns: [say('Oyonnax'), click('Contacter Bpifrance'), say('Plasturgie Exemple'), click('Recommencer', { says: [RESTART, /abandonnée/] }, true)],
  },
  {
    id: 'buttons-summary-accept-then-again',
    kind: 'buttons',
    turns: [
      say('Oyonnax'),
      click('Contacter Bpifrance'),
      say('Plasturgie Exemple SARL', { says: PERSON }),
      say('Camille Exemple', { says: DETAILS }),
      say('camille.exemple@example.com', { says: NEED }),
      say('financer une presse à injecter', { says: SUMMARY, card: 'contact-summary', offers: ["J'accepte et j'envoie", 'Annuler'] }),
      click("J'accepte et j'envoie", { says: RECORDED, operator: 'bpifrance', card: 'contact-confirmation' }),
      click("J'accepte et j'envoie", { says: /déjà envoyée, sous la référence TI-/ }, true),
    ],
  },
  {
    id: 'buttons-summary-cancel-then-accept-old',
    kind: 'buttons',
    turns: [
      say('Oyonnax'),
      click('Contacter France Travail'),
      say('Plasturgie Exemple SARL'),
      say('Camille Exemple'),
      say('06 12 34 56 78'),
      say('recruter deux régleurs'),
      click('Annuler', { says: exactly(fr.contact.cancelled) }),
      click("J'accepte et j'envoie", { says: exactly(fr.contact.draftClosed.slice(0, 40)) }, true),
    ],
  },
  {
    id: 'buttons-summary-chip-accept',
    kind: 'buttons',
    turns: [
      say('Oyonnax'),
      click('Contacter Business France'),
      say('Plasturgie Exemple SARL'),
      say('Camille Exemple'),
      say('camille.exemple@example.com'),
      say('exporter au Canada'),
      chip(/accepte/, { says: RECORDED, operator: 'business-france' }),
    ],
  },
  {
    id: 'buttons-summary-after-restart',
    kind: 'buttons',
    turns: [
      say('Oyonnax'),
      click('Contacter Bpifrance'),
      say('Plasturgie Exemple SARL'),
      say('Camille Exemple'),
      say('camille.exemple@example.com'),
      say('financer une machine'),
      say('recommencer', { says: RESTART }),
      click("J'accepte et j'envoie", { says: exactly(fr.contact.draftClosed.slice(0, 40)) }, true),
    ],
  },
  {
    id: 'buttons-place-choice-inside-contact',
    kind: 'buttons',
    turns: [
      say('contacter mon référent Bpifrance', { says: CONTACT_PLACE }),
      say('Saint-Martin', { card: 'choices' }),
      // The place's answer and the recipient's sentence in one message, then the question alone.
      click('Saint-Martin (Gers, 32)', { territory: 'ti-7608', operator: 'bpifrance', card: 'territory', messages: 2, asksLast: FIRM }),
    ],
  },
  {
    id: 'flow-contact-place-then-operator',
    kind: 'flows',
    turns: [
      say('je voudrais contacter un référent', { says: CONTACT_PLACE }),
      // The place's answer first, then the flow's question, last (the flow asked before taking it).
      say('Cluses', { territory: 'ti-8422', messages: 2, asksLast: exactly(fr.contact.whichOperator) }),
    ],
  },
  {
    id: 'flow-contact-place-in-the-request',
    kind: 'flows',
    turns: [
      say('usine à Figeac, je voudrais contacter Bpifrance', {
        territory: 'ti-7603',
        operator: 'bpifrance',
        card: 'territory',
        messages: 2,
        asksLast: FIRM,
      }),
    ],
  },
  {
    id: 'buttons-place-choice-inside-eligibility',
    kind: 'buttons',
    turns: [
      say('mes aides', { says: ELIGIBILITY_PLACE }),
      say('Saint-Martin', { card: 'choices' }),
      click('Saint-Martin (Gers, 32)', { territory: 'ti-7608', messages: 2, asksLast: asks('needs') }),
    ],
  },
  {
    id: 'buttons-place-choice-inside-eligibility-description',
    kind: 'buttons',
    turns: [
      say('PME de 50 salariés, on veut recruter, on est à Valence', { card: 'choices' }),
      click('Valence (Drôme, 26)', { territory: 'ti-8421', says: ADVICE, card: ['schemes', 'territory'], messages: 2, asksLast: ASKS_ANY_FIELD }),
    ],
  },
  {
    id: 'buttons-operator-chip',
    kind: 'buttons',
    turns: [
      say('Oyonnax'),
      say('contacter mon référent', { says: OPERATOR_QUESTION, offers: 'Bpifrance' }),
      chip('Bpifrance', { operator: 'bpifrance', says: FIRM }),
    ],
  },
  { id: 'buttons-empty-value', kind: 'buttons', turns: [{ value: {}, expect: { capabilities: true, noPlace: true } }] },
  { id: 'buttons-forged-choice', kind: 'buttons', turns: [{ value: { action: 'choose', value: '99999' }, expect: { noPlace: true } }] },
  { id: 'buttons-unknown-action', kind: 'buttons', turns: [{ value: { action: 'launch-rockets' }, expect: { capabilities: true } }] },
  {
    id: 'buttons-choose-territory-name',
    kind: 'buttons',
    turns: [{ value: { action: 'choose', value: 'Plastics Vallée – Oyonnax' }, expect: { territory: 'ti-8413' } }],
  },
  {
    id: 'buttons-choose-insee-code',
    kind: 'buttons',
    turns: [{ value: { action: 'choose', value: '01283' }, expect: { commune: 'Oyonnax (01)', territory: 'ti-8413' } }],
  },
  {
    id: 'buttons-consent-clicked-without-draft',
    kind: 'buttons',
    turns: [
      { value: { action: 'contact-consent', operator: 'bpifrance', draftId: 'no-such-draft' }, expect: { says: exactly(fr.contact.draftClosed.slice(0, 40)) } },
    ],
  },
  {
    id: 'buttons-contact-without-territory',
    kind: 'buttons',
    turns: [
      { value: { action: 'contact', operator: 'france-travail' }, expect: { says: CONTACT_PLACE } },
      say('Oyonnax', { operator: 'france-travail', says: FIRM }),
    ],
  },
  {
    id: 'buttons-eligibility-without-territory',
    kind: 'buttons',
    turns: [{ value: { action: 'eligibility' }, expect: { says: ELIGIBILITY_PLACE } }, say('Bellignat', { territory: 'ti-8413', says: asks('needs') })],
  },
  { id: 'buttons-restart-fresh', kind: 'buttons', turns: [{ value: { action: 'restart' }, expect: { says: RESTART } }] },
  {
    id: 'buttons-namesake',
    kind: 'buttons',
    turns: [
      say('Cluses', { commune: 'Cluses (74)', territory: 'ti-8422', offers: 'Les Cluses' }),
      click('Les Cluses', { commune: 'Les Cluses (66)', territory: 'ti-7613' }),
    ],
  },
  {
    id: 'buttons-text-and-value',
    kind: 'buttons',
    turns: [say('Saint-Martin'), { value: { action: 'choose', value: '32389' }, text: 'Saint-Martin (Gers, 32)', expect: { territory: 'ti-7608' } }],
  },
];

// -------------------------------------------------------------------------------------------------
// 3. Namesakes and departments, also inside a flow
// -------------------------------------------------------------------------------------------------
const namesakes: Conversation[] = [
  {
    id: 'namesakes-cluses-firm-then-cluses',
    kind: 'namesakes',
    turns: [
      say(CLUSES_FIRM, { territory: 'ti-8422', commune: 'Cluses (74)', offers: 'Les Cluses' }),
      say('Cluses', { notRepeated: true, not: ELIGIBILITY_PLACE }),
      say('Cluses', { notRepeated: true, not: ELIGIBILITY_PLACE, says: exactly(fr.eligibility.questionsStopped.slice(0, 30)) }),
    ],
  },
  {
    id: 'namesakes-eligibility-place-cluses',
    kind: 'namesakes',
    turns: [say('mes aides', { says: ELIGIBILITY_PLACE }), say('Cluses', { territory: 'ti-8422', offers: 'Les Cluses', messages: 2, asksLast: asks('needs') })],
  },
  {
    id: 'namesakes-eligibility-place-les-cluses-button',
    kind: 'namesakes',
    turns: [say('mes aides'), say('Cluses', { offers: 'Les Cluses' }), click('Les Cluses', { territory: 'ti-7613', commune: 'Les Cluses (66)' })],
  },
  {
    id: 'namesakes-contact-place-cluses',
    kind: 'namesakes',
    turns: [say('contacter Bpifrance', { says: CONTACT_PLACE }), say('Cluses', { territory: 'ti-8422', operator: 'bpifrance', says: FIRM })],
  },
  { id: 'namesakes-les-cluses', kind: 'namesakes', turns: [say('Les Cluses', { commune: 'Les Cluses (66)', territory: 'ti-7613' })] },
  {
    id: 'namesakes-department-le-04',
    kind: 'namesakes',
    turns: [say('le 04', { noPlace: true, says: /Alpes-de-Haute-Provence/ }), say('Manosque', { commune: 'Manosque (04)' })],
  },
  {
    id: 'namesakes-department-74-then-town',
    kind: 'namesakes',
    turns: [say('74', { noPlace: true, says: /Haute-Savoie/ }), say('Cluses', { territory: 'ti-8422' })],
  },
  {
    id: 'namesakes-department-name-alone',
    kind: 'namesakes',
    turns: [say('Haute-Savoie', { noPlace: true, says: /Haute-Savoie/ }), say('Marignier', { territory: 'ti-8422' })],
  },
  { id: 'namesakes-narrow-by-number', kind: 'namesakes', turns: [say('Saint-Denis', { card: 'choices' }), say('93', { commune: 'Saint-Denis (93)' })] },
  { id: 'namesakes-narrow-by-parentheses', kind: 'namesakes', turns: [say('Saint-Denis'), say('(93)', { commune: 'Saint-Denis (93)' })] },
  { id: 'namesakes-narrow-by-le-974', kind: 'namesakes', turns: [say('Saint-Denis'), say('le 974', { commune: 'Saint-Denis (974)' })] },
  { id: 'namesakes-pick-celle-du-93', kind: 'namesakes', turns: [say('On est à Saint-Denis'), say('celle du 93', { commune: 'Saint-Denis (93)' })] },
  { id: 'namesakes-pick-by-rank', kind: 'namesakes', turns: [say('Saint-Denis'), say('la deuxième', { commune: 'Saint-Denis (93)' })] },
  {
    id: 'namesakes-pick-the-one-in',
    kind: 'namesakes',
    // Not the commune La Réunion (47): the candidate in that department.
    turns: [say('Saint-Denis'), say('the one in La Réunion', { commune: 'Saint-Denis (974)', not: /La Réunion \(47\)/ })],
  },
  {
    id: 'namesakes-narrow-by-department-name',
    kind: 'namesakes',
    turns: [say('Saint-Martin'), say('Gers', { commune: 'Saint-Martin (32)', territory: 'ti-7608' })],
  },
  { id: 'namesakes-narrow-by-dans-le', kind: 'namesakes', turns: [say('Valence'), say('dans la Drôme', { territory: 'ti-8421' })] },
  { id: 'namesakes-narrow-by-number-26', kind: 'namesakes', turns: [say('Valence'), say('26', { territory: 'ti-8421' })] },
  {
    id: 'namesakes-narrow-not-offered',
    kind: 'namesakes',
    turns: [say('Saint-Denis'), say('le 01', { noPlace: true, not: /n'est dans aucun|est dans le Territoire/ })],
  },
  { id: 'namesakes-saint-denis-93-question', kind: 'namesakes', turns: [say('Saint Denis 93 ?', { commune: 'Saint-Denis (93)' })] },
  { id: 'namesakes-name-and-department', kind: 'namesakes', turns: [say('Saint-Martin Gers', { territory: 'ti-7608' })] },
  {
    id: 'namesakes-eligibility-narrow',
    kind: 'namesakes',
    turns: [say('mes aides'), say('Saint-Denis', { card: 'choices' }), say('93', { commune: 'Saint-Denis (93)', says: asks('needs') })],
  },
  {
    id: 'namesakes-contact-narrow',
    kind: 'namesakes',
    turns: [say('contacter mon référent France Travail'), say('Saint-Martin'), say('Gers', { territory: 'ti-7608', operator: 'france-travail', says: FIRM })],
  },
  { id: 'namesakes-exact-over-partial', kind: 'namesakes', turns: [say('cluses', { commune: 'Cluses (74)' })] },
  { id: 'namesakes-choice-by-digit', kind: 'namesakes', turns: [say('Saint-Martin'), say('3', { commune: 'Saint-Martin (32)' })] },
  { id: 'namesakes-choice-by-label', kind: 'namesakes', turns: [say('Saint-Martin'), say('Saint-Martin (Gers, 32)', { commune: 'Saint-Martin (32)' })] },
];

// -------------------------------------------------------------------------------------------------
// 4. No town from ordinary words (multi-turn: nothing wrong is stored for later)
// -------------------------------------------------------------------------------------------------
const noPlace: Conversation[] = [
  {
    id: 'no-place-complaint-then-schemes',
    kind: 'no-place',
    turns: [say("t'es nul, ça marche pas ton truc", { noPlace: true, capabilities: true }), say('mes aides', { says: ELIGIBILITY_PLACE, not: /Nevers/ })],
  },
  {
    id: 'no-place-dont-know-then-contact',
    kind: 'no-place',
    turns: [say('je ne sais pas', { noPlace: true, capabilities: true }), say('contacter mon référent', { says: CONTACT_PLACE })],
  },
  { id: 'no-place-person-name', kind: 'no-place', turns: [say('Anne Roux', { noPlace: true })] },
  { id: 'no-place-alert', kind: 'no-place', turns: [say('alert', { noPlace: true })] },
  {
    id: 'no-place-export-canada',
    kind: 'no-place',
    turns: [say('on veut exporter au Canada', { noPlace: true, says: ELIGIBILITY_PLACE }), say('Cluses', { territory: 'ti-8422', says: ADVICE })],
  },
  { id: 'no-place-rafale', kind: 'no-place', turns: [say('combien coûte un Rafale ?', { noPlace: true, capabilities: true, noCard: true })] },
  { id: 'no-place-unknown-commune', kind: 'no-place', turns: [say('Trifouillis-les-Oies', { noPlace: true, says: /Trifouillis-les-Oies/ })] },
  { id: 'no-place-unknown-code', kind: 'no-place', turns: [say('99999', { noPlace: true, says: /99999/ })] },
  { id: 'no-place-english', kind: 'no-place', turns: [say("what's the weather like today?", { noPlace: true, capabilities: true, lang: 'en' })] },
  { id: 'no-place-blabla', kind: 'no-place', turns: [say('blabla', { noPlace: true, capabilities: true })] },
  { id: 'no-place-ok', kind: 'no-place', turns: [say('Oyonnax'), say('ok', { noPlace: true, lang: 'fr' })] },
  { id: 'no-place-oui', kind: 'no-place', turns: [say('oui', { noPlace: true, lang: 'fr' })] },
  { id: 'no-place-insult-then-place', kind: 'no-place', turns: [say('bot débile', { noPlace: true }), say('Figeac', { territory: 'ti-7603' })] },
  { id: 'no-place-sector-words', kind: 'no-place', turns: [say('décolletage', { noPlace: true }), say('plasturgie', { noPlace: true })] },
  { id: 'no-place-question-about-vte', kind: 'no-place', turns: [say("c'est quoi le VTE ?", { noPlace: true })] },
  { id: 'no-place-firm-name', kind: 'no-place', turns: [say('Mécanique Exemple SAS', { noPlace: true })] },
  { id: 'no-place-la-marche', kind: 'no-place', turns: [say('la marche à suivre ?', { noPlace: true }), say('mes aides', { not: /Nevers/ })] },
  {
    id: 'no-place-then-why-not',
    kind: 'no-place',
    turns: [say('je ne sais pas'), say('pourquoi pas ?', { says: exactly(fr.eligibility.whyNotFirst.slice(0, 30)) })],
  },
];

// -------------------------------------------------------------------------------------------------
// 6. Nothing typed is lost in a flow
// -------------------------------------------------------------------------------------------------
const inputKept: Conversation[] = [
  {
    id: 'kept-place-answer-sentence',
    kind: 'input-kept',
    turns: [say('mes aides'), say('notre usine est à Oyonnax', { territory: 'ti-8413', says: asks('needs') })],
  },
  {
    id: 'kept-new-place-during-question',
    kind: 'input-kept',
    turns: [
      say('PME à Oyonnax, on veut investir dans une nouvelle machine', { says: ASKS_ANY_FIELD }),
      say('notre usine est à Cluses en fait', { territory: 'ti-8422' }),
    ],
  },
  {
    id: 'kept-new-firm-during-question',
    kind: 'input-kept',
    turns: [
      say('PME à Oyonnax, on veut investir dans une nouvelle machine'),
      say('nous sommes une PME de 120 salariés à Thiers, on veut innover', { territory: 'ti-8408', says: ADVICE }),
    ],
  },
  {
    id: 'kept-answers-when-the-operator-changes-during-contact',
    kind: 'input-kept',
    turns: [
      say('jveux contacter bpi'),
      say('Thiers', { says: FIRM }),
      say('Forges Exemple', { says: PERSON }),
      // Another operator: the request goes on with the firm's name already given, nothing dropped.
      say('en fait plutôt france travail', { operator: 'france-travail', says: PERSON, not: [FIRM, /abandonnée/] }),
      // The e-mail where the person's name is asked: not taken as a name.
      say('jean@exemple.test', { says: exactly(fr.contact.personNotDetails.slice(0, 40)), not: DETAILS }),
      say('Jean Exemple', { says: DETAILS }),
      say('jean@exemple.test', { says: NEED }),
      say('on cherche à recruter 3 soudeurs', { says: SUMMARY }),
      // At the summary: the summary again, for the other operator, every answer kept.
      say('en fait plutôt business france', { operator: 'business-france', says: SUMMARY, not: [FIRM, PERSON, DETAILS, NEED] }),
    ],
  },
  {
    id: 'need-typed-where-the-name-is-asked',
    kind: 'input-kept',
    turns: [
      say('jveux contacter bpi'),
      say('Oyonnax', { says: FIRM }),
      say('Plasturgie Fictive', { says: PERSON }),
      // The need, a question early: not taken as the person's name; the name is asked again.
      say('on veut financer une nouvelle presse à injecter', { says: exactly(fr.contact.personNotSentence.slice(0, 40)), not: DETAILS }),
      say('J. Exemple', { says: DETAILS }),
      say('j.exemple@exemple.test', { says: NEED }),
      // "oui" is no need a referent can act on.
      say('oui', { says: exactly(fr.contact.needTooShort.slice(0, 40)), not: SUMMARY }),
      say('financer une presse à injecter', { says: SUMMARY }),
    ],
  },
  {
    id: 'need-typed-where-the-firm-is-asked',
    kind: 'language',
    turns: [
      say('I want to contact France Travail, our plant is in Figeac', { says: exactly(en.contact.askFirm) }),
      // The need where the firm's name is asked, then "yes" where the person's name is: asked again, in English.
      say('we want to train jobseekers before hiring them', { says: exactly(en.contact.firmNotSentence.slice(0, 30)), not: exactly(en.contact.askPerson) }),
      say('Fictive Foundry Ltd', { says: exactly(en.contact.askPerson.slice(0, 30)) }),
      say('yes', { says: exactly(en.contact.personNotSentence.slice(0, 30)), not: exactly(en.contact.askDetails.slice(0, 30)) }),
      say('Jane Example', { says: exactly(en.contact.askDetails.slice(0, 30)) }),
    ],
  },
  {
    id: 'kept-operator-when-site-moves-during-contact',
    kind: 'input-kept',
    turns: [
      say('jveux contacter bpi'),
      say('Oyonnax', { says: FIRM }),
      // Not the firm's name: the same request, from the site just given, with nothing said dropped.
      say('en fait on est à Thiers', { territory: 'ti-8408', operator: 'bpifrance', says: FIRM, not: /abandonnée/ }),
      say('Forges Exemple', { says: PERSON }),
    ],
  },
  {
    id: 'kept-question-on-a-scheme-during-question',
    kind: 'input-kept',
    locale: 'en-US',
    turns: [
      say('Hi, plastics firm in Oyonnax, 120 staff, we want to hire a young graduate'),
      say('what about VTE?', { lang: 'en', says: [/vte-france\.fr/, ASKS_ANY_FIELD_EN] }),
    ],
  },
  {
    id: 'kept-figures-given-for-the-project',
    kind: 'input-kept',
    turns: [
      say('Thiers', { territory: 'ti-8408' }),
      click('Voir mes aides', { says: asks('needs') }),
      // A figure instead of the project: said back and kept, the project asked again, no "pas compris".
      say('on est 300 salariés', { says: [exactly("C'est noté : 300 salariés."), asks('needs')], not: exactly(fr.eligibility.answerAgain) }),
      // A scheme's name for the project: the project it serves, with the headcount kept (no headcount question).
      say("l'accélérateur", { says: [ADVICE, /Accélérateurs Bpifrance/], not: [asks('needs'), asks('headcount')] }),
    ],
  },
  {
    id: 'kept-figures-given-for-the-project-en',
    kind: 'input-kept',
    locale: 'en-US',
    turns: [
      say('hi, we are in Thiers', { territory: 'ti-8408' }),
      click('See my schemes', { lang: 'en', says: asks('needs', 'en') }),
      say('we have 45 staff', { lang: 'en', says: [exactly('Noted: 45 employees.'), asks('needs', 'en')] }),
    ],
  },
  {
    id: 'kept-scheme-named-as-the-project',
    kind: 'input-kept',
    turns: [
      // "Do we qualify for the Bpifrance accelerator?": that scheme's project, not "what is your project?".
      say('on est a thiers, on voudrait savoir si on a droit a l accelerateur bpi', {
        territory: 'ti-8408',
        says: [ADVICE, /Accélérateurs Bpifrance/],
        not: asks('needs'),
      }),
    ],
  },
  {
    id: 'kept-entitled-to-the-scheme-explained',
    kind: 'input-kept',
    turns: [
      say('Thiers', { territory: 'ti-8408' }),
      say("c'est quoi le VTE ?", { says: /vte-france\.fr/ }),
      // "Are we entitled to it?": the VTE's project (recruiting), not "what is your project?" nor the help.
      say('et on y a droit ?', { says: [ADVICE, asks('wantsYoungGraduate')], not: [asks('needs'), HELP] }),
    ],
  },
  {
    id: 'department-named-alone',
    kind: 'no-place',
    turns: [
      // A department, not a part of a commune's name (Le Puy, Gironde; Loiré, Maine-et-Loire): the commune is asked within it.
      say('on est dans le Puy-de-Dôme', { says: /département Puy-de-Dôme \(63\)/, not: /Le Puy \(Gironde/ }),
      // Changed mind, with an article that only the department takes (the commune Allier is in the 65).
      say("ah non pardon, dans l'Allier", { says: /département Allier \(03\)/, not: /Allier \(65\)/ }),
    ],
  },
  { id: 'department-named-alone-2', kind: 'no-place', turns: [say('dans la Loire', { says: /département Loire \(42\)/, not: /Loiré/ })] },
  {
    id: 'department-named-like-a-village',
    kind: 'no-place',
    turns: [
      // Allier alone is the department (03); the village Allier (65) is offered beside it, one click away.
      say('Allier', { says: [/département Allier \(03\)/, /Allier \(Hautes-Pyrénées, 65\)/] }),
      say('Allier (Hautes-Pyrénées, 65)', { territory: 'ti-7510' }),
    ],
  },
  {
    id: 'department-given-in-a-first-eligibility-message',
    kind: 'flows',
    turns: [
      // The department is kept: the commune is asked within it, and the answer goes on with the advice.
      say("PME de 30 salariés dans l'Allier, on veut recruter", { says: /département Allier \(03\)/, not: /Allier \(65\)/ }),
      say('Montluçon', { territory: 'ti-8409', says: ADVICE }),
    ],
  },
  {
    id: 'kept-headcount-alone-after-a-lookup',
    kind: 'input-kept',
    turns: [
      say('Thiers', { territory: 'ti-8408' }),
      // A headcount with no other word: said back and kept, then the project asked; before, the help.
      say('on est 12', { says: [exactly("C'est noté : 12 salariés."), asks('needs')], not: HELP }),
      say('recruter', { says: ADVICE, not: asks('headcount') }),
    ],
  },
  {
    id: 'kept-headcount-in-words',
    kind: 'input-kept',
    turns: [
      say('on veut innover, usine à Thiers', { says: asks('headcount') }),
      // Forty-five employees, not the commune Quarante (34): the site stays Thiers.
      // (Or, the number model still warming up, the request to write it in figures.)
      say('quarante-cinq', {
        not: [/Quarante \(34\)/, /hors Territoire/],
        says: new RegExp(`${ADVICE.source}|${escape(fr.eligibility.answerUnread.slice(0, 40))}`),
      }),
    ],
  },
  {
    id: 'kept-figure-instead-of-yes-or-no',
    kind: 'input-kept',
    turns: [
      say('pme a oyonnax on veut recruter', { says: asks('wantsYoungGraduate') }),
      // A figure instead of yes or no: the advice follows it and the next question says it was noted.
      say('en fait on est 300', { says: [ADVICE, exactly("C'est noté : 300 salariés.")], not: exactly(fr.eligibility.answerAgain) }),
    ],
  },
  {
    id: 'kept-figures-after-the-advice',
    kind: 'input-kept',
    turns: [
      say('bjr, pme de 40 pers a figeac, on veut investir dans une machine', { territory: 'ti-7603', says: ADVICE }),
      say('je sais pas', { says: exactly(fr.eligibility.unanswered) }),
      // The questions are over; a figure added afterwards is more about the same firm and project.
      say('on a 8 M€ de CA', { says: [exactly("C'est noté : chiffre d'affaires de 8 M€."), ADVICE], not: [asks('needs'), HELP] }),
    ],
  },
  {
    id: 'kept-postal-code-at-the-project-question',
    kind: 'input-kept',
    turns: [
      say('mes aides'),
      say('Oyonnax', { says: asks('needs') }),
      // A postal code where no figure is asked is a place (the site moves), not "pas compris".
      say('63 300', { territory: 'ti-8408', says: asks('needs'), not: exactly(fr.eligibility.answerAgain) }),
    ],
  },
  {
    id: 'kept-turnover-given-for-the-headcount',
    kind: 'input-kept',
    turns: [
      say('on veut innover, usine à Thiers', { says: asks('headcount') }),
      // An amount, not 30 employees: said back, and the headcount asked again.
      say('on a 30 M€ de CA', { says: [exactly("C'est noté : chiffre d'affaires de 30 M€."), asks('headcount')], not: asks('turnoverEur') }),
    ],
  },
  {
    id: 'kept-dont-know-leaves-the-question',
    kind: 'input-kept',
    turns: [
      say('pme a oyonnax on veut recruter', { says: asks('wantsYoungGraduate') }),
      // "I don't know" is an answer: the question is left aside, not asked again in a loop.
      // Said with the advice that follows, then the next question alone.
      say('jsp', { says: [exactly(fr.eligibility.unanswered), ADVICE], messages: 2, asksLast: ASKS_ANY_FIELD, not: asks('wantsYoungGraduate') }),
    ],
  },
  {
    id: 'kept-dont-know-leaves-the-question-en',
    kind: 'input-kept',
    locale: 'en-US',
    turns: [
      say('we want to hire, plant in Figeac'),
      say('maybe', {
        lang: 'en',
        says: exactly(en.eligibility.unanswered),
        messages: 2,
        asksLast: ASKS_ANY_FIELD_EN,
        not: exactly(en.eligibility.questions.wantsYoungGraduate.slice(0, 40)),
      }),
    ],
  },
  {
    id: 'kept-project-changed-at-yes-no-question',
    kind: 'input-kept',
    turns: [
      say('pme a oyonnax on veut recruter', { says: asks('wantsYoungGraduate') }),
      // The project replaced, not "not understood": the export schemes and their question follow.
      say('en fait on veut plutot exporter', { says: [/Team France Export/, asks('wantsVie')], not: [exactly(fr.eligibility.answerAgain), /MRS/] }),
    ],
  },
  {
    id: 'kept-30-person-firm',
    kind: 'input-kept',
    turns: [
      say('on veut innover, usine à Thiers', { says: asks('headcount') }),
      say('a 30-person firm', { says: ADVICE, not: exactly(fr.eligibility.notUnderstood) }),
    ],
  },
  {
    id: 'kept-quatre-vingts',
    kind: 'input-kept',
    turns: [
      say('on veut innover, usine à Thiers'),
      say('quatre-vingts', { not: exactly(fr.eligibility.notUnderstood), says: new RegExp(`${ADVICE.source}|${EXAMPLE.source}`) }),
    ],
  },
  {
    id: 'kept-en-fait-300',
    kind: 'input-kept',
    turns: [say('on veut innover, usine à Thiers'), say('en fait 300 salariés', { says: ADVICE, not: exactly(fr.eligibility.notUnderstood) })],
  },
  { id: 'kept-bare-number', kind: 'input-kept', turns: [say('on veut innover, usine à Thiers'), say('45', { says: ADVICE })] },
  {
    id: 'kept-town-as-headcount',
    kind: 'input-kept',
    turns: [say('on veut innover, usine à Thiers'), say('Cluses', { territory: 'ti-8422', not: exactly(fr.eligibility.notUnderstood) })],
  },
  {
    id: 'kept-dont-know-headcount',
    kind: 'input-kept',
    turns: [
      say('on veut innover, usine à Thiers'),
      // Once: a rough figure will do (not "pas compris"); twice: the question is left aside.
      say('je ne sais pas', {
        says: [EXAMPLE, exactly(fr.eligibility.estimateWillDo)],
        not: [exactly(fr.eligibility.notUnderstood), exactly(fr.eligibility.answerAgain)],
      }),
      say('jsp', { says: exactly(fr.eligibility.unanswered), not: asks('headcount') }),
    ],
  },
  {
    id: 'kept-dont-know-turnover-en',
    kind: 'input-kept',
    locale: 'en-US',
    turns: [
      say("Hi! We're a 120-employee foundry near Cluses, we'd like to export to Canada"),
      say('yes', { lang: 'en', says: asks('turnoverEur', 'en') }),
      say("I don't know", { lang: 'en', says: [exactly(en.eligibility.estimateWillDo), asks('turnoverEur', 'en')], not: exactly(en.eligibility.answerAgain) }),
      say('about 30 million', { lang: 'en', says: /For your establishment/ }),
    ],
  },
  {
    id: 'kept-gibberish-headcount',
    kind: 'input-kept',
    turns: [say('on veut innover, usine à Thiers'), say('euh', { says: EXAMPLE }), say('une cinquantaine de salariés', { says: ADVICE })],
  },
  { id: 'kept-project-answer', kind: 'input-kept', turns: [say('mes aides'), say('Oyonnax'), say('recruter', { says: ADVICE })] },
  { id: 'kept-project-sentence', kind: 'input-kept', turns: [say('mes aides'), say('Oyonnax'), say('on voudrait exporter au Canada', { says: ADVICE })] },
  { id: 'kept-yes-no-answer', kind: 'input-kept', turns: [say('mes aides'), say('Oyonnax'), say('recruter'), say('oui', { says: ADVICE })] },
  {
    id: 'kept-number-to-yes-no',
    kind: 'input-kept',
    turns: [
      say('mes aides'),
      say('Oyonnax'),
      say('recruter'),
      say('50', { not: exactly(fr.eligibility.notUnderstood), says: /(dispositif|par exemple|oui|non)/i }),
    ],
  },
  { id: 'kept-postal-code-answer', kind: 'input-kept', turns: [say('mes aides'), say('01100', { territory: 'ti-8413', says: asks('needs') })] },
  {
    id: 'kept-help-keeps-step',
    kind: 'input-kept',
    turns: [say('mes aides'), say('aide', { says: HELP }), say('Oyonnax', { territory: 'ti-8413', says: asks('needs') })],
  },
  {
    id: 'kept-restart-ends-flow',
    kind: 'input-kept',
    turns: [say('mes aides'), say('recommencer', { says: RESTART }), say('Oyonnax', { territory: 'ti-8413', not: asks('needs') })],
  },
  { id: 'kept-contact-during-choice', kind: 'input-kept', turns: [say('Saint-Martin'), say('contacter mon référent Bpifrance', { says: CONTACT_PLACE })] },
  { id: 'kept-schemes-during-choice', kind: 'input-kept', turns: [say('Saint-Martin'), say('mes aides', { says: ELIGIBILITY_PLACE })] },
  { id: 'kept-new-place-during-choice', kind: 'input-kept', turns: [say('Saint-Martin'), say('Grenoble', { territory: 'ti-8420' })] },
  { id: 'kept-schemes-during-contact', kind: 'input-kept', turns: [say('Oyonnax'), click('Contacter Bpifrance'), say('mes aides', { says: asks('needs') })] },
  {
    id: 'kept-status-during-contact',
    kind: 'input-kept',
    turns: [say('Oyonnax'), click('Contacter Bpifrance'), say('Exemple SARL'), say('où en est ma demande ?', { says: /demande/ })],
  },
  {
    id: 'kept-place-during-operator-question',
    kind: 'input-kept',
    turns: [say('Oyonnax'), say('contacter mon référent', { says: OPERATOR_QUESTION }), say('Saint-Étienne', { territory: 'ti-8424' })],
  },
  {
    id: 'kept-operator-typed',
    kind: 'input-kept',
    turns: [say('Oyonnax'), say('contacter mon référent'), say('plutôt pôle emploi', { operator: 'france-travail', says: FIRM })],
  },
  { id: 'kept-operator-digit', kind: 'input-kept', turns: [say('Oyonnax'), say('contacter mon référent'), say('2', { operator: 'bpifrance', says: FIRM })] },
  {
    id: 'kept-operator-bad-answer',
    kind: 'input-kept',
    turns: [say('Oyonnax'), say('contacter mon référent'), say('le plus rapide', { says: /Banque des Territoires.*Bpifrance|Choisissez/ })],
  },
  {
    id: 'kept-place-during-contact-place',
    kind: 'input-kept',
    turns: [say('je veux contacter Business France', { says: CONTACT_PLACE }), say('on est à Chamonix', { commune: 'Chamonix-Mont-Blanc (74)' })],
  },
  {
    id: 'kept-garbage-during-contact-place',
    kind: 'input-kept',
    turns: [
      say('contacter Bpifrance', { says: CONTACT_PLACE }),
      say('bof', { noPlace: true, says: /commune|code postal/ }),
      say('Oyonnax', { operator: 'bpifrance', says: FIRM }),
    ],
  },
  {
    id: 'kept-description-during-contact-place',
    kind: 'input-kept',
    turns: [say('contacter Bpifrance'), say('PME de 40 salariés à Oyonnax, on veut investir', { territory: 'ti-8413' })],
  },
  {
    id: 'kept-bad-email-retry',
    kind: 'input-kept',
    turns: [
      say('Oyonnax'),
      click('Contacter Bpifrance'),
      say('Exemple SARL'),
      say('Camille Exemple'),
      say('camille@', { says: /ne semble pas valide/ }),
      say('camille@example.com', { says: NEED }),
    ],
  },
  {
    id: 'kept-thanks-during-question',
    kind: 'input-kept',
    turns: [say('mes aides'), say('merci', { says: /plaisir|commune/ }), say('Oyonnax', { territory: 'ti-8413' })],
  },
  {
    id: 'kept-description-while-place-asked',
    kind: 'input-kept',
    turns: [
      say('on est une boite de décolletage, 45 salariés', { says: ELIGIBILITY_PLACE }),
      say('en fait on veut exporter', { says: ELIGIBILITY_PLACE, notRepeated: true }),
      say('Cluses', { territory: 'ti-8422', says: ADVICE, not: [asks('headcount'), asks('needs')] }),
    ],
  },
  {
    id: 'kept-greeting-during-question',
    kind: 'input-kept',
    turns: [say('on veut innover, usine à Thiers'), say('bonjour', { says: /(Bonjour|salariés)/ }), say('80 salariés', { says: ADVICE })],
  },
  {
    id: 'kept-siret-invalid',
    kind: 'input-kept',
    turns: [say('12345678901234', { says: exactly(fr.lookup.siretInvalid.slice(0, 30)) }), say('Oyonnax', { territory: 'ti-8413' })],
  },
];

// -------------------------------------------------------------------------------------------------
// 7. Advisors' forms
// -------------------------------------------------------------------------------------------------
const advisors: Conversation[] = [
  { id: 'advisor-oyonnax-2019', kind: 'advisors', turns: [say('Oyonnax liste 2019', { territory: 'ti-8408', wave: 2019, commune: 'Oyonnax (01)' })] },
  {
    id: 'advisor-who-is-the-contact',
    kind: 'advisors',
    // Asks who the contact is: the lookup, not a contact request asking for the firm's name.
    turns: [
      say('Hello, who is the Team France Export contact for Figeac?', {
        lang: 'en',
        operator: 'business-france',
        says: /Aurillac – Figeac – Rodez/,
        not: exactly(en.contact.askFirm),
      }),
    ],
  },
  {
    id: 'advisor-referent-of-the-place-shown',
    kind: 'advisors',
    // The place is the one just shown: the referent's slot, not "no place matches 'et le referent bdt ?'".
    turns: [
      say('01100', { territory: 'ti-8413' }),
      say('et le referent bdt ?', { operator: 'banque-des-territoires', says: /Plastics Vallée – Oyonnax/, not: /Je n'ai pas trouvé de lieu/ }),
    ],
  },
  {
    id: 'advisor-referent-of-the-territory-shown',
    kind: 'advisors',
    turns: [say("vallée de l'arve"), say('le référent bpi ?', { operator: 'bpifrance', says: /Vallée de l'Arve/, not: /Je n'ai pas trouvé de lieu/ })],
  },
  {
    id: 'advisor-referent-without-a-place',
    kind: 'advisors',
    turns: [
      say('le référent bpi ?', { says: exactly(fr.lookup.referentWhere('Bpifrance')), not: /Je n'ai pas trouvé de lieu/ }),
      say('Oyonnax', { territory: 'ti-8413' }),
    ],
  },
  { id: 'advisor-cluses-2019', kind: 'advisors', turns: [say('liste 2019 Cluses', { territory: 'ti-8414', wave: 2019 })] },
  { id: 'advisor-thiers-first-wave', kind: 'advisors', turns: [say('Thiers 2019', { territory: 'ti-8413', wave: 2019 })] },
  {
    id: 'advisor-normandie-2019',
    kind: 'advisors',
    turns: [say('territoires de Normandie liste 2019', { says: [/Normandie/, /2019-2022/, /Nord Cotentin/], not: /Dieppe Côte d'Albâtre/ })],
  },
  { id: 'advisor-ain-2019', kind: 'advisors', turns: [say("quels territoires dans l'Ain en 2019 ?", { says: [/Ain/, /2019-2022/] })] },
  { id: 'advisor-bretagne', kind: 'advisors', turns: [say("territoires d'industrie en Bretagne", { says: [/Bretagne/, /2023-2027/] })] },
  { id: 'advisor-counts', kind: 'advisors', turns: [say("combien de territoires d'industrie ?", { says: /183/ })] },
  {
    id: 'advisor-referent-france-travail-arve',
    kind: 'advisors',
    turns: [say("qui est le référent France Travail de la Vallée de l'Arve ?", { operator: 'france-travail', onlyOperator: true, says: /Vallée de l'Arve/ })],
  },
  {
    id: 'advisor-referent-bpi-oyonnax',
    kind: 'advisors',
    turns: [say('référent Bpifrance pour Oyonnax', { operator: 'bpifrance', onlyOperator: true, says: /Plastics Vallée/ })],
  },
  {
    id: 'advisor-referent-bdt-thiers',
    kind: 'advisors',
    turns: [say('le référent banque des territoires à Thiers ?', { operator: 'banque-des-territoires', onlyOperator: true, says: /Thiers/ })],
  },
  {
    id: 'advisor-referent-english',
    kind: 'advisors',
    turns: [say('who is the Bpifrance referent for Oyonnax?', { operator: 'bpifrance', onlyOperator: true, lang: 'en' })],
  },
  {
    id: 'advisor-referent-then-contact',
    kind: 'advisors',
    turns: [
      say('qui est le référent France Travail à Cluses ?', { operator: 'france-travail', onlyOperator: true }),
      say('contacter', { says: /(France Travail|Quel opérateur)/ }),
    ],
  },
  { id: 'advisor-territory-id', kind: 'advisors', turns: [say('ti-8413', { territory: 'ti-8413' })] },
  { id: 'advisor-territory-name', kind: 'advisors', turns: [say('Plastics Vallée', { territory: 'ti-8413' })] },
  { id: 'advisor-cedex', kind: 'advisors', turns: [say('01117 Oyonnax Cedex', { territory: 'ti-8413' })] },
  { id: 'advisor-insee', kind: 'advisors', turns: [say('INSEE 01283', { commune: 'Oyonnax (01)', territory: 'ti-8413' })] },
  { id: 'advisor-postal-code', kind: 'advisors', turns: [say('74300', { card: 'choices', offers: 'Cluses' }), say('Cluses', { territory: 'ti-8422' })] },
  {
    id: 'advisor-several-lookups',
    kind: 'advisors',
    turns: [
      say('Oyonnax', { territory: 'ti-8413' }),
      say('Cluses', { territory: 'ti-8422' }),
      say('Thiers', { territory: 'ti-8408' }),
      say('Brest', { territory: 'ti-5304' }),
    ],
  },
  {
    id: 'advisor-2019-then-default',
    kind: 'advisors',
    turns: [say('Oyonnax liste 2019', { wave: 2019, territory: 'ti-8408' }), say('Oyonnax', { territory: 'ti-8413' })],
  },
];

// -------------------------------------------------------------------------------------------------
// 8. Language
// -------------------------------------------------------------------------------------------------
const language: Conversation[] = [
  { id: 'lang-help-stays-french', kind: 'language', turns: [say('Oyonnax', { lang: 'fr' }), say('help', { lang: 'fr', says: HELP })] },
  { id: 'lang-ok-stays-french', kind: 'language', turns: [say('bonjour', { lang: 'fr' }), say('ok', { lang: 'fr' })] },
  { id: 'lang-help-first-french-locale', kind: 'language', turns: [say('help', { lang: 'fr', says: HELP })] },
  { id: 'lang-thanks-stays-french', kind: 'language', turns: [say('Grenoble', { lang: 'fr' }), say('thanks', { lang: 'fr' })] },
  { id: 'lang-cancel-stays-french', kind: 'language', turns: [say('Saint-Martin', { lang: 'fr' }), say('cancel', { lang: 'fr', says: RESTART })] },
  {
    id: 'lang-english-sentence-switches',
    kind: 'language',
    turns: [say('Oyonnax', { lang: 'fr' }), say('Which territory is Grenoble in?', { lang: 'en', territory: 'ti-8420' })],
  },
  {
    id: 'lang-english-then-merci',
    kind: 'language',
    turns: [say('our plant is in Oyonnax', { lang: 'en', territory: 'ti-8413' }), say('merci', { lang: 'en' })],
  },
  {
    id: 'lang-english-flow',
    kind: 'language',
    turns: [
      say('hello', { lang: 'en' }),
      say('what schemes can I get?', { lang: 'en' }),
      say('Oyonnax', { lang: 'en', territory: 'ti-8413', says: asks('needs', 'en') }),
    ],
  },
  {
    id: 'lang-english-description',
    kind: 'language',
    turns: [say('Bonjour', { lang: 'fr' }), say('we are a 50-person plastics company in Oyonnax looking to hire', { lang: 'en', territory: 'ti-8413' })],
  },
  {
    id: 'lang-french-sentence-switches-back',
    kind: 'language',
    turns: [say('we are based in Grenoble', { lang: 'en' }), say('notre usine est à Oyonnax', { lang: 'fr', territory: 'ti-8413' })],
  },
  { id: 'lang-english-locale', kind: 'language', locale: 'en-US', turns: [say('Oyonnax', { lang: 'en', territory: 'ti-8413' }), say('aide', { lang: 'en' })] },
  {
    id: 'lang-english-contact',
    kind: 'language',
    turns: [say('our factory is in Cluses', { lang: 'en' }), click('Contact Bpifrance', { lang: 'en', operator: 'bpifrance' })],
  },
  { id: 'lang-yes-stays-french', kind: 'language', turns: [say('mes aides'), say('Oyonnax'), say('recruter'), say('yes', { lang: 'fr' })] },
  { id: 'lang-english-no-place', kind: 'language', turns: [say('hi'), say('I do not know', { lang: 'en', noPlace: true })] },
];

// -------------------------------------------------------------------------------------------------
// 9. Long messages
// -------------------------------------------------------------------------------------------------
const long: Conversation[] = [
  { id: 'long-2000-characters', kind: 'long', turns: [say(LONG_FIRM, { territory: 'ti-8413', says: ADVICE })] },
  { id: 'long-description-ends-with-town', kind: 'long', turns: [say(PLACE_MESSAGES.find((p) => p.text.length > 300)!.text, { territory: 'ti-8422' })] },
  { id: 'long-5000-characters', kind: 'long', turns: [say(`${LONG_FIRM} `.repeat(3), { territory: 'ti-8413' })] },
  { id: 'long-garbage', kind: 'long', turns: [say('azerty '.repeat(300), { noPlace: true })] },
  { id: 'long-then-question', kind: 'long', turns: [say(LONG_FIRM, { territory: 'ti-8413' }), say('pourquoi pas ?', { says: WHY_NOT })] },
];

// -------------------------------------------------------------------------------------------------
// Every flow from start to end, typed as users type
// -------------------------------------------------------------------------------------------------
const flows: Conversation[] = [
  {
    id: 'flow-welcome',
    kind: 'flows',
    turns: [
      { activity: { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }, expect: { says: /Bonjour/ } },
      say('Oyonnax', { territory: 'ti-8413' }),
    ],
  },
  { id: 'flow-greeting', kind: 'flows', turns: [say('Bonjour', { says: /^Bonjour/ }), say('Bellignat', { territory: 'ti-8413' })] },
  { id: 'flow-greeting-and-place', kind: 'flows', turns: [say('Bonjour, notre usine est à Oyonnax', { territory: 'ti-8413' })] },
  { id: 'flow-thanks', kind: 'flows', turns: [say('Oyonnax'), say('merci beaucoup !', { says: /plaisir/ })] },
  { id: 'flow-help', kind: 'flows', turns: [say('aide', { says: HELP })] },
  { id: 'flow-what-can-you-do', kind: 'flows', turns: [say('que sais-tu faire ?', { capabilities: true })] },
  { id: 'flow-restart', kind: 'flows', turns: [say('Oyonnax'), say('recommencer', { says: RESTART }), say('Cluses', { territory: 'ti-8422' })] },
  { id: 'flow-typo-town', kind: 'flows', turns: [say('oyonax', { territory: 'ti-8413' })] },
  { id: 'flow-sant-etienne', kind: 'flows', turns: [say('usine à sant etienne', { territory: 'ti-8424' })] },
  { id: 'flow-outside', kind: 'flows', turns: [say('Paris', { outside: true })] },
  { id: 'flow-postal-many', kind: 'flows', turns: [say('02300', { card: 'choices' }), say('Besmé', { commune: 'Besmé (02)' })] },
  {
    id: 'flow-eligibility-full',
    kind: 'flows',
    turns: [
      say('mes aides', { says: ELIGIBILITY_PLACE }),
      say('Oyonnax', { says: asks('needs') }),
      say('recruter', { says: ADVICE, card: 'schemes' }),
      say('oui', { says: ADVICE }),
    ],
  },
  {
    id: 'flow-eligibility-description',
    kind: 'flows',
    turns: [
      // One message with the territory and the advice (both cards), then the question alone.
      say('Bonjour, PME de 85 salariés à Oyonnax, 12 M€ de CA, nous voulons recruter un jeune diplômé', {
        territory: 'ti-8413',
        says: ADVICE,
        card: ['schemes', 'territory'],
        messages: 2,
        asksLast: ASKS_ANY_FIELD,
      }),
    ],
  },
  {
    id: 'flow-eligibility-place-after-project',
    kind: 'flows',
    turns: [
      say('on veut recruter, 50 salariés', { says: ELIGIBILITY_PLACE }),
      // The place's answer and the advice in one message; the namesake's button on the question.
      say('Cluses', { territory: 'ti-8422', says: ADVICE, card: 'schemes', offers: 'Les Cluses', messages: 2, asksLast: ASKS_ANY_FIELD }),
    ],
  },
  {
    id: 'flow-eligibility-after-lookup',
    kind: 'flows',
    turns: [say('Cluses'), say('quelles aides pour nous ?', { says: asks('needs') }), say('investir dans une machine', { says: ADVICE })],
  },
  {
    id: 'flow-eligibility-english',
    kind: 'flows',
    turns: [
      say('what funding is available for a 40-employee plastics firm in Oyonnax that wants to hire?', {
        lang: 'en',
        territory: 'ti-8413',
        says: /scheme|open/i,
        card: ['schemes', 'territory'],
        messages: 2,
        asksLast: ASKS_ANY_FIELD_EN,
      }),
    ],
  },
  { id: 'flow-eligibility-vie', kind: 'flows', turns: [say(CLUSES_FIRM, { territory: 'ti-8422', says: ADVICE }), say('oui', { says: ADVICE })] },
  { id: 'flow-why-not-after-advice', kind: 'flows', turns: [say('PME de 40 salariés à Oyonnax, on veut recruter'), say('pourquoi pas ?', { says: WHY_NOT })] },
  {
    id: 'flow-contact-full-typed',
    kind: 'flows',
    turns: [
      say('Oyonnax'),
      say('je voudrais contacter mon référent Bpifrance', { operator: 'bpifrance', says: FIRM }),
      say('Plasturgie Exemple', { says: PERSON }),
      say('Camille Exemple', { says: DETAILS }),
      say('camille.exemple@example.com 06 12 34 56 78', { says: NEED }),
      say('financer une presse', { says: SUMMARY }),
      say('oui', { says: RECORDED }),
    ],
  },
  {
    id: 'flow-contact-cancel-typed',
    kind: 'flows',
    turns: [
      say('Oyonnax'),
      say('contacter France Travail'),
      say('Exemple SARL'),
      say('Camille Exemple'),
      say('06 12 34 56 78'),
      say('recruter des régleurs'),
      say('non, annuler', { says: exactly(fr.contact.cancelled) }),
    ],
  },
  { id: 'flow-contact-abandon', kind: 'flows', turns: [say('Oyonnax'), say('contacter Bpifrance'), say('annuler', { says: /abandonnée/ })] },
  {
    id: 'flow-contact-place-first',
    kind: 'flows',
    turns: [say('je veux être recontacté par Bpifrance', { says: CONTACT_PLACE }), say('Oyonnax', { says: FIRM, operator: 'bpifrance' })],
  },
  {
    id: 'flow-contact-then-status',
    kind: 'flows',
    turns: [
      say('Oyonnax'),
      say('contacter Bpifrance'),
      say('Plasturgie Exemple'),
      say('Camille Exemple'),
      say('camille.exemple@example.com'),
      say('financer une presse'),
      say("j'accepte", { says: RECORDED }),
      say('où en est ma demande ?', { says: /TI-\d{4}-[A-Z0-9]{5}/ }),
    ],
  },
  { id: 'flow-status-nothing', kind: 'flows', turns: [say('où en est ma demande ?', { says: /Je ne trouve pas de demande/ })] },
  { id: 'flow-status-reference', kind: 'flows', turns: [say('où en est TI-2026-7KQ4M ?', { says: /TI-2026-7KQ4M/ })] },
  {
    id: 'flow-widget-preset',
    kind: 'flows',
    turns: [
      { activity: { type: 'event', name: 'webchat/join', value: { locale: 'fr-FR', territory: 'ti-8412', wave: 2023 } }, expect: { territory: 'ti-8412' } },
      say('mes aides', { says: asks('needs') }),
    ],
  },
  {
    id: 'flow-widget-preset-contact',
    kind: 'flows',
    turns: [{ activity: { type: 'event', name: 'webchat/join', value: { territory: 'ti-8413' } } }, say('contacter Bpifrance', { says: FIRM })],
  },
];

// -------------------------------------------------------------------------------------------------
// The resolver's fixtures, as one-turn conversations
// -------------------------------------------------------------------------------------------------
const placeForms: Conversation[] = PLACE_MESSAGES.map((p, i) => {
  const expect: Expect = {};
  if (p.territory) expect.territory = p.territory;
  if (p.commune && p.ambiguous) expect.offers = [p.commune, ...(p.alsoOffered ? [p.alsoOffered] : [])];
  else if (p.commune) {
    expect.says = exactly(p.commune);
    if (p.alsoOffered) expect.offers = p.alsoOffered;
  }
  return { id: `place-form-${i + 1}`, kind: 'place-forms', turns: [say(p.text, expect)] };
});

/** Each message that names no place: no town, and an answer. */
export const NO_PLACE_SET: Conversation[] = Object.entries(NO_PLACE_MESSAGES).flatMap(([group, texts]) =>
  texts.map((text, i): Conversation => ({
    id: `no-place-set-${group.replace(/\W+/g, '-')}-${i + 1}`,
    kind: 'no-place-set',
    turns: [say(text, { noPlace: true })],
  })),
);

/** The conversations written for the classes of issue 11 and every flow. */
export const CONVERSATIONS: Conversation[] = [
  ...crash,
  ...buttons,
  ...namesakes,
  ...noPlace,
  ...inputKept,
  ...advisors,
  ...language,
  ...long,
  ...flows,
  ...placeForms,
];
