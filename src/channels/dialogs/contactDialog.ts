import { randomUUID } from 'node:crypto';
import { Culture, recognizeEmail, recognizePhoneNumber } from '@microsoft/recognizers-text-sequence';
import type { TurnContext } from 'botbuilder';
import type { DialogInstance, DialogTurnResult, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, DialogReason, WaterfallDialog } from './framework';
import { TextPrompt } from './textPrompt';
import type { ContactSummaryCardData } from '../../presentation/cards/data';
import { recipientSentence, requestPlaceName } from '../../presentation/text';
import { present, presentTogether, type CardRenderer } from '../../presentation/present';
import { plainActivity as plain, toActivity } from './activity';
import {
  ContactInputError,
  findReference,
  formatFrenchPhone,
  normalizeEmail,
  normalizeFrenchPhone,
  type ContactPlace,
  type ContactTarget,
  type RequestStatusView,
} from '../../domain/contact';
import { OPERATOR_IDS, type OperatorId, type Wave } from '../../domain/types';
import type { DialogDeps } from './deps';
import { consentAnswerOf, contactOperatorOf, type ContactStep, type Intent } from './router';
import type { Lang } from '../../presentation/lang';
import { languageOf } from './language';
import { CONSENT_TEXT_VERSION, formatDay, messages, type Messages } from '../../presentation/messages';
import type { ConversationMemory } from './state';
import { cleanLine } from '../../domain/text';
import { foldKey } from '../../domain/normalize';
import { routedOf, setPending, takeHeld, WAIT_DIALOG, WaitDialog } from './turn';

export { consentAnswerOf };

export const CONTACT_DIALOG = 'contactDialog';
const WATERFALL = 'contactWaterfall';
/** Summary, consent and submission: repeated with the same draft when storing fails. */
const CONFIRM = 'contactConfirmWaterfall';
const FIRM_PROMPT = 'contactFirmPrompt';
const PERSON_PROMPT = 'contactPersonPrompt';
const DETAILS_PROMPT = 'contactDetailsPrompt';
const NEED_PROMPT = 'contactNeedPrompt';
const CONSENT_PROMPT = 'contactConsentPrompt';

export interface ContactDialogOptions {
  operator?: OperatorId;
  /** The question whose answer could not be read, asked again. */
  again?: 'place' | 'operator';
}

export const NAME_MIN = 2;
export const NAME_MAX = 120;
export const NEED_MIN = 3;
/** Words a person's name does not hold and a sentence does ("on veut", "nous cherchons", "we need"). */
const SENTENCE = /\b(on|nous|je|we|veut|voudrait|voudrions|voulons|souhaite|souhaitons|cherche|cherchons|besoin|pour|need|want|would|looking)\b/;
/** How a sentence saying what the firm wants starts; a firm's name does not ("On Semiconductor" may). */
const WANTS =
  /^(on|nous|je|we|i|our|notre) (veut|voudrait|voulons|voudrions|souhaite|souhaitons|cherche|cherchons|a besoin|avons besoin|want|would|need|are looking|am looking)\b/;
/** A reply that is no name and no need: yes, no, ok. */
const BARE_REPLY = /^(oui|non|ok|okay|d accord|yes|no|yep|nope|merci|thanks|rien|nothing)$/;
export const NEED_MAX = 500;

/**
 * Everything the dialog needs across turns. It lives in the waterfall's `values`, which the bot
 * persists through its Storage after every turn, so a restarted process resumes at the same step.
 */
interface ContactValues {
  /** Identifies this draft: echoed by the summary card and part of the idempotency key. */
  draftId: string;
  territory?: { id: string; wave: Wave };
  /** Outside every territory: the region of the firm's site, whose operators' entry points take the request. */
  regionCode?: string;
  operator?: OperatorId;
  firmName?: string;
  contactName?: string;
  email?: string;
  phone?: string;
  need?: string;
}

