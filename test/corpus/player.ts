/**
 * Plays conversations of the corpus through POST /api/messages as a channel does (FakeChannel),
 * clicking card buttons the way Web Chat and Teams do (the `Action.Submit` data as `value`, no
 * text), and checks each turn's replies against its expectations. No jest here: `npm run bench`
 * plays the same corpus and reports its pass rate.
 */
import type { FakeChannel, CapturedActivity } from '../helpers/channel';
import type { KnowledgeBase } from '../../src/domain/knowledge-base';
import type { OperatorId } from '../../src/domain/types';
import { OPERATOR_IDS } from '../../src/domain/types';
import { messages } from '../../src/presentation/messages';
import type { Expect, Conversation, Turn, Button } from './types';

export interface TurnFailure {
  turn: number;
  input: string;
  problems: string[];
  replies: string[];
}

export interface ConversationResult {
  id: string;
  kind: string;
  passed: boolean;
  failures: TurnFailure[];
}

/** Every button of a reply: its cards' Action.Submit / Action.ShowCard / Action.OpenUrl, and its suggested actions. */
export function buttonsOf(replies: CapturedActivity[]): Button[] {
  const out: Button[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push({ kind: 'card', type: o.type, title: String(o.title ?? ''), data: o.data });
    for (const v of Object.values(o)) walk(v);
  };
  for (const reply of replies) {
    for (const a of reply.attachments ?? []) walk(a.content);
    for (const s of reply.suggestedActions?.actions ?? []) out.push({ kind: 'chip', type: 'imBack', title: s.title, data: s.value });
  }
  return out;
}

/**
 * What a card is, from its actions and its place: under a schemes card in one message, a card
 * without buttons of its own is the territory's (it leaves out "Voir mes aides" and "Recommencer",
 * which the schemes card has or is).
 */
