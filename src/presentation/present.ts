import type { TerritoryListAnswer } from '../domain/areas';
import type { ContactTarget, DeliveryMode } from '../domain/contact/service';
import { isEngineNote, staleSince, type Reason, type Scheme, type SchemeOutcome } from '../domain/eligibility';
import type { Advice } from '../domain/eligibility/advice';
import type { LookupAnswer } from '../domain/resolution/lookup';
import type { NoPlaceReason, OperatorId } from '../domain/types';
import { choicesOf } from './cards/choices';
import { entryPointText } from './entry-points';
import type { ContactConfirmationCardData, ContactSummaryCardData, SchemeCardEntry, SchemesCardData } from './cards/data';
import type { Lang } from './lang';
import { choicesHint, formatMonth, formatSourceDate, labelled, messages, waveLabelInline } from './messages';
import { contactRecordedText, contactSummaryText, FALLBACK_TEXT_FORMAT } from './text';
import { cleanLine } from './escape';

/**
 * The presenter: from a domain answer to what a person reads, `{ text, card }`, the same for
 * every channel (chat in Teams or the web, Teams search). Channels turn it into their own
 * message (src/channels/dialogs/activity.ts for Bot Framework); nothing here knows them.
 */

/** What a person is shown for one answer. */
export interface Presented {
  /** All that a channel without cards shows; the summary above the card elsewhere. */
  text: string;
  /** An Adaptive Card (already expanded), or null when the answer is text only or cards are off. */
  card: object | null;
  /** Answers shown together (presentTogether): every card, one under the other; `card` is the first. */
  cards?: readonly object[];
  /** Quick answers offered as buttons: `title` is shown, `value` is sent back as the user's message. */
  choices?: Array<{ title: string; value: string }>;
  /** 'plain' when `text` is not Markdown and must not be rendered as such (it is not escaped). */
  textFormat?: typeof FALLBACK_TEXT_FORMAT;
}

/** The Adaptive Cards, handed in so a channel or a test can run without any (null). */
export interface CardRenderer {
  territory(answer: LookupAnswer, lang: Lang): object | null;
  choices(answer: LookupAnswer, lang: Lang): object | null;
  schemes(data: SchemesCardData): object;
  contactSummary(data: ContactSummaryCardData): object;
  contactConfirmation(data: ContactConfirmationCardData): object;
}

/** Every answer the product gives, by kind. */
export type Answer =
  | { kind: 'lookup'; answer: LookupAnswer }
  | { kind: 'territory-list'; list: TerritoryListAnswer }
  | { kind: 'advice'; advice: Advice }
  /** "Pourquoi pas ?" typed: the schemes that do not fit and why; null when nothing is known yet. */
  | { kind: 'why-not'; advice: Advice | null }
  | { kind: 'contact-summary'; summary: Omit<ContactSummaryCardData, 'locale'> }
  /** A message that names no place the assistant knows: why (`reason`), and the departments it named. */
  | {
      kind: 'nothing';
      reason: NoPlaceReason;
      query: string;
      departments: Array<{ code: string; name: string }>;
      /** A commune of the department (its most populous) for the question's example. */
      example?: { name: string; postalCode: string };
      /** Communes named like the department named alone ("Allier" → Allier (65)), offered beside it. */
      namesakes?: LookupAnswer['namesakes'];
    }
  /** The candidates of `query` narrowed by departments none of them is in. */
  | { kind: 'not-in'; query: string; departments: Array<{ code: string; name: string }> }
  /** An answer to "which one?" that picks none of the places offered: the same choices again. */
  | { kind: 'pick-again'; query: string; choices: ReadonlyArray<{ label: string; value: string }> }
  /** The place already known, given again as an answer. */
  | { kind: 'same-place'; answer: LookupAnswer }
  /** One operator's slot for a place ("qui est le référent France Travail de la Vallée de l'Arve ?"). */
  | { kind: 'referent'; answer: LookupAnswer; operator: OperatorId }
  | { kind: 'contact-recorded'; reference: string; target: ContactTarget; delivery: DeliveryMode; reviewDays?: number }
  /** "C'est quoi le VTE ?": one scheme as the knowledge base describes it. */
  | { kind: 'scheme-info'; scheme: Scheme };

