import { choicesCardData, renderChoicesCard } from './choices';
import { renderContactConfirmationCard, renderContactSummaryCard } from './contact';
import { renderSchemesCard } from './schemes';
import { renderTerritoryCard, territoryCardData } from './territory';
import type { LookupAnswer } from '../../domain/resolution/lookup';
import { identityOf, Recent } from '../../domain/recent';
import type { SchemesCardData } from './data';
import type { Lang } from '../lang';
import type { CardRenderer } from '../present';

// A card is a pure function of its facts and the language, and expanding its template is most of a
// turn's cost (a schemes card, about 1.5 ms). Most answers were given before (places asked about
// before, the same territory and firm size), so recent cards are kept (bounded, least recently
// used out); the key holds every fact the card shows, so an admin change to a referent gives a new
// key rather than a stale card. The same card object is handed to every turn that shows it, so it
// is frozen: a caller that tried to change a shared card would throw instead of corrupting other
// users' answers.
// A card is kept from the second time it is asked: most new towns' cards are asked once.
const territoryCards = new Recent<object>(512, { keepWhenAskedAgain: true });
// A schemes card and its key weigh about 60 KB in memory: at most about 8 MB kept.
const schemesCards = new Recent<object>(128);
// The resolver hands out one frozen answer per text: its card is found without building a key.
const cardOfAnswer = new WeakMap<LookupAnswer, Partial<Record<Lang, object>>>();

function territoryCard(answer: LookupAnswer, lang: Lang): object {
  const shared = Object.isFrozen(answer) ? cardOfAnswer.get(answer) : undefined;
  const known = shared?.[lang];
  if (known) return known;
  const company = answer.company?.status === 'found' ? answer.company.name : null;
  const { wave, territory, commune, referents, namesakes, intercommunality, partial, query } = answer;
  // `query` names a partial intercommunality that has no name of its own (territoryCardData). A
  // territory's referent views are one frozen array shared by its answers: its identity stands for it.
  const people = Object.isFrozen(referents) ? identityOf(referents) : referents;
  const key = JSON.stringify([lang, wave, territory, commune, people, company, namesakes, intercommunality, partial, partial ? query : null]);
  const card = territoryCards.get(key) ?? territoryCards.set(key, renderTerritoryCard(territoryCardData(answer, lang)));
  // Only a kept card (frozen) is shared: one asked for the first time goes to its one caller.
  if (Object.isFrozen(answer) && Object.isFrozen(card)) cardOfAnswer.set(answer, { ...shared, [lang]: card });
  return card;
}

/**
 * The schemes card's key: its data, each scheme's referent view (frozen, shared per territory) by
 * its identity. Object.assign rather than a spread: V8 copies these objects on a slow path when
 * spread (twice the time of the whole key).
 */
function schemesKey(data: SchemesCardData): string {
  const schemes = data.schemes.map((entry) =>
    entry.contact?.kind === 'referent' && Object.isFrozen(entry.contact.referent)
      ? Object.assign({}, entry, { contact: { kind: 'referent', referent: identityOf(entry.contact.referent) } })
      : entry,
  );
  return JSON.stringify(Object.assign({}, data, { schemes }));
}

function schemesCard(data: SchemesCardData): object {
  const key = schemesKey(data);
  return schemesCards.get(key) ?? schemesCards.set(key, renderSchemesCard(data));
}

/** The Adaptive Card templates of src/presentation/cards, as the presenter uses them. */
export const adaptiveCards: CardRenderer = {
  territory: territoryCard,
  choices: (answer, lang) => renderChoicesCard(choicesCardData(answer, lang)),
  schemes: schemesCard,
  contactSummary: renderContactSummaryCard,
  contactConfirmation: renderContactConfirmationCard,
};
