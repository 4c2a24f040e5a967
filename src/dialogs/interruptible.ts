import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { ActivityTypes } from 'botbuilder';
import { languageOf, t } from './language';

export type Interruption = 'help' | 'restart' | null;

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

export async function interrupt(dc: DialogContext): Promise<DialogTurnResult | null> {
  if (dc.context.activity.type !== ActivityTypes.Message) return null;
  const kind = interruptionOf(dc.context.activity.text);
  if (!kind) return null;
  const lang = languageOf(dc.context);
  if (kind === 'help') {
    await dc.context.sendActivity(t(lang, 'help'));
    return { status: DialogTurnStatus.waiting };
  }
  await dc.context.sendActivity(t(lang, 'restart'));
  return dc.cancelAllDialogs(true);
}
