import { randomUUID } from 'node:crypto';
import { Culture, recognizeEmail, recognizePhoneNumber } from '@microsoft/recognizers-text-suite';
import { ActionTypes, ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  DialogReason,
  DialogTurnStatus,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type Choice,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { CONSENT_TEXT_VERSION, renderContactConfirmationCard, renderContactSummaryCard, type ContactCardAction, type ContactRecipient, type ContactSummaryCardData } from '../../presentation/cards/contact';
import { contactSummaryText, FALLBACK_TEXT_FORMAT } from '../../presentation/text';
import { normalizeName } from '../../domain/normalize';
import { ContactInputError, findReference, formatFrenchPhone, normalizeEmail, normalizeFrenchPhone, toRequestTarget, type ContactTarget, type RequestStatusView } from '../../infrastructure/contact-services';
import { OPERATOR_IDS, type OperatorId, type Wave } from '../../domain/types';
import type { DialogDeps } from './deps';
import { contactOperatorOf } from './intents';
import { InterruptibleDialog, interruptionOf, isHandBack } from './interruptible';
import type { Lang } from '../../presentation/lang';
import { languageOf } from './language';
import { LOOKUP_DIALOG, LookupDialog, type LookupDialogOptions } from './lookupDialog';
import type { ConversationMemory } from './state';

export const CONTACT_DIALOG = 'contactDialog';
const WATERFALL = 'contactWaterfall';
/** Summary, consent and submission: repeated with the same draft when storing fails. */
const CONFIRM = 'contactConfirmWaterfall';
const PLACE_PROMPT = 'contactPlacePrompt';
const OPERATOR_PROMPT = 'contactOperatorPrompt';
const FIRM_PROMPT = 'contactFirmPrompt';
const PERSON_PROMPT = 'contactPersonPrompt';
const DETAILS_PROMPT = 'contactDetailsPrompt';
const NEED_PROMPT = 'contactNeedPrompt';
const CONSENT_PROMPT = 'contactConsentPrompt';

export interface ContactDialogOptions {
  operator?: OperatorId;
}

export const NAME_MIN = 2;
export const NAME_MAX = 120;
export const NEED_MIN = 3;
export const NEED_MAX = 500;

/**
 * Everything the dialog needs across turns. It lives in the waterfall's `values`, which the bot
 * persists through its Storage after every turn, so a restarted process resumes at the same step.
 */
interface ContactValues {
  /** Identifies this draft: echoed by the summary card and part of the idempotency key. */
  draftId: string;
  territory?: { id: string; wave: Wave };
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

const S = {
  fr: {
    askPlace:
      "Pour transmettre votre demande au bon référent, j'ai besoin de savoir où se trouve votre site : indiquez la commune, le code postal ou le SIRET.",
    noTerritory:
      "Je ne peux transmettre une demande qu'au référent d'un Territoire d'industrie. Indiquez-moi une commune qui en fait partie, puis redemandez « contacter mon référent ». Les points d'entrée des opérateurs restent joignables directement.",
    whichOperator: 'Quel opérateur souhaitez-vous contacter ?',
    whichOperatorRetry: 'Choisissez un opérateur parmi Banque des Territoires, Bpifrance, Business France et France Travail.',
    unavailable: "Désolé, la transmission de demandes n'est pas disponible pour le moment. Vos référents et leurs points d'entrée restent indiqués sur la fiche du territoire.",
    noTarget: "Désolé, je ne retrouve pas ce territoire ou cet opérateur dans ma base : je ne peux pas préparer la demande. Indiquez à nouveau votre commune.",
    named: (label: string, territory: string) => `Votre demande sera adressée à ${label}, référent du Territoire d'industrie « ${territory} ».`,
    entryPoint: (operator: string, label: string, scope: string) =>
      `Référent ${operator} non encore désigné pour votre territoire : votre demande sera transmise au point d'entrée ${scope} ${label}.`,
    entryPointNone: (operator: string) => `Référent ${operator} non encore désigné pour votre territoire : votre demande sera transmise à l'équipe de l'assistant, qui la fera suivre à ${operator}.`,
    regional: 'régional',
    national: 'national',
    askFirm: 'Quel est le nom de votre entreprise ?',
    askPerson: 'Qui le référent doit-il contacter ? (prénom et nom)',
    nameLength: (what: string) => `${what} doit faire entre ${NAME_MIN} et ${NAME_MAX} caractères. Pouvez-vous le réécrire ?`,
    firmWhat: 'Le nom de l’entreprise',
    personWhat: 'Le nom de la personne à contacter',
    askDetails: 'Comment vous joindre ? Indiquez un e-mail et/ou un numéro de téléphone (les deux dans le même message si vous voulez).',
    detailsMissing: "Je n'ai trouvé ni e-mail ni numéro de téléphone dans votre message. Indiquez par exemple « prenom.nom@entreprise.fr » ou « 06 12 34 56 78 ».",
    emailInvalid: (raw: string) => `L'adresse « ${raw} » ne semble pas valide. Pouvez-vous la vérifier (forme prenom.nom@entreprise.fr) ?`,
    phoneInvalid: (raw: string) => `Le numéro « ${raw} » ne semble pas être un numéro français valide (10 chiffres, par exemple 06 12 34 56 78). Pouvez-vous le vérifier ?`,
    askNeed: `En une phrase, quel est votre besoin ? (${NEED_MAX} caractères au plus)`,
    needLength: (n: number) =>
      n < NEED_MIN ? 'Décrivez votre besoin en une phrase, par exemple « financer une nouvelle ligne de production ».' : `C'est un peu long (${n} caractères) : résumez votre besoin en une phrase de ${NEED_MAX} caractères au plus.`,
    summaryIntro: 'Voici le récapitulatif de votre demande. Rien n’est envoyé sans votre accord.',
    consentRetry: 'Répondez « J’accepte et j’envoie » pour envoyer votre demande, ou « Annuler » pour ne rien envoyer.',
    staleCard: 'Ce récapitulatif ne correspond plus à la demande en cours. Utilisez le dernier récapitulatif, ou répondez « J’accepte et j’envoie » ou « Annuler ».',
    accept: 'J’accepte et j’envoie',
    cancel: 'Annuler',
    cancelValue: 'Non, annuler',
    alreadySent: (reference: string) => `Cette demande est déjà envoyée, sous la référence ${reference} : rien n'a été envoyé une deuxième fois.`,
    draftClosed: "Ce récapitulatif n'est plus en cours : rien n'a été envoyé. Pour une nouvelle demande, écrivez « contacter mon référent ».",
    cancelled: "C'est annulé : votre demande n'a été ni enregistrée ni envoyée.",
    abandoned: "Demande de contact abandonnée : rien n'a été enregistré ni envoyé.",
    invalid: "Désolé, je n'ai pas pu enregistrer la demande : certaines informations ne sont pas acceptées. Rien n'a été envoyé. Recommencez avec « contacter mon référent ».",
    failed: "Désolé, je n'ai pas pu enregistrer votre demande pour le moment. Rien n'a été envoyé : réessayez dans quelques minutes en renvoyant « J’accepte et j’envoie ».",
  },
  en: {
    askPlace: 'To pass your request to the right referent, I need to know where your site is: give the town, the postal code or the SIRET.',
    noTerritory:
      'I can only pass a request to the referent of a Territoire d\'industrie. Tell me a town that belongs to one, then ask "contact my referent" again. The operators\' entry points can still be reached directly.',
    whichOperator: 'Which operator would you like to contact?',
    whichOperatorRetry: 'Choose one of Banque des Territoires, Bpifrance, Business France and France Travail.',
    unavailable: 'Sorry, passing requests on is not available right now. Your referents and their entry points are shown on the territory card.',
    noTarget: 'Sorry, I cannot find this territory or operator in my knowledge base, so I cannot prepare the request. Please give your town again.',
    named: (label: string, territory: string) => `Your request will go to ${label}, referent of the Territoire d'industrie "${territory}".`,
    entryPoint: (operator: string, label: string, scope: string) =>
      `No ${operator} referent has been designated for your territory yet: your request will go to the ${scope} entry point ${label}.`,
    entryPointNone: (operator: string) => `No ${operator} referent has been designated for your territory yet: your request will go to the team running this assistant, who will pass it on to ${operator}.`,
    regional: 'regional',
    national: 'national',
    askFirm: "What is your company's name?",
    askPerson: 'Who should the referent contact? (first and last name)',
    nameLength: (what: string) => `${what} must be between ${NAME_MIN} and ${NAME_MAX} characters long. Could you type it again?`,
    firmWhat: "The company's name",
    personWhat: "The contact person's name",
    askDetails: 'How can you be reached? Give an e-mail and/or a phone number (both in one message if you like).',
    detailsMissing: 'I found neither an e-mail nor a phone number in your message. Type for instance "first.last@company.fr" or "06 12 34 56 78".',
    emailInvalid: (raw: string) => `The address "${raw}" does not look valid. Could you check it (like first.last@company.fr)?`,
    phoneInvalid: (raw: string) => `The number "${raw}" does not look like a valid French number (10 digits, e.g. 06 12 34 56 78). Could you check it?`,
    askNeed: `In one sentence, what do you need? (${NEED_MAX} characters at most)`,
    needLength: (n: number) =>
      n < NEED_MIN ? 'Describe your need in one sentence, for instance "finance a new production line".' : `That is a bit long (${n} characters): please sum up your need in one sentence of at most ${NEED_MAX} characters.`,
    summaryIntro: 'Here is the summary of your request. Nothing is sent without your agreement.',
    consentRetry: 'Answer "I agree and send" to send your request, or "Cancel" to send nothing.',
    staleCard: 'That summary is no longer the current request. Use the latest summary, or answer "I agree and send" or "Cancel".',
    accept: 'I agree and send',
    cancel: 'Cancel',
    cancelValue: 'No, cancel',
    alreadySent: (reference: string) => `This request was already sent, under reference ${reference}: nothing was sent a second time.`,
    draftClosed: 'That summary is no longer in progress: nothing was sent. For a new request, type "contact my referent".',
    cancelled: 'Cancelled: your request was neither stored nor sent.',
    abandoned: 'Contact request abandoned: nothing was stored or sent.',
    invalid: 'Sorry, I could not record the request: some details were not accepted. Nothing was sent. Start again with "contact my referent".',
    failed: 'Sorry, I could not record your request right now. Nothing was sent: try again in a few minutes by sending "I agree and send" again.',
  },
} as const;

type Strings = (typeof S)[Lang];

const plain = (text: string): Partial<Activity> => ({ ...MessageFactory.text(text), textFormat: FALLBACK_TEXT_FORMAT });

function oneLine(value: unknown): string {
  return String(value ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

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

// ---------------------------------------------------------------------------------------------
// Consent answers
// ---------------------------------------------------------------------------------------------

const ACCEPT = /^(oui|ok|d accord|j accepte|accepte|j accepte et j envoie|envoyer|envoie|je confirme|confirmer|yes|yep|i agree|agree|i agree and send|send|confirm)( (et j envoie|and send|merci|thanks|please|svp))?$/;
const REFUSE = /^(non|no|annuler|annule|non annuler|no cancel|cancel|ne pas envoyer|n envoie pas|don t send|do not send|pas maintenant|not now)( (merci|thanks))?$/;

export type ConsentAnswer = 'accept' | 'cancel';

/** "oui", "J'accepte et j'envoie", "yes, I agree" → accept; "non", "annuler", "no" → cancel. */
export function consentAnswerOf(text: string | undefined): ConsentAnswer | null {
  const key = normalizeName(String(text ?? '')).replace(/\s+/g, ' ').trim();
  if (ACCEPT.test(key)) return 'accept';
  if (REFUSE.test(key)) return 'cancel';
  return null;
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

const recipientOf = (target: ContactTarget): ContactRecipient => toRequestTarget(target);

/**
 * The warm handoff: from a territory to its referent at one operator. Asks the firm's name, the
 * contact person, an e-mail and/or phone, the need, then shows everything with the consent text
 * and submits only on explicit consent. The submission is idempotent on (conversation, draft),
 * so a replayed consent or a restart in the middle of that turn never creates a second request.
 */
export class ContactDialog extends InterruptibleDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CONTACT_DIALOG);
    this.addDialog(new LookupDialog(deps));
    this.addDialog(new TextPrompt(PLACE_PROMPT));
    const operatorPrompt = new ChoicePrompt(OPERATOR_PROMPT, this.validateOperator.bind(this), 'fr-fr');
    operatorPrompt.style = ListStyle.suggestedAction;
    this.addDialog(operatorPrompt);
    this.addDialog(new TextPrompt(FIRM_PROMPT, validateName));
    this.addDialog(new TextPrompt(PERSON_PROMPT, validateName));
    this.addDialog(new TextPrompt(DETAILS_PROMPT, this.validateDetails.bind(this)));
    this.addDialog(new TextPrompt(NEED_PROMPT, this.validateNeed.bind(this)));
    this.addDialog(new TextPrompt(CONSENT_PROMPT, this.validateConsent.bind(this)));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.placeStep.bind(this),
        this.lookupStep.bind(this),
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

  private s(context: TurnContext): Strings {
    return S[languageOf(context)];
  }

  private async memory(context: TurnContext): Promise<MemoryWithRequests> {
    return (await this.deps.memory.get(context, {})) as MemoryWithRequests;
  }

  private async placeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as ContactDialogOptions;
    const values = step.values as ContactValues;
    values.draftId = randomUUID();
    if (options.operator && OPERATOR_IDS.includes(options.operator)) values.operator = options.operator;
    if (!this.deps.contact) {
      await step.context.sendActivity(this.s(step.context).unavailable);
      return step.endDialog();
    }
    const { territory } = await this.memory(step.context);
    if (territory) {
      values.territory = { id: territory.id, wave: territory.wave };
      return step.next();
    }
    return step.prompt(PLACE_PROMPT, { prompt: this.s(step.context).askPlace });
  }

  /** Without a territory, the lookup flow runs first (ambiguity question included) and sets it in memory. */
  private async lookupStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    if (values.territory) return step.next();
    return step.beginDialog(LOOKUP_DIALOG, { query: String(step.result ?? '') } satisfies LookupDialogOptions);
  }

  private async operatorStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // The place question was answered with another request: that request takes over.
    if (isHandBack(step.result)) return step.endDialog(step.result);
    const values = step.values as ContactValues;
    const s = this.s(step.context);
    if (!values.territory) {
      const { territory } = await this.memory(step.context);
      if (!territory) {
        await step.context.sendActivity(s.noTerritory);
        return step.endDialog();
      }
      values.territory = { id: territory.id, wave: territory.wave };
    }
    if (values.operator) return step.next();
    return step.prompt(OPERATOR_PROMPT, { prompt: s.whichOperator, retryPrompt: s.whichOperatorRetry, choices: this.operatorChoices() });
  }

  private operatorChoices(): Choice[] {
    return OPERATOR_IDS.map((id) => {
      const name = this.deps.kb.operator(id)?.name ?? id;
      return { value: name, action: { type: ActionTypes.ImBack, title: name, value: name }, synonyms: [id] };
    });
  }

  private async validateOperator(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
    if (prompt.recognized.succeeded) return true;
    const operator = contactOperatorOf(prompt.context.activity.text ?? '');
    if (!operator) return false;
    const index = OPERATOR_IDS.indexOf(operator);
    prompt.recognized.value = { value: this.operatorChoices()[index]!.value, index, score: 1 };
    return true;
  }

  private async recipientStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    const s = this.s(step.context);
    if (!values.operator) {
      const found = step.result as FoundChoice | undefined;
      values.operator = OPERATOR_IDS[found?.index ?? -1];
    }
    const target = values.operator && values.territory ? this.deps.contact!.prepare(values.territory, values.operator) : null;
    if (!target) {
      await step.context.sendActivity(s.noTarget);
      return step.endDialog();
    }
    await step.context.sendActivity(plain(this.recipientSentence(target, s)));
    return step.prompt(FIRM_PROMPT, { prompt: s.askFirm, retryPrompt: s.nameLength(s.firmWhat) });
  }

  private recipientSentence(target: ContactTarget, s: Strings): string {
    if (target.target === 'named') return s.named(target.label, target.territory.name);
    if (!target.entryPoint) return s.entryPointNone(target.operatorName);
    return s.entryPoint(target.operatorName, target.label, target.entryPoint.scope === 'regional' ? s.regional : s.national);
  }

  private async personStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    const s = this.s(step.context);
    values.firmName = String(step.result);
    return step.prompt(PERSON_PROMPT, { prompt: s.askPerson, retryPrompt: s.nameLength(s.personWhat) });
  }

  private async detailsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    const s = this.s(step.context);
    values.contactName = String(step.result);
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
    const details = extractContactDetails(String(step.result ?? ''), languageOf(step.context));
    values.email = details.email;
    values.phone = details.phone;
    return step.prompt(NEED_PROMPT, { prompt: s.askNeed, retryPrompt: s.needLength(0) });
  }

  private async validateNeed(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (!prompt.recognized.succeeded) return false;
    const need = oneLine(prompt.recognized.value);
    if (need.length >= NEED_MIN && need.length <= NEED_MAX) {
      prompt.recognized.value = need;
      return true;
    }
    prompt.options.retryPrompt = this.s(prompt.context).needLength(need.length);
    return false;
  }

  private async draftStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as ContactValues;
    values.need = String(step.result);
    return step.beginDialog(CONFIRM, { ...values } satisfies ContactValues);
  }

  private summaryData(values: ContactValues, target: ContactTarget, lang: Lang): ContactSummaryCardData {
    return {
      locale: lang,
      operator: target.operator,
      operatorName: target.operatorName,
      territoryName: target.territory.name,
      target: recipientOf(target),
      firm: {
        name: values.firmName ?? '',
        contactName: values.contactName ?? '',
        ...(values.email ? { email: values.email } : {}),
        ...(values.phone ? { phone: formatFrenchPhone(values.phone) } : {}),
      },
      need: values.need ?? '',
      retentionDays: this.deps.requestRetentionDays,
      draftId: values.draftId,
    };
  }

  private async showSummary(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.options as ContactValues;
    const lang = languageOf(step.context);
    const s = S[lang];
    // Prepared again: an administrator may have named a referent since the dialog began.
    const target = this.deps.contact!.prepare(values.territory!, values.operator!);
    if (!target) {
      await step.context.sendActivity(s.noTarget);
      return step.endDialog();
    }
    const data = this.summaryData(values, target, lang);
    const actions = {
      to: [],
      actions: [
        { type: ActionTypes.ImBack, title: s.accept, value: s.accept },
        // Not the bare word "Annuler": that one restarts the whole conversation.
        { type: ActionTypes.ImBack, title: s.cancel, value: s.cancelValue },
      ],
    };
    const useCard = this.deps.cards !== null && !TEXT_ONLY_CHANNELS.has(step.context.activity.channelId);
    const activity: Partial<Activity> = useCard
      ? { ...MessageFactory.attachment(CardFactory.adaptiveCard(renderContactSummaryCard(data)), s.summaryIntro), textFormat: FALLBACK_TEXT_FORMAT }
      : plain(`${s.summaryIntro}\n\n${contactSummaryText(data)}`);
    activity.suggestedActions = actions;
    await step.context.sendActivity(activity);
    return step.prompt(CONSENT_PROMPT, { retryPrompt: { ...plain(s.consentRetry), suggestedActions: actions }, validations: { draftId: values.draftId } });
  }

  private async validateConsent(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { draftId } = (prompt.options.validations ?? {}) as { draftId?: string };
    const value = prompt.context.activity.value as Partial<ContactCardAction> | undefined;
    const s = this.s(prompt.context);
    if (value && (value.action === 'contact-consent' || value.action === 'contact-cancel')) {
      if (value.draftId !== draftId) {
        await prompt.context.sendActivity(s.staleCard);
        return false;
      }
      const version = value.action === 'contact-consent' ? value.consentTextVersion : undefined;
      prompt.recognized.value = value.action === 'contact-cancel' ? 'cancel' : `accept:${typeof version === 'string' && /^[\w.-]{1,40}$/.test(version) ? version : CONSENT_TEXT_VERSION}`;
      return true;
    }
    const answer = consentAnswerOf(prompt.context.activity.text);
    if (!answer) return false;
    prompt.recognized.value = answer === 'accept' ? `accept:${CONSENT_TEXT_VERSION}` : 'cancel';
    return true;
  }

  private async submitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.options as ContactValues;
    const lang = languageOf(step.context);
    const s = S[lang];
    const answer = String(step.result ?? 'cancel');
    if (!answer.startsWith('accept:')) {
      await step.context.sendActivity(s.cancelled);
      return step.endDialog();
    }
    const contact = this.deps.contact!;
    const requesterKey = requesterKeyOf(step.context);
    let result;
    try {
      result = await contact.submit(
        {
          territory: values.territory!,
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
          consent: { given: true, at: new Date().toISOString(), textVersion: answer.slice('accept:'.length) },
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
    memory.contactRequests = [{ reference: result.reference, draftId: values.draftId }, ...(memory.contactRequests ?? []).filter((r) => r.reference !== result.reference)].slice(
      0,
      MAX_REMEMBERED_REQUESTS,
    );
    await this.deps.memory.set(step.context, memory);

    const confirmation = plain(result.confirmation);
    if (this.deps.cards !== null && !TEXT_ONLY_CHANNELS.has(step.context.activity.channelId)) {
      const card = renderContactConfirmationCard({ locale: lang, reference: result.reference, operatorName: result.target.operatorName, target: recipientOf(result.target) });
      confirmation.attachments = [CardFactory.adaptiveCard(card)];
    }
    await step.context.sendActivity(confirmation);
    return step.endDialog({ reference: result.reference, created: result.created });
  }

  /** As the root dialog (tests, other hosts), a restart is handled here rather than by a parent. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    const restart = activity.type === ActivityTypes.Message && interruptionOf(activity.text) === 'restart';
    const result = await super.onContinueDialog(innerDc);
    if (restart && result.status !== DialogTurnStatus.waiting) await innerDc.context.sendActivity(S[languageOf(innerDc.context)].abandoned);
    return result;
  }

  /** Cancelled from outside ("recommencer", "annuler" anywhere): the user is told nothing left. */
  protected override async onEndDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    if (reason === DialogReason.cancelCalled) await context.sendActivity(S[languageOf(context)].abandoned);
    await super.onEndDialog(context, instance, reason);
  }
}