/**
 * Requests sent from this conversation with the draft each came from, so "où en est ma demande ?"
 * needs nothing more and a summary card clicked again after the dialog ended gets its reference.
 */
type MemoryWithRequests = ConversationMemory;
const MAX_REMEMBERED_REQUESTS = 10;

type Strings = Messages['contact'];

/** The answers a request being written carries to its next start (another site or operator), for this turn. */
const CARRIED = Symbol('contactAnswersCarried');
type Carried = Pick<ContactValues, 'firmName' | 'contactName' | 'email' | 'phone' | 'need'>;

/** What a draft keeps of a typed answer: one line, no control or bidi character. */
const oneLine = (value: unknown): string => cleanLine(value);

// ---------------------------------------------------------------------------------------------
// Contact details in free text
// ---------------------------------------------------------------------------------------------

export interface ContactDetails {
  /** Normalised (lower case). */
  email?: string;
  /** E.164. */
  phone?: string;
  /** What looked like an e-mail or a phone number but is not valid, as typed. */
  invalid?: { kind: 'email' | 'phone'; raw: string };
}

// Phone-like runs the recognizer misses ("06.12.34.56.78"): digits with the usual separators.
const PHONE_LIKE = /(?:\+|\b00)?\d[\d .\-/()\u00a0]{6,22}\d/g;
const EMAIL_LIKE = /[^\s<>()"',;:]*@[^\s<>()"',;:]*/g;

/**
 * Finds an e-mail and/or a French phone number in a message, with the Recognizers-Text sequence
 * models (French then English), then validates and normalises them with the requests module.
 */
export function extractContactDetails(text: string, lang: Lang = 'fr'): ContactDetails {
  const input = String(text ?? '').slice(0, 1000);
  const cultures = lang === 'en' ? [Culture.English, Culture.French] : [Culture.French, Culture.English];
  const emails: string[] = [];
  const phones: string[] = [];
  for (const culture of cultures) {
    for (const r of recognizeEmail(input, culture)) emails.push(r.text);
    for (const r of recognizePhoneNumber(input, culture)) phones.push(String(r.resolution?.value ?? r.text));
  }
  // The recognizer lower-cases and drops what is not an e-mail; what it missed is checked too, so
  // a typo is reported rather than silently ignored.
  const emailLike = input.match(EMAIL_LIKE) ?? [];
  const withoutEmails = emailLike.reduce((s, e) => s.replace(e, ' '), input);
  phones.push(...(withoutEmails.match(PHONE_LIKE) ?? []).map((p) => p.trim()));

  const details: ContactDetails = {};
  for (const e of [...emails, ...emailLike]) {
    const email = normalizeEmail(e.replace(/[.!?]+$/, ''));
    if (email) {
      details.email ??= email;
    }
  }
  if (!details.email) {
    const bad = emailLike.find((e) => e.length > 1);
    if (bad) details.invalid = { kind: 'email', raw: oneLine(bad).slice(0, 80) };
  }
  for (const p of phones) {
    const phone = normalizeFrenchPhone(p);
    if (phone) {
      details.phone ??= phone;
    }
  }
  if (!details.phone && !details.invalid) {
    const bad = phones.find((p) => p.replace(/\D/g, '').length >= 6);
    if (bad) details.invalid = { kind: 'phone', raw: oneLine(bad).slice(0, 40) };
  }
  return details;
}

/** The channel-scoped identity of a user: the same person on another channel is someone else. */
export function requesterKeyOf(context: TurnContext): string | undefined {
  const from = context.activity.from?.id;
  return from ? `${context.activity.channelId ?? 'unknown'}:${from}` : undefined;
}

async function validateName(prompt: PromptValidatorContext<string>): Promise<boolean> {
  if (!prompt.recognized.succeeded) return false;
  const value = oneLine(prompt.recognized.value);
  if (value.length < NAME_MIN || value.length > NAME_MAX) return false;
  prompt.recognized.value = value;
  return true;
}

// Channels that only show text: they get the plain summary instead of a card.
const TEXT_ONLY_CHANNELS = new Set(['sms', 'email', 'telephony', 'twilio-sms', 'kik', 'groupme']);

/**
 * The warm handoff: from a territory to its referent at one operator. Asks the firm's name, the
 * contact person, an e-mail and/or phone, the need, then shows everything with the consent text
 * and submits only on explicit consent. The submission is idempotent on (conversation, draft),
 * so a replayed consent or a restart in the middle of that turn never creates a second request.
 */
export class ContactDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CONTACT_DIALOG);
    this.addDialog(new WaitDialog());
    this.addDialog(new TextPrompt(FIRM_PROMPT, this.validateFirm.bind(this)));
    this.addDialog(new TextPrompt(PERSON_PROMPT, this.validatePerson.bind(this)));
    this.addDialog(new TextPrompt(DETAILS_PROMPT, this.validateDetails.bind(this)));
    this.addDialog(new TextPrompt(NEED_PROMPT, this.validateNeed.bind(this)));
    this.addDialog(new TextPrompt(CONSENT_PROMPT, this.validateConsent.bind(this)));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.placeStep.bind(this),
        this.operatorStep.bind(this),
        this.recipientStep.bind(this),
        this.personStep.bind(this),
        this.detailsStep.bind(this),
        this.needStep.bind(this),
        this.draftStep.bind(this),
        async (step) => step.endDialog(step.result),
      ]),
    );
    this.addDialog(new WaterfallDialog(CONFIRM, [this.showSummary.bind(this), this.submitStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  /** Channels that show only text get the plain summary instead of a card. */
  private cards(context: TurnContext): CardRenderer | null {
    return TEXT_ONLY_CHANNELS.has(context.activity.channelId) ? null : this.deps.cards;
  }

  private s(context: TurnContext): Strings {
    return messages(languageOf(context)).contact;
  }

  private async memory(context: TurnContext): Promise<MemoryWithRequests> {
    return (await this.deps.memory.get(context, {})) as MemoryWithRequests;
  }

  /** Records which question waits, for the router to read the answer against it. */
  private async asking(step: WaterfallStepContext, ask: ContactStep): Promise<void> {
    const { operator } = step.values as ContactValues;
    await setPending(
      step.context,
      this.deps,
      ask === 'place' ? { ask: 'place', flow: 'contact' } : { ask: 'contact', flow: 'contact', step: ask, ...(operator ? { operator } : {}) },
    );
  }

  /**
   * The place first when none is known. The main dialog looks up a place given as the answer
   * (and asks which one when several match) before handing the turn back here.
   */
  private async placeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as ContactDialogOptions;
    const values = step.values as ContactValues;
    values.draftId = randomUUID();
    if (options.operator && OPERATOR_IDS.includes(options.operator)) values.operator = options.operator;
    const carried = step.context.turnState.get(CARRIED) as Carried | undefined;
    if (carried) Object.assign(values, carried);
    if (!this.deps.contact) {
      await step.context.sendActivity(this.s(step.context).unavailable);
      return step.endDialog();
    }
    if (await this.placeFromMemory(step.context, values)) return step.next();
    await this.asking(step, 'place');
    const s = this.s(step.context);
    return step.beginDialog(WAIT_DIALOG, { prompt: plain(options.again === 'place' ? s.placeAgain : s.askPlace) });
  }

  /**
   * The place the conversation already knows: its territory, or, for a site outside every
   * territory, the region of its commune (a firm there can still be put in touch).
   */
  private async placeFromMemory(context: TurnContext, values: ContactValues): Promise<boolean> {
    const { territory, communeCode } = await this.memory(context);
    if (territory) {
      values.territory = { id: territory.id, wave: territory.wave };
      return true;
    }
    const region = communeCode ? this.deps.kb.geo.currentCommune(communeCode)?.region : undefined;
    if (region) values.regionCode = region;
    return region !== undefined;
  }

  /** Where the request goes from: the territory, or the region outside every territory. */
  private static place(values: ContactValues): ContactPlace | null {
    if (values.territory) return values.territory;
    return values.regionCode ? { regionCode: values.regionCode } : null;
  }

  private async operatorStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    const s = this.s(step.context);
    if (!ContactDialog.place(values)) {
      // The place question's answer: the main dialog has looked it up (and asked which one when
      // several match); an answer that named no place gets the question again.
      const answer = step.result as Intent;
      if (answer.kind === 'answer')
        return step.replaceDialog(WATERFALL, { ...(values.operator ? { operator: values.operator } : {}), again: 'place' } satisfies ContactDialogOptions);
      if (!(await this.placeFromMemory(step.context, values))) {
        await setPending(step.context, this.deps, undefined);
        await step.context.sendActivity(s.noTerritory);
        return step.endDialog();
      }
    }
    if (values.operator) return step.next();
    await this.asking(step, 'operator');
    const options = (step.options ?? {}) as ContactDialogOptions;
    const names = OPERATOR_IDS.map((id) => this.deps.kb.operator(id)?.name ?? id);
    const prompt = toActivity({
      text: options.again === 'operator' ? s.whichOperatorRetry : s.whichOperator,
      card: null,
      textFormat: 'plain',
      choices: names.map((n) => ({ title: n, value: n })),
    });
    return step.beginDialog(WAIT_DIALOG, { prompt });
  }

  private async recipientStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    const s = this.s(step.context);
    if (!values.operator) {
      // The operator's name in a sentence ("plutôt pôle emploi"), or its number as the buttons list them.
      const answer = step.result as Intent;
      const text = answer.kind === 'answer' ? answer.text : '';
      const digit = /^\s*([1-4])\s*\.?\s*$/.exec(text);
      values.operator = digit ? OPERATOR_IDS[Number(digit[1]) - 1] : contactOperatorOf(text);
      if (!values.operator) return step.replaceDialog(WATERFALL, { again: 'operator' } satisfies ContactDialogOptions);
    }
    const place = ContactDialog.place(values);
    const target = values.operator && place ? this.deps.contact!.prepare(place, values.operator) : null;
    if (!target) {
      await step.context.sendActivity(s.noTarget);
      return step.endDialog();
    }
    // With the place's answer when the same message named it (held by the main dialog).
    const sentence = { text: recipientSentence(target, languageOf(step.context)), card: null, textFormat: 'plain' as const };
    const held = takeHeld(step.context);
    await step.context.sendActivity(toActivity(held ? presentTogether([held, sentence]) : sentence));
    if (values.firmName) return step.next(values.firmName);
    await this.asking(step, 'firm');
    return step.prompt(FIRM_PROMPT, { prompt: s.askFirm, retryPrompt: s.nameLength(s.firmWhat, NAME_MIN, NAME_MAX) });
  }

  private async personStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    const s = this.s(step.context);
    values.firmName = String(step.result);
    if (values.contactName) return step.next(values.contactName);
    await this.asking(step, 'person');
    return step.prompt(PERSON_PROMPT, { prompt: s.askPerson, retryPrompt: s.nameLength(s.personWhat, NAME_MIN, NAME_MAX) });
  }

  /** A firm's name, and not the need asked later ("we want to train jobseekers") nor a bare "yes". */
  private async validateFirm(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const s = this.s(prompt.context);
    const key = foldKey(prompt.recognized.value ?? '');
    const notName = WANTS.test(key) || BARE_REPLY.test(key);
    prompt.options.retryPrompt = notName ? s.firmNotSentence : s.nameLength(s.firmWhat, NAME_MIN, NAME_MAX);
    return !notName && validateName(prompt);
  }

  /** A name, and not the e-mail or phone number asked next ("jean@exemple.fr" typed as the person). */
  private async validatePerson(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const s = this.s(prompt.context);
    const value = oneLine(prompt.recognized.value ?? '');
    const details = value.includes('@') || (value.match(/\d/g)?.length ?? 0) >= 6;
    // "on veut financer une presse" typed here is the need, asked two questions later.
    const key = foldKey(value);
    const sentence = !details && (SENTENCE.test(key) || BARE_REPLY.test(key));
    prompt.options.retryPrompt = details ? s.personNotDetails : sentence ? s.personNotSentence : s.nameLength(s.personWhat, NAME_MIN, NAME_MAX);
    return !details && !sentence && validateName(prompt);
  }

  private async detailsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    const s = this.s(step.context);
    values.contactName = String(step.result);
    if (values.email || values.phone) return step.next();
    await this.asking(step, 'details');
    return step.prompt(DETAILS_PROMPT, { prompt: s.askDetails, retryPrompt: s.detailsMissing });
  }

  private async validateDetails(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const s = this.s(prompt.context);
    const details = extractContactDetails(prompt.recognized.value ?? '', languageOf(prompt.context));
    if (details.invalid) {
      // The retry says precisely what is wrong; it is part of the prompt's persisted options.
      prompt.options.retryPrompt = plain(details.invalid.kind === 'email' ? s.emailInvalid(details.invalid.raw) : s.phoneInvalid(details.invalid.raw));
      return false;
    }
    if (!details.email && !details.phone) {
      prompt.options.retryPrompt = plain(s.detailsMissing);
      return false;
    }
    return true;
  }

  private async needStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    const s = this.s(step.context);
    // No result: the details were carried from the request's previous start.
    if (step.result !== undefined) {
      const details = extractContactDetails(String(step.result), languageOf(step.context));
      values.email = details.email;
      values.phone = details.phone;
    }
    if (values.need) return step.next(values.need);
    await this.asking(step, 'need');
    return step.prompt(NEED_PROMPT, { prompt: s.askNeed(NEED_MAX), retryPrompt: s.needTooShort });
  }

  private async validateNeed(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (!prompt.recognized.succeeded) return false;
    const need = oneLine(prompt.recognized.value);
    // "oui" or "ok" says nothing a referent could act on.
    if (need.length >= NEED_MIN && need.length <= NEED_MAX && !BARE_REPLY.test(foldKey(need))) {
      prompt.recognized.value = need;
      return true;
    }
    const s = this.s(prompt.context);
    prompt.options.retryPrompt = need.length > NEED_MAX ? s.needTooLong(need.length, NEED_MAX) : s.needTooShort;
    return false;
  }

  private async draftStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    values.need = String(step.result);
    return step.beginDialog(CONFIRM, { ...values } satisfies ContactValues);
  }

  private summaryData(values: ContactValues, target: ContactTarget, lang: Lang): Omit<ContactSummaryCardData, 'locale'> {
    return {
      operator: target.operator,
      operatorName: target.operatorName,
      territoryName: requestPlaceName(target, lang),
      target: target.recipient,
      firm: {
        name: values.firmName ?? '',
        contactName: values.contactName ?? '',
        ...(values.email ? { email: values.email } : {}),
        ...(values.phone ? { phone: formatFrenchPhone(values.phone) } : {}),
      },
      need: values.need ?? '',
      retentionDays: this.deps.requestRetentionDays,
      privacyContact: this.deps.privacyContact,
      draftId: values.draftId,
    };
  }

  private async showSummary(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.options as ContactValues;
    const lang = languageOf(step.context);
    const s = messages(lang).contact;
    // Prepared again: an administrator may have named a referent since the dialog began.
    const place = ContactDialog.place(values);
    const target = place ? this.deps.contact!.prepare(place, values.operator!) : null;
    if (!target) {
      await step.context.sendActivity(s.noTarget);
      return step.endDialog();
    }
    const summary = present({ kind: 'contact-summary', summary: this.summaryData(values, target, lang) }, lang, this.cards(step.context));
    await step.context.sendActivity(toActivity(summary));
    const retryPrompt = toActivity({ text: s.consentRetry, card: null, textFormat: 'plain', choices: summary.choices });
    await this.asking(step, 'consent');
    return step.prompt(CONSENT_PROMPT, { retryPrompt, validations: { draftId: values.draftId } });
  }

  private async validateConsent(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { draftId } = (prompt.options.validations ?? {}) as { draftId?: string };
    const intent = routedOf(prompt.context);
    const s = this.s(prompt.context);
    if (intent.kind === 'consent') {
      // A card's button carries its draft: an older summary must not send this one.
      if (intent.draftId !== undefined && intent.draftId !== draftId) {
        await prompt.context.sendActivity(s.staleCard);
        return false;
      }
      prompt.recognized.value = intent.answer;
      return true;
    }
    const answer = intent.kind === 'answer' ? consentAnswerOf(intent.text) : null;
    if (!answer) return false;
    prompt.recognized.value = answer;
    return true;
  }

  private async submitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.options as ContactValues;
    const lang = languageOf(step.context);
    const s = messages(lang).contact;
    const answer = String(step.result ?? 'cancel');
    if (answer !== 'accept') {
      await step.context.sendActivity(s.cancelled);
      return step.endDialog();
    }
    const contact = this.deps.contact!;
    const requesterKey = requesterKeyOf(step.context);
    let result;
    try {
      result = await contact.submit(
        {
          ...(values.territory ? { territory: values.territory } : { regionCode: values.regionCode! }),
          operator: values.operator!,
          channel: step.context.activity.channelId || 'unknown',
          locale: lang,
          firm: {
            name: values.firmName ?? '',
            contactName: values.contactName ?? '',
            ...(values.email ? { email: values.email } : {}),
            ...(values.phone ? { phone: values.phone } : {}),
          },
          need: values.need ?? '',
          consent: { given: true, at: new Date().toISOString(), textVersion: CONSENT_TEXT_VERSION },
          ...(requesterKey ? { requesterKey } : {}),
        },
        // The same draft in the same conversation is one request, whatever is replayed.
        `${step.context.activity.conversation?.id ?? 'no-conversation'}/${values.draftId}`,
      );
    } catch (err) {
      if (err instanceof ContactInputError) {
        await step.context.sendActivity(s.invalid);
        return step.endDialog();
      }
      // Storage failure: the summary and consent question again, for the same draft (same key).
      await step.context.sendActivity(s.failed);
      return step.replaceDialog(CONFIRM, values);
    }
    const memory = await this.memory(step.context);
    memory.contactRequests = [
      { reference: result.reference, draftId: values.draftId },
      ...(memory.contactRequests ?? []).filter((r) => r.reference !== result.reference),
    ].slice(0, MAX_REMEMBERED_REQUESTS);
    await this.deps.memory.set(step.context, memory);

    await step.context.sendActivity(
      toActivity(
        present(
          {
            kind: 'contact-recorded',
            reference: result.reference,
            target: result.target,
            delivery: result.delivery,
            ...(contact.manualReviewDays ? { reviewDays: contact.manualReviewDays } : {}),
          },
          lang,
          this.cards(step.context),
        ),
      ),
    );
    return step.endDialog({ reference: result.reference, created: result.created });
  }

  /**
   * Cancelled from outside ("recommencer", "annuler" anywhere): the user is told nothing left.
   * Not when the same request starts again from another site: it goes on, its questions asked again.
   */
  protected override async onEndDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    const routed = routedOf(context);
    const moved = routed.kind === 'contact' && routed.moved === true;
    if (reason === DialogReason.cancelCalled && !moved) await context.sendActivity(messages(languageOf(context)).contact.abandoned);
    await super.onEndDialog(context, instance, reason);
  }

  /** The answers given so far go to the request's next start when it moves (read before the inner dialogs are cancelled). */
  override async endDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    const routed = routedOf(context);
    if (reason === DialogReason.cancelCalled && routed.kind === 'contact' && routed.moved === true) {
      // botbuilder-dialogs keeps a component's inner stack under 'dialogs'; the waterfall holds the answers.
      const inner = (instance.state as { dialogs?: { dialogStack?: DialogInstance[] } }).dialogs?.dialogStack ?? [];
      const values = inner.find((d) => d.id === WATERFALL)?.state?.values as ContactValues | undefined;
      if (values) {
        const { firmName, contactName, email, phone, need } = values;
        const carried: Carried = {
          ...(firmName ? { firmName } : {}),
          ...(contactName ? { contactName } : {}),
          ...(email ? { email } : {}),
          ...(phone ? { phone } : {}),
          ...(need ? { need } : {}),
        };
        context.turnState.set(CARRIED, carried);
      }
    }
    await super.endDialog(context, instance, reason);
  }
}