export function present(answer: Answer, lang: Lang, cards: CardRenderer | null): Presented {
  switch (answer.kind) {
    case 'lookup':
      return presentLookup(answer.answer, lang, cards);
    case 'territory-list':
      return { text: territoryListText(answer.list, lang), card: null };
    case 'advice':
      return presentAdvice(answer.advice, lang, cards);
    case 'why-not':
      return { text: whyNotText(answer.advice, lang), card: null, textFormat: FALLBACK_TEXT_FORMAT };
    case 'scheme-info':
      return { text: schemeInfoText(answer.scheme, lang), card: null, textFormat: FALLBACK_TEXT_FORMAT };
    case 'contact-summary':
      return presentContactSummary({ ...answer.summary, locale: lang }, cards);
    case 'nothing': {
      const text = nothingText(answer, lang);
      const also = answer.namesakes?.length ? namesakesOffered(answer.namesakes, lang) : null;
      if (!also) return { text, card: null, textFormat: FALLBACK_TEXT_FORMAT };
      return { text: `${text} ${also.text}`, card: null, choices: also.choices, textFormat: FALLBACK_TEXT_FORMAT };
    }
    case 'referent':
      return presentReferent(answer.answer, answer.operator, lang);
    case 'not-in': {
      const s = messages(lang).lookup;
      const departments = answer.departments.map((d) => s.department(d.name, d.code)).join(lang === 'fr' ? ' ou ' : ' or ');
      return { text: s.noneIn(cleanLine(answer.query, 80), departments), card: null, textFormat: FALLBACK_TEXT_FORMAT };
    }
    case 'pick-again':
      return {
        text: messages(lang).lookup.pickAgain(cleanLine(answer.query, 80), answer.choices.length),
        card: null,
        // The label typed back names the place among the choices (the router reads it so).
        choices: answer.choices.map((c) => ({ title: c.label.slice(0, 60), value: c.label })),
        textFormat: FALLBACK_TEXT_FORMAT,
      };
    case 'same-place':
      return { text: messages(lang).lookup.samePlace(placeLabel(answer.answer, lang)), card: null, textFormat: FALLBACK_TEXT_FORMAT };
    case 'contact-recorded': {
      const { reference, target, delivery, reviewDays } = answer;
      const card =
        cards?.contactConfirmation({
          locale: lang,
          reference,
          operatorName: target.operatorName,
          target: target.recipient,
          delivery,
          ...(reviewDays ? { reviewDays } : {}),
        }) ?? null;
      return { text: contactRecordedText(reference, target, lang, delivery, reviewDays), card, textFormat: FALLBACK_TEXT_FORMAT };
    }
  }
}

/**
 * Answers that go out as one message: every message is its own round trip to the channel (and
 * Teams throttles a bot per conversation), and a reader takes in one message with its cards as
 * well as several. The texts follow one another as paragraphs, in the order given, as they are
 * (no reply text is Markdown: the bot sends every one as plain text); the cards are listed one
 * under the other, `first`'s card at the top (the one the user asked for), the others in the
 * order given. Nothing is dropped: every text, card and quick answer is kept.
 */
export function presentTogether(parts: readonly Presented[], first?: Presented): Presented {
  const text = parts
    .map((p) => p.text)
    .filter((t) => t.length > 0)
    .join('\n\n');
  const cards = [...(first ? [first] : []), ...parts.filter((p) => p !== first)].flatMap((p) => p.cards ?? (p.card ? [p.card] : []));
  const choices = parts.flatMap((p) => p.choices ?? []);
  return {
    text,
    card: cards[0] ?? null,
    ...(cards.length > 1 ? { cards } : {}),
    ...(choices.length > 0 ? { choices } : {}),
    ...(parts.some((p) => p.textFormat === FALLBACK_TEXT_FORMAT) ? { textFormat: FALLBACK_TEXT_FORMAT } : {}),
  };
}