/**
 * A summary card's button clicked after its dialog ended (a second click, a replay by the channel,
 * an old card): says what became of that draft and never submits. For the main dialog to call
 * when `activity.value.action` is 'contact-consent' or 'contact-cancel' and no flow is waiting.
 */
export async function answerClosedContactCard(step: WaterfallStepContext, deps: DialogDeps): Promise<void> {
  const s = S[languageOf(step.context)];
  const value = (step.context.activity.value ?? {}) as Partial<ContactCardAction>;
  const { contactRequests = [] } = (await deps.memory.get(step.context, {})) as MemoryWithRequests;
  const sent = value.draftId ? contactRequests.find((r) => r.draftId === value.draftId) : undefined;
  await step.context.sendActivity(plain(sent ? s.alreadySent(sent.reference) : s.draftClosed));
}

// ---------------------------------------------------------------------------------------------
// "Où en est ma demande ?"
// ---------------------------------------------------------------------------------------------

function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
}

function statusLine(view: RequestStatusView, lang: Lang): string {
  const status = lang === 'en' ? view.statusLabel : view.statusLabel === view.status ? view.status : `${view.status} (${view.statusLabel})`;
  const date = formatDate(view.createdAt, lang);
  return lang === 'en'
    ? `- ${view.reference}: ${status}. ${view.operatorName}, ${view.territoryName}, sent on ${date}.`
    : `- ${view.reference} : ${status}. ${view.operatorName}, ${view.territoryName}, envoyée le ${date}.`;
}

