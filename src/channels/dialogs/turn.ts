import type { Activity, TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './framework';
import type { DialogDeps } from './deps';
import type { Intent, Question } from './router';

const ROUTED = 'ti.routed';

/** Called once per turn by the main dialog: the flows read the routed intent rather than the activity. */
export function setRouted(context: TurnContext, intent: Intent): void {
  context.turnState.set(ROUTED, intent);
}

/** The intent the router gave this turn's message. */
export function routedOf(context: TurnContext): Intent {
  const routed = context.turnState.get(ROUTED) as Intent | undefined;
  // A flow run on its own (another host) reads the typed text as its answer.
  return routed ?? { kind: 'answer', text: String(context.activity.text ?? '') };
}

/** Records the question the bot now waits an answer to, for the router to read the next message against. */
export async function setPending(context: TurnContext, deps: DialogDeps, question: Question | undefined): Promise<void> {
  const memory = await deps.memory.get(context, {});
  if (question) memory.pending = question;
  else delete memory.pending;
}

export const WAIT_DIALOG = 'waitForAnswer';

interface WaitOptions {
  /** The question, sent when the wait begins and again on a reprompt. */
  prompt?: Partial<Activity>;
}

/**
 * A flow's question: it sends the prompt, waits, and ends with the routed intent of the next
 * message that the main dialog gives the flow. Reading and validating the answer is the flow's
 * business, with the context of its question.
 */
export class WaitDialog extends Dialog<WaitOptions> {
  constructor() {
    super(WAIT_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: WaitOptions): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as WaitOptions;
    if (options?.prompt) {
      state.prompt = options.prompt;
      await dc.context.sendActivity(options.prompt);
    }
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return dc.endDialog(routedOf(dc.context));
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const { prompt } = instance.state as WaitOptions;
    if (prompt) await context.sendActivity(prompt);
  }
}
