import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { messages } from '../../presentation/messages';
import { languageOf } from './language';

export type Interruption = 'help' | 'restart' | null;

/**
 * What a flow ends with when the message it was waiting on is a new request rather than an
 * answer ("contacter mon référent" typed instead of a headcount): the main dialog routes the
 * same message again instead of dropping it.
 */
export const HAND_BACK = { handBack: true } as const;

export function isHandBack(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { handBack?: unknown }).handBack === true;
}

const HELP = /^(aide|help|\?|au secours|que sais-tu faire|what can you do)\s*[!?.]*$/i;
const RESTART = /^(recommencer|annuler|stop|reset|cancel|start over|restart|quit|on recommence)\s*[!?.]*$/i;

export function interruptionOf(text: string | undefined): Interruption {
  const value = (text ?? '').trim();
  if (HELP.test(value)) return 'help';
  if (RESTART.test(value)) return 'restart';
  return null;
}

/**
 * Base for every flow: "aide"/"help" answers without losing the current step, and
 * "recommencer"/"annuler" ends whatever is in progress (BotBuilder core-bot's CancelAndHelpDialog).
 */
export class InterruptibleDialog extends ComponentDialog {
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const result = await interrupt(innerDc);
    return result ?? super.onContinueDialog(innerDc);
  }
}

/** Answers "aide" or "recommencer" if that is what the message says; which one it was, or null. */
export async function answerInterruption(context: TurnContext): Promise<Interruption> {
  if (context.activity.type !== ActivityTypes.Message) return null;
  const kind = interruptionOf(context.activity.text);
  if (kind) await context.sendActivity(messages(languageOf(context)).chat[kind]);
  return kind;
}

export async function interrupt(dc: DialogContext): Promise<DialogTurnResult | null> {
  const kind = await answerInterruption(dc.context);
  if (!kind) return null;
  if (kind === 'help') return { status: DialogTurnStatus.waiting };
  return dc.cancelAllDialogs(true);
}
