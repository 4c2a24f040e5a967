import { choicesCardData, renderChoicesCard } from '../cards/choices';
import { renderTerritoryCard, territoryCardData } from '../cards/territory';
import type { CardRenderer } from './present';

/** The Adaptive Card templates of src/cards, as the dialogs use them. */
export const adaptiveCards: CardRenderer = {
  territory: (answer, lang) => renderTerritoryCard(territoryCardData(answer, lang)),
  choices: (answer, lang) => renderChoicesCard(choicesCardData(answer, lang)),
};
