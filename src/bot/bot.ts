import {
  ActivityTypes,
  TeamsActivityHandler,
  TurnContext,
  type ConversationState,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { detectLanguage, setLanguage, t } from '../dialogs/language';
import type { MainDialog } from '../dialogs/mainDialog';
import type { ConversationMemory } from '../dialogs/state';

/**
 * Thin activity handler (BotBuilder core-bot shape): it sets the conversation language, runs the
 * main dialog and saves state. Flows live in src/dialogs.
 */
export class AssistantBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: MainDialog,
    private readonly memory: StatePropertyAccessor<ConversationMemory>,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (newcomers.length > 0 && context.activity.conversation?.conversationType !== 'channel') {
        await this.useLanguage(context);
        await context.sendActivity(t(await this.useLanguage(context), 'welcome'));
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      // In Teams channels and group chats the bot is addressed with an @mention; the mention
      // text is not part of the question.
      if (context.activity.text) {
        TurnContext.removeRecipientMention(context.activity);
        context.activity.text = context.activity.text.replace(/<\/?at>/g, '').trim();
      }
      await this.useLanguage(context);
      await this.dialog.run(context, this.dialogState);
      await next();
    });
  }

  /** French by default; English when the channel's locale or the user's words say so. Sticky per conversation. */
  private async useLanguage(context: TurnContext): Promise<'fr' | 'en'> {
    const memory = await this.memory.get(context, {});
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    const lang = detectLanguage(text, context.activity.locale, memory.lang);
    memory.lang = lang;
    setLanguage(context, lang);
    return lang;
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}
