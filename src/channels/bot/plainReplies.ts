import type { Activity, TurnContext } from 'botbuilder';
import { cleanLine, withoutInvisible } from '../../domain/text';

/**
 * Every text reply is plain text. Replies quote what users typed ("Je ne trouve pas « … »", an
 * e-mail address to check), and a message's text is Markdown unless it says otherwise: Web Chat
 * then renders `<img src=…>`, links and buttons through its sanitiser, and in a Teams channel the
 * other members see them as the bot's own message. None of our replies uses Markdown (formatting
 * lives in the cards, whose user fields are escaped), so `textFormat: 'plain'` costs nothing; bidi
 * and control characters are removed from the text and the suggested actions' titles too.
 */
export function plainReplies(context: TurnContext): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) asPlainText(activity);
    return next();
  });
}

export function asPlainText(activity: Partial<Activity>): void {
  if ((activity.type ?? 'message') !== 'message') return;
  if (typeof activity.text === 'string') {
    activity.text = withoutInvisible(activity.text);
    activity.textFormat ??= 'plain';
  }
  for (const action of activity.suggestedActions?.actions ?? []) {
    if (typeof action.title === 'string') action.title = cleanLine(action.title);
  }
}