/**
 * A summary card's button clicked after its dialog ended (a second click, a replay by the channel,
 * an old card): says what became of that draft and never submits. For the main dialog to call
 * when a 'contact-consent' or 'contact-cancel' card action arrives and no flow is waiting.
 */
export async function answerClosedContactCard(context: TurnContext, deps: DialogDeps, draftId: string | undefined): Promise<void> {
  const s = messages(languageOf(context)).contact;
  const { contactRequests = [] } = (await deps.memory.get(context, {})) as MemoryWithRequests;
  const sent = draftId ? contactRequests.find((r) => r.draftId === draftId) : undefined;
  await context.sendActivity(plain(sent ? s.alreadySent(sent.reference) : s.draftClosed));
}

// ---------------------------------------------------------------------------------------------
// "Où en est ma demande ?"
// ---------------------------------------------------------------------------------------------

function statusLine(view: RequestStatusView, lang: Lang): string {
  const s = messages(lang).requestStatus;
  const status = s.status(view.status, s.labels[view.status]);
  return s.line(view.reference, status, view.operatorName, view.territoryName, formatDay(view.createdAt, lang));
}

/**
 * Answers "où en est ma demande ?": by the reference in the message, else by the e-mail or phone
 * in it (only the requests this same channel user made), else the requests sent from this
 * conversation.
 */
