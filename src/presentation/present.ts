import { ActionTypes, CardFactory, MessageFactory, type Activity, type Attachment } from 'botbuilder';
import { choicesHint } from './messages';
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

function waveLabel(wave: number, lang: Lang): string {
  if (wave === 2023) return lang === 'fr' ? 'liste 2023-2027' : '2023-2027 list';
  if (wave === 2019) return lang === 'fr' ? 'liste 2019-2022' : '2019-2022 list';
  return lang === 'fr' ? `liste ${wave}` : `${wave} list`;
}

function companyNotice(answer: LookupAnswer, lang: Lang): string | null {
  switch (answer.company?.status) {
    case 'invalid':
      return lang === 'fr'
        ? "Ce numéro n'est pas un SIRET valide (la clé de contrôle ne correspond pas). Vérifiez-le, ou indiquez-moi la commune de votre site."
        : "That number is not a valid SIRET (its check digit does not match). Please check it, or tell me the town of your site.";
    case 'not-found':
      return lang === 'fr'
        ? "Je ne trouve pas d'établissement avec ce numéro dans le répertoire des entreprises. Indiquez-moi plutôt la commune de votre site."
        : 'I cannot find an establishment with that number in the company register. Please tell me the town of your site instead.';
    case 'unavailable':
      return lang === 'fr'
        ? "Le répertoire des entreprises ne répond pas pour l'instant. Indiquez-moi plutôt la commune de votre site."
        : 'The company register is not answering right now. Please tell me the town of your site instead.';
    default:
      return null;
  }
}

function placeLabel(answer: LookupAnswer, lang: Lang): string {
  const fr = lang === 'fr';
  if (answer.commune) return `${answer.commune.name} (${answer.commune.department})`;
  const code = /\b\d{5}\b/.exec(answer.query)?.[0];
  if (answer.matchedBy === 'postal-code' && code) return fr ? `Le code postal ${code}` : `Postal code ${code}`;
  if (answer.matchedBy === 'epci') return fr ? `L'intercommunalité « ${answer.query} »` : `The intercommunality "${answer.query}"`;
  return fr ? 'Ce lieu' : 'This place';
}

export function answerText(answer: LookupAnswer, lang: Lang): string {
  const other = answer.inseeCodeOf;
  if (!other) return placeAnswerText(answer, lang);
  // Advisors type INSEE codes; the few that are also postal codes must not be misread silently.
  const note =
    lang === 'fr'
      ? `(« ${other.code} » est aussi le code INSEE de ${other.name} (${other.department}) : écrivez « INSEE ${other.code} » pour cette commune.)`
      : `("${other.code}" is also the INSEE code of ${other.name} (${other.department}): type "INSEE ${other.code}" for that commune.)`;
  return `${placeAnswerText(answer, lang)} ${note}`;
}