// The buttons of a territory card that start or leave the schemes flow (territory.json).
const FLOW_ACTIONS: ReadonlySet<unknown> = new Set(['eligibility', 'restart']);

/**
 * An answer shown under the schemes card (the territory's, in the eligibility answer): its card
 * without its "Voir mes aides" and "Recommencer" buttons, since the schemes card above it is the
 * schemes and has its own "Recommencer". Its other buttons (a namesake to choose) are kept. The
 * card may be shared (frozen): a new object around its parts.
 */
export function underSchemes(part: Presented): Presented {
  const card = part.card as { actions?: ReadonlyArray<{ data?: { action?: unknown } }> } | null;
  if (!card?.actions?.some((a) => FLOW_ACTIONS.has(a.data?.action))) return part;
  const { actions, ...rest } = card;
  const kept = actions.filter((a) => !FLOW_ACTIONS.has(a.data?.action));
  return { ...part, card: kept.length > 0 ? { ...rest, actions: kept } : rest };
}

/** A card for any lookup answer, for surfaces that only show cards (Teams search). */
export function cardFor(answer: LookupAnswer, lang: Lang, cards: CardRenderer | null): object {
  const { text, card } = presentLookup(answer, lang, cards);
  return (
    card ?? {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [{ type: 'TextBlock', text, wrap: true }],
    }
  );
}

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

function presentLookup(answer: LookupAnswer, lang: Lang, cards: CardRenderer | null): Presented {
  const text = answerText(answer, lang);
  if (answer.status === 'resolved') {
    const card = cards?.territory(answer, lang) ?? null;
    // "Cluses" is Cluses (74); Les Cluses (66) is offered in case it was the one meant.
    const also = answer.namesakes?.length ? namesakesOffered(answer.namesakes, lang) : null;
    return also ? { text: `${text} ${also.text}`, card, choices: also.choices } : { text, card };
  }
  if (answer.status === 'ambiguous') {
    return { text, card: cards?.choices(answer, lang) ?? null, choices: choicesOf(answer).map((c) => ({ title: c.label.slice(0, 60), value: c.label })) };
  }
  return { text, card: null };
}

/** Places named like the one answered, offered as suggested actions, with the sentence saying so. */
function namesakesOffered(namesakes: NonNullable<LookupAnswer['namesakes']>, lang: Lang): { text: string; choices: Array<{ title: string; value: string }> } {
  const s = messages(lang).lookup;
  const labels = namesakes.map((n) => (n.territory && !n.commune ? s.territoryNamesake(n.territory.name) : n.label));
  // A suggested action sends its value as text: "Les Cluses (66)" names that commune alone, "ti-9308" that territory.
  const choices = namesakes.map((n, i) => ({
    title: `${labels[i]!.charAt(0).toUpperCase()}${labels[i]!.slice(1)}`.slice(0, 60),
    value: n.commune ? `${n.commune.name} (${n.commune.department})` : (n.territory?.id ?? n.label),
  }));
  return { text: s.namesakes(labels.join(lang === 'fr' ? ' et ' : ' and ')), choices };
}

function companyNotice(answer: LookupAnswer, lang: Lang): string | null {
  const s = messages(lang).lookup;
  switch (answer.company?.status) {
    case 'invalid':
      return s.siretInvalid;
    case 'not-found':
      return s.siretNotFound;
    case 'unavailable':
      return s.registerUnavailable;
    default:
      return null;
  }
}

function placeLabel(answer: LookupAnswer, lang: Lang): string {
  const s = messages(lang).lookup;
  if (answer.commune) return `${answer.commune.name} (${answer.commune.department})`;
  // Written as people do, "01100" or "01 100".
  const code = /\b(\d{2}) ?(\d{3})\b/.exec(answer.query);
  if (answer.matchedBy === 'postal-code' && code) return s.postalCode(`${code[1]}${code[2]}`);
  // Its own name rather than the words typed ("cc haute correze").
  if (answer.matchedBy === 'epci') return s.intercommunality(answer.intercommunality?.name ?? answer.query);
  return s.thisPlace;
}

