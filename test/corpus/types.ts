import type { OperatorId } from '../../src/domain/types';

/** What a turn's replies must show. Every turn also checks: at least one reply, never the error message. */
export interface Expect {
  /** Each must match the text of some reply. */
  says?: RegExp | RegExp[];
  /** None may match any reply's text. */
  not?: RegExp | RegExp[];
  /** The answer names this territory, by its knowledge-base name in `wave` (2023 unless said), and the list's period. */
  territory?: string;
  wave?: number;
  /** The answer names this commune as the bot writes it: "Cluses (74)". */
  commune?: string;
  /** The place is in no territory. */
  outside?: boolean;
  /** Buttons (card actions or suggested actions) whose titles contain these. */
  offers?: string | string[];
  /** Cards shown: 'territory' | 'choices' | 'schemes' | 'contact-summary' | 'contact-confirmation'. */
  card?: string | string[];
  noCard?: boolean;
  /** No town was answered: no territory or choices card, no "est dans le Territoire" sentence. */
  noPlace?: boolean;
  /** The answer says what the assistant can do. */
  capabilities?: boolean;
  /** The answer names this operator (and, with onlyOperator, none of the three others). */
  operator?: OperatorId;
  onlyOperator?: boolean;
  /** Every reply is in this language. */
  lang?: 'fr' | 'en';
  /** The replies differ from the previous turn's (no loop on the same question). */
  notRepeated?: boolean;
  /** No reply is expected (an activity the bot answers with nothing). */
  silent?: boolean;
  /** How many messages the turn sends (each is a round trip to the channel, throttled per conversation in Teams). */
  messages?: number;
  /** The last message is this question, on its own (no card): users answer what they read last. */
  asksLast?: RegExp;
}

export type Turn = (
  | { say: string; locale?: string }
  /** Clicks an Action.Submit button of the last replies (or of any earlier one with fromEarlier), by title. */
  | { click: string | RegExp; fromEarlier?: boolean }
  /** Clicks a suggested action of the last replies (sends its value as text). */
  | { chip: string | RegExp }
  /** A message with this value (a card payload) and, if given, this text. */
  | { value: unknown; text?: string }
  /** Any other activity (conversationUpdate, event). */
  | { activity: Record<string, unknown> }
) & { expect?: Expect };

export interface Conversation {
  id: string;
  /** The issue class it covers: crash, buttons, namesakes, no-place, input-kept, advisors, language, long, lookup, eligibility, contact, … */
  kind: string;
  turns: Turn[];
  channelId?: string;
  locale?: string;
}

export interface Button {
  kind: 'card' | 'chip';
  type: string;
  title: string;
  data: unknown;
}
