import { Template } from 'adaptivecards-templating';

/** An expanded Adaptive Card, ready for the bot to wrap in an attachment (CardFactory.adaptiveCard). */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: '1.5';
  body: unknown[];
  actions?: unknown[];
  [property: string]: unknown;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Binds a view (already escaped and localised by the card's module) to its JSON template.
 * Templates reference only view fields that the module always sets, so nothing stays unexpanded.
 * adaptivecards-templating evaluates `${...}` in the template only; `${` inside a data value is
 * copied as is (the tests check it), and the escaping removes it from card text anyway.
 */
// Parsing a template's expressions is most of a card's cost; a template is immutable JSON, so it
// is prepared once and only expanded per turn.
const prepared = new WeakMap<object, Template>();

export function expandCard(template: object, view: object): AdaptiveCardJson {
  const card = expandTemplate(template, view) as AdaptiveCardJson;
  if (!card || card.type !== 'AdaptiveCard') throw new Error('card template did not expand to an AdaptiveCard');
  return card;
}

/** Binds a view to a template that is a part of a card (an element that a card's template then binds whole). */
export function expandTemplate(template: object, view: object): unknown {
  let compiled = prepared.get(template);
  if (!compiled) prepared.set(template, (compiled = new Template(template)));
  return compiled.expand({ $root: view });
}