function answerText(answer: LookupAnswer, lang: Lang): string {
  const other = answer.inseeCodeOf;
  if (!other) return placeAnswerText(answer, lang);
  return `${placeAnswerText(answer, lang)} ${messages(lang).lookup.alsoInseeCode(other.code, other.name, other.department)}`;
}

function placeAnswerText(answer: LookupAnswer, lang: Lang): string {
  const s = messages(lang).lookup;
  const notice = companyNotice(answer, lang);
  if (answer.status === 'unknown') return notice ?? s.notFound(answer.placeName ?? answer.query);
  if (answer.status === 'ambiguous') {
    const shown = answer.candidates.length;
    return s.ambiguous(answer.placeName ?? answer.query, choicesHint(lang, shown, shown + (answer.omittedCandidates ?? 0), answer.matchedBy === 'postal-code'));
  }
  const place = placeLabel(answer, lang);
  const company = answer.company?.status === 'found' ? s.establishment(answer.company.name) : '';
  const territory = answer.territory;
  if (!territory) return s.outside(`${company}${place}`, waveLabelInline(answer.wave, lang));
  const wave = waveLabelInline(territory.wave, lang);
  if (answer.matchedBy === 'territory') return s.territoryNamed(territory.name, wave, territory.region);
  const named = answer.referents.filter((r) => r.kind === 'named').length;
  const partial = answer.partial;
  if (partial) return s.partlyIn(`${company}${place}`, territory.name, wave, territory.region, partial.communes.length, partial.total, s.referentsBelow(named));
  return s.inTerritory(`${company}${place}`, territory.name, wave, territory.region, s.referentsBelow(named));
}

function nothingText(answer: Extract<Answer, { kind: 'nothing' }>, lang: Lang): string {
  const s = messages(lang);
  switch (answer.reason) {
    case 'unknown-place':
      return s.lookup.unknownPlace(cleanLine(answer.query, 80));
    case 'unknown-code':
      return s.lookup.unknownCode(cleanLine(/\d[\dAB ]{1,6}\d/i.exec(answer.query)?.[0] ?? answer.query, 20));
    case 'department-only':
      if (answer.departments.length > 0) {
        return s.lookup.communeIn(answer.departments.map((d) => s.lookup.department(d.name, d.code)).join(lang === 'fr' ? ' ou ' : ' or '), answer.example);
      }
      return s.chat.capabilities;
    case 'empty':
      return s.chat.empty;
    case 'no-place':
      return s.chat.capabilities;
  }
}

/** One operator's slot: the named referent, or that none is designated and the entry point meanwhile. */
function presentReferent(answer: LookupAnswer, operator: OperatorId, lang: Lang): Presented {
  const s = messages(lang).lookup;
  const view = answer.referents.find((r) => r.operator === operator);
  const operatorName = view?.operatorName ?? operator;
  const territory = answer.territory;
  const wave = waveLabelInline(territory?.wave ?? answer.wave, lang);
  let head: string;
  if (view?.kind === 'named') {
    const person = [view.name, view.role, view.email, view.phone]
      .filter(Boolean)
      .map((v) => cleanLine(v))
      .join(', ');
    head = s.referentNamed(operatorName, territory ? territory.name : placeLabel(answer, lang), wave, person);
    return { text: head, card: null, textFormat: FALLBACK_TEXT_FORMAT };
  }
  head = territory ? s.referentNone(operatorName, territory.name, wave) : s.referentOutside(placeLabel(answer, lang), wave, operatorName);
  const entries = view?.kind === 'regional' ? view.entryPoints.slice(0, 2).map((e) => entryPointText(e, lang)) : [];
  const meanwhile = entries.length > 0 ? s.referentEntryPoints(entries.join(lang === 'fr' ? ' ; ' : '; ')) : s.referentNoEntryPoint;
  return { text: `${head} ${meanwhile}`, card: null, textFormat: FALLBACK_TEXT_FORMAT };
}