function placeAnswerText(answer: LookupAnswer, lang: Lang): string {
  const fr = lang === 'fr';
  const notice = companyNotice(answer, lang);
  if (answer.status === 'unknown') {
    return (
      notice ??
      (fr
        ? `Je n'ai pas trouvé de lieu correspondant à « ${answer.query} ». Essayez un nom de commune, un code postal (5 chiffres) ou un SIRET (14 chiffres).`
        : `I could not find a place matching "${answer.query}". Try a town name, a postal code (5 digits) or a SIRET (14 digits).`)
    );
  }
  if (answer.status === 'ambiguous') {
    const shown = answer.candidates.length;
    const hint = choicesHint(lang, shown, shown + (answer.omittedCandidates ?? 0), answer.matchedBy === 'postal-code');
    return fr
      ? `Plusieurs lieux correspondent à « ${answer.query} » et ne sont pas dans le même territoire. Lequel est le vôtre ? (${hint})`
      : `Several places match "${answer.query}" and they are not in the same territory. Which one is yours? (${hint})`;
  }
  const place = placeLabel(answer, lang);
  const company = answer.company?.status === 'found' ? (fr ? `L'établissement ${answer.company.name} : ` : `Establishment ${answer.company.name}: `) : '';
  if (!answer.territory) {
    return fr
      ? `${company}${place} n'est dans aucun Territoire d'industrie (${waveLabel(answer.wave, lang)}). Les opérateurs restent joignables : voici leurs points d'entrée.`
      : `${company}${place} is not in any Territoire d'industrie (${waveLabel(answer.wave, lang)}). The operators can still be reached: here are their entry points.`;
  }
  if (answer.matchedBy === 'territory') {
    return fr
      ? `« ${answer.territory.name} » est un Territoire d'industrie (${waveLabel(answer.territory.wave, lang)}, ${answer.territory.region}). Ses référents sont ci-dessous.`
      : `"${answer.territory.name}" is a Territoire d'industrie (${waveLabel(answer.territory.wave, lang)}, ${answer.territory.region}). Its referents are below.`;
  }
  const named = answer.referents.filter((r) => r.kind === 'named').length;
  const referents = fr
    ? named === 4
      ? 'Vos 4 référents sont ci-dessous.'
      : `Vos référents sont ci-dessous (${4 - named} sur 4 pas encore désignés : je vous donne alors le point d'entrée de l'opérateur).`
    : named === 4
      ? 'Your 4 referents are below.'
      : `Your referents are below (${4 - named} of 4 not designated yet: I give you the operator's entry point instead).`;
  return fr
    ? `${company}${place} est dans le Territoire d'industrie « ${answer.territory.name} » (${waveLabel(answer.territory.wave, lang)}, ${answer.territory.region}). ${referents}`
    : `${company}${place} is in the Territoire d'industrie "${answer.territory.name}" (${waveLabel(answer.territory.wave, lang)}, ${answer.territory.region}). ${referents}`;
}

/** "Quels territoires en Bretagne ?": the territories of the region or department named, or how many there are. */
export function territoryListText(kb: KnowledgeBase, wave: number, text: string, lang: Lang): string {
  const fr = lang === 'fr';
  const yours = fr
    ? 'Pour le vôtre et vos référents, donnez-moi une commune, un code postal ou un SIRET.'
    : 'For yours and your referents, give me a town, a postal code or a SIRET.';
  const area = findArea(kb.geo, text);
  if (!area) {
    const [current, ...earlier] = [...kb.waves()].sort((x, y) => y - x);
    const count = (w: number) => kb.territories(w).length;
    if (current === undefined) return yours;
    const before = earlier.map((w) => (fr ? `la ${waveLabel(w, lang)} en comptait ${count(w)}` : `the ${waveLabel(w, lang)} had ${count(w)}`)).join(', ');
    return fr
      ? `La ${waveLabel(current, lang)} compte ${count(current)} Territoires d'industrie${before ? ` (${before})` : ''}. Pour ceux d'une région ou d'un département, demandez par exemple « territoires d'industrie en Bretagne ». ${yours}`
      : `The ${waveLabel(current, lang)} has ${count(current)} Territoires d'industrie${before ? ` (${before})` : ''}. For those of a region or a department, ask for instance "territories in Bretagne". ${yours}`;
  }
  const territories = territoriesIn(kb, wave, area);
  const list = waveLabel(wave, lang);
  if (territories.length === 0) {
    return fr ? `${area.name} : aucun Territoire d'industrie (${list}). ${yours}` : `${area.name}: no Territoire d'industrie (${list}). ${yours}`;
  }
  const n = territories.length;
  return fr
    ? `${area.name} : ${n} ${n === 1 ? "Territoire d'industrie" : "Territoires d'industrie"} (${list}) : ${territories.map((t) => t.name).join(' ; ')}. ${yours}`
    : `${area.name}: ${n} ${n === 1 ? "Territoire d'industrie" : "Territoires d'industrie"} (${list}): ${territories.map((t) => t.name).join('; ')}. ${yours}`;
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
