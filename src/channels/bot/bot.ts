import { ActivityTypes, TeamsActivityHandler, TurnContext, type ConversationState, type StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MessagingExtensionQuery, MessagingExtensionResponse } from 'botbuilder';
import type { LookupService } from '../../domain/resolution/lookup';
import type { Resolver } from '../../domain/resolution/resolver';
import { detectLanguage, langOfLocale, type Lang } from '../../presentation/lang';
import { messages } from '../../presentation/messages';
import { cardFor, present, type CardRenderer } from '../../presentation/present';
import { buildHintResponse, buildMessageExtensionResponse, buildSelectItemResponse, extractQuery, readSelectedItem } from './teams/messageExtension';
import { toActivity } from '../dialogs/activity';
import { languageOf, setLanguage } from '../dialogs/language';
import { MAX_PARSED_CHARS } from '../../domain/profile';
import type { MainDialog } from '../dialogs/mainDialog';
import { plainReplies } from './plainReplies';
import type { ConversationMemory } from '../dialogs/state';
import { expireStaleFlow } from './drafts';
import type { ReferenceGuard } from './referenceGuard';

const JOIN_EVENT = 'webchat/join';

/**
 * Thin activity handler (BotBuilder core-bot shape): it settles the turn's language, runs the
 * main dialog and saves state. Flows live in src/channels/dialogs.
 */
export class AssistantBot extends TeamsActivityHandler {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly dialog: MainDialog,
    private readonly memory: StatePropertyAccessor<ConversationMemory>,
    private readonly search: {
      lookup: LookupService;
      resolver: Resolver;
      cards: CardRenderer | null;
      defaultWave: number;
      /** How long a flow may wait for an answer before it is dropped with its draft. */
      draftTtlMs: number;
      /** The flows' dialog stack, where drafts live. */
      flows: StatePropertyAccessor<DialogState>;
      /** Throttles the guessing of request references; null when contact requests are off. */
      references: ReferenceGuard | null;
    },
  ) {
    super();

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (newcomers.length > 0 && context.activity.conversation?.conversationType !== 'channel') {
        await this.rememberLanguage(context);
        await context.sendActivity(messages(languageOf(context)).chat.welcome);
      }
      await next();
    });

    // The embeddable widget announces its preset (territory, language) when it connects.
    this.onEvent(async (context, next) => {
      if (context.activity.name === JOIN_EVENT) await this.join(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      // Only the beginning of a very long message is read: every step of the turn then has a
      // bounded cost, and one pasted novel cannot hold up everyone else's turns.
      const long = (context.activity.text?.length ?? 0) > MAX_PARSED_CHARS;
      // Cut between words: half a word could read as another town or number.
      if (long) context.activity.text = context.activity.text!.slice(0, MAX_PARSED_CHARS).replace(/\s+\S*$/, '');
      // In Teams channels and group chats the bot is addressed with an @mention; the mention
      // text is not part of the question.
      if (context.activity.text) {
        TurnContext.removeRecipientMention(context.activity);
        context.activity.text = context.activity.text.replace(/<\/?at>/g, '').trim();
      }
      await this.rememberLanguage(context);
      if (long) await context.sendActivity(messages(languageOf(context)).chat.longMessage(MAX_PARSED_CHARS));
      await this.dialog.run(context);
      await next();
    });
  }

  private async join(context: TurnContext): Promise<void> {
    const preset = (context.activity.value ?? {}) as { territory?: unknown; wave?: unknown };
    const memory = await this.rememberLanguage(context);
    const lang = languageOf(context);
    if (typeof preset.territory !== 'string' || !/^ti-\d{4}$/.test(preset.territory)) return;
    const wave = typeof preset.wave === 'number' || typeof preset.wave === 'string' ? Number(preset.wave) : this.search.defaultWave;
    const answer = this.search.resolver.lookupTerritory(preset.territory, { wave });
    if (answer.status !== 'resolved' || !answer.territory) return;
    memory.territory = { id: answer.territory.id, wave: answer.territory.wave };
    await context.sendActivity(toActivity(present({ kind: 'lookup', answer }, lang, this.search.cards)));
  }

  /**
   * The language of the turn, decided once before any handler runs: French by default; English
   * when the widget's preset, the user's words or the channel's locale say so. Sticky per
   * conversation once remembered. The Teams search is stateless: the client's locale alone.
   */
  private async languageOfTurn(context: TurnContext): Promise<Lang> {
    const { type, name, value, text, locale } = context.activity;
    if (type === ActivityTypes.Invoke) return langOfLocale(locale);
    const preset = type === ActivityTypes.Event && name === JOIN_EVENT ? (value as { locale?: unknown } | undefined)?.locale : undefined;
    if (typeof preset === 'string') return langOfLocale(preset);
    const memory = await this.memory.get(context);
    // Judged on the part of the message the turn reads: a pasted novel costs no more than that.
    return detectLanguage(type === ActivityTypes.Message ? text?.slice(0, MAX_PARSED_CHARS) : undefined, locale, memory?.lang);
  }

  /** Keeps the turn's language for the next turns of the conversation. */
  private async rememberLanguage(context: TurnContext): Promise<ConversationMemory> {
    const memory = await this.memory.get(context, {});
    memory.lang = languageOf(context);
    return memory;
  }

  /** Advisors' compose-box search in Teams: answers well within Teams' 5-second limit (no I/O but SIRET). */
  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, _query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    const lang = languageOf(context);
    const q = extractQuery(context.activity);
    if (!q) return buildHintResponse(lang);
    const answer = await this.search.lookup.lookup(q, { wave: this.search.defaultWave });
    return buildMessageExtensionResponse([answer], (r) => cardFor(r, lang, this.search.cards), lang);
  }

  protected override async handleTeamsMessagingExtensionSelectItem(context: TurnContext, _value: unknown): Promise<MessagingExtensionResponse> {
    const lang = languageOf(context);
    const selected = readSelectedItem(context.activity);
    if (!selected) return buildHintResponse(lang);
    // A commune code can also be another commune's postal code: resolve it as a code, not as text.
    const answer = selected.communeCode
      ? this.search.resolver.lookupCommuneCode(selected.communeCode, { wave: this.search.defaultWave, query: selected.label })
      : await this.search.lookup.lookup(selected.label, { wave: this.search.defaultWave });
    return buildSelectItemResponse(answer, (r) => cardFor(r, lang, this.search.cards), lang);
  }

  override async run(context: TurnContext): Promise<void> {
    plainReplies(context);
    setLanguage(context, await this.languageOfTurn(context));
    if (context.activity.type !== ActivityTypes.Invoke) await expireStaleFlow(context, this.search.flows, this.memory, this.search.draftTtlMs);
    const wait = this.search.references ? await this.search.references.check(context, await this.memory.get(context, {})) : 0;
    if (wait > 0) await context.sendActivity(messages(languageOf(context)).requestStatus.tooManyGuesses(Math.ceil(wait / 60)));
    else await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}
