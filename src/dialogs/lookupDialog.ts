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
  /** Set when the user picked a commune among candidates: resolved by code, not as text. */
  communeCode?: string;
}

const INSEE_CODE = /^[0-9][0-9AB][0-9]{3}$/;

/** A choice's value is an INSEE code for a commune, or a name otherwise. */
export function choiceOptions(value: string, label: string): LookupDialogOptions {
  return INSEE_CODE.test(value) ? { query: label, communeCode: value } : { query: value };
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
    const { query, communeCode } = step.options as LookupDialogOptions;
    const wave = this.deps.defaultWave;
    const answer = communeCode ? this.deps.lookup.lookupCommune(communeCode, { wave, query }) : await this.deps.lookup.lookup(query, { wave });
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
    const options: LookupDialogOptions = chosen ? choiceOptions(chosen.value, chosen.label) : submitted ? choiceOptions(submitted, submitted) : { query: reply };
    return step.replaceDialog(LOOKUP_DIALOG, options);
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
