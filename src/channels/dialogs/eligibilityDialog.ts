import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './framework';
import { advise, territoryContext } from '../../domain/eligibility/advice';
import { needsOfSchemeNamed } from '../../domain/eligibility/names';
import { LookupService, type LookupAnswer } from '../../domain/resolution/lookup';
import { BOOLEAN_FACTS } from '../../domain/eligibility/types';
import { foldKey } from '../../domain/normalize';
import { FIGURE_FIELDS, mergeProfile, type FirmProfile, type ProfileField, type ProfileParser } from '../../domain/profile';
import { messages } from '../../presentation/messages';
import type { Lang } from '../../presentation/lang';
import { present, presentTogether, underSchemes, type Presented } from '../../presentation/present';
import { plainActivity, toActivity } from './activity';
import type { DialogDeps } from './deps';
import { languageOf } from './language';
import { choicesOfAnswer, presentNothing } from './places';
import type { Intent } from './router';
import { letOthersIn, placesOf, setPending, takeHeld, WAIT_DIALOG, WaitDialog } from './turn';

export const ELIGIBILITY_DIALOG = 'eligibilityDialog';
const WATERFALL = 'eligibilityWaterfall';

/**
 * Follow-up questions after the first answer: enough to settle the main unknowns, no
 * interrogation. Three, because the project's questions come first (see nextQuestion): with two,
 * a firm asked about its project twice was never asked the figure that decides its category.
 */
const MAX_QUESTIONS = 3;

export interface EligibilityDialogOptions {
  /** The user's message, when it describes the firm (and maybe its place). */
  text?: string;
  /** The scheme the user asked about just before ("on y a droit ?"): its project, when the text names none. */
  scheme?: string;
  /** Questions answered so far. */
  asked?: number;
  /** The question whose answer could not be read: asked again, with an example, without the advice. */
  again?: ProfileField | 'place';
  /** The answer was the place already known: the question again with an example, as nothing was wrong. */
  repeat?: boolean;
  /** The answer gave figures instead of the project: they are kept and said back before the question. */
  noted?: Partial<FirmProfile>;
  /** The user could not answer the last question: it is left aside, said with the advice that follows. */
  leftAside?: boolean;
  /** The user did not know a figure: asked again once, saying that a rough figure will do. */
  estimate?: boolean;
}

interface Values {
  asking: ProfileField | 'place' | 'choice';
  asked: number;
  /** The question is already asked again because the known place was the answer. */
  repeated?: boolean;
  /** The figure is already asked again as an estimate: a second "je ne sais pas" leaves it aside. */
  estimate?: boolean;
}

const YES = /^(oui|ouais|yes|yep|o|y|bien sur|absolument|tout a fait|exact|c est ca|indeed|sure|of course|en effet|carrement)\b/;
const NO = /^(non|no|nope|n|pas du tout|pas vraiment|not really|not at all|aucun|aucune|jamais)\b/;
const INSTEAD = /\b(plutot|en fait|finalement|pas ca|instead|rather|actually)\b/;
const YES_NO: ReadonlySet<ProfileField> = new Set<ProfileField>(BOOLEAN_FACTS);
// The user cannot answer: the question is left, not asked again in a loop.
const DONT_KNOW =
  /^((euh|bah|ben|hmm|alors|honnetement|honestly|well|um) )*(je (ne )?sais pas( trop)?|je sais plus|bof|j sais pas|jsais pas|jsp|chais pas|sais pas|aucune idee|pas sur|pas sure|peut etre|je ne suis pas sur|je suis pas sur|on ne sait pas|on sait pas|on verra|je verrai|i don t know|i do not know|dont know|don t know|idk|not sure|maybe|no idea|perhaps|dunno)( (encore|pour l instant|yet|for now))?$/;

const AMOUNT_WORD = /\d ?(millions?|milliards?|mds?|md|mio|m|k|keur|meur|euros?|eur|million|billion|bn)\b/;

