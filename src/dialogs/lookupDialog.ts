import type { TurnContext } from 'botbuilder';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { LookupAnswer } from '../knowledge/lookup';
import { normalizeName } from '../knowledge/normalize';
import type { DialogDeps } from './deps';
import { InterruptibleDialog } from './interruptible';
import { languageOf } from './language';
import { answerActivity, choicesOf } from './present';

export const LOOKUP_DIALOG = 'lookupDialog';
const CHOICE_PROMPT = 'lookupChoicePrompt';
const WATERFALL = 'lookupWaterfall';

export interface LookupDialogOptions {
  query: string;
}

/**
 * From a place (in any form, in any sentence) to the territory card. An ambiguity becomes one
 * question with the candidates as suggested actions; the user may also answer with a new place.
 */
export class LookupDialog extends InterruptibleDialog {
  constructor(private readonly deps: DialogDeps) {
    super(LOOKUP_DIALOG);
    this.addDialog(new TextPrompt(CHOICE_PROMPT));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.lookupStep.bind(this), this.choiceStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async lookupStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { query } = step.options as LookupDialogOptions;
    const answer = await this.deps.lookup.lookup(query, { wave: this.deps.defaultWave });
    await this.show(step.context, answer);
    if (answer.status !== 'ambiguous') return step.endDialog(answer);
    const choices = choicesOf(answer);
    (step.values as { choices: typeof choices }).choices = choices;
    // The question itself was just sent with its suggested actions; the prompt only waits.
    return step.prompt(CHOICE_PROMPT, {});
  }

  private async choiceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = String(step.result ?? '').trim();
    const submitted = (step.context.activity.value as { action?: string; value?: string } | undefined)?.value;
    const { choices } = step.values as { choices: Array<{ label: string; value: string }> };
    const byNumber = /^\d{1,2}$/.test(reply) ? choices[Number(reply) - 1] : undefined;
    const chosen =
      choices.find((c) => c.value === submitted) ??
      byNumber ??
      choices.find((c) => normalizeName(c.label) === normalizeName(reply));
    const query = chosen ? chosen.value : submitted || reply;
    return step.replaceDialog(LOOKUP_DIALOG, { query } satisfies LookupDialogOptions);
  }

  private async show(context: TurnContext, answer: LookupAnswer): Promise<void> {
    const lang = languageOf(context);
    await context.sendActivity(answerActivity(answer, lang, this.deps.cards));
    const memory = await this.deps.memory.get(context, {});
    if (answer.status === 'resolved') {
      memory.territory = answer.territory ? { id: answer.territory.id, wave: answer.territory.wave } : undefined;
      memory.communeCode = answer.commune?.code;
    }
    await this.deps.memory.set(context, memory);
  }
}