function territoryListText(list: TerritoryListAnswer, lang: Lang): string {
  const s = messages(lang).territoryList;
  if (list.kind === 'counts') {
    const [current, ...earlier] = list.counts;
    if (!current) return s.yours;
    const before = earlier.map((c) => s.earlierCount(waveLabelInline(c.wave, lang), c.count)).join(s.countsSeparator);
    return s.counts(waveLabelInline(current.wave, lang), current.count, before, s.yours);
  }
  const wave = waveLabelInline(list.wave, lang);
  if (list.territories.length === 0) return s.none(list.area.name, wave, s.yours);
  return s.some(
    list.area.name,
    list.territories.length,
    wave,
    list.territories.map((t) => t.name),
    s.yours,
  );
}

// ---------------------------------------------------------------------------------------------
// Schemes
// ---------------------------------------------------------------------------------------------

/** A reason in the user's language: the knowledge base's sentence, or the engine's note worded. */
export function reasonText(r: Reason, lang: Lang): string {
  if (!isEngineNote(r)) return r[lang];
  const n = messages(lang).eligibility.notes;
  switch (r.note) {
    case 'attested-until':
      return n.attestedUntil(formatMonth(r.date, lang));
    case 'uncertain':
      return n.uncertain;
    case 'conflict':
      return n.conflict(r.text[lang]);
    case 'eu-sme-definition':
      return n.euSmeDefinition;
    case 'closed':
      return n.closed(r.date && formatSourceDate(r.date, lang));
    case 'abolished':
      return n.abolished(r.date && formatSourceDate(r.date, lang));
    case 'territory-beneficiary':
      return n.territoryBeneficiary;
    case 'group-size':
      return n.groupSize;
    case 'size-figures':
      return n.sizeFigures(r.fields);
    case 'all-met':
      return n.allMet(r.reasons.map((x) => reasonText(x, lang)));
  }
}

/** The engine's outcome for one scheme, as the schemes card shows it. */
function schemeEntry(o: SchemeOutcome, lang: Lang): SchemeCardEntry {
  const figure = o.scheme.figures[0];
  const entry: SchemeCardEntry = {
    id: o.schemeId,
    name: o.scheme.name[lang],
    verdict: o.status,
    reason: reasonText(o.reason, lang),
  };
  if (figure) {
    // The date once: a figure whose text already names its year ("chiffres 2019-2020") is not dated again.
    const dated = figure.asOf && !figure.text[lang].includes(figure.asOf.slice(0, 4)) ? figure.asOf : undefined;
    entry.amount = `${labelled(lang, figure.label[lang], figure.text[lang])}${dated ? ` (${formatMonth(dated, lang)})` : ''}`;
  }
  if (o.caveats.length > 0) entry.toConfirm = true;
  if (o.status === 'unknown' && o.missing.length > 0) entry.missing = o.missing.map((m) => reasonText(m.reason, lang));
  if (o.status !== 'not-eligible' && o.conditions.length > 0) entry.conditions = o.conditions.map((c) => c[lang]);
  if (o.status !== 'not-eligible' && o.scheme.conflicts.length > 0) entry.conflicts = o.scheme.conflicts.map((c) => c[lang]);
  // When nothing is missing, the reason itself already says the offer may have ended.
  if (o.staleSince && o.missing.length > 0) entry.staleSince = o.staleSince;
  entry.contact = o.contact.referent
    ? { kind: 'referent', referent: o.contact.referent }
    : { kind: 'apply', text: o.contact.howToApply[lang], ...(o.contact.applyUrl ? { url: o.contact.applyUrl } : {}) };
  return entry;
}

function presentAdvice(advice: Advice, lang: Lang, cards: CardRenderer | null): Presented {
  const card =
    cards?.schemes({
      locale: lang,
      territoryName: advice.context.territories[advice.context.wave]?.name ?? null,
      schemes: advice.relevant.map((o) => schemeEntry(o, lang)),
    }) ?? null;
  return { text: adviceText(advice, lang), card };
}