export async function answerRequestStatus(context: TurnContext, deps: DialogDeps): Promise<void> {
  const lang = languageOf(context);
  if (!deps.contact) {
    await context.sendActivity(messages(lang).contact.unavailable);
    return;
  }
  const text = String(context.activity.text ?? '').slice(0, 1000);
  const requesterKey = requesterKeyOf(context);
  const reference = findReference(text);
  let views: RequestStatusView[] = [];
  let searched: 'reference' | 'contact' | 'conversation' | 'nothing';
  if (reference) {
    searched = 'reference';
    views = await deps.contact.status(reference);
  } else {
    const details = extractContactDetails(text, lang);
    const contacts = [details.email, details.phone].filter((c): c is string => !!c);
    if (contacts.length > 0) {
      searched = 'contact';
      for (const c of contacts) views.push(...(await deps.contact.status(c, requesterKey ? { requesterKey } : {})));
    } else {
      const { contactRequests = [] } = (await deps.memory.get(context, {})) as MemoryWithRequests;
      searched = contactRequests.length > 0 ? 'conversation' : 'nothing';
      for (const r of contactRequests) views.push(...(await deps.contact.status(r.reference)));
    }
  }
  const unique = [...new Map(views.map((v) => [v.reference, v])).values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const s = messages(lang).requestStatus;
  if (unique.length > 0) {
    await context.sendActivity(plain([unique.length === 1 ? s.headOne : s.headMany, ...unique.map((v) => statusLine(v, lang))].join('\n')));
    return;
  }
  if (reference) {
    await context.sendActivity(plain(s.noReference(reference, deps.requestRetentionDays)));
    return;
  }
  await context.sendActivity(plain(`${searched === 'contact' ? s.noContact : s.noConversation} ${s.how}`));
}
