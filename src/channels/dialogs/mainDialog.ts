import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { readCardAction } from '../../presentation/cards/actions';
import type { DialogDeps } from './deps';
import { answerInterruption, InterruptibleDialog, isHandBack } from './interruptible';
import { messages } from '../../presentation/messages';
import { languageOf } from './language';
import { answerClosedContactCard, answerRequestStatus, CONTACT_DIALOG, ContactDialog, type ContactDialogOptions } from './contactDialog';
import { answerWhyNot, ELIGIBILITY_DIALOG, EligibilityDialog, type EligibilityDialogOptions } from './eligibilityDialog';
import { choiceOptions, LOOKUP_DIALOG, LookupDialog, lookupAndShow, type LookupDialogOptions } from './lookupDialog';
import { contactOperatorOf, intentOf } from './intents';
import { listTerritories } from '../../domain/areas';
import { present } from '../../presentation/present';
import { toActivity } from './activity';

export const MAIN_DIALOG = 'mainDialog';
const WATERFALL = 'mainWaterfall';

/** Set when the turn began outside the dialog stack and a flow must now wait for the user's answer. */
interface MainDialogOptions {
  lookup?: LookupDialogOptions;
}

/**
 * Routes each new request to its flow. Every message is a fresh request unless a flow is
 * waiting for an answer, so a user can ask about another place at any time.
 */
export class MainDialog extends InterruptibleDialog {
  private readonly dialogSets = new WeakMap<StatePropertyAccessor<DialogState>, DialogSet>();

  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new LookupDialog(deps));
    this.addDialog(new ContactDialog(deps));
    this.addDialog(new EligibilityDialog(deps));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.routeStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  /**
   * Runs one turn (BotBuilder's DialogHelper.run). What most messages are, with nothing in
   * progress (a place, "aide"), asks nothing back and is answered without the dialog stack: each
   * dialog level builds its own DialogContext and state manager, which made a plain lookup turn
   * cost about three times a help turn (measured in-process: see docs/quality.md).
   */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await accessor.get(context, { dialogStack: [] });
    let options: MainDialogOptions | undefined;
    if (state.dialogStack.length === 0) {
      const direct = await this.answerDirectly(context);
      if (direct === 'answered') return;
      if (direct) options = direct;
    }
    const dc = await this.dialogSetFor(accessor).createContext(context);
    const result = options ? undefined : await dc.continueDialog();
    if (result?.status === DialogTurnStatus.complete && isHandBack(result.result)) {
      // The flow that was waiting could not use the message: it is a new request.
      const direct = await this.answerDirectly(context);
      if (direct !== 'answered') await dc.beginDialog(this.id, direct ?? undefined);
      return;
    }
    if (!result || result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id, options);
  }

  private dialogSetFor(accessor: StatePropertyAccessor<DialogState>): DialogSet {
    let dialogSet = this.dialogSets.get(accessor);
    if (!dialogSet) this.dialogSets.set(accessor, (dialogSet = new DialogSet(accessor).add(this)));
    return dialogSet;
  }

  /**
   * Help, restart and a plain place, answered directly. A place with several candidates has sent
   * its question, and the lookup flow must begin to wait for the answer.
   */
  private async answerDirectly(context: TurnContext): Promise<'answered' | MainDialogOptions | null> {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message) return null;
    if (await answerInterruption(context)) return 'answered';
    // Card buttons and everything but a place go through the routing step.
    const text = (activity.text ?? '').trim();
    if (activity.value !== undefined || !text || intentOf(text) !== 'place') return null;
    const query = { query: text };
    const asked = await lookupAndShow(context, this.deps, query);
    return asked ? { lookup: { ...query, asked } } : 'answered';
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const pending = (step.options as MainDialogOptions | undefined)?.lookup;
    if (pending) return step.replaceDialog(LOOKUP_DIALOG, pending);
    const activity = step.context.activity;
    const action = readCardAction(activity.value);
    if (action?.action === 'choose') {
      return step.replaceDialog(LOOKUP_DIALOG, choiceOptions(action.value, action.value));
    }
    if (action?.action === 'restart') {
      await step.context.sendActivity(messages(languageOf(step.context)).chat.restart);
      return step.endDialog();
    }
    if (action?.action === 'contact') {
      return step.replaceDialog(CONTACT_DIALOG, { operator: action.operator } satisfies ContactDialogOptions);
    }
    if (action?.action === 'contact-consent' || action?.action === 'contact-cancel') {
      // A summary card clicked after its dialog ended (restart, or clicked twice).
      await answerClosedContactCard(step, this.deps);
      return step.endDialog();
    }
    if (action?.action === 'eligibility') {
      return step.replaceDialog(ELIGIBILITY_DIALOG, {} satisfies EligibilityDialogOptions);
    }
    const text = (activity.text ?? '').trim();
    if (!text) {
      await step.context.sendActivity(messages(languageOf(step.context)).chat.empty);
      return step.endDialog();
    }
    switch (intentOf(text)) {
      case 'greeting':
        await step.context.sendActivity(messages(languageOf(step.context)).chat.welcome);
        return step.endDialog();
      case 'thanks':
        await step.context.sendActivity(messages(languageOf(step.context)).chat.thanks);
        return step.endDialog();
      case 'territory-list':
        await step.context.sendActivity(
          toActivity(present({ kind: 'territory-list', list: listTerritories(this.deps.kb, this.deps.defaultWave, text) }, languageOf(step.context), this.deps.cards)),
        );
        return step.endDialog();
      case 'contact':
        return step.replaceDialog(CONTACT_DIALOG, { operator: contactOperatorOf(text) } satisfies ContactDialogOptions);
      case 'status':
        await answerRequestStatus(step, this.deps);
        return step.endDialog();
      case 'eligibility':
        return step.replaceDialog(ELIGIBILITY_DIALOG, { text } satisfies EligibilityDialogOptions);
      case 'why-not':
        await answerWhyNot(step.context, this.deps);
        return step.endDialog();
      default:
        break;
    }
    return step.replaceDialog(LOOKUP_DIALOG, { query: text } satisfies LookupDialogOptions);
  }
}
