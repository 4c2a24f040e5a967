import type { LookupResult } from '../../domain/types';
import choicesTemplate from './choices.json';
import { cleanLine, escapeMarkdown, markdownLines, plainText } from '../escape';
import { choicesHint, messages } from '../messages';
import type { Lang } from '../lang';
import { expandCard, type AdaptiveCardJson } from './template';
import { choicesText } from '../text';
import type { ChoiceItem, ChoicesCardData } from './data';

/** More buttons than this is not a choice any more: the card asks for the department instead. */
export const MAX_CHOICES = 10;

/** Candidates of an ambiguous lookup, each with a query that resolves it alone: the INSEE code of a commune, else the territory's name. */
export function choicesOf(result: LookupResult): ChoiceItem[] {
  return result.candidates.map((c) => ({ label: c.label, value: c.commune?.code ?? c.territory?.name ?? c.label }));
}

/** The smaller places named like a resolved one, each with the INSEE code that resolves it alone. */
export function namesakesOf(result: LookupResult): ChoiceItem[] {
  return (result.namesakes ?? []).map((c) => ({ label: c.label, value: c.commune?.code ?? c.territory?.name ?? c.label }));
}

export function choicesCardData(result: LookupResult, locale: Lang): ChoicesCardData {
  return {
    locale,
    query: result.placeName ?? result.query,
    choices: choicesOf(result),
    omitted: result.omittedCandidates ?? 0,
    byPostalCode: result.matchedBy === 'postal-code',
  };
}

export function renderChoicesCard(data: ChoicesCardData): AdaptiveCardJson {
  const locale = data.locale === 'en' ? 'en' : 'fr';
  const s = messages(locale).card;
  const shown = data.choices.slice(0, MAX_CHOICES);
  const view = {
    lang: locale,
    fallbackText: markdownLines(choicesText({ ...data, locale }), 1500),
    question: s.choicesQuestion(escapeMarkdown(data.query, 80)),
    // One ActionSet per candidate: a vertical list of full-width buttons in Teams and Web Chat,
    // and never more actions in one set than Teams shows.
    choices: shown.map((c) => ({ title: plainText(c.label, 80), value: cleanLine(c.value, 200) })),
    hint: choicesHint(locale, shown.length, data.choices.length + (data.omitted ?? 0), data.byPostalCode ?? false),
  };
  return expandCard(choicesTemplate, view);
}
