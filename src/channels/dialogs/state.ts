import type { FirmProfile, ProfileField } from '../../domain/profile';
import type { Lang } from '../../presentation/lang';
import type { Question } from './router';

/** What the conversation remembers between turns (stored through the bot's Storage). */
export interface ConversationMemory {
  lang?: Lang;
  /** The territory last shown, so "mes aides" and "contacter" need no new question. */
  territory?: { id: string; wave: number };
  communeCode?: string;
  /** Contact requests sent from this conversation (newest first), for "où en est ma demande ?". */
  contactRequests?: Array<{ reference: string; draftId: string }>;
  /** What the firm told about itself, for the eligibility answer. */
  profile?: FirmProfile;
  /** The questions about the firm it could not answer ("je ne sais pas"): not asked again. */
  unanswered?: ProfileField[];
  /** The question the bot is waiting an answer to: the router reads the next message against it. */
  pending?: Question;
  /** When the last turn ran (ISO): a flow left waiting longer than the drafts' lifetime is dropped. */
  lastTurnAt?: string;
  /** Set when a flow was dropped for having waited too long: the next message says so, once. */
  flowExpired?: boolean;
  /**
   * The last answer was a list of territories: "et en Bretagne ?" asks the same for another area,
   * "et en 2019 ?" the same area in another list. Its request's text (true: stored before it was kept).
   */
  listed?: string | true;
  /** The scheme the last answer explained: "on y a droit ?" right after asks about it. */
  schemeAsked?: string;
}

export const MEMORY_PROPERTY = 'memory';
/** Where the flows' dialog stack is kept (the flows that ask over several turns), drafts of personal data included (the contact flow's answers). */
export const FLOWS_PROPERTY = 'flows';