/**
 * Answers "où en est ma demande ?": by the reference in the message, else by the e-mail or phone
 * in it (only the requests this same channel user made), else the requests sent from this
 * conversation.
 */
export async function answerRequestStatus(step: WaterfallStepContext, deps: DialogDeps): Promise<void> {
  const context = step.context;
  const lang = languageOf(context);
  const fr = lang === 'fr';
  if (!deps.contact) {
    await context.sendActivity(S[lang].unavailable);
    return;
  }
  const text = String(context.activity.text ?? '').slice(0, 1000);
  const requesterKey = requesterKeyOf(context);
  const reference = findReference(text);
  let views: RequestStatusView[] = [];
  let searched: 'reference' | 'contact' | 'conversation' | 'nothing';
  if (reference) {
    searched = 'reference';
    views = await deps.contact.status(reference, { locale: lang });
  } else {
    const details = extractContactDetails(text, lang);
    const contacts = [details.email, details.phone].filter((c): c is string => !!c);
    if (contacts.length > 0) {
      searched = 'contact';
      for (const c of contacts) views.push(...(await deps.contact.status(c, { ...(requesterKey ? { requesterKey } : {}), locale: lang })));
    } else {
      const { contactRequests = [] } = (await deps.memory.get(context, {})) as MemoryWithRequests;
      searched = contactRequests.length > 0 ? 'conversation' : 'nothing';
      for (const r of contactRequests) views.push(...(await deps.contact.status(r.reference, { locale: lang })));
    }
  }
  const unique = [...new Map(views.map((v) => [v.reference, v])).values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (unique.length > 0) {
    const head = fr
      ? unique.length === 1
        ? 'Voici où en est votre demande :'
        : 'Voici où en sont vos demandes :'
      : unique.length === 1
        ? 'Here is where your request stands:'
        : 'Here is where your requests stand:';
    await context.sendActivity(plain([head, ...unique.map((v) => statusLine(v, lang))].join('\n')));
    return;
  }
  const days = deps.requestRetentionDays;
  const how = fr
    ? "Votre référence (de la forme TI-2026-XXXXX) figure dans la confirmation reçue à l'envoi : écrivez par exemple « où en est TI-2026-7KQ4M ? ». Vous pouvez aussi donner l'e-mail ou le téléphone indiqués dans la demande, depuis le même compte que lors de l'envoi."
    : 'Your reference (like TI-2026-XXXXX) is in the confirmation you got when sending: type for instance "where is my request TI-2026-7KQ4M?". You can also give the e-mail or phone number of the request, from the same account you sent it from.';
  const first =
    searched === 'reference'
      ? fr
        ? `Je ne trouve pas de demande ${reference}. Vérifiez la référence ; une demande est supprimée ${days} jours après son envoi.`
        : `I cannot find a request ${reference}. Please check the reference; requests are deleted ${days} days after they were sent.`
      : searched === 'contact'
        ? fr
          ? 'Je ne trouve pas de demande envoyée depuis ce compte avec ces coordonnées.'
          : 'I cannot find a request sent from this account with those contact details.'
        : fr
          ? 'Je ne trouve pas de demande envoyée depuis cette conversation.'
          : 'I cannot find a request sent from this conversation.';
  await context.sendActivity(plain(`${first} ${searched === 'reference' ? '' : how}`.trim()));
}