export function adviceText(advice: Advice, lang: Lang): string {
  const s = messages(lang).eligibility;
  const eligible = advice.relevant.filter((o) => o.status === 'eligible');
  const unknown = advice.relevant.filter((o) => o.status === 'unknown' && !o.historical);
  // The card has the detail; the text names the first few, most relevant first.
  const names = (list: SchemeOutcome[]) => {
    // Four names and "et 3 autres"; a fifth name rather than "et un autre".
    const shown = list.slice(0, list.length === 5 ? 5 : 4).map((o) => o.scheme.name[lang]);
    return list.length > shown.length ? `${shown.join(', ')}${s.andMore(list.length - shown.length)}` : shown.join(', ');
  };
  const uncovered = advice.uncovered.map((u) => {
    const operator = u.referent?.operatorName ?? u.operator;
    const first = u.referent?.kind === 'regional' ? u.referent.entryPoints[0] : undefined;
    const contact =
      u.referent?.kind === 'named' ? [u.referent.name, u.referent.email, u.referent.phone].filter(Boolean).join(', ') : (first?.phone ?? first?.url);
    return s.noSchemeFor(s.needs[u.need], contact ? `${operator} (${contact})` : operator);
  });
  if (advice.relevant.every((o) => o.historical || o.status === 'not-eligible') && uncovered.length > 0) return uncovered.join(' ');
  const tail = uncovered.length > 0 ? ` ${uncovered.join(' ')}` : '';
  const open = eligible.length ? s.open(eligible.length, names(eligible)) : s.noneOpen;
  const toClarify = unknown.length ? s.toClarify(names(unknown)) : '';
  return `${s.advice(s.adviceFor(advice.context.territories[advice.context.wave]?.name), open, toClarify)}${tail}`;
}

/**
 * A scheme in a few lines: what it is, who runs it and for whom, whether it is still attested,
 * how to apply; then, for a scheme still running, how to find out whether it fits the firm.
 */
function schemeInfoText(scheme: Scheme, lang: Lang): string {
  const s = messages(lang).eligibility;
  const lines = [
    scheme.name[lang],
    scheme.summary[lang],
    labelled(lang, s.about.runBy, scheme.runBy[lang]),
    labelled(lang, s.about.openTo, scheme.openTo[lang]),
  ];
  const stale = staleSince(scheme);
  // Worded as the engine's notes are in the advice (reasonText).
  if (scheme.statusNote) lines.push(scheme.statusNote[lang]);
  else if (scheme.status === 'closed' || scheme.status === 'abolished')
    lines.push(reasonText({ note: scheme.status, ...(scheme.validUntil ? { date: scheme.validUntil } : {}) }, lang));
  if (stale) lines.push(reasonText({ note: 'attested-until', date: stale }, lang));
  lines.push(labelled(lang, s.about.apply, scheme.howToApply[lang]) + (scheme.applyUrl ? ` ${scheme.applyUrl}` : ''));
  const text = lines.map((l) => cleanLine(l, 600)).join('\n');
  return scheme.status === 'closed' || scheme.status === 'abolished' ? text : `${text}\n${s.about.checkFit}`;
}

function whyNotText(advice: Advice | null, lang: Lang): string {
  const s = messages(lang).eligibility;
  if (!advice) return s.whyNotFirst;
  // The schemes of the firm's project when it is known; all of them otherwise.
  const shown = advice.relevant.length > 0 ? advice.relevant : advice.outcomes;
  const lines = shown.filter((o) => o.status === 'not-eligible').map((o) => `- ${labelled(lang, o.scheme.name[lang], reasonText(o.reason, lang))}`);
  if (lines.length === 0) return s.whyNotNone;
  return [s.whyNotHead, ...lines].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Contact requests
// ---------------------------------------------------------------------------------------------

function presentContactSummary(data: ContactSummaryCardData, cards: CardRenderer | null): Presented {
  const s = messages(data.locale).contact;
  const card = cards?.contactSummary(data) ?? null;
  // Nothing is sent without consent: the person must read the consent text, on the card or here.
  const text = card ? s.summaryIntro : `${s.summaryIntro}\n\n${contactSummaryText(data)}`;
  return {
    text,
    card,
    textFormat: FALLBACK_TEXT_FORMAT,
    choices: [
      { title: s.accept, value: s.accept },
      { title: s.cancel, value: s.cancelValue },
    ],
  };
}
