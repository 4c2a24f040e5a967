import type { TurnContext } from 'botbuilder';
import { COMMUNE_CODE } from '../../domain/geography';
import { LookupService, type LookupAnswer } from '../../domain/resolution/lookup';
import type { NoPlaceReason, OperatorId, Wave } from '../../domain/types';
import { choicesOf } from '../../presentation/cards/choices';
import type { Lang } from '../../presentation/lang';
import { present, type Presented } from '../../presentation/present';
import { toActivity } from './activity';
import type { DialogDeps } from './deps';
import { languageOf } from './language';
import type { Choice, PlaceReader } from './router';
import { holdForFlow } from './turn';

/** A place to look up: typed, or a candidate picked (`value` = an INSEE code or a territory's name). */
export type PlaceRequest = { text: string; wave?: Wave; departments?: string[]; within?: string[] } | { value: string; label: string; wave?: Wave };

/**
 * Looks a place up: in the departments given first ("le 04" then "Manosque"), or only within
 * them (null when none is there: "Saint-Denis" then "01"). `read` is the turn's resolver, which
 * the router has already run on the same text: only a company number needs the directory.
 */
async function find(deps: DialogDeps, request: PlaceRequest, read?: PlaceReader): Promise<LookupAnswer | null> {
  const wave = request.wave ?? deps.defaultWave;
  if ('value' in request) {
    return COMMUNE_CODE.test(request.value)
      ? deps.lookup.lookupCommune(request.value, { wave, query: request.label })
      : deps.lookup.lookup(request.value, { wave });
  }
  const departments = request.within ?? request.departments ?? [];
  for (const department of departments) {
    const inDepartment = deps.lookup.resolve(`${request.text} (${department})`, { wave });
    if (inDepartment.status === 'resolved' && (!inDepartment.commune || departments.includes(inDepartment.commune.department)))
      return { ...inDepartment, query: request.text };
  }
  if (request.within) return null;
  if (read && !LookupService.findCompanyNumber(request.text)) return read(request.text, wave);
  return deps.lookup.lookup(request.text, { wave });
}

/**
 * Looks the place up, sends the answer (territory card, or the candidates to choose from) and
 * remembers a resolved place of the current list for the next flows. With `hold`, a resolved
 * place's answer is held for the flow that goes on with it (holdForFlow) instead of sent.
 */
export async function showPlace(context: TurnContext, deps: DialogDeps, request: PlaceRequest, read?: PlaceReader, hold = false): Promise<LookupAnswer | null> {
  const answer = await find(deps, request, read);
  const lang = languageOf(context);
  if (!answer) {
    const query = 'text' in request ? request.text : request.label;
    await context.sendActivity(
      toActivity(present({ kind: 'not-in', query, departments: departmentsNamed(deps, 'text' in request ? (request.within ?? []) : []) }, lang, deps.cards)),
    );
    return null;
  }
  const shown = present({ kind: 'lookup', answer }, lang, deps.cards);
  if (hold && answer.status === 'resolved') holdForFlow(context, shown);
  else await context.sendActivity(toActivity(shown));
  await remember(context, deps, answer);
  return answer;
}

/**
 * Takes a commune (INSEE code) as the place the next flows work on, without showing it again: the
 * card that named it is on screen (its button was clicked).
 */
export async function rememberPlace(context: TurnContext, deps: DialogDeps, communeCode: string): Promise<void> {
  const answer = await find(deps, { value: communeCode, label: communeCode });
  if (answer) await remember(context, deps, answer);
}

/** "Qui est le référent France Travail de … ?": that slot alone (the candidates first when the place is ambiguous). */
export async function showReferent(
  context: TurnContext,
  deps: DialogDeps,
  request: PlaceRequest,
  operator: OperatorId,
  read?: PlaceReader,
): Promise<LookupAnswer | null> {
  const answer = await find(deps, request, read);
  const lang = languageOf(context);
  if (!answer) return showPlace(context, deps, request);
  if (answer.status === 'resolved') await context.sendActivity(toActivity(present({ kind: 'referent', answer, operator }, lang, deps.cards)));
  else await context.sendActivity(toActivity(present({ kind: 'lookup', answer }, lang, deps.cards)));
  await remember(context, deps, answer);
  return answer;
}

async function remember(context: TurnContext, deps: DialogDeps, answer: LookupAnswer): Promise<void> {
  if (answer.status !== 'resolved') return;
  const memory = await deps.memory.get(context, {});
  // Flows work on the current list: a lookup in an earlier list ("liste 2019") keeps only the commune.
  if (answer.wave === deps.defaultWave) memory.territory = answer.territory ? { id: answer.territory.id, wave: answer.territory.wave } : undefined;
  if (answer.commune) memory.communeCode = answer.commune.code;
  else if (answer.wave === deps.defaultWave) delete memory.communeCode;
}

/** The candidates of an ambiguous answer, as the question that waits for a choice lists them. */
export function choicesOfAnswer(answer: LookupAnswer): Choice[] {
  return choicesOf(answer);
}

/** A message that names no place the assistant knows: what it can do, or why the place is not known. */
export async function showNothing(
  context: TurnContext,
  deps: DialogDeps,
  reason: NoPlaceReason,
  query: string,
  departments: string[] = [],
  namesakes?: LookupAnswer['namesakes'],
): Promise<void> {
  await context.sendActivity(toActivity(presentNothing(deps, languageOf(context), reason, query, departments, namesakes)));
}

/** What showNothing sends, for a flow that asks it as its question ("dans quelle commune de l'Allier ?"). */
export function presentNothing(
  deps: DialogDeps,
  lang: Lang,
  reason: NoPlaceReason,
  query: string,
  departments: readonly string[] = [],
  namesakes?: LookupAnswer['namesakes'],
): Presented {
  const largest = departments[0] !== undefined ? deps.kb.geo.largestCommuneOf(departments[0]) : undefined;
  const example = largest?.postalCodes[0] ? { name: largest.name, postalCode: largest.postalCodes[0] } : undefined;
  const nothing = {
    kind: 'nothing' as const,
    reason,
    query,
    departments: departmentsNamed(deps, departments),
    ...(example ? { example } : {}),
    ...(namesakes ? { namesakes } : {}),
  };
  return present(nothing, lang, deps.cards);
}

/** The place already known, given again as the answer to another question: it is noted, nothing more. */
export async function showSamePlace(context: TurnContext, deps: DialogDeps, answer: LookupAnswer): Promise<void> {
  await context.sendActivity(toActivity(present({ kind: 'same-place', answer }, languageOf(context), deps.cards)));
}

function departmentsNamed(deps: DialogDeps, codes: readonly string[]): Array<{ code: string; name: string }> {
  return codes.flatMap((code) => {
    const d = deps.kb.geo.departments.get(code);
    return d ? [{ code: d.code, name: d.name }] : [];
  });
}
