import { ActionTypes, CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { Presented } from '../../presentation/present';

/** The one place a presented answer becomes a Bot Framework message: text, card attachment, suggested actions. */
export function toActivity({ text, card, cards, choices, textFormat }: Presented): Partial<Activity> {
  const activity =
    cards && cards.length > 1
      ? MessageFactory.list(
          cards.map((c) => CardFactory.adaptiveCard(c)),
          text,
        )
      : card
        ? MessageFactory.attachment(CardFactory.adaptiveCard(card), text)
        : MessageFactory.text(text);
  if (textFormat) activity.textFormat = textFormat;
  if (choices?.length) activity.suggestedActions = { to: [], actions: choices.map((c) => ({ type: ActionTypes.ImBack, title: c.title, value: c.value })) };
  return activity;
}

/** A text that is not Markdown (user values in it are not escaped), as a message, with its quick answers if any. */
export function plainActivity(text: string, choices?: Presented['choices']): Partial<Activity> {
  return toActivity({ text, card: null, textFormat: 'plain', ...(choices?.length ? { choices } : {}) });
}