export function cardKinds(replies: CapturedActivity[]): string[] {
  const kinds: string[] = [];
  for (const reply of replies) {
    let underSchemes = false;
    for (const a of reply.attachments ?? []) {
      if (a.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
      const actions = buttonsOf([{ type: 'message', attachments: [a] }]);
      const data = actions.map((b) => (b.data as { action?: string } | undefined)?.action);
      if (data.includes('choose')) kinds.push('choices');
      else if (data.includes('eligibility')) kinds.push('territory');
      else if (data.includes('contact-consent')) kinds.push('contact-summary');
      else if (actions.some((b) => b.type === 'Action.ShowCard') || data.includes('restart')) {
        kinds.push('schemes');
        underSchemes = true;
      } else kinds.push(underSchemes ? 'territory' : 'contact-confirmation');
    }
  }
  return kinds;
}

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

// Words that only one of the two languages uses in the bot's sentences.
const FRENCH_WORDS = /\b(est|dans|votre|vos|je|vous|les|des|une|pour|quel|quelle|aucun|commune|référents?|aides?|demande)\b/giu;
const ENGLISH_WORDS = /\b(is|in|your|the|you|which|town|referents?|schemes?|request|please|I)\b/gu;

export function languageOfText(text: string): 'fr' | 'en' {
  const fr = text.match(FRENCH_WORDS)?.length ?? 0;
  const en = text.match(ENGLISH_WORDS)?.length ?? 0;
  return en > fr ? 'en' : 'fr';
}

/** The sentences that say what the assistant can do (the answer to a message that names nothing it handles). */
const CAPABILITIES = [/Territoire d'industrie/, /(commune|town)/i, /(aides|schemes)/i];

/** A place was answered: a territory or choice card, or the sentences that go with one. */
const PLACE_ANSWER =
  /(est dans le Territoire|n'est dans aucun Territoire|is in the Territoire|is not in any Territoire|Plusieurs lieux correspondent|Several places match)/;

export interface Facts {
  kb: KnowledgeBase;
}

function operatorName(facts: Facts, id: OperatorId): string {
  return facts.kb.operator(id)?.name ?? id;
}

/** The name that identifies an operator in a sentence ("Business France / Team France Export" → "Business France"). */
function operatorKey(facts: Facts, id: OperatorId): string {
  return operatorName(facts, id).split(' / ')[0]!;
}

export function check(expect: Expect, replies: CapturedActivity[], facts: Facts, previous: CapturedActivity[]): string[] {
  const problems: string[] = [];
  const texts = replies.map((r) => r.text ?? '');
  const all = texts.join('\n');
  const kinds = cardKinds(replies);
  const buttons = buttonsOf(replies);
  const errorTexts = [messages('fr').chat.error, messages('en').chat.error];
  if (!expect.silent && replies.length === 0) problems.push('no reply');
  if (texts.some((t) => errorTexts.includes(t))) problems.push('the error message');
  for (const re of list(expect.says)) if (!re.test(all)) problems.push(`no reply matches ${re}`);
  if (expect.messages !== undefined && replies.length !== expect.messages) problems.push(`${replies.length} messages, not ${expect.messages}`);
  if (expect.asksLast) {
    const last = replies.at(-1);
    if (!last || !expect.asksLast.test(last.text ?? '')) problems.push(`the last message is not the question ${expect.asksLast}`);
    else if (last.attachments?.length) problems.push('the question comes with a card');
  }
  for (const re of list(expect.not)) if (re.test(all)) problems.push(`a reply matches ${re}`);
  if (expect.territory) {
    const wave = expect.wave ?? 2023;
    const territory = facts.kb.territory(wave, expect.territory);
    if (!territory) problems.push(`unknown territory ${expect.territory} (${wave}) in the corpus`);
    else {
      if (!all.includes(territory.name)) problems.push(`territory "${territory.name}" (${expect.territory}, ${wave}) not named`);
      const period = wave === 2023 ? '2023-2027' : wave === 2019 ? '2019-2022' : String(wave);
      if (!all.includes(period)) problems.push(`list ${period} not named`);
    }
  }
  if (expect.commune && !all.includes(expect.commune)) problems.push(`commune "${expect.commune}" not named`);
  if (expect.outside && !/(n'est dans aucun Territoire|is not in any Territoire)/.test(all)) problems.push('not said to be outside every territory');
  for (const offered of list(expect.offers)) {
    if (!buttons.some((b) => b.title.includes(offered)))
      problems.push(`no button "${offered}" (buttons: ${buttons.map((b) => b.title).join(' | ') || 'none'})`);
  }
  for (const kind of list(expect.card)) if (!kinds.includes(kind)) problems.push(`no ${kind} card (cards: ${kinds.join(', ') || 'none'})`);
  if (expect.noCard && kinds.length > 0) problems.push(`unexpected card(s): ${kinds.join(', ')}`);
  if (expect.noPlace) {
    if (kinds.some((k) => k === 'territory' || k === 'choices')) problems.push(`a place was answered (cards: ${kinds.join(', ')})`);
    if (PLACE_ANSWER.test(all)) problems.push('a place was answered');
  }
  if (expect.capabilities) {
    for (const re of CAPABILITIES) if (!re.test(all)) problems.push(`not the "what I can do" answer (${re})`);
  }
  if (expect.operator) {
    const name = operatorKey(facts, expect.operator);
    if (!all.includes(name)) problems.push(`operator ${name} not named`);
    if (expect.onlyOperator) {
      for (const other of OPERATOR_IDS)
        if (other !== expect.operator && all.includes(operatorKey(facts, other))) problems.push(`another operator named: ${operatorKey(facts, other)}`);
    }
  }
  if (expect.lang) {
    const wrong = texts.filter((t) => t && languageOfText(t) !== expect.lang);
    if (wrong.length > 0) problems.push(`not in ${expect.lang}: "${wrong[0]!.slice(0, 80)}"`);
  }
  if (expect.notRepeated) {
    const before = previous.map((r) => r.text ?? '').join('\n');
    if (before && before === all) problems.push('the same reply as the turn before');
  }
  return problems;
}

function describe(turn: Turn): string {
  if ('say' in turn) return turn.say.length > 80 ? `${turn.say.slice(0, 77)}… (${turn.say.length} chars)` : turn.say;
  if ('click' in turn) return `[click] ${String(turn.click)}`;
  if ('chip' in turn) return `[chip] ${String(turn.chip)}`;
  if ('value' in turn) return `[value] ${JSON.stringify(turn.value)}`;
  return `[${turn.activity.type as string}]`;
}

const matches = (pattern: string | RegExp, title: string) => (typeof pattern === 'string' ? title.includes(pattern) : pattern.test(title));

/** Plays one conversation in a conversation of its own; resolves with what went wrong, turn by turn. */
export async function playConversation(channel: FakeChannel, conversation: Conversation, facts: Facts, conversationId: string): Promise<ConversationResult> {
  const failures: TurnFailure[] = [];
  let last: CapturedActivity[] = [];
  // Cards stay on screen: a user may click a button of any earlier reply, not only the last.
  const shown: CapturedActivity[] = [];
  for (const [index, turn] of conversation.turns.entries()) {
    let activity: Record<string, unknown>;
    const base = { ...(conversation.channelId ? { channelId: conversation.channelId } : {}), ...(conversation.locale ? { locale: conversation.locale } : {}) };
    if ('say' in turn) activity = { ...base, type: 'message', text: turn.say, ...(turn.locale ? { locale: turn.locale } : {}) };
    else if ('click' in turn) {
      const from = turn.fromEarlier ? shown : last;
      const button = [...buttonsOf(from)].reverse().find((b) => b.kind === 'card' && b.type === 'Action.Submit' && matches(turn.click, b.title));
      if (!button) {
        failures.push({
          turn: index + 1,
          input: describe(turn),
          problems: [
            `no card button ${String(turn.click)} to click (buttons: ${
              buttonsOf(from)
                .map((b) => b.title)
                .join(' | ') || 'none'
            })`,
          ],
          replies: [],
        });
        break;
      }
      // What Web Chat and Teams send for an Action.Submit: the data as `value`, and no text.
      activity = { ...base, type: 'message', value: button.data };
    } else if ('chip' in turn) {
      const chip = buttonsOf(last).find((b) => b.kind === 'chip' && matches(turn.chip, b.title));
      if (!chip) {
        failures.push({
          turn: index + 1,
          input: describe(turn),
          problems: [
            `no suggested action ${String(turn.chip)} (buttons: ${
              buttonsOf(last)
                .map((b) => b.title)
                .join(' | ') || 'none'
            })`,
          ],
          replies: [],
        });
        break;
      }
      activity = { ...base, type: 'message', text: String(chip.data) };
    } else if ('value' in turn) activity = { ...base, type: 'message', value: turn.value, ...(turn.text !== undefined ? { text: turn.text } : {}) };
    else activity = { ...base, ...turn.activity };

    let replies: CapturedActivity[];
    let status: number;
    try {
      ({ status, replies } = await channel.send(activity, conversationId));
    } catch (err) {
      failures.push({ turn: index + 1, input: describe(turn), problems: [`request failed: ${err instanceof Error ? err.message : String(err)}`], replies: [] });
      break;
    }
    const problems = status === 200 || status === 201 || status === 202 ? [] : [`HTTP ${status}`];
    problems.push(...check(turn.expect ?? {}, replies, facts, last));
    if (problems.length > 0) failures.push({ turn: index + 1, input: describe(turn), problems, replies: replies.map((r) => (r.text ?? '').slice(0, 300)) });
    last = replies;
    shown.push(...replies);
  }
  return { id: conversation.id, kind: conversation.kind, passed: failures.length === 0, failures };
}

/** Plays every conversation (each in its own conversation id) and summarises the pass rate by kind. */
export async function playCorpus(
  channel: FakeChannel,
  conversations: readonly Conversation[],
  facts: Facts,
  prefix = `corpus-${Date.now()}`,
): Promise<{ results: ConversationResult[]; passed: number; total: number; byKind: Record<string, { passed: number; total: number }> }> {
  const results: ConversationResult[] = [];
  for (const [i, c] of conversations.entries()) results.push(await playConversation(channel, c, facts, `${prefix}-${i}`));
  const byKind: Record<string, { passed: number; total: number }> = {};
  for (const r of results) {
    const k = (byKind[r.kind] ??= { passed: 0, total: 0 });
    k.total++;
    if (r.passed) k.passed++;
  }
  return { results, passed: results.filter((r) => r.passed).length, total: results.length, byKind };
}

export function formatFailure(r: ConversationResult): string {
  return [
    `${r.id} (${r.kind})`,
    ...r.failures.map(
      (f) => `  turn ${f.turn} "${f.input}": ${f.problems.join('; ')}\n    replies: ${f.replies.map((t) => JSON.stringify(t.slice(0, 160))).join(' / ')}`,
    ),
  ].join('\n');
}
