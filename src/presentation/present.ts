import { ActionTypes, CardFactory, MessageFactory, type Activity, type Attachment } from 'botbuilder';
import { choicesHint, messages, waveLabelInline } from './messages';
import { findArea, territoriesIn } from '../domain/areas';
import type { KnowledgeBase } from '../domain/knowledge-base';
import type { LookupAnswer } from '../domain/resolution/lookup';
import type { Lang } from './lang';

/**
 * Turns a lookup answer into the activity a user sees: a short text (which is all a channel
 * without cards shows) plus the Adaptive Card.
 */
export interface CardRenderer {
  territory(answer: LookupAnswer, lang: Lang): object | null;
  choices(answer: LookupAnswer, lang: Lang): object | null;
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
  const code = /\b\d{5}\b/.exec(answer.query)?.[0];
  if (answer.matchedBy === 'postal-code' && code) return s.postalCode(code);
  if (answer.matchedBy === 'epci') return s.intercommunality(answer.query);
  return s.thisPlace;
}

export function answerText(answer: LookupAnswer, lang: Lang): string {
  const other = answer.inseeCodeOf;
  if (!other) return placeAnswerText(answer, lang);
  return `${placeAnswerText(answer, lang)} ${messages(lang).lookup.alsoInseeCode(other.code, other.name, other.department)}`;
}

function placeAnswerText(answer: LookupAnswer, lang: Lang): string {
  const s = messages(lang).lookup;
  const notice = companyNotice(answer, lang);
  if (answer.status === 'unknown') return notice ?? s.notFound(answer.query);
  if (answer.status === 'ambiguous') {
    const shown = answer.candidates.length;
    return s.ambiguous(answer.query, choicesHint(lang, shown, shown + (answer.omittedCandidates ?? 0), answer.matchedBy === 'postal-code'));
  }
  const place = placeLabel(answer, lang);
  const company = answer.company?.status === 'found' ? s.establishment(answer.company.name) : '';
  const territory = answer.territory;
  if (!territory) return s.outside(`${company}${place}`, waveLabelInline(answer.wave, lang));
  const wave = waveLabelInline(territory.wave, lang);
  if (answer.matchedBy === 'territory') return s.territoryNamed(territory.name, wave, territory.region);
  const named = answer.referents.filter((r) => r.kind === 'named').length;
  return s.inTerritory(`${company}${place}`, territory.name, wave, territory.region, s.referentsBelow(named));
}

/** "Quels territoires en Bretagne ?": the territories of the region or department named, or how many there are. */
export function territoryListText(kb: KnowledgeBase, wave: number, text: string, lang: Lang): string {
  const s = messages(lang).territoryList;
  const area = findArea(kb.geo, text);
  if (!area) {
    const [current, ...earlier] = [...kb.waves()].sort((x, y) => y - x);
    const count = (w: number) => kb.territories(w).length;
    if (current === undefined) return s.yours;
    const before = earlier.map((w) => s.earlierCount(waveLabelInline(w, lang), count(w))).join(s.countsSeparator);
    return s.counts(waveLabelInline(current, lang), count(current), before, s.yours);
  }
  const territories = territoriesIn(kb, wave, area);
  const list = waveLabelInline(wave, lang);
  if (territories.length === 0) return s.none(area.name, list, s.yours);
  return s.some(area.name, territories.length, list, territories.map((t) => t.name), s.yours);
}

/** Candidates of an ambiguous answer as (label, query that resolves it). */
export function choicesOf(answer: LookupAnswer): Array<{ label: string; value: string }> {
  return answer.candidates.map((c) => ({ label: c.label, value: c.commune?.code ?? c.territory?.name ?? c.label }));
}

/** The territory card of a resolved answer, the choices card of an ambiguous one; none otherwise. */
function renderedCard(answer: LookupAnswer, lang: Lang, cards: CardRenderer | null): object | null {
  if (answer.status === 'resolved') return cards?.territory(answer, lang) ?? null;
  if (answer.status === 'ambiguous') return cards?.choices(answer, lang) ?? null;
  return null;
}

/** A card for any answer, for surfaces that only show cards (Teams message extension). */
export function cardFor(answer: LookupAnswer, lang: Lang, cards: CardRenderer | null): object {
  return (
    renderedCard(answer, lang, cards) ?? {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [{ type: 'TextBlock', text: answerText(answer, lang), wrap: true }],
    }
  );
}

export function answerActivity(answer: LookupAnswer, lang: Lang, cards: CardRenderer | null): Partial<Activity> {
  const text = answerText(answer, lang);
  const attachments: Attachment[] = [];
  const card = renderedCard(answer, lang, cards);
  if (card) attachments.push(CardFactory.adaptiveCard(card));
  const activity = attachments.length ? MessageFactory.attachment(attachments[0]!, text) : MessageFactory.text(text);
  if (answer.status === 'ambiguous') {
    activity.suggestedActions = {
      to: [],
      actions: choicesOf(answer).map((c) => ({ type: ActionTypes.ImBack, title: c.label.slice(0, 60), value: c.label })),
    };
  }
  return activity;
}
