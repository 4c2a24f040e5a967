import { CardFactory, type Attachment, type CardAction, type MessagingExtensionAttachment, type MessagingExtensionResponse } from 'botbuilder';
import type { CommuneRef, LookupResult, ReferentView, TerritoryRef } from '../../../domain/types';
import { COMMUNE_CODE } from '../../../domain/geography';
import { cleanLine } from '../../../domain/text';
import type { Lang } from '../../../presentation/lang';
import { messages } from '../../../presentation/messages';

/**
 * Search-based message extension (compose box, "Trouver un territoire"): turns lookup results into
 * the response Teams shows in the search flyout. Each item carries the full Adaptive Card that is
 * inserted in the conversation, plus a small thumbnail preview for the list.
 *
 * The ids below must stay in sync with deploy/teams/manifest.template.json.
 */
export const LOOKUP_COMMAND_ID = 'lookupTerritory';
export const QUERY_PARAMETER = 'q';
export const QUERY_INVOKE = 'composeExtension/query';
export const SELECT_ITEM_INVOKE = 'composeExtension/selectItem';
/** Longer input is not a place name; cut it before it reaches the resolver or a preview. */
export const MAX_QUERY_LENGTH = 200;
/** Teams shows at most 25 items in a search result list. */
export const MAX_RESULTS = 25;

export type RenderCard = (result: LookupResult) => object;

/** Minimal shape read from an invoke activity, so callers can pass a TurnContext activity or a test object. */
export interface InvokeLike {
  type?: string;
  name?: string;
  value?: unknown;
}

function cleanQuery(raw: string): string {
  return cleanLine(raw.slice(0, MAX_QUERY_LENGTH * 2))
    .slice(0, MAX_QUERY_LENGTH)
    .trim();
}

/**
 * The text typed in the compose-box search, or '' when there is nothing to look up: another
 * invoke (settings, selectItem...), another command, Teams' `initialRun` probe, or an empty box.
 */
export function extractQuery(activity: InvokeLike | null | undefined): string {
  if (!activity || activity.name !== QUERY_INVOKE) return '';
  const value = activity.value;
  if (!value || typeof value !== 'object') return '';
  const { commandId, parameters } = value as { commandId?: unknown; parameters?: unknown };
  if (commandId !== undefined && commandId !== LOOKUP_COMMAND_ID) return '';
  if (!Array.isArray(parameters)) return '';
  const named = (name: string) =>
    parameters.find((p): p is { name: string; value?: unknown } => !!p && typeof p === 'object' && (p as { name?: unknown }).name === name);
  // Teams sends {name: 'initialRun', value: 'true'} when the command opens, before any typing.
  if (named('initialRun')) return '';
  const raw = named(QUERY_PARAMETER)?.value;
  if (typeof raw === 'string') return cleanQuery(raw);
  if (typeof raw === 'number' && Number.isFinite(raw)) return cleanQuery(String(raw));
  return '';
}

function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function regionOf(territory: TerritoryRef | null, referents: readonly ReferentView[]): string {
  if (territory?.region) return territory.region;
  // A place outside any territory still has a region: the regional entry points carry its name.
  for (const r of referents) {
    if (r.kind !== 'regional') continue;
    const regional = r.entryPoints.find((e) => e.scope === 'regional' && e.regionName);
    if (regional) return regional.regionName;
  }
  return '';
}

function communeLabel(commune: CommuneRef | null): string {
  return commune ? `${commune.name} (${commune.department})` : '';
}

function thumbnail(title: string, text: string, tap?: CardAction): Attachment {
  return {
    contentType: CardFactory.contentTypes.thumbnailCard,
    content: tap ? { title, text, tap } : { title, text },
  };
}

function item(card: object, preview: Attachment): MessagingExtensionAttachment {
  const adaptive = CardFactory.adaptiveCard(card);
  return { contentType: adaptive.contentType, content: adaptive.content, preview };
}

/** What a candidate's preview sends back through `composeExtension/selectItem` when picked. */
export interface SelectedCandidate {
  kind: 'ti-candidate';
  /** INSEE code when the candidate is a commune: resolve it with `lookupCommuneCode`, not as free text. */
  communeCode: string | null;
  territoryId: string | null;
  label: string;
  query: string;
}

