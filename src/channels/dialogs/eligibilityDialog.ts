import { ActivityTypes, type TurnContext } from 'botbuilder';
import { DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { advise, territoryContext, type Advice } from '../../domain/eligibility/advice';
import { foldKey } from '../../domain/normalize';
import { mergeProfile, type FirmProfile, type ProfileField, type ProfileParser } from '../../domain/profile';
import { messages } from '../../presentation/messages';
import type { DialogDeps } from './deps';
import { HAND_BACK, InterruptibleDialog } from './interruptible';
import { intentOf } from './intents';
import type { Lang } from '../../presentation/lang';
import { languageOf } from './language';
import { present } from '../../presentation/present';
import { toActivity } from './activity';

export const ELIGIBILITY_DIALOG = 'eligibilityDialog';
const WATERFALL = 'eligibilityWaterfall';
const ANSWER_PROMPT = 'eligibilityAnswer';

/** Follow-up questions after the first answer: enough to settle the main unknowns, no interrogation. */
const MAX_QUESTIONS = 2;

export interface EligibilityDialogOptions {
  /** The user's message, when it already describes the firm (and maybe its place). */
  text?: string;
  /** Set while looping on questions. */
  asked?: number;
  /** Ask the pending question again without repeating the advice (its answer could not be read yet). */
  again?: boolean;
}

interface Pending {
  field: ProfileField | 'place';
  asked: number;
}

const YES = /^(oui|ouais|yes|yep|o|y|bien sur|absolument|tout a fait|exact|c est ca|indeed|sure|of course)\b/;
const NO = /^(non|no|nope|n|pas du tout|pas vraiment|not really|not at all)\b/;

/**
 * Reads the answer to one question; the question gives the context that free parsing lacks.
 * Null when the answer writes a number in words that could not be read within the turn.
 */
export async function readAnswer(field: ProfileField, text: string, lang: Lang, parser: ProfileParser): Promise<Partial<FirmProfile> | null> {
  const parse = async (t: string) => {
    const reading = await parser.parse(t, lang);
    return reading.complete ? reading.profile : null;
  };
  const folded = foldKey(text);
  switch (field) {
    case 'wantsYoungGraduate':
    case 'independent':
    case 'ecologicalProject':
    case 'trainsJobseekers':
    case 'wantsVie':
      if (YES.test(folded)) return { [field]: true };
      if (NO.test(folded)) return { [field]: false };
      return {};
    case 'groupFigures': {
      // The group's headcount: it replaces the subsidiary's own figures (see mergeProfile).
      const answer = await readAnswer('headcount', text, lang, parser);
      if (!answer) return null;
      return answer.headcount !== undefined ? { headcount: answer.headcount, groupFigures: true } : {};
    }
    case 'headcount': {
      const parsed = await parse(text);
      if (!parsed) return null;
      if (parsed.headcount !== undefined) return { headcount: parsed.headcount };
      const bare = /^\s*(\d[\d\s]{0,6})\s*$/.exec(text);
      return bare ? { headcount: Number(bare[1]!.replace(/\s/g, '')) } : {};
    }
    case 'turnoverEur':
    case 'balanceSheetEur': {
      // An amount alone is not read as turnover by the free parser; the question says what it is.
      const lead = field === 'turnoverEur' ? (lang === 'fr' ? "chiffre d'affaires de " : 'turnover of ') : lang === 'fr' ? 'bilan de ' : 'balance sheet of ';
      const parsed = await parse(`${lead}${text}`);
      if (!parsed) return null;
      const value = parsed[field];
      return value !== undefined ? { [field]: value } : {};
    }
    default: {
      const parsed = await parse(text);
      if (!parsed) return null;
      delete parsed.communeCode;
      return parsed;
    }
  }
}

/**
 * "What can I get, and from whom?": builds the firm's profile from what it already said (free
 * text, SIRET) and asks only for what decides the most schemes.
 */
export class EligibilityDialog extends InterruptibleDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ELIGIBILITY_DIALOG);
    this.addDialog(new TextPrompt(ANSWER_PROMPT));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.assessStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  /** The advice text invites "pourquoi pas ?": answered at any question, which is then asked again. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    if (activity.type === ActivityTypes.Message && intentOf(activity.text ?? '') === 'why-not') {
      await answerWhyNot(innerDc.context, this.deps);
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    return super.onContinueDialog(innerDc);
  }

  private async assessStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as EligibilityDialogOptions;
    const context = step.context;
    const lang = languageOf(context);
    const memory = await this.deps.memory.get(context, {});
    const reading = options.text ? await this.deps.parser.parse(options.text, lang) : undefined;
    let profile = mergeProfile(memory.profile, reading?.profile);

    if (options.text) {
      // The same message may name the place (or give a SIRET): answer the territory first.
      const answer = await this.deps.lookup.lookup(options.text, { wave: this.deps.defaultWave });
      if (answer.company?.status === 'found') {
        profile = mergeProfile(profile, { communeCode: answer.company.communeCode, companyName: answer.company.name, ...(answer.company.naf ? { naf: answer.company.naf } : {}) });
      }
      if (answer.status === 'resolved' || answer.company) {
        await context.sendActivity(toActivity(present({ kind: 'lookup', answer }, lang, this.deps.cards)));
      }
      if (answer.status === 'resolved') {
        memory.territory = answer.territory ? { id: answer.territory.id, wave: answer.territory.wave } : memory.territory;
        if (answer.commune) profile.communeCode = answer.commune.code;
      }
    }
    if (reading && !reading.complete) await context.sendActivity(messages(lang).eligibility.figuresUnread);
    if (!profile.communeCode && memory.communeCode) profile.communeCode = memory.communeCode;
    memory.profile = profile;
    await this.deps.memory.set(context, memory);

    const place = territoryContext(this.deps.kb, { communeCode: profile.communeCode, territory: memory.territory }, this.deps.defaultWave);
    if (!this.deps.schemes) return step.endDialog();
    if (!place) {
      (step.values as { pending: Pending }).pending = { field: 'place', asked: options.asked ?? 0 };
      return step.prompt(ANSWER_PROMPT, { prompt: messages(lang).eligibility.askPlace });
    }

    const advice = advise(this.deps.schemes, profile, place);
    // Without the project no scheme is shown: the first question is the project itself.
    if (!options.again && (advice.relevant.length > 0 || advice.uncovered.length > 0)) await this.sendAdvice(context, advice, lang);
    const asked = options.asked ?? 0;
    if (!advice.next || asked >= MAX_QUESTIONS) return step.endDialog(advice);
    (step.values as { pending: Pending }).pending = { field: advice.next.field, asked };
    const s = messages(lang).eligibility;
    return step.prompt(ANSWER_PROMPT, { prompt: `${s.questions[advice.next.field]}${s.questionHint}` });
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { pending } = step.values as { pending: Pending };
    const text = String(step.result ?? '');
    const lang = languageOf(step.context);
    if (pending.field === 'place') {
      return step.replaceDialog(ELIGIBILITY_DIALOG, { text, asked: pending.asked } satisfies EligibilityDialogOptions);
    }
    const memory = await this.deps.memory.get(step.context, {});
    const update = await readAnswer(pending.field, text, lang, this.deps.parser);
    if (update === null) {
      await step.context.sendActivity(messages(lang).eligibility.answerUnread);
      return step.replaceDialog(ELIGIBILITY_DIALOG, { asked: pending.asked, again: true } satisfies EligibilityDialogOptions);
    }
    if (Object.keys(update).length === 0 || (pending.field === 'needs' && !(update.needs ?? []).length)) {
      // Another request (contact, status, a greeting...) goes back to the main dialog's routing.
      if (intentOf(text) !== 'place') return step.endDialog(HAND_BACK);
      await step.context.sendActivity(messages(lang).eligibility.notUnderstood);
      return step.endDialog();
    }
    memory.profile = mergeProfile(memory.profile, update);
    await this.deps.memory.set(step.context, memory);
    return step.replaceDialog(ELIGIBILITY_DIALOG, { asked: pending.asked + 1 } satisfies EligibilityDialogOptions);
  }

  private async sendAdvice(context: TurnContext, advice: Advice, lang: Lang): Promise<void> {
    await context.sendActivity(toActivity(present({ kind: 'advice', advice }, lang, this.deps.cards)));
  }
}

/** "Pourquoi pas ?" typed instead of opened in the card: the schemes that do not fit, and why. */
export async function answerWhyNot(context: TurnContext, deps: DialogDeps): Promise<void> {
  const lang = languageOf(context);
  const memory = await deps.memory.get(context, {});
  const place = territoryContext(deps.kb, { communeCode: memory.profile?.communeCode ?? memory.communeCode, territory: memory.territory }, deps.defaultWave);
  const advice = place && deps.schemes ? advise(deps.schemes, memory.profile ?? { needs: [] }, place) : null;
  await context.sendActivity(toActivity(present({ kind: 'why-not', advice }, lang, deps.cards)));
}
