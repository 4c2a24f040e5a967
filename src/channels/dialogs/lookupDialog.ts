import type { TurnContext } from 'botbuilder';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { normalizeName } from '../../domain/normalize';
import type { DialogDeps } from './deps';
import { HAND_BACK, InterruptibleDialog } from './interruptible';
import { intentOf } from './intents';
import { languageOf } from './language';
import { readCardAction } from '../../presentation/cards/actions';
import { choicesOf } from '../../presentation/cards/choices';
import { present } from '../../presentation/present';
import { toActivity } from './activity';

export const LOOKUP_DIALOG = 'lookupDialog';
const CHOICE_PROMPT = 'lookupChoicePrompt';
const WATERFALL = 'lookupWaterfall';

/** A candidate offered in an ambiguity question: its label, and the query that resolves it. */
export interface Choice {
  label: string;
  value: string;
}

export interface LookupDialogOptions {
  query: string;
  /** Set when the user picked a commune among candidates: resolved by code, not as text. */
  communeCode?: string;
  /** Set when the ambiguity question was already sent before the dialog began: it only waits for the answer. */
  asked?: Choice[];
}

const INSEE_CODE = /^[0-9][0-9AB][0-9]{3}$/;

/** A choice's value is an INSEE code for a commune, or a name otherwise. */
export function choiceOptions(value: string, label: string): LookupDialogOptions {
  return INSEE_CODE.test(value) ? { query: label, communeCode: value } : { query: value };
}

/**
 * Looks the place up, sends the answer (territory card, or the question listing the candidates)
 * and remembers the territory for the next flows. Resolves with the candidates when it asked.
 */
export async function lookupAndShow(context: TurnContext, deps: DialogDeps, options: LookupDialogOptions): Promise<Choice[] | null> {
  const { query, communeCode } = options;
  const wave = deps.defaultWave;
  const answer = communeCode ? deps.lookup.lookupCommune(communeCode, { wave, query }) : await deps.lookup.lookup(query, { wave });
  await context.sendActivity(toActivity(present({ kind: 'lookup', answer }, languageOf(context), deps.cards)));
  const memory = await deps.memory.get(context, {});
  if (answer.status === 'resolved') {
    memory.territory = answer.territory ? { id: answer.territory.id, wave: answer.territory.wave } : undefined;
    memory.communeCode = answer.commune?.code;
  }
  await deps.memory.set(context, memory);
  return answer.status === 'ambiguous' ? choicesOf(answer) : null;
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
    const options = step.options as LookupDialogOptions;
    const choices = options.asked ?? (await lookupAndShow(step.context, this.deps, options));
    if (!choices) return step.endDialog();
    (step.values as { choices: Choice[] }).choices = choices;
    // The question itself was sent with its suggested actions; the prompt only waits.
    return step.prompt(CHOICE_PROMPT, {});
  }

  private async choiceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = String(step.result ?? '').trim();
    const action = readCardAction(step.context.activity.value);
    const submitted = action?.action === 'choose' ? action.value : undefined;
    const { choices } = step.values as { choices: Choice[] };
    const byNumber = /^\d{1,2}$/.test(reply) ? choices[Number(reply) - 1] : undefined;
    const chosen =
      choices.find((c) => c.value === submitted) ??
      byNumber ??
      choices.find((c) => normalizeName(c.label) === normalizeName(reply));
    if (!chosen && !submitted && intentOf(reply) !== 'place') return step.endDialog(HAND_BACK);
    const options: LookupDialogOptions = chosen ? choiceOptions(chosen.value, chosen.label) : submitted ? choiceOptions(submitted, submitted) : { query: reply };
    return step.replaceDialog(LOOKUP_DIALOG, options);
  }
}
