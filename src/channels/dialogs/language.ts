import type { TurnContext } from 'botbuilder';
import { langOfLocale, type Lang } from '../../presentation/lang';

const LANG_KEY = 'ti.lang';

/** The language of this turn, as the bot settled it when the turn began (see AssistantBot.run). */
export function languageOf(context: TurnContext): Lang {
  // Dialogs run without the bot (tests, other hosts) have only the channel's locale to go by.
  return (context.turnState.get(LANG_KEY) as Lang | undefined) ?? langOfLocale(context.activity.locale);
}

/** Called once per turn, by the bot's handler: everything else reads the language with languageOf. */
export function setLanguage(context: TurnContext, lang: Lang): void {
  context.turnState.set(LANG_KEY, lang);
}