/** Validates a `composeExtension/selectItem` value; anything else (or a forged payload) gives null. */
export function readSelectedItem(activity: InvokeLike | null | undefined): SelectedCandidate | null {
  if (!activity || activity.name !== SELECT_ITEM_INVOKE) return null;
  const v = activity.value as Partial<Record<keyof SelectedCandidate, unknown>> | null | undefined;
  if (!v || typeof v !== 'object' || v.kind !== 'ti-candidate') return null;
  const optionalCode = (x: unknown, pattern: RegExp): string | null | undefined =>
    x === null || x === undefined ? null : typeof x === 'string' && pattern.test(x) ? x : undefined;
  const communeCode = optionalCode(v.communeCode, COMMUNE_CODE);
  const territoryId = optionalCode(v.territoryId, /^[\w.:-]{1,100}$/);
  if (communeCode === undefined || territoryId === undefined) return null;
  if (typeof v.label !== 'string' || typeof v.query !== 'string') return null;
  if (!communeCode && !territoryId) return null;
  return { kind: 'ti-candidate', communeCode, territoryId, label: cleanQuery(v.label), query: cleanQuery(v.query) };
}

function attachmentsFor(result: LookupResult, renderCard: RenderCard, lang: Lang): MessagingExtensionAttachment[] {
  const text = messages(lang).teamsSearch;
  switch (result.status) {
    case 'resolved': {
      const region = regionOf(result.territory, result.referents);
      const partly = result.partial ? text.partly(result.partial.communes.length, result.partial.total) : '';
      const detail = [communeLabel(result.commune), result.territory ? partly : text.outsideDetail, region].filter(Boolean).join(' · ');
      return [item(renderCard(result), thumbnail(result.territory?.name ?? text.outside, detail))];
    }
    case 'ambiguous':
      return result.candidates.map((candidate) => {
        // The inserted card shows only this candidate (no referents: an ambiguous lookup carries
        // none); picking it triggers selectItem so the bot can answer with the resolved card.
        const narrowed: LookupResult = { ...result, candidates: [candidate] };
        const detail = [
          candidate.territory?.name ?? text.outsideDetail,
          candidate.commune && !candidate.label.includes(`${candidate.commune.department})`) ? communeLabel(candidate.commune) : '',
          candidate.territory?.region ?? '',
        ]
          .filter(Boolean)
          .join(' · ');
        const selected: SelectedCandidate = {
          kind: 'ti-candidate',
          communeCode: candidate.commune?.code ?? null,
          territoryId: candidate.territory?.id ?? null,
          label: candidate.label,
          query: result.query,
        };
        const tap: CardAction = { type: 'invoke', title: text.pick, value: selected };
        return item(renderCard(narrowed), thumbnail(candidate.label, detail, tap));
      });
    case 'unknown':
    default:
      return [item(renderCard(result), thumbnail(text.notFound(shorten(cleanQuery(result.query))), text.notFoundHint))];
  }
}

/**
 * The `composeExtension/query` answer: a list of items, one per resolved result and one per
 * candidate of an ambiguous one; an unknown place (or no result at all) gives a single polite item.
 */
export function buildMessageExtensionResponse(results: LookupResult[], renderCard: RenderCard, lang: Lang): MessagingExtensionResponse {
  let attachments = results.flatMap((r) => attachmentsFor(r, renderCard, lang)).slice(0, MAX_RESULTS);
  if (attachments.length === 0) {
    // No lookup ran, so there is nothing for the renderer: a one-line card says the same as the preview.
    const text = messages(lang).teamsSearch;
    const card = {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: text.notFound(''), weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: text.notFoundHint, wrap: true },
      ],
    };
    attachments = [item(card, thumbnail(text.notFound(''), text.notFoundHint))];
  }
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

/** For an empty search box: a hint in the flyout rather than an empty list. */
export function buildHintResponse(lang: Lang): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text: messages(lang).teamsSearch.hint } };
}

/** The `composeExtension/selectItem` answer: the card of the candidate the user picked, resolved. */
export function buildSelectItemResponse(result: LookupResult, renderCard: RenderCard, lang: Lang): MessagingExtensionResponse {
  const [first] = attachmentsFor(result, renderCard, lang);
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: first ? [first] : [] } };
}
