import { ActivityTypes, InputHints, type TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance, DialogTurnResult, PromptOptions, PromptRecognizerResult, PromptValidator } from 'botbuilder-dialogs';
import { Dialog } from './framework';

/** What a prompt keeps in its dialog instance, as botbuilder-dialogs' Prompt does. */
interface PromptInstanceState {
  options: PromptOptions;
  state: { attemptCount?: number };
}

/**
 * botbuilder-dialogs' TextPrompt, written again: its base class (lib/prompts/prompt.js) imports
 * the package's choices, and with them the recognizers' number package, into the server's main
 * thread, which never reads a choice (the numbers are read in the parser worker): 2.4 MB of
 * source kept as a string and 3.5 MB of heap. Same behaviour as the package's (ask, recognize
 * any non-empty text, validate with the attempt count, ask again with the retry prompt unless the
 * validator answered, re-ask on resume) and the same state in the dialog stack (`options`,
 * `state.attemptCount`), so conversations stored before stay valid.
 */
export class TextPrompt extends Dialog<PromptOptions> {
  constructor(
    dialogId: string,
    private readonly validator?: PromptValidator<string>,
  ) {
    super(dialogId);
  }

  override async beginDialog(dc: DialogContext, options?: PromptOptions): Promise<DialogTurnResult> {
    const opt: PromptOptions = { ...options };
    if (opt.prompt && typeof opt.prompt === 'object' && typeof opt.prompt.inputHint !== 'string') opt.prompt.inputHint = InputHints.ExpectingInput;
    if (opt.retryPrompt && typeof opt.retryPrompt === 'object' && typeof opt.retryPrompt.inputHint !== 'string')
      opt.retryPrompt.inputHint = InputHints.ExpectingInput;
    const state = dc.activeDialog!.state as PromptInstanceState;
    state.options = opt;
    state.state = {};
    await this.ask(dc.context, opt, false);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    // Another step already ran in this turn: ask again rather than read the same message twice.
    const stepCount: unknown = dc.state.getValue('turn.stepCount');
    if (typeof stepCount === 'number' && stepCount > 0) {
      await this.repromptDialog(dc.context, dc.activeDialog!);
      return Dialog.EndOfTurn;
    }
    const state = dc.activeDialog!.state as PromptInstanceState;
    const text: unknown = dc.context.activity.text;
    const recognized: PromptRecognizerResult<string> = typeof text === 'string' && text.length > 0 ? { succeeded: true, value: text } : { succeeded: false };
    let valid = recognized.succeeded;
    if (this.validator) {
      state.state.attemptCount ??= 0;
      valid = await this.validator({
        context: dc.context,
        recognized,
        state: state.state,
        options: state.options,
        attemptCount: ++state.state.attemptCount,
      });
    }
    if (valid) return dc.endDialog(recognized.value);
    if (!dc.context.responded) await this.ask(dc.context, state.options, true);
    return Dialog.EndOfTurn;
  }

  override async resumeDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.ask(context, (instance.state as PromptInstanceState).options, false);
  }

  private async ask(context: TurnContext, options: PromptOptions, isRetry: boolean): Promise<void> {
    if (isRetry && options.retryPrompt) await context.sendActivity(options.retryPrompt, undefined, InputHints.ExpectingInput);
    else if (options.prompt) await context.sendActivity(options.prompt, undefined, InputHints.ExpectingInput);
  }
}
