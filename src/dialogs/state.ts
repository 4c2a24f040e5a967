import type { Lang } from './language';

/** What the conversation remembers between turns (stored through the bot's Storage). */
export interface ConversationMemory {
  lang?: Lang;
  /** The territory last shown, so "mes aides" and "contacter" need no new question. */
  territory?: { id: string; wave: number };
  communeCode?: string;
  /** Candidates of the last ambiguity question: label → query that resolves it. */
  choices?: Array<{ label: string; value: string }>;
}

export const MEMORY_PROPERTY = 'memory';
