import { choicesCardData, renderChoicesCard } from './choices';
import { renderContactConfirmationCard, renderContactSummaryCard } from './contact';
import { renderSchemesCard } from './schemes';
import { renderTerritoryCard, territoryCardData } from './territory';
import type { LookupAnswer } from '../../domain/resolution/lookup';
import type { Lang } from '../lang';
import type { CardRenderer } from '../present';

// A territory card is a pure function of the answer's facts and the language. Most lookups are
// for places asked about before, so recent cards are kept (bounded, least recently used out);
// the key holds every fact the card shows, so an admin change to a referent gives a new key
// rather than a stale card. The same card object is handed to every turn that shows it (copying
// 7 KB per turn was a measurable part of a lookup turn), so it is frozen: a caller that tried to
// change a shared card would throw instead of corrupting other users' answers.
const MAX_CARDS = 512;
const recentCards = new Map<string, object>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function territoryCard(answer: LookupAnswer, lang: Lang): object {
  const company = answer.company?.status === 'found' ? answer.company.name : null;
  const key = JSON.stringify([lang, answer.wave, answer.territory, answer.commune, answer.referents, company, answer.namesakes]);
  const hit = recentCards.get(key);
  if (hit !== undefined) {
    recentCards.delete(key);
    recentCards.set(key, hit);
    return hit;
  }
  const card = deepFreeze(renderTerritoryCard(territoryCardData(answer, lang)));
  recentCards.set(key, card);
  if (recentCards.size > MAX_CARDS) recentCards.delete(recentCards.keys().next().value as string);
  return card;
}

/** The Adaptive Card templates of src/presentation/cards, as the presenter uses them. */
export const adaptiveCards: CardRenderer = {
  territory: territoryCard,
  choices: (answer, lang) => renderChoicesCard(choicesCardData(answer, lang)),
  schemes: renderSchemesCard,
  contactSummary: renderContactSummaryCard,
  contactConfirmation: renderContactConfirmationCard,
};
