import { ActionTypes, CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { Presented } from '../../presentation/present';

/** The one place a presented answer becomes a Bot Framework message: text, card attachment, suggested actions. */
export function toActivity({ text, card, choices, textFormat }: Presented): Partial<Activity> {
  const activity = card ? MessageFactory.attachment(CardFactory.adaptiveCard(card), text) : MessageFactory.text(text);
  if (textFormat) activity.textFormat = textFormat;
  if (choices?.length) activity.suggestedActions = { to: [], actions: choices.map((c) => ({ type: ActionTypes.ImBack, title: c.title, value: c.value })) };
  return activity;
}

/** A text that is not Markdown (user values in it are not escaped), as a message. */
export function plainActivity(text: string): Partial<Activity> {
  return toActivity({ text, card: null, textFormat: 'plain' });
}