const COUNTED_WITH = /\s+(?:de\s+|d['’]\s*)[a-zà-ÿ]+\s*$/i;

/** One whole number in the answer ("a 30-person firm", "on est 45"), when there is exactly one. */
function loneNumber(text: string): number | undefined {
  // "dans les 2 millions": an amount, not 2 employees.
  if (AMOUNT_WORD.test(foldKey(text))) return undefined;
  const numbers = text.match(/\d[\d\s\u00a0.]*\d|\d/g) ?? [];
  if (numbers.length !== 1) return undefined;
  const value = Number(numbers[0]!.replace(/[\s\u00a0.]/g, ''));
  return Number.isInteger(value) && value > 0 && value < 1_000_000 ? value : undefined;
}

/**
 * Reads the answer to one question; the question gives the context that free parsing lacks.
 * Null when the answer writes a number in words that could not be read within the turn.
 */
export async function readAnswer(field: ProfileField, text: string, lang: Lang, parser: ProfileParser): Promise<Partial<FirmProfile> | null> {
  const readProfile = async (t: string) => {
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
      return sizeCorrection(await readProfile(text));
    case 'groupFigures': {
      // The group's headcount: it replaces the subsidiary's own figures (see mergeProfile).
      const answer = await readAnswer('headcount', text, lang, parser);
      if (!answer) return null;
      return answer.headcount !== undefined ? { headcount: answer.headcount, groupFigures: true } : {};
    }
    case 'headcount': {
      const parsed = await readProfile(text);
      if (!parsed) return null;
      if (parsed.headcount !== undefined) return { headcount: parsed.headcount };
      // An amount instead ("on a 30 M€ de CA"): kept as what it is, not read as 30 employees.
      const amounts = sizeFigures(parsed);
      if (amounts) return amounts;
      const bare = loneNumber(text);
      if (bare !== undefined) return { headcount: bare };
      // A number in words alone ("quatre-vingts", "une cinquantaine"): the question says what it
      // counts, also in place of the word the user counted with ("une quarantaine de gars").
      // "Une cinquantaine salariés" reads as one: "de" before the noun.
      // "Une dizaine de millions": an amount, not ten employees.
      if (/\b(millions?|milliards?|euros?|million|billion)\b/i.test(text)) return {};
      const figure = text.replace(COUNTED_WITH, '');
      const unit = lang === 'fr' ? (/aines?$/i.test(figure) ? 'de salariés' : 'salariés') : 'employees';
      const counted = await readProfile(`${figure} ${unit}`);
      if (!counted) return null;
      return counted.headcount !== undefined ? { headcount: counted.headcount } : {};
    }
    case 'turnoverEur':
    case 'balanceSheetEur': {
      // An amount alone is not read as turnover by the free parser; the question says what it is.
      const lead = field === 'turnoverEur' ? (lang === 'fr' ? "chiffre d'affaires de " : 'turnover of ') : lang === 'fr' ? 'bilan de ' : 'balance sheet of ';
      const parsed = await readProfile(`${lead}${text}`);
      if (!parsed) return null;
      const value = parsed[field];
      return value !== undefined ? { [field]: value } : {};
    }
    default: {
      const parsed = await readProfile(text);
      if (!parsed) return null;
      delete parsed.communeCode;
      // Figures instead of the project ("on fait 25 M€ de CA"): kept; the project is asked again.
      if (field === 'needs' && !(parsed.needs ?? []).length) return sizeCorrection(parsed);
      return parsed;
    }
  }
}

/**
 * Neither yes nor no, but a size figure ("en fait on est 300") or a project ("en fait on veut
 * plutôt exporter"): the user corrects what the advice rests on, so it is kept and the advice
 * follows it; the question comes again after if it still matters.
 */
function sizeCorrection(said: Partial<FirmProfile> | null): Partial<FirmProfile> {
  if (!said) return {};
  return { ...(said.needs?.length ? { needs: said.needs } : {}), ...sizeFigures(said) };
}

/**
 * "What can I get, and from whom?": builds the firm's profile from what it already said (free
 * text, SIRET) and asks only for what decides the most schemes. A place given at any question
 * replaces the one known; an answer that cannot be read gets the question again, with an example.
 */
export class EligibilityDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ELIGIBILITY_DIALOG);
    this.addDialog(new WaitDialog());
    this.addDialog(new WaterfallDialog(WATERFALL, [this.assessStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async assessStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as EligibilityDialogOptions;
    const values = step.values as Values;
    values.asked = options.asked ?? 0;
    values.repeated = options.repeat === true;
    values.estimate = options.estimate === true;
    const context = step.context;
    const lang = languageOf(context);
    const memory = await this.deps.memory.get(context, {});
    let profile = memory.profile ?? { needs: [] };

    const reading = options.text ? await this.deps.parser.parse(options.text, lang) : undefined;
    // Each step of the answer is a piece of its own: lookups arriving meanwhile go in between.
    await letOthersIn();
    // What goes out before the advice (the territory's answer, a notice), sent with it as one
    // message; the place given at a question was held for it by the main dialog.
    const held = takeHeld(context);
    const said: Presented[] = held ? [held] : [];
    // "PME de 30 salariés dans l'Allier": the place is asked within that department.
    let department: LookupAnswer | undefined;
    if (options.text) {
      // The same message may name the place (or give a SIRET): the territory's answer comes too.
      // The router has read this text already, to know whether it names a place: the same answer,
      // rather than the resolver's work again, unless the text holds a company number (the
      // company directory answers it).
      const read = LookupService.findCompanyNumber(options.text) ? undefined : placesOf(context);
      const answer: LookupAnswer = read
        ? read(options.text, this.deps.defaultWave)
        : await this.deps.lookup.lookup(options.text, { wave: this.deps.defaultWave });
      await letOthersIn();
      const figures = reading ? sizeFigures(reading.profile) : null;
      const statesProject = (reading?.profile.needs?.length ?? 0) > 0;
      const namesNoPlace = answer.status === 'unknown' && !answer.company;
      // Looked for only when the message names no project itself (the usual description does).
      const named = statesProject || !this.deps.schemes ? [] : needsOfSchemeNamed(this.deps.schemes.schemes, options.text);
      const asked = !named.length && options.scheme ? (this.deps.schemes?.get(options.scheme)?.needs ?? []) : [];
      // Figures alone, after advice given ("on a 8 M€ de CA"), are more about the same firm: kept
      // with what it said, and said back. Anything naming a place or a project is a new request,
      // and what an earlier one said does not carry over.
      const more = figures && profile.needs.length > 0 && !statesProject && !named.length && namesNoPlace;
      // "On y a droit ?" right after a scheme was explained, naming no place: the same firm, now
      // asking about that scheme's project.
      const follows = asked.length > 0 && !statesProject && namesNoPlace;
      if (more) {
        profile = mergeProfile(profile, reading?.profile);
        said.push({ text: messages(lang).eligibility.noted(figures), card: null });
      } else if (follows) {
        profile = { ...mergeProfile(profile, reading?.profile), needs: [...asked] };
      } else {
        profile = mergeProfile(undefined, reading?.profile);
        if (!profile.needs.length) profile.needs = [...(named.length ? named : asked)];
        delete memory.unanswered;
        // Figures alone ("on est 12"): said back, so that the question that follows does not read as if unheard.
        if (figures && !profile.needs.length && namesNoPlace) said.push({ text: messages(lang).eligibility.noted(figures), card: null });
      }
      if (answer.company?.status === 'found') {
        profile = mergeProfile(profile, {
          communeCode: answer.company.communeCode,
          companyName: answer.company.name,
          ...(answer.company.naf ? { naf: answer.company.naf } : {}),
        });
      }
      const territory = answer.status !== 'unknown' || answer.company ? present({ kind: 'lookup', answer }, lang, this.deps.cards) : null;
      if (answer.status === 'resolved') {
        memory.territory = answer.territory ? { id: answer.territory.id, wave: answer.territory.wave } : undefined;
        if (answer.commune) profile.communeCode = memory.communeCode = answer.commune.code;
      }
      if (answer.status === 'ambiguous') {
        delete profile.communeCode;
        delete memory.communeCode;
        memory.territory = undefined;
        memory.profile = profile;
        // The candidates are on screen; the choice comes back here through the main dialog.
        values.asking = 'choice';
        await setPending(context, this.deps, { ask: 'choice', query: answer.query, choices: choicesOfAnswer(answer), flow: 'eligibility' });
        if (territory) await context.sendActivity(toActivity(territory));
        return step.beginDialog(WAIT_DIALOG);
      }
      if (territory) said.push(territory);
      if (answer.reason === 'department-only' && answer.departments?.length) department = answer;
    }
    if (options.leftAside) said.push({ text: messages(lang).eligibility.unanswered, card: null });
    if (reading && !reading.complete) said.push({ text: messages(lang).eligibility.figuresUnread, card: null });
    if (!options.text) {
      // "Voir mes aides" on the card of the place shown last: that place, not the one an earlier advice was for.
      if (memory.communeCode) profile.communeCode = memory.communeCode;
      else delete profile.communeCode;
    } else if (!profile.communeCode && memory.communeCode) profile.communeCode = memory.communeCode;
    memory.profile = profile;

    const place = territoryContext(this.deps.kb, { communeCode: profile.communeCode, territory: memory.territory }, this.deps.defaultWave);
    if (!this.deps.schemes) {
      if (said.length > 0) await context.sendActivity(toActivity(presentTogether(said)));
      return step.endDialog();
    }
    const s = messages(lang).eligibility;
    if (!place) {
      values.asking = 'place';
      if (department?.departments) {
        await setPending(context, this.deps, { ask: 'commune-in', departments: department.departments, flow: 'eligibility' });
        return this.ask(step, said, presentNothing(this.deps, lang, 'department-only', department.query, department.departments, department.namesakes));
      }
      await setPending(context, this.deps, { ask: 'place', flow: 'eligibility' });
      return this.ask(step, said, options.again === 'place' ? s.placeAgain : s.askPlace, null, s.askPlace);
    }

    await letOthersIn();
    const advice = advise(this.deps.schemes, profile, place, undefined, memory.unanswered);
    // Without the project no scheme is shown: the first question is the project itself.
    const shown =
      !options.again && (advice.relevant.length > 0 || advice.uncovered.length > 0) ? present({ kind: 'advice', advice }, lang, this.deps.cards) : null;
    // Under the schemes card, the territory's card loses the buttons the schemes card has or is.
    if (shown?.card) for (let i = 0; i < said.length; i++) said[i] = underSchemes(said[i]!);
    if (shown) said.push(shown);
    await letOthersIn();
    if (!advice.next || values.asked >= MAX_QUESTIONS) {
      await setPending(context, this.deps, undefined);
      if (said.length > 0) await context.sendActivity(toActivity(presentTogether(said, shown ?? undefined)));
      return step.endDialog(advice);
    }
    const field = advice.next.field;
    values.asking = field;
    await setPending(context, this.deps, { ask: 'field', flow: 'eligibility', field });
    const example = `${s.questions[field]} (${s.examples[field]})`;
    const plain = `${s.questions[field]}${s.questionHint}`;
    const question = options.noted
      ? `${s.noted(options.noted)} ${example}`
      : options.estimate
        ? `${s.estimateWillDo} ${example}`
        : options.again !== field
          ? plain
          : options.repeat
            ? example
            : `${s.answerAgain} ${example}`;
    return this.ask(step, said, question, shown, question === plain ? plain : example);
  }

  /**
   * What there is to say in one message, then the question on its own, last: the user answers
   * what they read last. The advice's schemes card comes first, above the territory's: it is what
   * the user asked for; the territory card (where the site is, its referents) backs it up. Quick
   * answers of the message (a namesake of the place) go on the question, as a channel shows only
   * the last message's.
   */
  /**
   * A question, after what is said before it; a question given as presented brings its own
   * choices. `again`: the question alone, asked again after an answer on the side, when the
   * question said more ("Je n'ai pas compris cette réponse.", figures noted).
   */
  private async ask(
    step: WaterfallStepContext,
    said: readonly Presented[],
    question: string | Presented,
    first: Presented | null = null,
    again?: string,
  ): Promise<DialogTurnResult> {
    const text = typeof question === 'string' ? question : question.text;
    const own = typeof question === 'string' ? undefined : question.choices;
    let shown = own;
    if (said.length > 0) {
      const { choices, ...message } = presentTogether(said, first ?? undefined);
      await step.context.sendActivity(toActivity(message));
      shown = own ?? choices;
    }
    return step.beginDialog(WAIT_DIALOG, {
      prompt: plainActivity(text, shown),
      ...(again !== undefined && again !== text ? { reprompt: plainActivity(again, shown) } : {}),
    });
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as Values;
    const intent = step.result as Intent;
    const memory = await this.deps.memory.get(step.context, {});
    // A place given instead (the main dialog has shown it): the advice for that place.
    if (intent.kind === 'place' || intent.kind === 'choose') {
      let profile = memory.profile ?? { needs: [] };
      const same = memory.communeCode !== undefined && profile.communeCode === memory.communeCode;
      // What the same message says about the firm is kept ("on est à Cluses, 60 salariés, on veut investir").
      const before = JSON.stringify(profile);
      if (intent.kind === 'place' && intent.text.trim().split(/\s+/).length > 2) {
        const reading = await this.deps.parser.parse(intent.text, languageOf(step.context));
        if (reading) {
          const { communeCode: _ignored, ...said } = reading.profile;
          profile = mergeProfile(profile, said);
        }
      }
      const learned = JSON.stringify(profile) !== before;
      if (memory.communeCode) profile.communeCode = memory.communeCode;
      else delete profile.communeCode;
      memory.profile = profile;
      if (same && !learned && values.asking !== 'place' && values.asking !== 'choice') {
        // Twice the place instead of an answer: the user does not want to answer; no loop.
        if (values.repeated) {
          await setPending(step.context, this.deps, undefined);
          const stopped = { text: messages(languageOf(step.context)).eligibility.questionsStopped, card: null };
          const held = takeHeld(step.context);
          await step.context.sendActivity(toActivity(held ? presentTogether([held, stopped]) : stopped));
          return step.endDialog();
        }
        return step.replaceDialog(WATERFALL, { asked: values.asked, again: values.asking, repeat: true } satisfies EligibilityDialogOptions);
      }
      return step.replaceDialog(WATERFALL, { asked: values.asked } satisfies EligibilityDialogOptions);
    }
    const text = intent.kind === 'answer' ? intent.text : '';
    if (values.asking === 'place' || values.asking === 'choice') {
      // What the answer says about the firm is kept ("en fait on veut exporter"); the place is asked again.
      const reading = text ? await this.deps.parser.parse(text, languageOf(step.context)) : undefined;
      if (reading) {
        const { communeCode: _ignored, ...said } = reading.profile;
        memory.profile = mergeProfile(memory.profile, said);
      }
      return step.replaceDialog(WATERFALL, { asked: values.asked, again: 'place' } satisfies EligibilityDialogOptions);
    }
    const field = values.asking;
    const lang = languageOf(step.context);
    // No project in mind: no scheme can be sorted without one, and asking again would loop.
    if (field === 'needs' && DONT_KNOW.test(foldKey(text))) {
      await setPending(step.context, this.deps, undefined);
      await step.context.sendActivity(messages(lang).eligibility.projectUnknown);
      return step.endDialog();
    }
    // A figure gets its question again once, a rough one will do ("une cinquantaine"); a yes or no,
    // or a figure not known even roughly, is left aside.
    if (DONT_KNOW.test(foldKey(text)) && FIGURE_FIELDS.has(field) && !values.estimate) {
      return step.replaceDialog(WATERFALL, { asked: values.asked, again: field, estimate: true } satisfies EligibilityDialogOptions);
    }
    if ((YES_NO.has(field) || FIGURE_FIELDS.has(field)) && DONT_KNOW.test(foldKey(text))) {
      memory.unanswered = [...(memory.unanswered ?? []), field];
      return step.replaceDialog(WATERFALL, { asked: values.asked + 1, leftAside: true } satisfies EligibilityDialogOptions);
    }
    const update = await readAnswer(field, text, lang, this.deps.parser);
    // The project named through a scheme ("l'accélérateur bpi") is that scheme's project.
    if (field === 'needs' && update && !update.needs?.length && this.deps.schemes) {
      const needs = needsOfSchemeNamed(this.deps.schemes.schemes, text);
      if (needs.length) update.needs = [...needs];
    }
    if (update !== null && Object.keys(update).length === 0) {
      // Read, but not this question's answer: what the firm says of itself, a yes or no given
      // earlier taken back ("ah si en fait on a déjà un VIE"), a project. Kept, the advice redrawn
      // with it, and its question asked again (not counted). (null: its numbers could not be read.)
      const said = await saidOfItself(text, lang, this.deps.parser);
      if (said) {
        memory.profile = takeIn(memory.profile, said, text, field);
        return step.replaceDialog(WATERFALL, { asked: values.asked, noted: sizeFigures(said) ?? {} } satisfies EligibilityDialogOptions);
      }
    }
    if (update === null) {
      await step.context.sendActivity(messages(lang).eligibility.answerUnread);
      return step.replaceDialog(WATERFALL, { asked: values.asked, again: field, repeat: true } satisfies EligibilityDialogOptions);
    }
    if (Object.keys(update).length === 0) {
      return step.replaceDialog(WATERFALL, { asked: values.asked, again: field } satisfies EligibilityDialogOptions);
    }
    memory.profile = takeIn(memory.profile, update, text, field);
    if (field === 'needs' && !update.needs?.length) {
      // Not the answer, but not lost either: said back, and the project is asked again (not counted).
      return step.replaceDialog(WATERFALL, { asked: values.asked, again: field, noted: update } satisfies EligibilityDialogOptions);
    }
    // A figure instead of a yes or no ("en fait on est 300"), or another figure than the one asked
    // ("on a 30 M€ de CA" for the headcount): the advice follows it, and the next question says it
    // was noted, since the redrawn card alone does not show what changed.
    const figures = sizeFigures(update);
    const noted = (YES_NO.has(field) || FIGURE_FIELDS.has(field)) && update[field] === undefined && figures ? { noted: figures } : {};
    return step.replaceDialog(WATERFALL, { asked: values.asked + 1, ...noted } satisfies EligibilityDialogOptions);
  }
}

/**
 * What an answer said, merged into the firm's profile; "plutôt", "en fait", "instead": a project
 * named at another question replaces the one said before.
 */
function takeIn(profile: FirmProfile | undefined, said: Partial<FirmProfile>, text: string, field: ProfileField): FirmProfile {
  const before = said.needs?.length && field !== 'needs' && INSTEAD.test(foldKey(text)) && profile ? { ...profile, needs: [] } : profile;
  return mergeProfile(before, said);
}

/** The yes-or-no facts and the project a message states of the firm, or null when it states none. */
async function saidOfItself(text: string, lang: Lang, parser: ProfileParser): Promise<Partial<FirmProfile> | null> {
  const reading = await parser.parse(text, lang);
  if (!reading.complete) return null;
  const said: Partial<FirmProfile> = {};
  for (const fact of BOOLEAN_FACTS) if (reading.profile[fact] !== undefined) said[fact] = reading.profile[fact];
  if (reading.profile.needs?.length) said.needs = reading.profile.needs;
  return Object.keys(said).length > 0 ? said : null;
}

/** The size figures an answer gave, or null when it gave none. */
function sizeFigures(said: Partial<FirmProfile>): Partial<FirmProfile> | null {
  const { headcount, turnoverEur, balanceSheetEur } = said;
  if (headcount === undefined && turnoverEur === undefined && balanceSheetEur === undefined) return null;
  return {
    ...(headcount !== undefined ? { headcount } : {}),
    ...(turnoverEur !== undefined ? { turnoverEur } : {}),
    ...(balanceSheetEur !== undefined ? { balanceSheetEur } : {}),
  };
}

/** "Pourquoi pas ?" typed instead of opened in the card: the schemes that do not fit, and why. */
export async function answerWhyNot(context: TurnContext, deps: DialogDeps): Promise<void> {
  const lang = languageOf(context);
  const memory = await deps.memory.get(context, {});
  const place = territoryContext(deps.kb, { communeCode: memory.profile?.communeCode ?? memory.communeCode, territory: memory.territory }, deps.defaultWave);
  const advice = place && deps.schemes ? advise(deps.schemes, memory.profile ?? { needs: [] }, place) : null;
  await context.sendActivity(toActivity(present({ kind: 'why-not', advice }, lang, deps.cards)));
}
